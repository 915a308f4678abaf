"""Number conflicts: the same counted thing given different values.

Every kind of number is compared: money, counts, percentages, ages, dates and
durations (:data:`NUMBER_KINDS`). Two numbers are compared when they are of
the same kind and unit, count the same thing (from the dependency parse, see
:func:`compare.numbers.find_quantities`; an age or a date is compared in the
same claim without one) and their sentences report the same claim. Rounding,
qualifiers ("about 10,000" vs "10,000") and bounds that the other value
satisfies ("more than 2,000" vs "2,400") are agreements with a note, never
conflicts.

Weekdays and relative dates ("on Tuesday", "earlier this week", "last month")
are dates too (:mod:`compare.dates`): each is resolved against its own
article's date, and two are compared when they date the same event (the verb
they modify, from the parse) or are the only dates of two sentences that
report the same claim. They conflict only when no reading of either (past or
coming weekday, week starting Monday or Sunday) meets the other; when the
most plausible readings differ but some readings meet, the row's status is
``uncertain``. Without article dates, weekdays are compared by name.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from rapidfuzz import fuzz

from ..alignment import AlignedStory
from ..numbers import QuantityMention
from .analysis import as_analysis
from .days import Day, compare_days, day_mentions
from .figures import (
    NUMBER_KINDS,
    close,
    comparable,
    has_match,
    number_kind,
    one_digit_apart,
    other_moments,
    partners,
    row_value,
    same_thing,
)
from .rounding import BOUNDS as _BOUNDS
from .rounding import agree as _agree
from .rounding import compatible as _compatible
from .units import EVIDENCE_KEYS, STATING_CUTOFF, FactAnalysis, evidence_record

__all__ = ["CONFLICT_COLUMNS", "NUMBER_KINDS", "conflicts", "number_kind"]

#: Columns of :func:`conflicts` (``Comparison.conflicts``).
CONFLICT_COLUMNS = [
    "kind",
    "thing",
    "unit",
    "status",
    "outlet_a",
    "article_a",
    "value_a",
    "text_a",
    "sentence_a",
    "outlet_b",
    "article_b",
    "value_b",
    "text_b",
    "sentence_b",
    "group",
    "note",
    "evidence",
]
#: Within one article, numbers in sentences at most this many numbered sentences apart are compared.
SAME_ARTICLE_WINDOW = 60


def _candidate_pairs(aligned: AlignedStory, items: list, by_sent: dict[int, list[int]]) -> list[tuple[int, int]]:
    """Pairs of number mentions worth comparing, ``x < y``, in a deterministic order.

    Across articles only sentences the aligner paired (its candidate pairs: in one
    group, or scored at or above the cut-off) are compared, so the work grows with
    the aligner's candidates, not with the square of the story's numbers; within
    one article, sentences at most :data:`SAME_ARTICLE_WINDOW` sentences apart.
    """
    sentence_pairs = {(min(i, j), max(i, j)) for i, j, _ in aligned.links if i in by_sent and j in by_sent}
    sentence_pairs |= {(min(i, j), max(i, j)) for i, j, _ in aligned.possible if i in by_sent and j in by_sent}
    for (i, j), _ in aligned.pairs.items():
        if i in by_sent and j in by_sent and aligned.group_of(i) == aligned.group_of(j) is not None:
            sentence_pairs.add((min(i, j), max(i, j)))
    numbered = sorted(by_sent)
    for pos, k1 in enumerate(numbered):
        for k2 in numbered[pos + 1 : pos + 1 + SAME_ARTICLE_WINDOW]:
            if aligned.sentences[k1].article == aligned.sentences[k2].article:
                sentence_pairs.add((k1, k2))
    out: list[tuple[int, int]] = []
    for k1, k2 in sorted(sentence_pairs):
        out.extend((min(x, y), max(x, y)) for x in by_sent[k1] for y in by_sent[k2])
    return sorted(set(out))


def conflicts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """The same counted thing given different values, by two outlets or one article twice.

    Numbers of every kind are compared (money, counts, percentages, ages,
    dates, durations; :func:`number_kind`). Two numbers are compared when they
    are of the same kind and unit and count the same thing (ages and dates:
    any two in the same claim), and their sentences report the same claim
    (the same alignment group, or a pair score of at least the alignment cut-off,
    or a faded "possible" match when both count the same thing and lie within
    :data:`~compare.facts.figures.MAX_RATIO` of each other;
    within one article, sentences whose other words mostly agree). Values that
    differ only by rounding, qualifier ("about 10,000" vs "10,000"), a bound
    the other value satisfies ("more than 2,000" vs "2,400") or the precision
    of a date are listed with status ``agreement`` and a note, never as a
    conflict.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`CONFLICT_COLUMNS`): ``kind`` (:data:`NUMBER_KINDS`),
        ``thing`` (the counted thing, or None), ``unit`` (``day`` for a weekday or
        relative date), ``status`` (``conflict``, ``uncertain``: days whose
        resolution is unsure, or ``agreement``), for each side ``outlet_*``,
        ``article_*``, ``value_*`` (normalised), ``text_*`` (the number as
        written), ``sentence_*`` (the full sentence, so both can be read);
        ``group`` (alignment group or <NA>), ``note``, ``evidence`` (two
        evidence records). Conflicts first.
    """
    an = as_analysis(source)
    aligned = an.aligned
    items: list[tuple[int, int, QuantityMention, str]] = []
    for a in an.outlets:
        text = aligned.parsed[a].article.text
        for m in an.numbers.get(a, []):
            kind = number_kind(m.quantity, text, m.start, m.end)
            k = aligned.sentence_at(a, m.start)
            if kind is not None and k is not None:
                items.append((a, k, m, kind))
    days: dict[int, Day] = {}
    for a in an.outlets:
        taken = [(m.start, m.end) for m in an.numbers.get(a, [])]
        for d, q, day in day_mentions(aligned, a, taken):
            k = aligned.sentence_at(a, d.start)
            if k is not None and q.thing is not None:
                days[len(items)] = day
                items.append((a, k, QuantityMention(q, d.start, d.end), "day"))

    by_sent: dict[int, list[int]] = defaultdict(list)
    for x, item in enumerate(items):
        by_sent[item[1]].append(x)
    figures: dict[int, set[float]] = defaultdict(set)  # every plain figure of a sentence, of any kind or none
    for a in an.outlets:
        for m in an.numbers.get(a, []):
            k = aligned.sentence_at(a, m.start)
            if k is not None and not isinstance(m.quantity.value, str) and m.quantity.unit not in ("year", "date"):
                figures[k].add(float(m.quantity.value))
    seen, rows = set(), []
    for x, y in _candidate_pairs(aligned, items, by_sent):
        (a1, k1, m1, kind), (a2, k2, m2, kind2) = items[x], items[y]
        q1, q2 = m1.quantity, m2.quantity
        if "day" in (kind, kind2):
            row = _day_row(an, items, by_sent, days, x, y)
            if row is not None and (k1, k2, q1.text, q2.text) not in seen:
                seen.add((k1, k2, q1.text, q2.text))
                rows.append(row)
            continue
        if k1 == k2 or kind != kind2 or not comparable(kind, q1, q2):
            continue
        misprint = a1 != a2 and one_digit_apart(q1, q2)
        one_thing = same_thing(q1, q2) or misprint
        if not one_thing and (a1 == a2 and q1.thing and q2.thing or not partners(items, by_sent, x, y)):
            continue  # within one article, two numbers of different named things are two figures
        g1, g2 = aligned.group_of(k1), aligned.group_of(k2)
        if not _same_claim(an, a1, a2, k1, k2, g1, g2, strict=not one_thing, loose=one_thing and close(q1, q2)):
            continue
        agree, note = _agree(kind, q1, q2)
        if agree and not note:
            continue
        if agree and _compatible(q1, q2) and not _same_claim(an, a1, a2, k1, k2, g1, g2, strict=not one_thing):
            continue  # a faded match and a bound the other figure satisfies say nothing ("up to 79%" / "56%")
        if not agree and (
            has_match(items, by_sent, kind, q1, q2, k1, k2, strict_bounds=misprint, figures=figures)
            or other_moments(items, by_sent, kind, k1, k2)
        ):
            continue
        key = (k1, k2, q1.text, q2.text)
        if key in seen:
            continue
        seen.add(key)
        if not agree:
            note = f"{q1.display()} vs {q2.display()}"
            if q1.qualifier in _BOUNDS and q2.qualifier in _BOUNDS:
                note += " (both are bounds, with different figures)"
            elif misprint:
                note += " (one digit apart: one figure misprinted)"
        status = "agreement" if agree else "conflict"
        rows.append(_row(aligned, kind, status, note, (k1, m1, row_value(q1)), (k2, m2, row_value(q2))))
    rows.sort(key=lambda r: r[0])
    df = pd.DataFrame([r for _, r in rows], columns=CONFLICT_COLUMNS)
    df["group"] = df["group"].astype("Int64")
    return df


_STATUS_ORDER = {"conflict": 0, "uncertain": 1, "agreement": 2}


def _row(aligned: AlignedStory, kind: str, status: str, note: str, side1: tuple, side2: tuple) -> tuple:
    """One output row (with its sort key) from each side's ``(sentence, mention, value)``."""
    (k1, m1, v1), (k2, m2, v2) = side1, side2
    q1, q2 = m1.quantity, m2.quantity
    ev1, ev2 = evidence_record(aligned, k1, (m1.start, m1.end)), evidence_record(aligned, k2, (m2.start, m2.end))
    g1, g2 = aligned.group_of(k1), aligned.group_of(k2)
    return (
        (_STATUS_ORDER[status], k1, k2),
        (
            kind,
            q1.thing if q1.thing == q2.thing else (q1.thing or q2.thing),
            q1.unit,
            status,
            ev1["outlet"],
            ev1["article"],
            v1,
            q1.text,
            ev1["text"],
            ev2["outlet"],
            ev2["article"],
            v2,
            q2.text,
            ev2["text"],
            g1 if g1 is not None and g1 == g2 else pd.NA,
            note,
            [{k: ev[k] for k in EVIDENCE_KEYS} for ev in (ev1, ev2)],
        ),
    )


def _day_row(an: FactAnalysis, items: list, by_sent: dict[int, list[int]], days: dict[int, Day], x: int, y: int):
    """The row comparing two weekdays or relative dates of two outlets that date the same event, or None."""
    (a1, k1, m1, kind1), (a2, k2, m2, kind2) = items[x], items[y]
    if a1 == a2 or k1 == k2 or kind1 != "day" or kind2 != "day" or not same_thing(m1.quantity, m2.quantity):
        return None
    if not _same_claim(an, a1, a2, k1, k2, an.aligned.group_of(k1), an.aligned.group_of(k2), strict=False):
        return None
    found = compare_days(items, by_sent, days, x, y)
    if found is None:
        return None
    status, note, v1, v2 = found
    return _row(an.aligned, "date", status, note, (k1, m1, v1), (k2, m2, v2))


def _same_claim(an: FactAnalysis, a1: int, a2: int, k1: int, k2: int, g1, g2, *, strict: bool, loose: bool = False) -> bool:
    """Whether two sentences report the same claim (``strict``: no counted thing in common, so ask more;
    ``loose``: one counted thing with close figures, so a faded "possible" match is enough)."""
    if a1 == a2:
        return _similar_context(an, k1, k2)
    if g1 is not None and g1 == g2:
        return True
    score = an.aligned.pair_score(k1, k2)
    if score < an.aligned.settings.score_cutoff:
        # "as many as 1.5 million women" / "up to 1.6 million women"
        return loose and (min(k1, k2), max(k1, k2)) in _possible_pairs(an)
    return not strict or score >= STATING_CUTOFF or _similar_context(an, k1, k2, cutoff=60)


def _possible_pairs(an: FactAnalysis) -> frozenset[tuple[int, int]]:
    """The aligner's faded "possible" pairs as ``(lower, higher)`` sentence ids, built once per story."""
    cache = an.__dict__
    if "_possible_pairs" not in cache:
        cache["_possible_pairs"] = frozenset((min(i, j), max(i, j)) for i, j, _ in an.aligned.possible)
    return cache["_possible_pairs"]


def _similar_context(an: FactAnalysis, k1: int, k2: int, cutoff: int = 70) -> bool:
    l1 = " ".join(w for w in an.features[k1][1].split() if not w[:1].isdigit())
    l2 = " ".join(w for w in an.features[k2][1].split() if not w[:1].isdigit())
    return bool(l1 and l2) and fuzz.token_set_ratio(l1, l2) >= cutoff
