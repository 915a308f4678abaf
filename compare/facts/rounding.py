"""When two close figures are one figure: rounding at the last digit, approximation, bounds.

Shared by :mod:`compare.facts.conflicts`: "$43 million" is "$43,885,310" cut
at its last digit, "nearly $44 million" is it rounded, "more than $700
billion" is satisfied by "$716 billion"; "1.5 million" and "1.6 million"
differ at the digit both give.
"""

from __future__ import annotations

import math

from ..numbers import Quantity, same_amount

__all__ = ["BOUNDS", "DURATION_HOURS", "agree", "compatible", "precision", "rounded", "within_precision"]

#: Qualifiers that make a figure a bound rather than a value.
BOUNDS = {"more than", "at least", "less than", "up to", "nearly", "over", "under", "almost"}
#: Hours in each unit of a duration, to compare "90 minutes" with "an hour and a half".
DURATION_HOURS = {"minutes": 1 / 60, "hours": 1.0, "days": 24.0, "weeks": 168.0, "months": 730.0, "years": 8760.0}


def precision(x: float) -> float:
    """The place of the last significant digit of ``x`` as written (43,000,000 -> 1e6; 35.7 -> 0.1)."""
    text = f"{abs(x):.6f}".rstrip("0")
    if text.endswith("."):
        digits = text[:-1].rstrip("0")
        return 10.0 ** (len(text[:-1]) - len(digits))
    return 10.0 ** -len(text.split(".")[1])


def rounded(a: Quantity, b: Quantity) -> bool:
    """One exact value is the other rounded or truncated at its last significant digit ($43,885,310 vs $43 million)."""
    if isinstance(a.value, str) or isinstance(b.value, str) or a.is_range or b.is_range:
        return False
    x, y = float(a.value), float(b.value)
    coarse, fine = (x, y) if precision(x) > precision(y) else (y, x)
    p = precision(coarse)
    if p <= precision(fine) or coarse == 0:
        return False
    significant = len(f"{abs(coarse) / p:.0f}")
    return round(fine / p) * p == coarse or (significant >= 2 and math.floor(fine / p) * p == coarse)


def within_precision(a: Quantity, b: Quantity) -> bool:
    """Two close values are one figure rounded only if one is the other rounded at its last digit, or an
    approximate one ("roughly $141 million") is off by at most one unit of its last digit: "1.5 million" vs
    "1.6 million" or "$139 million" vs "roughly $141 million" differ at the digit both give."""
    if isinstance(a.value, str) or isinstance(b.value, str):
        return False
    diff = abs(float(a.value) - float(b.value))
    return rounded(a, b) or any(q.approx and diff <= precision(float(q.value)) for q in (a, b))


def _in_hours(q: Quantity) -> Quantity:
    """A duration in hours, its bounds too ("almost two weeks": nearly 336 hours)."""
    f = DURATION_HOURS[q.unit or "hours"]

    def scale(x):
        return None if x is None else float(x) * f

    return Quantity(float(q.value) * f, "hours", scale(q.low), scale(q.high), q.approx, q.qualifier, q.thing, q.text)


#: "Nearly X" is taken to lie between this share of X and X ("almost two weeks" admits 12 days, not 10).
NEARLY_SHARE = 0.8


def compatible(a: Quantity, b: Quantity) -> bool:
    """One side is a bound ("more than 2,000") that the other side's exact value satisfies."""

    def inside(q: Quantity, x: float) -> bool:
        low = NEARLY_SHARE * q.high if q.qualifier == "nearly" and q.low == q.high and q.high is not None else q.low
        return (low is None or x >= low) and (q.high is None or x <= q.high)

    if isinstance(a.value, str) or isinstance(b.value, str):
        return False
    a_exact = a.low == a.high and a.qualifier not in BOUNDS
    b_exact = b.low == b.high and b.qualifier not in BOUNDS
    return (b_exact and not a_exact and inside(a, float(b.value))) or (a_exact and not b_exact and inside(b, float(a.value)))


def agree(kind: str, a: Quantity, b: Quantity) -> tuple[bool, str]:
    """Whether two numbers of one kind agree, and a note (rounding, qualifier, bound, partial date)."""
    if kind == "date" and (a.unit == "year") != (b.unit == "year"):
        year, date = (a, b) if a.unit == "year" else (b, a)
        same = not year.is_range and str(date.value)[:4] == f"{float(year.value):.0f}"
        return same, ("one date gives only the year" if same else "")
    if kind == "date" and a.unit == "year":
        return same_amount(a, b)
    if kind == "date":
        x, y = str(a.value), str(b.value)
        if x == y:
            return True, ""
        if x.startswith("--") or y.startswith("--"):  # "25 April" without a year: compare month and day
            return (x[-5:] == y[-5:]), ("one date gives no year" if x[-5:] == y[-5:] else "")
        shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
        if longer.startswith(shorter):
            return True, f"one date is less precise: {shorter} vs {longer}"
        return False, ""
    if kind == "duration" and a.unit != b.unit and not isinstance(a.value, str) and not isinstance(b.value, str):
        a2, b2 = _in_hours(a), _in_hours(b)
        same, note = same_amount(a2, b2)
        if same:
            return same, note
        if compatible(a2, b2):  # "almost two weeks" and "12 days"
            return True, _bound_note(a, b)
        return False, ""
    agree, note = same_amount(a, b)
    if agree and not (note.startswith("rounding") and not within_precision(a, b)):
        return agree, note
    if compatible(a, b):
        return True, _bound_note(a, b)
    exact = a.qualifier not in BOUNDS and b.qualifier not in BOUNDS
    if a.unit == b.unit and a.unit != "year" and exact and rounded(a, b):
        return True, f"rounding: {a.display()} vs {b.display()} (one is the other rounded or cut at its last digit)"
    return False, ""


def _bound_note(a: Quantity, b: Quantity) -> str:
    return f"compatible: {a.display()} vs {b.display()} (one is a bound the other satisfies)"
