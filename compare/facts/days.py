"""Weekdays and relative dates as facts: what event each dates, in which tense, and how two compare.

:mod:`compare.dates` finds "on Tuesday", "earlier this week", "last month" in
a text and resolves them against a date; this module reads from the
dependency parse what each dates (the verb it modifies, or the noun of
"Tuesday's vote"), the tense of that verb (past: the last such weekday;
future: the next) and its subject when that is a name, and compares two of
them for :func:`compare.facts.conflicts.conflicts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..alignment import AlignedStory
from ..dates import DayMention, Span, find_day_mentions, overlap, parse_anchor, readings, span_text
from ..numbers import Quantity, tokens_within

__all__ = ["Day", "compare_days", "day_mentions"]


@dataclass(frozen=True)
class Day:
    """A weekday or relative date with its article's date and the tense of the verb it dates."""

    mention: DayMention
    anchor: date | None
    tense: str | None
    actor: str | None


_FUTURE_AUX = {"will", "'ll", "wo", "shall", "would"}
#: Verbs of saying: "said Tuesday" vs "said Wednesday" is mostly the same words said twice, not one event dated twice.
_SPEECH_VERBS = {"say", "tell", "add", "note", "write", "tweet", "state", "explain", "insist", "argue", "claim", "ask", "reply"}
_FUTURE_VERBS = {"expect", "schedule", "slate", "plan", "set", "due"}
_PAST_AUX = {"has", "have", "had", "was", "were", "did"}


def day_mentions(aligned: AlignedStory, a: int, taken: list[tuple[int, int]]) -> list[tuple[DayMention, Quantity, Day]]:
    """Article ``a``'s weekdays and relative dates outside its number mentions, each with what it dates."""
    doc = aligned.parsed[a].doc
    anchor = parse_anchor(aligned.parsed[a].article.date)
    nearest: dict[int, tuple[int, tuple[DayMention, Quantity, Day]]] = {}
    for d in find_day_mentions(aligned.parsed[a].article.text):
        if any(s < d.end and d.start < e for s, e in taken):
            continue
        thing, tense, actor, verb, distance = _event(doc, d.start, d.end)
        if thing is None or (verb in nearest and nearest[verb][0] <= distance):
            continue  # a verb dated twice keeps its nearest date: the other one is a misattached modifier
        nearest[verb] = (distance, (d, Quantity(d.key, "day", thing=thing, text=d.text), Day(d, anchor, tense, actor)))
    return [found for _, found in sorted(nearest.values(), key=lambda v: v[1][0].start)]


def _event(doc, start: int, end: int) -> tuple[str | None, str | None, str | None, int, int]:
    """What a day expression dates, from the parse: the verb it modifies (or the noun of "Tuesday's vote"),
    that verb's tense (``past``, ``future`` or None), its subject when that is a name ("Inslee"), the
    verb's token index and its distance in tokens from the expression."""
    toks = tokens_within(doc, start, end)
    if not toks or not doc.has_annotation("DEP"):
        return None, None, None, -1, 0
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    if root.dep_ == "poss" and root.head.pos_ == "NOUN":
        return _lemma(root.head), None, None, root.head.i, 1
    verb = root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") and verb.i not in inside or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in _SPEECH_VERBS:
        return None, None, None, -1, 0
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    actor = subj[0].text.lower() if subj and subj[0].pos_ == "PROPN" else None
    distance = min(abs(verb.i - t.i) for t in toks)
    return _lemma(verb), _tense(verb), actor, verb.i, distance


def _tense(verb) -> str | None:
    """``future`` for "will vote", "is expected to vote"; ``past`` for "voted", "has voted", "was passed"."""
    tok = verb
    for _ in range(3):
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE_AUX or (tok.lemma_ in _FUTURE_VERBS and any(c.dep_ == "xcomp" for c in tok.children)):
            return "future"
        if tok.tag_ == "VBD" or aux & _PAST_AUX or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")):
            return "past"
        if tok.head.i == tok.i or tok.dep_ not in ("xcomp", "advcl", "conj", "acl", "relcl"):
            break
        tok = tok.head
    return None


def _lemma(tok) -> str:
    from ..normalize import norm_word

    return norm_word(tok.lemma_)


def _spans(day: Day) -> tuple[Span, ...] | None:
    """The readings of a day expression (None without an article date to place it)."""
    return readings(day.mention, day.anchor, day.tense) if day.anchor is not None else None


def compare_days(items: list, by_sent: dict[int, list[int]], days: dict[int, Day], x: int, y: int):
    """Compare two day items of one event: ``(status, note, value_x, value_y)`` or None (same expression, no note).

    ``status`` is ``conflict`` when no readings meet (or, without article dates, the weekdays differ),
    ``uncertain`` when only less plausible readings meet, ``agreement`` when the most plausible meet.
    """
    (_, k1, m1, _), (_, k2, m2, _) = items[x], items[y]
    q1, q2 = m1.quantity, m2.quantity
    d1, d2 = days[x], days[y]
    if d1.actor and d2.actor and d1.actor != d2.actor:
        return None
    r1, r2 = _spans(d1), _spans(d2)
    if r1 is None or r2 is None:
        w1, w2 = d1.mention.weekday, d2.mention.weekday
        if w1 is None or w2 is None or w1 == w2 or " " in d1.mention.key or " " in d2.mention.key:
            return None
        return "conflict", f"{q1.text} vs {q2.text} (weekdays; no article date to place them)", q1.text, q2.text
    status = overlap(r1, r2)
    if status == "agree" and q1.text == q2.text and d1.anchor == d2.anchor:
        return None
    if status != "agree" and (_other_day_agrees(items, by_sent, days, x, k2) or _other_day_agrees(items, by_sent, days, y, k1)):
        return None
    t1, t2 = span_text(r1[0]), span_text(r2[0])
    if status == "agree":
        same = "same date" if r1[0] == r2[0] else "the dates meet"
        note = f"{same}: {q1.text} = {t1}, {q2.text} = {t2} (from the articles' dates)"
        status = "agreement"
    elif status == "differ":
        note = f"{q1.text} = {t1} vs {q2.text} = {t2} (resolved against the articles' dates)"
        status = "conflict"
    else:
        note = f"may differ: {q1.text} = {t1} vs {q2.text} = {t2}, but another reading of the days meets"
    return status, note, _iso(r1[0]), _iso(r2[0])


def _iso(span: Span) -> str:
    return span[0].isoformat() if span[0] == span[1] else f"{span[0].isoformat()}/{span[1].isoformat()}"


def _other_day_agrees(items: list, by_sent: dict[int, list[int]], days: dict[int, Day], x: int, k: int) -> bool:
    """True when sentence ``k`` also gives a day that meets item ``x``'s (then the pair is not a conflict)."""
    rx = _spans(days[x])
    if rx is None:
        return False
    others = (_spans(days[i]) for i in by_sent[k] if i in days)
    return any(ri is not None and overlap(rx, ri) == "agree" for ri in others)
