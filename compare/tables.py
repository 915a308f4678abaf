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

from .charts import reader_label
from .templating import Html, render_template, scoped_css

if TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison

__all__ = ["table_model", "table_html", "report_sections", "reader_label", "reader_labels", "WIDE_COLUMNS"]

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
            "columns": [(headers or {}).get(head) or _header(head), *[r[0] for r in rows]],
            "rows": [[(headers or {}).get(c) or _header(c), *[r[i + 1] for r in rows]] for i, c in enumerate(body)],
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
    from .charts import framing_bars

    intro = _section_intros()
    framing = c.framing
    wording = c.wording
    if "category" in wording.columns:
        wording = wording[wording["category"] != "neutral"]
    names = reader_labels(c.facts)
    return [
        {
            "id": "framing",
            "title": "Framing",
            "intro": intro["framing"],
            "bars": framing_bars(c.framing_summary, list(c.aligned.labels)),
            "table": table_model(c.framing_summary, columns=[col for col in c.framing_summary.columns if col != "article"]),
        },
        _findings_section(framing, intro["findings"]),
        {
            "id": "wording",
            "title": "Word swaps between outlets",
            "intro": intro["wording"],
            "table": table_model(wording),
            "empty": "No framing word swaps between aligned sentences.",
        },
        _missing_section(c, intro["missing"], names),
        {
            "id": "unique",
            "title": "Facts only one outlet states",
            "intro": intro["unique"],
            "table": table_model(_named(c.unique, names), columns=["outlet", "label", "kind", "evidence"]),
            "empty": "Every fact is stated by at least two outlets.",
        },
        _conflicts_section(c.conflicts, intro["conflicts"]),
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


def reader_labels(facts) -> dict[str, str]:
    """Each fact label of ``facts`` (``Comparison.facts``) that reads differently in the report, to its reader label."""
    if not {"kind", "label"} <= set(facts.columns):
        return {}
    pairs = ((str(lab), reader_label(str(kind), str(lab))) for kind, lab in zip(facts["kind"], facts["label"]))
    return {lab: shown for lab, shown in pairs if shown != lab}


def _named(frame, names: dict[str, str], column: str = "label"):
    """``frame`` with fact labels in ``column`` and ``details`` (a label or a list of labels) as the reader sees them."""
    if not names or not len(frame):
        return frame
    out = frame.copy()
    for col in (column, "details"):
        if col in out.columns:
            out[col] = [
                [names.get(x, x) for x in v] if isinstance(v, (list, tuple)) else names.get(v, v) if isinstance(v, str) else v
                for v in out[col]
            ]
    return out


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _findings_section(framing, intro: str) -> dict:
    """The findings table with a "shown because" column: the model's threshold, or the rule for verbs of saying.

    The default view mixes the two (see :func:`compare.framing.framing`); a
    finding scored 0.06 next to one scored 0.84 needs its reason said.
    """
    from .framing import RULE_CATEGORIES, default_min_score
    from .marks import CATEGORY_LABELS

    threshold = default_min_score()
    rule = ", ".join(CATEGORY_LABELS.get(cat, cat) for cat in RULE_CATEGORIES)
    if len(framing) and {"score", "category"} <= set(framing.columns):
        framing = framing.assign(
            shown=[
                f"score ≥ {threshold:g}"
                if score >= threshold
                else f"by rule: {CATEGORY_LABELS.get(cat, cat)} outside quotation marks"
                for score, cat in zip(framing["score"], framing["category"])
            ]
        )
    lead = (
        f"Shown: every finding scored at least {threshold:g} (the model's threshold), and by rule every {rule} "
        "(“claimed”, “insisted”) outside quotation marks, whatever its score: BASIL, on which the score is "
        "trained, rarely marks such verbs, so a low score says little about them. “Shown because” says which."
    )
    return {
        "id": "findings",
        "title": "Framing findings, one by one",
        "intro": intro,
        "lead": lead,
        "table": table_model(
            framing,
            columns=["outlet", "sent", "text", "category", "score", "shown", "voice", "speaker", "reason"],
            headers={"shown": "shown because"},
            transpose=False,
        ),
        "empty": "No framing language found.",
    }


#: What the last column of the coverage matrix says of a fact the missing-facts list does not count.
_NOT_COUNTED = {
    "detail": "a detail of a claim, not counted on its own",
    "not a fact": "not counted: a byline or dateline",
    "few": "not counted: fewer than most sources state it",
}


def _missing_section(c: Comparison, intro: str, names: dict[str, str]) -> dict:
    """The coverage matrix and the missing-facts list, each saying what it counts, so their numbers agree.

    The matrix marks what each outlet states in a sentence of its own; the list
    searches an outlet for a counterpart before calling a fact missing. Each
    matrix row says what the list made of it, and the summary's denominator is
    the rows marked "counted".
    """
    from .charts import coverage_matrix
    from .facts.missing import fact_roles
    from .facts.stating import Headlines, QuotedWords, where_stated

    roles = fact_roles(c.fact_analysis)
    cov = c.coverage
    if len(cov):  # the facts the summary counts first, each part in its own order
        cov = cov.iloc[sorted(range(len(cov)), key=lambda i: roles.get(str(cov.index[i])) != "counted")]
    matrix = coverage_matrix(cov, c.facts)
    missing = c.missing
    left_out: dict[str, list[str]] = {}
    for fact, outlet in zip(missing.get("fact", []), missing.get("outlet", [])):
        left_out.setdefault(str(fact), []).append(str(outlet))

    an = c.fact_analysis
    units = {f.fact: f for f in an.facts}
    index = {str(label): a for a, label in enumerate(c.aligned.labels)}
    quoted, heads = QuotedWords(an), Headlines(an)

    def stated_in(fact: str, outlet: str) -> str:
        f, a = units.get(fact), index.get(outlet)
        return where_stated(an, f, a, quoted, heads) if f is not None and a is not None else ""

    def who(outlets: list[str]) -> str:  # many outlets: a count (the matrix shows which), so the key stays short
        return _plural(len(outlets), "outlet") if matrix["wide"] else ", ".join(outlets)

    def in_list(fact: str) -> str:
        role = roles.get(fact, "")
        listed = left_out.get(fact, [])
        blank = [str(o) for o in cov.columns if fact in cov.index and not cov.at[fact, o]]
        found = [o for o in blank if o not in listed]
        parts = ["left out by " + who(listed)] if listed else []
        if role == "counted":
            if found and not matrix["wide"]:  # name each counterpart, so a reader can check it
                parts += [f"not listed for {o}: {stated_in(fact, o) or 'a counterpart was found'}" for o in found]
            elif found:
                parts += ["a counterpart was found in " + who(found) + ", so not listed"]
            return "; ".join(["counted", *parts]) if blank else "counted; every outlet states it"
        if role == "few" and listed:
            return "listed, not counted (fewer than most sources state it): " + parts[0]
        return _NOT_COUNTED.get(role, "")

    ids = matrix.get("facts", [])
    notes = [in_list(f) for f in ids]
    if matrix["wide"]:
        matrix["key"] = [f"{k} — {n}" if n else k for k, n in zip(matrix["key"], notes)]
    else:
        for row, n in zip(matrix["rows"], notes):
            row["list"] = n
    shared = len(ids) + matrix["hidden"]
    counted = sum(1 for r in roles.values() if r == "counted")
    shown_counted = sum(1 for f in ids if roles.get(f) == "counted")
    singles = sum(matrix["singles"]) if not matrix["wide"] else sum(int(r["single"]) for r in matrix["rows"])
    matrix["caption"] = (
        "Which outlet states which fact in a sentence of its own: ● it does; · none of its sentences does "
        "(it may still say it in other words)"
    )
    where = "last column" if matrix["wide"] else "last row"
    note = [
        f"Facts: the {_plural(shared, 'fact')} that two or more outlets state, first the {counted} the summary "
        "below counts (marked “counted”)"
        + (f", of which {shown_counted} fit here" if shown_counted < counted else "")
        + (f"; {matrix['hidden']} more not shown" if matrix["hidden"] else "")
        + f". The {where} counts, per outlet, the {_plural(singles, 'fact')} only one outlet states.",
        "Counted facts are claims (and names, numbers and quotations no claim carries) that most sources state; "
        "a name, number or quotation inside a claim is a detail of that claim. A · in a counted row is an "
        "omission only if no counterpart is found: "
        + ("the key below says which." if matrix["wide"] else "“In the missing-facts list” says which."),
    ]
    matrix["note"] = " ".join(note)
    matrix["listed"] = not matrix["wide"]
    n_missing = len(missing)
    empty = (
        f"The list is empty: no outlet leaves out any of the {_plural(counted, 'counted fact')}. Where a counted "
        "row of the matrix shows ·, the search found a counterpart in that outlet (named in the row's last column)."
        if counted
        else "The list is empty: no fact is stated by most sources, so none can be missing."
    )
    table = table_model(
        _named(missing, names), columns=["outlet", "label", "details", "stated_by", "importance", "evidence", "note"]
    )
    in_summary = sum(1 for f in missing.get("fact", []) if roles.get(str(f)) == "counted")
    fewer = n_missing - in_summary
    table["caption"] = f"{_plural(n_missing, 'omission')} found" + (
        f": {in_summary} of counted facts (the summary's), {fewer} of facts fewer than most sources state (not in the summary)"
        if fewer
        else ""
    )
    return {
        "id": "missing",
        "title": "Missing facts",
        "intro": intro,
        "matrix": matrix,
        "summary": _missing_summary(c, names),
        "table": table,
        "empty": empty if not n_missing else "",
    }


_DISAGREE = {"conflict", "uncertain"}


def _conflicts_section(conflicts, intro: str) -> dict:
    """The number conflicts, titled by what the rows hold: an agreement after rounding is not a disagreement."""
    status = [str(v) for v in conflicts["status"]] if "status" in conflicts.columns else []
    n_conflict, n_uncertain = status.count("conflict"), status.count("uncertain")
    n_agree = len(status) - n_conflict - n_uncertain
    agree = f"{_plural(n_agree, 'pair')} {'agrees' if n_agree == 1 else 'agree'} after rounding, a qualifier or reading a date"
    if n_conflict:
        title = "Numbers that disagree"
    elif n_uncertain:
        title = "Numbers that may disagree"
    else:
        title = "Numbers: none disagree"
    if n_conflict or n_uncertain:
        parts = []
        if n_conflict:
            parts.append(f"{_plural(n_conflict, 'pair')} of numbers {'disagrees' if n_conflict == 1 else 'disagree'}")
        if n_uncertain:
            parts.append(f"{_plural(n_uncertain, 'pair')} may disagree (dates read uncertainly)")
        if n_agree:
            parts.append(agree + " (listed last)")
        lead = "; ".join(parts) + "."
        caption = "Pairs that disagree first" + (", then pairs that agree" if n_agree else "")
    elif n_agree:
        lead = f"No numbers disagree; {agree}. The note says how."
        caption = "Pairs that agree after rounding, a qualifier or reading a date"
    else:
        lead, caption = "", ""
    table = table_model(
        conflicts,
        columns=["thing", "kind", "status", "outlet_a", "text_a", "sentence_a", "outlet_b", "text_b", "sentence_b", "note"],
    )
    table["caption"] = caption
    return {
        "id": "conflicts",
        "title": title,
        "intro": intro,
        "lead": lead,
        "table": table,
        "empty": "No numbers disagree: wherever two outlets give a value for the same counted thing, it is the same.",
    }


def _missing_summary(c: Comparison, names: dict[str, str]) -> dict | None:
    """Per outlet, "leaves out k of the n facts most outlets state" and the first of them (when the analysis has it)."""
    summary = getattr(c, "missing_summary", None)
    if not callable(summary):
        return None
    frame = _named(summary(), names, column="top")
    return table_model(frame, columns=["summary", "top"], headers={"summary": "outlet", "top": "what it leaves out first"})


@functools.lru_cache(maxsize=1)
def _section_intros() -> dict[str, str]:
    import yaml

    text = resources.files("compare").joinpath("templates").joinpath("sections.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
