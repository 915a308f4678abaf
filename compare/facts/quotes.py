"""Quote facts: direct quotations, the versions of one statement grouped and classified.

Versions of the same statement (mostly the same words, in different outlets)
are grouped; each is compared word by word with a reference (a transcript
that holds the words, else the outlet quoting most of the statement) and
classified ``identical``, ``trimmed``, ``reworded`` or ``altered``
(:mod:`compare.facts.variants`: only against the part of the reference the
version matches; words printed in another quotation of the article are not
dropped). Two remarks sharing only a formula are kept apart
(:func:`~compare.facts.statements.conflicting`). The tables are in
:mod:`compare.facts.sources`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..alignment import AlignedStory
from ..normalize import norm_word
from ..speaker_words import is_unnamed_source
from ..vocab import UNKNOWN
from .entities import entity_key
from .names import NAME_SUFFIXES, fits_name, name_core, same_first_name, same_person_name, untitled
from .statements import LONG_RUN, KeptApart, candidate_pairs, excerpts_of_one, formula_pairs, longest_run, statement_ids
from .units import COUNTERPART_CUTOFF, FactUnit, evidence_record, shorten
from .variants import TONE_WORDS, changes_text, classify, printed_elsewhere
from .variants import quote_words as _words

if TYPE_CHECKING:
    from rapidfuzz.distance import ScoreAlignment

__all__ = ["TONE_WORDS", "quote_facts", "quote_records", "speaker_key", "speaker_map"]


def _name_key(speaker: str) -> str:
    """:func:`entity_key` of a speaker's name without its titles or accents ("Mr. Trump" -> "trump",
    "Felipe Calderón" -> "felipe calderon": outlets differ in accents, not in people)."""
    key = entity_key(untitled(speaker) or speaker)
    return "".join(ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch))


def speaker_key(speaker: str, mapping: dict[str, str]) -> str:
    """The key a speaker is counted under: its name key (no titles), short names mapped by ``mapping``."""
    if not speaker or speaker == UNKNOWN:
        return UNKNOWN
    key = _name_key(speaker)
    return mapping.get(key, key)


def speaker_map(names: list[str], others: Iterable[str] = ()) -> dict[str, str]:
    """Short speaker names to the one fullest name they fit ("cho" -> "cho han bum").

    A name fits a longer one by :func:`~compare.facts.names.fits_name`; among the
    longer names it fits, those that fit a still longer one are forms of it, so
    "trump" and "donald trump" both map to "donald j. trump" when the three are used.
    ``others`` are the other people the text names: where it names a father and
    his son ("Jesse L. Jackson" and "Jesse L. Jackson Jr."), the two are two people
    and a short name that fits them ("Jackson") is left as it is.
    """
    # an unnamed source is kept as written: "a spokesperson" is not "a Microsoft spokesperson"
    uses = Counter(_name_key(n) for n in names if n and n != UNKNOWN and not is_unnamed_source(n))
    keys = sorted(uses)
    named = set(keys) | {_name_key(n) for n in others}
    # "X" and "X Jr." both written in one text are a father and a son, not one name written two ways
    fathers = {_unsuffixed(n) for n in named if _suffixed(n)} & named

    def fits(full: str, short: str) -> bool:
        return fits_name(full, short.split()) and not (short in fathers and _suffixed(full))

    # "tim murray" and "timothy murray" are one name: the longer spelling stands for both; of two
    # spellings one letter apart ("vicente fox", "vincente fox") the one used more often
    rest = {k: tuple(name_core(k.split())[1:]) for k in keys}
    by_rest: dict[tuple[str, ...], list[str]] = defaultdict(list)  # only names with one surname can be one
    for k in keys:
        by_rest[rest[k]].append(k)

    def first(name: str) -> str:
        return name_core(name.split())[0]

    spelling = {}
    for k in keys:
        variants = [f for f in by_rest[rest[k]] if f == k or same_person_name(f, k)]
        typos = [f for f in variants if f == k or not same_first_name(first(f), first(k), misspelt=False)]
        chosen = max(typos, key=lambda f: (uses[f], len(f), f))
        spelling[k] = max({chosen, *(f for f in variants if f not in typos)}, key=lambda f: (len(f), f))
    out = {k: v for k, v in spelling.items() if v != k}
    for k in keys:
        cands = [f for f in keys if fits(f, k)]
        fullest = {spelling[f] for f in cands if not any(fits(g, f) for g in cands)}
        if len(fullest) != 1:
            continue
        full = fullest.pop()
        if full not in fathers and _unsuffixed(full) not in fathers:
            out[k] = spelling[full]
    return out


def _unsuffixed(name: str) -> str:
    return " ".join(w for w in name.split() if w.rstrip(".") not in NAME_SUFFIXES)


def _suffixed(name: str) -> bool:
    """A name of two words or more with a generation ("jesse l. jackson jr.")."""
    words = name.split()
    return len(words) >= 3 and words[-1].rstrip(".") in NAME_SUFFIXES


def _may_share(a: str, b: str) -> bool:
    """Whether quotations of speakers ``a`` and ``b`` may be versions of one remark on short shared wording:
    not two different named people ("I'm not going to pay" / "we are not going to pay any single cent")."""
    return UNKNOWN in (a, b) or is_unnamed_source(a) or is_unnamed_source(b) or _one_person(a, b)


def _one_person(a: str, b: str) -> bool:
    """Whether speaker keys ``a`` and ``b`` can name one person ("trump", "donald j. trump")."""
    return a == b or fits_name(a, b.split()) or fits_name(b, a.split()) or same_person_name(a, b)


def _same_statement(a: str, b: str) -> bool:
    return _same_words(_words(a), _words(b))


def _same_words(wa: list[str], wb: list[str]) -> bool:
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if min(len(wa), len(wb)) < 4:
        return False
    blocks = [o for o in Levenshtein.opcodes(wa, wb) if o.tag == "equal"]
    equal = [o.src_end - o.src_start for o in blocks]
    if max(equal, default=0) >= 8:
        return True
    if sum(equal) / min(len(wa), len(wb)) < 0.6:
        return False
    # words shared in a run, not scattered: "The longer we wait" and "The reality is, we … longer"
    # share "the", "we" and "longer", one word at a time
    return max(equal) >= 3


def _modifiers(parsed, start: int, end: int) -> list[str]:
    """Adjectives and adverbs of a quotation (inserted ones change its tone)."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    return [
        norm_word(t.text) for t in (span if span is not None else ()) if t.pos_ in ("ADJ", "ADV") and t.dep_ in ("amod", "advmod")
    ]


def quote_records(aligned: AlignedStory, transcripts: set[int]) -> list[dict]:
    """The outlets' quotations (``a``: article, ``q``: quote), grouped and classified, in group order."""
    from ..quotes import find_quotes

    records: list[dict[str, Any]] = []
    for a, p in enumerate(aligned.parsed):
        if a in transcripts:
            continue
        for q in find_quotes(p):
            if not _words(q.text):
                continue
            records.append({"a": a, "q": q})
    mapping = speaker_map([r["q"].speaker for r in records])
    for r in records:
        r["speaker_key"] = speaker_key(r["q"].speaker, mapping)
    # Group versions of the same statement (joins over pairs from different articles), the most
    # alike first; two remarks that share only a formula are kept apart even when a short quotation
    # of the formula is a version of both.
    words = [_words(r["q"].text) for r in records]
    for r, ws in zip(records, words):
        r["words"] = ws
    same = [
        (i, j)
        for i, j in _candidate_pairs(words)
        if records[i]["a"] != records[j]["a"]
        and _same_words(words[i], words[j])
        and (_may_share(records[i]["speaker_key"], records[j]["speaker_key"]) or _telling_run(words[i], words[j]))
    ]
    arts = [r["a"] for r in records]
    apart = [(i, j) for i, j in formula_pairs(arts, words, candidate_pairs(words)) if not _same_words(words[i], words[j])]
    versions = KeptApart(len(records), apart)
    for i, j in sorted(same, key=lambda p: _alike(words[p[0]], words[p[1]]), reverse=True):
        versions.union(i, j)
    order = sorted(versions.groups(), key=lambda ms: min((records[i]["a"], records[i]["q"].start) for i in ms))
    transcript = [(t, aligned.parsed[t]) for t in transcripts]
    for n, members in enumerate(order, 1):
        _classify_group(aligned, [records[i] for i in members], n, transcript)
    out = [records[i] for ms in order for i in sorted(ms, key=lambda i: (records[i]["a"], records[i]["q"].start))]
    _join_statements(aligned, out)
    printed_elsewhere(out)
    return out


#: Words other than stop words a run shared by two named people's quotations must hold: "are on the wrong
#: side of history" (three) is an idiom two people say, not one remark given to the wrong person.
TELLING_WORDS = 4


def _telling_run(wa: list[str], wb: list[str]) -> bool:
    """Whether two quotations share a run of :data:`LONG_RUN` words with :data:`TELLING_WORDS` of them not stop
    words, or one is wholly the other's words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    n, i, _ = longest_run(wa, wb)
    whole = n == min(len(wa), len(wb))
    return n >= LONG_RUN and (whole or sum(w not in STOP_WORDS for w in wa[i : i + n]) >= TELLING_WORDS)


def _alike(wa: list[str], wb: list[str]) -> tuple[float, float, float]:
    """How alike two word lists are: their longest shared run, then all shared words, over the shorter list; then over the longer."""
    shared = sum(o.src_end - o.src_start for o in Levenshtein.opcodes(wa, wb) if o.tag == "equal")
    short = max(min(len(wa), len(wb)), 1)
    return longest_run(wa, wb)[0] / short, shared / short, shared / max(len(wa), len(wb), 1)


def _join_statements(aligned: AlignedStory, records: list[dict]) -> None:
    """Give each record its ``statement`` id; versions joined only by meaning become ``reworded``.

    Two quotations may be joined by meaning only when the sentences holding
    them are counterparts (one alignment group, a pair score of at least
    :data:`~compare.facts.units.COUNTERPART_CUTOFF`, or each the other's
    best-scored partner in the other's article, as a translated sentence is):
    one speaker says many things that are close in meaning.
    """
    where = [aligned.sentence_at(r["a"], r["q"].start) for r in records]

    def counterparts(i: int, j: int) -> bool:
        ki, kj = where[i], where[j]
        if ki is None or kj is None:
            return False
        gi = aligned.group_of(ki)
        if (gi is not None and gi == aligned.group_of(kj)) or aligned.pair_score(ki, kj) >= COUNTERPART_CUTOFF:
            return True
        return aligned.mutual_best(ki, kj)

    def may_join(i: int, j: int) -> bool:
        ri, rj = records[i], records[j]
        return _may_share(ri["speaker_key"], rj["speaker_key"]) or _telling_run(ri["words"], rj["words"])

    ids, how = statement_ids(records, [r["words"] for r in records], counterparts, may_join)
    reworded_groups = {r["quote"] for r, h in zip(records, how) if h == "reworded"}
    first_group: dict[int, int] = {}
    for r, sid in zip(records, ids):
        r["statement"] = sid
        first_group.setdefault(sid, r["quote"])
    for r, h in zip(records, how):
        if r["quote"] == first_group[r["statement"]]:
            continue
        if r["quote"] in reworded_groups:
            if r["variant"] in ("identical", "trimmed"):
                r["variant"] = "reworded"
            extra = f"a reworded or translated version of statement {r['statement']} (close in meaning, same speaker)"
        else:
            extra = f"an excerpt of statement {r['statement']}" + (f" ({h})" if h else "")
        r["note"] = "; ".join(x for x in (r["note"], extra) if x)


def _candidate_pairs(words: list[list[str]]) -> Iterator[tuple[int, int]]:
    """Pairs of quotes that are identical or share a content word (only those can be the same statement)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    content = [set(ws) - STOP_WORDS for ws in words]
    return ((i, j) for i, j in candidate_pairs(words) if content[i] & content[j] or words[i] == words[j])


def _classify_group(aligned: AlignedStory, group: list[dict], n: int, transcript: list) -> None:
    labels = aligned.story.labels
    # one unnamed source ("an aide") is nobody to tell apart from another outlet's "a senior official"
    speakers = sorted(
        {r["speaker_key"] for r in group if r["speaker_key"] != UNKNOWN and not is_unnamed_source(r["speaker_key"])}
    )
    # name variants of one person ("Trump", "Donald J. Trump") are one speaker
    misattributed = any(not _one_person(a, b) for i, a in enumerate(speakers) for b in speakers[i + 1 :])
    by_article: dict[int, list[dict]] = defaultdict(list)
    for r in group:
        by_article[r["a"]].append(r)
    ref_text, ref_label, ref_a = None, None, None
    for _, parsed in transcript:
        best = max(
            (
                # never None: the default score_cutoff is 0
                cast(
                    "ScoreAlignment",
                    fuzz.partial_ratio_alignment(" ".join(_words(r["q"].text)), " ".join(_words(parsed.article.text))),
                )
                for r in group
            ),
            key=lambda al: al.score,
            default=None,
        )
        if best is not None and best.score >= 80:
            ref_text = _transcript_span(parsed.article.text, group)
            ref_label = labels[parsed.article.id]
            break
    if ref_text is None:
        ref_a = max(by_article, key=lambda a: (sum(len(r["words"]) for r in by_article[a]), -a))
        ref_label = labels[aligned.parsed[ref_a].article.id]
        refs = [r["q"].text for r in sorted(by_article[ref_a], key=lambda r: r["q"].start)]
    else:
        refs = [ref_text]
    candidates = refs + ([" ".join(refs)] if len(refs) > 1 else [])
    for r in group:
        q = r["q"]
        best = max(candidates, key=lambda c: (_shared_words(c, q.text), -abs(len(c) - len(q.text))))
        pos = _modifiers(aligned.parsed[r["a"]], q.start, q.end)
        variant, edits = classify(best, q.text, pos)
        cut = excerpts_of_one(_words(best), _words(q.text))
        if variant in ("altered", "reworded") and cut in ("cut at different points", "overlapping excerpts"):
            variant = "trimmed"
        else:
            cut = ""
        note = []
        if misattributed:
            names = sorted(
                {x["q"].speaker for x in group if x["speaker_key"] != UNKNOWN and not is_unnamed_source(x["speaker_key"])}
            )
            note.append("attributed to different speakers: " + ", ".join(names))
        if q.speaker == UNKNOWN:
            note.append("no speaker named")
        r.update(
            quote=n,
            variant=variant,
            reference=ref_label,
            changes=changes_text(cut, edits),
            note="; ".join(note),
            edits=edits,
            cut=cut,
            ref_a=ref_a,
        )


def _shared_words(a: str, b: str) -> int:
    wa, wb = _words(a), _words(b)
    return sum(o.src_end - o.src_start for o in Levenshtein.opcodes(wa, wb) if o.tag == "equal")


def _transcript_span(text: str, group: list[dict]) -> str:
    """The transcript's words that best match the longest version of the quotation."""
    longest = max((r["q"].text for r in group), key=len)
    al = cast("ScoreAlignment", fuzz.partial_ratio_alignment(longest, text))  # never None: score_cutoff is 0
    lo, hi = al.dest_start, al.dest_end
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum():
        hi += 1
    return text[lo:hi]


def quote_facts(aligned: AlignedStory, quotes: list[dict]) -> list[FactUnit]:
    """One ``quote`` fact per group of :func:`quote_records`."""
    by_quote: dict[int, list[dict]] = defaultdict(list)
    for r in quotes:
        by_quote[r["quote"]].append(r)
    facts = []
    for n, rs in sorted(by_quote.items()):
        evidence: dict[int, list[dict]] = defaultdict(list)
        for r in rs:
            k = aligned.sentence_at(r["a"], r["q"].start)
            if k is not None:
                evidence[r["a"]].append(evidence_record(aligned, k, (r["q"].start, r["q"].end)))
        if not evidence:
            continue
        known = [r["q"].speaker for r in rs if r["q"].speaker != UNKNOWN]
        speaker = max(known, key=lambda s: (len(s), s)) if known else UNKNOWN
        text = max((r["q"].text for r in rs), key=len)
        first = min(ev["_k"] for evs in evidence.values() for ev in evs)
        facts.append(
            FactUnit(
                f"quote:{n}", "quote", f"{speaker}: “{shorten(text, 70)}”", text, dict(evidence), rs[0]["note"], order=(1, first)
            )
        )
    return facts
