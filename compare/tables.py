"""Tables for people: DataFrames as formatted HTML, and the report's analysis sections.

No index, no ``NaN`` (empty cells), no Python list or dict reprs (written as
text), headers without underscores, text wrapped in full; a wide table of few
rows is transposed so it fits a printed page. Columns are chosen by name and
a column a table lacks is skipped, so the views survive tables that change.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

from .templating import Html, render_template, scoped_css

if TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison

__all__ = ["table_model", "table_html", "report_sections", "WIDE_COLUMNS"]

#: Beyond this many columns a table of few rows is shown transposed (one row per column).
WIDE_COLUMNS = 8


def _header(name: str) -> str:
    """A column name as a header: words, not underscores; long words may hyphenate (soft hyphens) to fit a page."""
    return " ".join(_soft(w) for w in name.replace("_", " ").split(" "))


def _soft(word: str) -> str:
    if len(word) <= 8:
        return word
    return "\u00ad".join(word[i : i + 4] for i in range(0, len(word), 4))


def table_model(
    frame,
    *,
    columns: Sequence[str] | None = None,
    max_rows: int = 500,
    transpose: bool | None = None,
    headers: dict[str, str] | None = None,
) -> dict:
    """A DataFrame as plain data for the templates: column headers and rows of strings.

    Columns missing from ``frame`` are skipped (tables gain and lose columns);
    the index is never shown; missing values are empty; lists and dicts are
    written as text, never as Python reprs. A wide table of few rows is
    transposed (``transpose=None`` decides) so it fits a printed page.
    """
    import pandas as pd

    cols = [str(c) for c in (columns if columns is not None else frame.columns) if c in frame.columns]
    rows = [[_breakable(_cell_text(v, pd)) for v in rec] for rec in frame[cols].head(max_rows).itertuples(index=False)]
    if transpose is None:
        transpose = len(cols) > WIDE_COLUMNS and 0 < len(rows) <= WIDE_COLUMNS
    if transpose and rows:
        head, body = cols[0], cols[1:]
        return {
            "columns": [_header(head), *[r[0] for r in rows]],
            "rows": [[_header(c), *[r[i + 1] for r in rows]] for i, c in enumerate(body)],
            "truncated": max(len(frame) - max_rows, 0),
            "transposed": True,
        }
    names = headers or {}
    return {
        "columns": [names.get(c) or _header(c) for c in cols],
        "rows": rows,
        "truncated": max(len(frame) - max_rows, 0),
        "transposed": False,
    }


#: Longest run of characters without a break opportunity in a table cell.
LONGEST_RUN = 24
_LONG_RUN = re.compile(r"\S{" + str(LONGEST_RUN + 1) + ",}")


def _breakable(text: str) -> str:
    """``text`` with a zero-width space every :data:`LONGEST_RUN` characters of a very long token.

    A printed table can then wrap a pasted URL or a run-together name instead of
    running off the page, while ordinary words never break in the middle.
    """
    return _LONG_RUN.sub(
        lambda m: "\u200b".join(m.group()[i : i + LONGEST_RUN] for i in range(0, len(m.group()), LONGEST_RUN)), text
    )


def _cell_text(v, pd) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        parts = [t for t in (_cell_text(x, pd) for x in v) if t]
        return ("; " if any("," in t for t in parts) else ", ").join(parts)
    if isinstance(v, dict):
        inner = {k: _cell_text(x, pd) for k, x in v.items()}
        if "text" in inner and inner.get("outlet"):
            return f"{inner['outlet']}: “{inner['text']}”"
        return "; ".join(f"{_header(str(k))}: {x}" for k, x in inner.items() if x)
    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() and abs(v) >= 1000 else f"{v:.3g}"
    return str(v)


def table_html(frame, *, columns: Sequence[str] | None = None, max_rows: int = 500, caption: str = "") -> Html:
    """A DataFrame as a formatted HTML table for students: no index, no ``NaN``, no Python reprs, text wrapped."""
    model = table_model(frame, columns=columns, max_rows=max_rows)
    root = "cmp-t-" + hashlib.sha1(repr((model["columns"], model["rows"][:50])).encode()).hexdigest()[:10]
    return Html(render_template("table.html.j2", id=root, css=scoped_css(root), t=model, caption=caption))


def report_sections(c: Comparison) -> list[dict]:
    """The report's sections after the side-by-side view, as plain data (see report.html.j2)."""
    from .charts import coverage_matrix, framing_bars

    intro = _section_intros()
    framing = c.framing
    wording = c.wording
    if "category" in wording.columns:
        wording = wording[wording["category"] != "neutral"]
    return [
        {
            "id": "framing",
            "title": "Framing",
            "intro": intro["framing"],
            "bars": framing_bars(c.framing_summary, list(c.aligned.labels)),
            "table": table_model(c.framing_summary, columns=[col for col in c.framing_summary.columns if col != "article"]),
        },
        {
            "id": "findings",
            "title": "Framing findings, one by one",
            "intro": intro["findings"],
            "table": table_model(framing, columns=["outlet", "sent", "text", "category", "score", "voice", "speaker", "reason"]),
            "empty": "No framing language found.",
        },
        {
            "id": "wording",
            "title": "Word swaps between outlets",
            "intro": intro["wording"],
            "table": table_model(wording),
            "empty": "No framing word swaps between aligned sentences.",
        },
        {
            "id": "missing",
            "title": "Missing facts",
            "intro": intro["missing"],
            "matrix": coverage_matrix(c.coverage, c.facts),
            "summary": _missing_summary(c),
            "table": table_model(
                c.missing, columns=["outlet", "label", "details", "stated_by", "importance", "evidence", "note"]
            ),
            "empty": "No outlet leaves out a fact that the others state.",
        },
        {
            "id": "unique",
            "title": "Facts only one outlet states",
            "intro": intro["unique"],
            "table": table_model(c.unique, columns=["outlet", "label", "kind", "evidence"]),
            "empty": "Every fact is stated by at least two outlets.",
        },
        {
            "id": "conflicts",
            "title": "Numbers that disagree",
            "intro": intro["conflicts"],
            "table": table_model(
                c.conflicts,
                columns=[
                    "thing",
                    "kind",
                    "status",
                    "outlet_a",
                    "text_a",
                    "sentence_a",
                    "outlet_b",
                    "text_b",
                    "sentence_b",
                    "note",
                ],
            ),
            "empty": "The outlets agree on every number they share.",
        },
        {
            "id": "quotes",
            "title": "Quotations",
            "intro": intro["quotes"],
            "table": table_model(
                c.quotes,
                columns=["statement", "outlet", "speaker", "speaker_note", "text", "variant", "changes", "note"],
            ),
            "empty": "No direct quotations.",
        },
        {
            "id": "sources",
            "title": "Who gets a voice",
            "intro": intro["sources"],
            "table": table_model(c.sources, columns=["outlet", "speaker", "n_quotes", "n_reported", "first_sentence"]),
            "empty": "No quoted or reported sources.",
        },
        {
            "id": "copies",
            "title": "Wire copies",
            "intro": intro["copies"],
            "table": table_model(c.copies, columns=["family", "outlet_a", "outlet_b", "shared", "edits"]),
            "empty": "No article is a republished copy of another.",
        },
    ]


def _missing_summary(c: Comparison) -> dict | None:
    """Per outlet, "leaves out k of the n facts most outlets report" and the first of them (when the analysis has it)."""
    summary = getattr(c, "missing_summary", None)
    if not callable(summary):
        return None
    frame = summary()
    return table_model(frame, columns=["summary", "top"], headers={"summary": "outlet", "top": "what it leaves out first"})


@functools.lru_cache(maxsize=1)
def _section_intros() -> dict[str, str]:
    import yaml

    text = resources.files("compare").joinpath("templates").joinpath("sections.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
