"""The report's charts as plain data for HTML: framing bars and the coverage matrix.

No matplotlib here (it stays in :mod:`compare.plots` for notebooks): the
report draws these with HTML and CSS, so they are searchable, accessible
(every bar and cell has its numbers as text) and print without splitting.
Tables are read by column name and extra columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from .marks import CATEGORY_LABELS

__all__ = ["framing_bars", "coverage_matrix", "fact_label", "reader_label", "MATRIX_ROWS", "WIDE_OUTLETS"]

#: Most fact rows in the coverage matrix.
MATRIX_ROWS = 30
#: Beyond this many outlets the coverage matrix is transposed (outlets as rows).
WIDE_OUTLETS = 8
#: Fact columns of the transposed matrix.
WIDE_FACTS = 15
VOICES = ("editorial", "quoted", "reported")


def _int(v: object) -> int:
    try:
        return int(v)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def framing_bars(summary: pd.DataFrame, outlets: Sequence[str]) -> dict:
    """One bar per outlet, cut by framing category; widths in percent of the largest total."""
    rows = {str(r.get("outlet")): r for r in summary.to_dict("records")}
    cats = [c for c in CATEGORY_LABELS if c in summary.columns]
    totals = {o: sum(_int(rows.get(o, {}).get(c)) for c in cats) for o in outlets}
    top = max(totals.values(), default=0) or 1
    bars = []
    for o in outlets:
        r = rows.get(o, {})
        parts = [
            {"category": c, "label": CATEGORY_LABELS[c], "count": _int(r.get(c)), "width": round(80 * _int(r.get(c)) / top, 2)}
            for c in cats
            if _int(r.get(c))
        ]
        voices = ", ".join(f"{v} {_int(r.get(v))}" for v in VOICES if v in summary.columns)
        words = _int(r.get("words"))
        detail = "; ".join(f"{p['count']} {p['label']}" for p in parts) or "no findings"
        bars.append(
            {
                "outlet": o,
                "total": totals[o],
                "parts": parts,
                "text": f"{o}: {totals[o]} findings ({detail}); {voices}" + (f"; {words:,} words" if words else ""),
                "voices": voices,
            }
        )
    legend = [{"category": c, "label": CATEGORY_LABELS[c]} for c in cats]
    return {"bars": bars, "legend": legend}


#: An entity label's bracketed NER kind ("Politico (PERSON)"); a number label's counted thing ("13 (path)").
_ENTITY_KIND = re.compile(r"\s+\([A-Z_]+\)$")
_NUMBER_THING = re.compile(r"^(.*\S)\s+\(([^()]+)\)$")


def reader_label(kind: str, label: str) -> str:
    """A fact's label as the report shows it: a name without the NER guess at its kind, a number with "of:".

    spaCy's entity kind is often wrong on news ("Politico (PERSON)", "Twitter
    (PERSON)") and adds nothing to a name a reader can see, so the view drops
    it; a number's bracket is what the parse found it counts ("13-year path"
    gives "13 (path)"), which is easily read as a kind, so it says "of:".
    The DataFrames keep their labels; every view (HTML and matplotlib) shows these.
    """
    if kind == "entity":
        return _ENTITY_KIND.sub("", label) or label
    if kind == "number":
        m = _NUMBER_THING.match(label)
        if m:
            return f"{m.group(1)} (of: {m.group(2)})"
    return label


def fact_label(kind: object, label: object) -> str:
    """ "kind: label" as a chart or table row names a fact, with the reader's label (:func:`reader_label`)."""
    text = reader_label(str(kind), str(label)) if isinstance(kind, str) and kind else str(label)
    return f"{kind}: {text}" if isinstance(kind, str) and kind else text


def coverage_matrix(coverage: pd.DataFrame, facts: pd.DataFrame) -> dict:
    """Which outlet states which fact, as rows of cells with text; transposed for many outlets."""
    outlets = [str(c) for c in coverage.columns]
    info = facts.set_index("fact") if "fact" in facts.columns else pd.DataFrame()
    counts = coverage.sum(axis=1) if len(coverage) else pd.Series(dtype=int)
    shared = coverage[counts >= 2]
    single = coverage[counts == 1]

    def label(f: object) -> str:
        if f in info.index:
            return fact_label(
                info.at[f, "kind"] if "kind" in info.columns else "", info.at[f, "label"] if "label" in info.columns else f
            )
        return str(f)

    singles = {o: int(single[o].sum()) if len(single) else 0 for o in outlets}
    rows: list[dict[str, object]]
    if len(outlets) <= WIDE_OUTLETS:
        shown = shared.iloc[:MATRIX_ROWS]
        rows = [{"fact": str(f), "label": label(f), "cells": [bool(v) for v in shown.loc[f].tolist()]} for f in shown.index]
        return {
            "wide": False,
            "columns": outlets,
            "rows": rows,
            "singles": [singles[o] for o in outlets],
            "hidden": max(0, len(shared) - len(shown)),
            "key": [],
            "facts": [str(f) for f in shown.index],
        }
    shown = shared.iloc[:WIDE_FACTS]
    key = [label(f) for f in shown.index]
    rows = [{"label": o, "cells": [bool(shown.at[f, o]) for f in shown.index], "single": singles[o]} for o in outlets]
    return {
        "wide": True,
        "columns": [str(n + 1) for n in range(len(key))],
        "rows": rows,
        "singles": [],
        "hidden": max(0, len(shared) - len(shown)),
        "key": key,
        "facts": [str(f) for f in shown.index],
    }
