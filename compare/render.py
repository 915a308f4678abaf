"""Rendering: every HTML view of the toolkit goes through this module.

Two stages, as displaCy and pandas ``Styler`` do it: first a plain *render
model* (dicts and lists of strings, testable without HTML), then Jinja2
templates from ``compare/templates`` with ``autoescape=True``, so every
interpolated value — article text, outlet names, titles, tooltips — is escaped
at one boundary. Only our own CSS and our own rendered charts are marked safe.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

from .diffs import word_ops
from .errors import UnknownNameError
from .normalize import tokenize

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from .alignment import AlignedStory
    from .articles import Story
    from .comparison import Comparison

__all__ = [
    "comparison_model",
    "comparison_fragment",
    "comparison_report",
    "story_html",
    "safe_url",
    "shown_columns",
    "render_template",
    "scoped_css",
    "table_model",
    "CATEGORY_LABELS",
]

#: Framing categories in legend order, with their legend text.
CATEGORY_LABELS = {
    "loaded": "loaded word",
    "name_calling": "name-calling",
    "intensifier": "intensifier",
    "hedge": "hedge",
    "attribution": "judging verb of saying",
    "blame": "blame",
}
#: One-letter tags shown after a highlighted word, so colour is never the only cue.
TAGS = {"loaded": "L", "name_calling": "N", "intensifier": "I", "hedge": "H", "attribution": "A", "blame": "B"}


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("compare", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def render_template(name: str, **context: object) -> str:
    """Render one of the package's templates (``compare/templates``) with autoescape on."""
    return _env().get_template(name).render(**context)


def scoped_css(root_id: str) -> Markup:
    """The package's style sheet, scoped under the element id ``root_id``."""
    return _css(root_id)


def _css(root_id: str) -> Markup:
    css = resources.files("compare").joinpath("templates").joinpath("style.css").read_text(encoding="utf-8")
    return Markup(css.replace("#__ROOT__", f"#{root_id}"))


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None: only those become links."""
    if url and re.match(r"(?i)^https?://[^\s<>\"']+$", url.strip()):
        return url.strip()
    return None


def root_id(c: Comparison) -> str:
    """A per-story id that scopes the CSS; derived from the content, so renders are deterministic."""
    h = hashlib.sha1()
    for p in c.parsed:
        h.update(c.story.labels[p.article.id].encode())
        h.update(p.article.text.encode())
    return "cmp-" + h.hexdigest()[:10]


# ---------------------------------------------------------------------------
# Render model


def _segments(text: str, marks: Sequence[tuple[int, int, str, str]]) -> list[dict]:
    """Cut ``text`` at mark boundaries; each piece carries the classes and titles covering it."""
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo >= hi:
            continue
        cover = [m for m in marks if m[0] <= lo and m[1] >= hi]
        ends = [m for m in cover if m[1] == hi and "fr-" in m[2]]
        out.append(
            {
                "text": text[lo:hi],
                "cls": " ".join(dict.fromkeys(c for m in cover for c in m[2].split())),
                "title": " · ".join(dict.fromkeys(m[3] for m in cover if m[3])),
                "tag": "".join(TAGS.get(c[3:], "") for m in ends for c in m[2].split() if c.startswith("fr-")),
            }
        )
    return out


def _added_marks(text: str, others: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Words of ``text`` that every one of the ``others`` (label, sentence) lacks at that place."""
    if not others:
        return []
    words = [(lo, hi) for tok, lo, hi in tokenize(text) if re.search(r"\w", tok) and tok.lower() not in _stop_words()]
    added = set(words)
    for _, other in others:
        changed = [(o.a_start, o.a_end) for o in word_ops(text, other) if o.op in ("delete", "replace")]
        added = {w for w in added if any(lo <= w[0] and w[1] <= hi for lo, hi in changed)}
    names = ", ".join(dict.fromkeys(label for label, _ in others))
    return [(lo, hi, "add", f"not in the aligned sentences of {names}") for lo, hi in sorted(added)]


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"'s", "’s"}


def _framing_marks(c: Comparison, categories: Iterable[str] | None) -> dict[str, list[tuple[int, int, str, str]]]:
    """Framing findings as marks per article id."""
    frame = c.framing
    wanted = set(categories) if categories is not None else None
    marks: dict[str, list] = {}
    for row in frame.itertuples(index=False):
        if wanted is not None and row.category not in wanted:
            continue
        who = f" ({row.speaker})" if row.voice != "editorial" and row.speaker and row.speaker != "unknown" else ""
        title = f"{CATEGORY_LABELS.get(row.category, row.category)}, {row.voice}{who}: {row.reason}"
        marks.setdefault(row.article, []).append((int(row.start), int(row.end), f"fr fr-{row.category} v-{row.voice}", title))
    return marks


def shown_columns(aligned: AlignedStory, outlets: Sequence[str] | None) -> list[int]:
    """Article positions to show, from display labels or article ids (all when ``None``)."""
    labels = list(aligned.labels)
    ids = [p.article.id for p in aligned.parsed]
    if outlets is None:
        return list(range(len(labels)))
    shown = []
    for o in outlets:
        if o in labels:
            shown.append(labels.index(o))
        elif o in ids:
            shown.append(ids.index(o))
        else:
            raise UnknownNameError("outlets", f"{o!r} is not in this story; choose from {', '.join(labels)}")
    return shown


def comparison_model(c: Comparison, *, outlets: Sequence[str] | None = None, categories: Iterable[str] | None = None) -> dict:
    """The side-by-side view as plain data: articles, columns, rows of cells of text segments.

    ``outlets`` limits and orders the columns (display labels or article ids);
    ``categories`` limits which framing categories are highlighted.
    """
    aligned = c.aligned
    labels = list(aligned.labels)
    shown = shown_columns(aligned, outlets)
    fmarks = _framing_marks(c, categories)
    sents = aligned.sentences

    def cell(k: int, others: list[tuple[str, str]]) -> dict:
        s = sents[k]
        art = c.parsed[s.article].article
        marks = _added_marks(s.text, others)
        marks += [
            (lo - s.start, hi - s.start, cls, t) for lo, hi, cls, t in fmarks.get(art.id, []) if lo >= s.start and hi <= s.end
        ]
        return {"sent": s.index, "segments": _segments(s.text, marks)}

    rows = []
    groups = c.groups.set_index("group") if len(c.groups) else None
    for kind, key in aligned.rows:
        if kind == "g":
            members = aligned.group(key).members
            by_col: dict[int, list[int]] = {}
            for k in members:
                by_col.setdefault(sents[k].article, []).append(k)
            if not any(col in by_col for col in shown):
                continue
            cells = []
            for col in shown:
                ks = by_col.get(col, [])
                others = [(labels[sents[o].article], sents[o].text) for o in members if sents[o].article != col]
                cells.append([cell(k, others) for k in ks])
            assert groups is not None  # a group row means c.groups has rows
            info = groups.loc[key]
            rows.append(
                {
                    "kind": "group",
                    "group": int(key),
                    "score": f"{info['score']:.2f}",
                    "confidence": "high" if info["score"] >= 0.7 else ("medium" if info["score"] >= 0.5 else "low"),
                    "reason": info["reason"],
                    "n_outlets": int(info["n_outlets"]),
                    "cells": cells,
                }
            )
        else:
            s = sents[key]
            if s.article not in shown:
                continue
            cells = [[cell(key, [])] if col == s.article else [] for col in shown]
            rows.append(
                {"kind": "single", "group": None, "score": "", "confidence": "", "reason": "", "n_outlets": 1, "cells": cells}
            )

    articles = []
    for col in shown:
        a = c.parsed[col].article
        articles.append(
            {
                "label": labels[col],
                "outlet": a.outlet,
                "title": a.title or "",
                "date": a.date or "",
                "url": safe_url(a.url),
                "constructed": a.constructed,
                "note": str(a.meta.get("note", "")) if a.constructed else "",
                "words": len(a.text.split()),
                "sentences": len(c.parsed[col].sentences),
            }
        )
    n_groups = sum(1 for r in rows if r["kind"] == "group")
    return {
        "id": root_id(c),
        "story": c.story.name,
        "articles": articles,
        "columns": [labels[col] for col in shown],
        "rows": rows,
        "pages": _pages(rows),
        "n_groups": n_groups,
        "n_single": len(rows) - n_groups,
        "legend": [{"category": k, "label": v} for k, v in CATEGORY_LABELS.items() if categories is None or k in set(categories)],
        "has_framing": bool(fmarks),
    }


# ---------------------------------------------------------------------------
# HTML


#: Rows per page of the side-by-side table; later pages are collapsed in notebooks.
PAGE_ROWS = 40


def _pages(rows: list[dict]) -> list[dict]:
    """Cut the rows into pages of :data:`PAGE_ROWS`, so a long story stays readable."""
    pages = []
    for n, lo in enumerate(range(0, len(rows), PAGE_ROWS)):
        chunk = rows[lo : lo + PAGE_ROWS]
        groups = [r["group"] for r in chunk if r["group"] is not None]
        span = f"groups {groups[0]}–{groups[-1]}" if groups else "sentences in one outlet only"
        pages.append({"n": n + 1, "first": lo + 1, "last": lo + len(chunk), "span": span, "rows": chunk})
    return pages or [{"n": 1, "first": 0, "last": 0, "span": "", "rows": []}]


def comparison_fragment(c: Comparison, **options) -> str:
    """The side-by-side table as an HTML fragment (what Jupyter shows); pages after the first are collapsed."""
    model = comparison_model(c, **options)
    return _env().get_template("fragment.html.j2").render(m=model, css=_css(model["id"]), open_all=False)


def figure_data_uri(fig) -> str:
    """A matplotlib figure as an embedded PNG ``data:`` URI (no external files)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def comparison_report(c: Comparison, *, title: str | None = None, **options) -> str:
    """A self-contained HTML page: article headers, side-by-side table, method notes."""
    model = comparison_model(c, **options)
    page_title = title or f"compare: {c.story.name}"
    return (
        _env()
        .get_template("report.html.j2")
        .render(m=model, css=_css(model["id"]), title=page_title, sections=_report_sections(c), open_all=True)
    )


def table_model(frame, *, columns: Sequence[str] | None = None, max_rows: int = 500) -> dict:
    """A DataFrame as plain data for the templates: column names and rows of strings."""
    import pandas as pd

    cols = list(columns) if columns is not None else [str(c) for c in frame.columns]
    rows = []
    for rec in frame[cols].head(max_rows).itertuples(index=False):
        rows.append([_cell_text(v, pd) for v in rec])
    return {"columns": cols, "rows": rows, "truncated": max(len(frame) - max_rows, 0)}


def _cell_text(v, pd) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(_cell_text(x, pd) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_cell_text(x, pd)}" for k, x in v.items())
    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


def _chart(plot) -> str:
    import matplotlib.pyplot as plt

    fig = plot()
    try:
        return figure_data_uri(fig)
    finally:
        plt.close(fig)


def _report_sections(c: Comparison) -> list[dict]:
    """The report's sections after the side-by-side view, as plain data (see report.html.j2)."""
    intro = _section_intros()
    framing = c.framing
    return [
        {
            "id": "framing",
            "title": "Framing",
            "intro": intro["framing"],
            "image": _chart(c.plot_framing),
            "alt": "Bar chart of framing findings per outlet and category",
            "table": table_model(c.framing_summary),
        },
        {
            "id": "findings",
            "title": "Framing findings, one by one",
            "intro": intro["findings"],
            "table": table_model(framing, columns=["outlet", "sent", "text", "category", "voice", "speaker", "reason"]),
            "empty": "No framing language found.",
        },
        {
            "id": "wording",
            "title": "Word swaps between outlets",
            "intro": intro["wording"],
            "table": table_model(c.wording[c.wording.category != "neutral"]),
            "empty": "No framing word swaps between aligned sentences.",
        },
        {
            "id": "missing",
            "title": "Missing facts",
            "intro": intro["missing"],
            "image": _chart(c.plot_coverage),
            "alt": "Heat map of which outlet states which fact",
            "table": table_model(c.missing, columns=["outlet", "label", "kind", "stated_by", "evidence", "note"]),
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
                columns=["thing", "status", "outlet_a", "text_a", "sentence_a", "outlet_b", "text_b", "sentence_b", "note"],
            ),
            "empty": "The outlets agree on every number they share.",
        },
        {
            "id": "quotes",
            "title": "Quotations",
            "intro": intro["quotes"],
            "table": table_model(c.quotes, columns=["quote", "outlet", "speaker", "text", "variant", "changes", "note"]),
            "empty": "No direct quotations.",
        },
        {
            "id": "sources",
            "title": "Who gets a voice",
            "intro": intro["sources"],
            "table": table_model(c.sources, columns=["outlet", "speaker", "n_quotes", "n_reported", "first_sentence"]),
            "empty": "No quoted or reported sources.",
        },
    ]


@functools.lru_cache(maxsize=1)
def _section_intros() -> dict[str, str]:
    import yaml

    text = resources.files("compare").joinpath("templates").joinpath("sections.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def story_html(story: Story) -> str:
    """A small table of a story's articles (what Jupyter shows for a ``Story``)."""
    rows = [
        {
            "id": a.id,
            "outlet": a.outlet,
            "title": a.title or "",
            "date": a.date or "",
            "url": safe_url(a.url),
            "words": len(a.text.split()),
            "constructed": a.constructed,
        }
        for a in story
    ]
    return _env().get_template("story.html.j2").render(name=story.name, rows=rows)
