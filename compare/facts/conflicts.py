"""Number conflicts: the same counted thing given different values.

Compared across outlets (sentences reporting the same claim) and within one
article; rounding and qualifiers ("about 10,000" vs "10,000") are agreements.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from ..alignment import AlignedStory
from ..numbers import Quantity, same_amount
from .analysis import as_analysis
from .units import COUNTERPART_CUTOFF, EVIDENCE_KEYS, FactAnalysis, evidence_record

__all__ = ["CONFLICT_COLUMNS", "conflicts"]

#: Columns of :func:`conflicts` (``Comparison.conflicts``).
CONFLICT_COLUMNS = [
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


def conflicts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """The same counted thing given different values, by two outlets or one article twice.

    Two numbers are compared when they have the same unit and counted thing
    and their sentences report the same claim (same alignment group, or an
    alignment score of at least :data:`COUNTERPART_CUTOFF`; within one article,
    sentences whose other words mostly agree). Values that differ only by
    rounding or qualifier ("about 10,000" vs "10,000") are listed with status
    ``agreement`` and a note, never as a conflict.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`CONFLICT_COLUMNS`): ``thing``, ``unit``, ``status``
        (``conflict`` or ``agreement``), for each side ``outlet_*``,
        ``article_*``, ``value_*`` (normalised), ``text_*`` (the number as
        written), ``sentence_*`` (full sentence); ``group`` (alignment group or
        <NA>), ``note``, ``evidence`` (two evidence records). Conflicts first.
    """
    an = as_analysis(source)
    aligned = an.aligned
    group_of = {}
    for kind, g in aligned.rows:
        if kind == "g":
            for s in aligned.group_sentences(g):
                group_of[(s.article, s.index)] = g
    items = []
    for a in an.outlets:
        for m in an.numbers.get(a, []):
            q = m.quantity
            if q.thing is None or q.unit in ("year", "date") or isinstance(q.value, str):
                continue
            k = aligned.sentence_at(a, m.start)
            if k is not None:
                items.append((a, k, m))
    seen, rows = set(), []
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            (a1, k1, m1), (a2, k2, m2) = items[x], items[y]
            q1, q2 = m1.quantity, m2.quantity
            if k1 == k2 or q1.unit != q2.unit or q1.thing != q2.thing:
                continue
            s1, s2 = aligned.sentences[k1], aligned.sentences[k2]
            g1, g2 = group_of.get((s1.article, s1.index)), group_of.get((s2.article, s2.index))
            if a1 == a2:
                if not _similar_context(an, k1, k2):
                    continue
            elif not ((g1 is not None and g1 == g2) or aligned.pair_score(k1, k2) >= COUNTERPART_CUTOFF):
                continue
            agree, note = same_amount(q1, q2)
            if agree and not note:
                continue
            if not agree and _has_match(items, a1, a2, q1, q2, k1, k2):
                continue
            key = (k1, k2, q1.text, q2.text)
            if key in seen:
                continue
            seen.add(key)
            if not agree:
                note = f"{q1.display()} vs {q2.display()}"
                if _compatible(q1, q2):
                    note += " (not strictly contradictory: one is a bound)"
            ev1, ev2 = evidence_record(aligned, k1, (m1.start, m1.end)), evidence_record(aligned, k2, (m2.start, m2.end))
            rows.append(
                (
                    (0 if not agree else 1, k1, k2),
                    (
                        q1.thing,
                        q1.unit,
                        "agreement" if agree else "conflict",
                        ev1["outlet"],
                        ev1["article"],
                        _value(q1),
                        q1.text,
                        ev1["text"],
                        ev2["outlet"],
                        ev2["article"],
                        _value(q2),
                        q2.text,
                        ev2["text"],
                        g1 if g1 is not None and g1 == g2 else pd.NA,
                        note,
                        [{k: ev[k] for k in EVIDENCE_KEYS} for ev in (ev1, ev2)],
                    ),
                )
            )
    rows.sort(key=lambda r: r[0])
    df = pd.DataFrame([r for _, r in rows], columns=CONFLICT_COLUMNS)
    df["group"] = df["group"].astype("Int64")
    return df


def _value(q: Quantity) -> Any:
    return (q.low, q.high) if q.is_range else q.value


def _has_match(items, a1: int, a2: int, q1: Quantity, q2: Quantity, k1: int, k2: int) -> bool:
    """True when the other sentence also gives the first one's value (then the pair is not a conflict)."""
    others2 = [m.quantity for a, k, m in items if k == k2 and m.quantity.thing == q1.thing and m.quantity.unit == q1.unit]
    others1 = [m.quantity for a, k, m in items if k == k1 and m.quantity.thing == q2.thing and m.quantity.unit == q2.unit]
    return any(same_amount(q1, o)[0] for o in others2) or any(same_amount(q2, o)[0] for o in others1)


def _compatible(a: Quantity, b: Quantity) -> bool:
    def inside(q: Quantity, x: float) -> bool:
        return (q.low is None or x >= q.low) and (q.high is None or x <= q.high)

    a_exact, b_exact = a.low == a.high, b.low == b.high
    return (b_exact and not a_exact and inside(a, float(b.value))) or (a_exact and not b_exact and inside(b, float(a.value)))


def _similar_context(an: FactAnalysis, k1: int, k2: int) -> bool:
    l1 = " ".join(w for w in an.features[k1][1].split() if not w[:1].isdigit())
    l2 = " ".join(w for w in an.features[k2][1].split() if not w[:1].isdigit())
    return bool(l1 and l2) and fuzz.token_set_ratio(l1, l2) >= 70
