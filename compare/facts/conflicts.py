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

import re
from collections import defaultdict
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from ..alignment import AlignedStory
from ..numbers import Quantity, QuantityMention
from .analysis import as_analysis
from .days import Day, compare_days, day_mentions
from .rounding import BOUNDS as _BOUNDS
from .rounding import DURATION_HOURS as _DURATION_HOURS
from .rounding import agree as _agree
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
#: The kinds of number compared.
NUMBER_KINDS = ("money", "count", "percent", "age", "date", "duration", "measure")
_CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "KRW", "INR", "CAD", "AUD", "CHF"}
_AGE_AFTER = re.compile(r"^\s*(?:-|‑|\s)?years?(?:-|‑|\s)old\b|^-year-old", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age)\s*$", re.IGNORECASE)
#: Largest ratio between two figures without a shared counted thing that may still be one figure changed.
MAX_RATIO = 1.5
#: Largest gap (years) between two years without a shared counted thing that may still be one date changed.
MAX_YEARS = 3
#: Within one article, numbers in sentences at most this many numbered sentences apart are compared.
SAME_ARTICLE_WINDOW = 60


def number_kind(q: Quantity, text: str, start: int, end: int) -> str | None:
    """The kind of a number (:data:`NUMBER_KINDS`) from its unit and the words around it; None for a bare year."""
    if q.unit == "date" or isinstance(q.value, str):
        return None if re.fullmatch(r"\d{1,2}/\d{1,2}", q.text.strip()) else "date"  # "9/11" names an event
    if q.unit == "year":
        return "date"  # a year (or a span of years) is a date given to the year
    if q.unit == "%":
        return "percent"
    if q.unit in _CURRENCIES or (q.unit and q.unit.isupper() and len(q.unit) == 3):
        return "money"
    after, before = text[end : end + 14], text[max(0, start - 8) : start]
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before) or _appositive_age(q, text, start, end):
        return "age"
    if q.unit in _DURATION_HOURS:
        return "duration"
    if q.unit is None:
        return "count" if q.thing else None
    return "measure"


def _appositive_age(q: Quantity, text: str, start: int, end: int) -> bool:
    """ "Weiner, 46, said": a whole number between commas right after a capitalised name."""
    if isinstance(q.value, str) or q.is_range or not (0 < float(q.value) < 120) or float(q.value) != int(q.value):
        return False
    before, after = text[max(0, start - 30) : start], text[end : end + 2]
    return bool(re.search(r"[A-Z][\w.'’-]+,\s*$", before)) and after.startswith(",")


def _comparable(kind: str, a: Quantity, b: Quantity) -> bool:
    """Same kind and unit (durations in any unit; dates always)."""
    return kind in ("date", "duration") or a.unit == b.unit


def _same_thing(a: Quantity, b: Quantity) -> bool:
    return a.thing is not None and a.thing == b.thing


def _close(a: Quantity, b: Quantity) -> bool:
    """Two values within :data:`MAX_RATIO` of each other: one figure changed, not two figures."""
    v1, v2 = _magnitude(a), _magnitude(b)
    return (
        v1 is not None
        and v2 is not None
        and min(abs(v1), abs(v2)) > 0
        and max(abs(v1), abs(v2)) / min(abs(v1), abs(v2)) <= MAX_RATIO
    )


def _magnitude(q: Quantity) -> float | None:
    if isinstance(q.value, str):
        return None
    return float(q.value) * (_DURATION_HOURS.get(q.unit or "", 1.0))


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


def _partners(items: list, by_sent: dict[int, list[int]], x: int, y: int) -> bool:
    """Without a shared counted thing: each number is the other's nearest in value among its sentence's
    numbers of that kind, and they are within :data:`MAX_RATIO` of each other (a changed figure, not another one)."""
    (_, k1, m1, kind), (_, k2, m2, _) = items[x], items[y]
    v1, v2 = _magnitude(m1.quantity), _magnitude(m2.quantity)
    if kind == "date" and (m1.quantity.unit == "year") != (m2.quantity.unit == "year"):
        year, date = (m1.quantity, m2.quantity) if m1.quantity.unit == "year" else (m2.quantity, m1.quantity)
        given = str(date.value)[:4]
        return given.isdigit() and not year.is_range and abs(int(given) - float(year.value)) <= MAX_YEARS
    if kind == "date" and m1.quantity.unit == "year" and m2.quantity.unit == "year":
        return v1 is not None and v2 is not None and abs(v1 - v2) <= MAX_YEARS and _nearest_pair(items, by_sent, x, y)
    if kind == "date":
        s1, s2 = str(m1.quantity.value), str(m2.quantity.value)
        return (
            sum(1 for i in by_sent[k1] if items[i][3] == "date") == 1
            and sum(1 for i in by_sent[k2] if items[i][3] == "date") == 1
            and bool(s1 and s2)
        )
    if v1 is None or v2 is None or min(abs(v1), abs(v2)) == 0 or max(abs(v1), abs(v2)) / min(abs(v1), abs(v2)) > MAX_RATIO:
        return False

    return _nearest_pair(items, by_sent, x, y)


def _nearest_pair(items: list, by_sent: dict[int, list[int]], x: int, y: int) -> bool:
    """Each of the two numbers is the nearest in value to the other among its sentence's numbers of that kind."""
    (_, k1, m1, kind), (_, k2, m2, _) = items[x], items[y]
    v1, v2 = _magnitude(m1.quantity), _magnitude(m2.quantity)

    def nearest(k: int, v: float) -> float | None:
        found = [_magnitude(items[i][2].quantity) for i in by_sent[k] if items[i][3] == kind]
        vals = [w for w in found if w is not None]
        return min(vals, key=lambda w: (abs(w - v), w)) if vals else None

    return v1 is not None and v2 is not None and nearest(k2, v1) == v2 and nearest(k1, v2) == v1


def conflicts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """The same counted thing given different values, by two outlets or one article twice.

    Numbers of every kind are compared (money, counts, percentages, ages,
    dates, durations; :func:`number_kind`). Two numbers are compared when they
    are of the same kind and unit and count the same thing (ages and dates:
    any two in the same claim), and their sentences report the same claim
    (the same alignment group, or a pair score of at least the alignment cut-off,
    or a faded "possible" match when both count the same thing and lie within
    :data:`MAX_RATIO` of each other;
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
        if k1 == k2 or kind != kind2 or not _comparable(kind, q1, q2):
            continue
        same_thing = _same_thing(q1, q2)
        if not same_thing and (a1 == a2 and q1.thing and q2.thing or not _partners(items, by_sent, x, y)):
            continue  # within one article, two numbers of different named things are two figures
        g1, g2 = aligned.group_of(k1), aligned.group_of(k2)
        if not _same_claim(an, a1, a2, k1, k2, g1, g2, strict=not same_thing, loose=same_thing and _close(q1, q2)):
            continue
        agree, note = _agree(kind, q1, q2)
        if agree and not note:
            continue
        if not agree and (_has_match(items, by_sent, kind, q1, q2, k1, k2) or _other_moments(items, by_sent, kind, k1, k2)):
            continue
        key = (k1, k2, q1.text, q2.text)
        if key in seen:
            continue
        seen.add(key)
        if not agree:
            note = f"{q1.display()} vs {q2.display()}"
            if q1.qualifier in _BOUNDS and q2.qualifier in _BOUNDS:
                note += " (both are bounds, with different figures)"
        status = "agreement" if agree else "conflict"
        rows.append(_row(aligned, kind, status, note, (k1, m1, _value(q1)), (k2, m2, _value(q2))))
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
    if a1 == a2 or k1 == k2 or kind1 != "day" or kind2 != "day" or not _same_thing(m1.quantity, m2.quantity):
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


def _other_moments(items, by_sent: dict[int, list[int]], kind: str, k1: int, k2: int) -> bool:
    """Whether two sentences date their figures to years too far apart to be one year changed
    ("77 percent after 2036" vs "74 percent by 2085"): two figures for two moments, not a conflict."""
    if kind == "date":
        return False
    years = [
        [float(q.value) for i in by_sent[k] if (q := items[i][2].quantity).unit == "year" and not isinstance(q.value, str)]
        for k in (k1, k2)
    ]
    return bool(years[0] and years[1]) and min(abs(a - b) for a in years[0] for b in years[1]) > MAX_YEARS


def _value(q: Quantity) -> Any:
    return (q.low, q.high) if q.is_range else q.value


def _has_match(items, by_sent: dict[int, list[int]], kind: str, q1: Quantity, q2: Quantity, k1: int, k2: int) -> bool:
    """True when the other sentence also gives the first one's value (then the pair is not a conflict)."""
    others2 = [
        items[i][2].quantity
        for i in by_sent[k2]
        if items[i][3] == kind and _comparable(kind, q1, items[i][2].quantity) and items[i][2].quantity is not q2
    ]
    others1 = [
        items[i][2].quantity
        for i in by_sent[k1]
        if items[i][3] == kind and _comparable(kind, q2, items[i][2].quantity) and items[i][2].quantity is not q1
    ]
    return any(_agree(kind, q1, o)[0] for o in others2) or any(_agree(kind, q2, o)[0] for o in others1)


def _similar_context(an: FactAnalysis, k1: int, k2: int, cutoff: int = 70) -> bool:
    l1 = " ".join(w for w in an.features[k1][1].split() if not w[:1].isdigit())
    l2 = " ".join(w for w in an.features[k2][1].split() if not w[:1].isdigit())
    return bool(l1 and l2) and fuzz.token_set_ratio(l1, l2) >= cutoff
