"""Figures: which kind a number is, and whether two numbers give one figure.

The pairwise tests behind :func:`compare.facts.conflicts.conflicts`: the kind
of a number (:data:`NUMBER_KINDS`), whether two are comparable (same kind and
unit), whether they count the same thing or are one figure misprinted, whether
each is the other's nearest partner in its sentence, and whether the other
sentence gives the same figure too (then the pair is no conflict).
"""

from __future__ import annotations

import re
from typing import Any

from ..numbers import Quantity
from .rounding import DURATION_HOURS as _DURATION_HOURS
from .rounding import agree as _agree
from .rounding import compatible as _compatible

__all__ = ["MAX_RATIO", "MAX_YEARS", "NUMBER_KINDS", "close", "comparable", "has_match", "number_kind", "one_digit_apart"]
__all__ += ["other_moments", "partners", "row_value", "same_thing"]

#: The kinds of number compared.
NUMBER_KINDS = ("money", "count", "percent", "age", "date", "duration", "measure")
_CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "KRW", "INR", "CAD", "AUD", "CHF"}
_AGE_AFTER = re.compile(r"^\s*(?:-|‑|\s)?years?(?:-|‑|\s)old\b|^-year-old", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age)\s*$", re.IGNORECASE)
#: Largest ratio between two figures without a shared counted thing that may still be one figure changed.
MAX_RATIO = 1.5
#: Largest gap (years) between two years without a shared counted thing that may still be one date changed.
MAX_YEARS = 3


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


def comparable(kind: str, a: Quantity, b: Quantity) -> bool:
    """Same kind and unit (durations in any unit; dates always)."""
    return kind in ("date", "duration") or a.unit == b.unit


def same_thing(a: Quantity, b: Quantity) -> bool:
    return a.thing is not None and a.thing == b.thing


def one_digit_apart(a: Quantity, b: Quantity) -> bool:
    """Two exact figures of five or more digits that differ in one digit ("$5,687.75" / "$5,587.75"):
    one figure misprinted, since two different figures so alike are very unlikely."""
    d1, d2 = (re.sub(r"\D", "", q.text) for q in (a, b))
    return (
        len(d1) == len(d2) >= 5
        and sum(x != y for x, y in zip(d1, d2)) == 1
        and not (a.qualifier or b.qualifier or a.approx or b.approx)
    )


def close(a: Quantity, b: Quantity) -> bool:
    """Two values within :data:`MAX_RATIO` of each other: one figure changed, not two figures."""
    v1, v2 = magnitude(a), magnitude(b)
    return (
        v1 is not None
        and v2 is not None
        and min(abs(v1), abs(v2)) > 0
        and max(abs(v1), abs(v2)) / min(abs(v1), abs(v2)) <= MAX_RATIO
    )


def magnitude(q: Quantity) -> float | None:
    if isinstance(q.value, str):
        return None
    return float(q.value) * (_DURATION_HOURS.get(q.unit or "", 1.0))


def partners(items: list, by_sent: dict[int, list[int]], x: int, y: int) -> bool:
    """Without a shared counted thing: each number is the other's nearest in value among its sentence's
    numbers of that kind, and they are within :data:`MAX_RATIO` of each other (a changed figure, not another one)."""
    (_, k1, m1, kind), (_, k2, m2, _) = items[x], items[y]
    v1, v2 = magnitude(m1.quantity), magnitude(m2.quantity)
    if kind == "date" and (m1.quantity.unit == "year") != (m2.quantity.unit == "year"):
        year, date = (m1.quantity, m2.quantity) if m1.quantity.unit == "year" else (m2.quantity, m1.quantity)
        given = str(date.value)[:4]
        return given.isdigit() and not year.is_range and abs(int(given) - float(year.value)) <= MAX_YEARS
    if kind == "date" and m1.quantity.unit == "year" and m2.quantity.unit == "year":
        return v1 is not None and v2 is not None and abs(v1 - v2) <= MAX_YEARS and nearest_pair(items, by_sent, x, y)
    if kind == "date":
        s1, s2 = str(m1.quantity.value), str(m2.quantity.value)
        return (
            sum(1 for i in by_sent[k1] if items[i][3] == "date") == 1
            and sum(1 for i in by_sent[k2] if items[i][3] == "date") == 1
            and bool(s1 and s2)
        )
    if v1 is None or v2 is None or min(abs(v1), abs(v2)) == 0 or max(abs(v1), abs(v2)) / min(abs(v1), abs(v2)) > MAX_RATIO:
        return False

    return nearest_pair(items, by_sent, x, y)


def nearest_pair(items: list, by_sent: dict[int, list[int]], x: int, y: int) -> bool:
    """Each of the two numbers is the nearest in value to the other among its sentence's numbers of that kind."""
    (_, k1, m1, kind), (_, k2, m2, _) = items[x], items[y]
    v1, v2 = magnitude(m1.quantity), magnitude(m2.quantity)

    def nearest(k: int, v: float) -> float | None:
        found = [magnitude(items[i][2].quantity) for i in by_sent[k] if items[i][3] == kind]
        vals = [w for w in found if w is not None]
        return min(vals, key=lambda w: (abs(w - v), w)) if vals else None

    return v1 is not None and v2 is not None and nearest(k2, v1) == v2 and nearest(k1, v2) == v1


def other_moments(items, by_sent: dict[int, list[int]], kind: str, k1: int, k2: int) -> bool:
    """Whether two sentences date their figures to years too far apart to be one year changed
    ("77 percent after 2036" vs "74 percent by 2085"): two figures for two moments, not a conflict."""
    if kind == "date":
        return False
    years = [
        [float(q.value) for i in by_sent[k] if (q := items[i][2].quantity).unit == "year" and not isinstance(q.value, str)]
        for k in (k1, k2)
    ]
    return bool(years[0] and years[1]) and min(abs(a - b) for a in years[0] for b in years[1]) > MAX_YEARS


def row_value(q: Quantity) -> Any:
    """The value a conflicts row shows: ``(low, high)`` for a range."""
    return (q.low, q.high) if q.is_range else q.value


def has_match(
    items,
    by_sent: dict[int, list[int]],
    kind: str,
    q1: Quantity,
    q2: Quantity,
    k1: int,
    k2: int,
    *,
    strict_bounds: bool = False,
    figures: dict[int, set[float]] | None = None,
) -> bool:
    """True when the other sentence also gives the first one's value (then the pair is not a conflict);
    ``strict_bounds``: a bound matches only a close figure (for a misprint, "more than $300" does not give "$5,587.75");
    ``figures``: every plain figure of each sentence, of any kind or none, so that "six arrests Wednesday,
    compared to 47 the previous night" gives the 47 of "47 arrests overnight" too."""
    if figures is not None and _gives_figure(figures, k1, k2, q1, q2):
        return True
    others2 = [
        items[i][2].quantity
        for i in by_sent[k2]
        if items[i][3] == kind and comparable(kind, q1, items[i][2].quantity) and items[i][2].quantity is not q2
    ]
    others1 = [
        items[i][2].quantity
        for i in by_sent[k1]
        if items[i][3] == kind and comparable(kind, q2, items[i][2].quantity) and items[i][2].quantity is not q1
    ]

    def matches(q: Quantity, other: Quantity) -> bool:
        return _agree(kind, q, other)[0] and not (strict_bounds and _compatible(q, other) and not close(q, other))

    return any(matches(q1, o) for o in others2) or any(matches(q2, o) for o in others1)


def _gives_figure(figures: dict[int, set[float]], k1: int, k2: int, q1: Quantity, q2: Quantity) -> bool:
    """Whether either sentence also gives the other's figure as written, with or without a counted thing."""
    if isinstance(q1.value, str) or isinstance(q2.value, str) or q1.unit != q2.unit:
        return False
    return float(q2.value) in figures.get(k1, ()) or float(q1.value) in figures.get(k2, ())
