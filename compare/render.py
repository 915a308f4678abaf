"""Rendering: every HTML view of the toolkit goes through this module.

Two stages, as displaCy and pandas ``Styler`` do it: first a plain *render
model* (dicts and lists of strings, testable without HTML), then Jinja2
templates from ``compare/templates`` with ``autoescape=True``, so every
interpolated value — article text, outlet names, titles, tooltips — is escaped
at one boundary. Only our own CSS and our own rendered charts are marked safe.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .errors import UnknownNameError, UsageError
from .marks import CATEGORY_LABELS, TAGS, framing_marks, segments, sentence_marks
from .tables import report_sections
from .templating import Html, render_template, scoped_css

if TYPE_CHECKING:  # pragma: no cover
    from .alignment import AlignedStory
    from .articles import Story
    from .comparison import Comparison

__all__ = [
    "Html",
    "LAYOUTS",
    "CARDS_FROM",
    "view_model",
    "comparison_model",
    "comparison_fragment",
    "comparison_report",
    "story_html",
    "safe_url",
    "shown_columns",
    "render_template",
    "scoped_css",
    "CATEGORY_LABELS",
]

__all__ += ["TAGS"]

#: The two layouts of the comparison view.
LAYOUTS = ("columns", "cards")
#: From this many outlets on, the default layout is fact cards.
CARDS_FROM = 5


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


def reference_column(aligned: AlignedStory, reference: str | None) -> int | None:
    """Article position of the reference outlet (a display label or article id), or ``None``."""
    if reference is None:
        return None
    return shown_columns(aligned, [reference])[0]


def default_layout(n_outlets: int) -> str:
    """``"cards"`` from :data:`CARDS_FROM` outlets on, else ``"columns"``."""
    return "cards" if n_outlets >= CARDS_FROM else "columns"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _word_count(doc) -> int:
    """Tokens that are neither punctuation nor space (as the framing summary counts words)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum()) if len(flags) else 0


def _articles(c: Comparison, shown: Sequence[int]) -> list[dict]:
    labels = list(c.aligned.labels)
    out = []
    for col in shown:
        p = c.parsed[col]
        a = p.article
        # counted as the framing summary counts them: spaCy tokens that are not punctuation or space
        words = _word_count(p.doc) if p.doc is not None else len(a.text.split())
        out.append(
            {
                "label": labels[col],
                "outlet": a.outlet,
                "title": a.title or "",
                "date": a.date or "",
                "url": safe_url(a.url),
                "constructed": a.constructed,
                "note": str(a.meta.get("note", "")) if a.constructed else "",
                "words": _plural(words, "word"),
                "sentences": _plural(len(p.sentences), "sentence"),
            }
        )
    return out


def comparison_model(
    c: Comparison,
    *,
    outlets: Sequence[str] | None = None,
    categories: Iterable[str] | None = None,
    reference: str | None = None,
) -> dict:
    """The side-by-side view as plain data: articles, columns, rows of cells of text segments.

    ``outlets`` limits and orders the columns (display labels or article ids);
    ``categories`` limits which framing categories are highlighted;
    ``reference`` puts that outlet's column first. A cell where an outlet has
    no member of the group lists its possible counterparts (faded, with score).
    """
    from .cards import possible_by_sentence

    aligned = c.aligned
    labels = list(aligned.labels)
    shown = shown_columns(aligned, outlets)
    ref = reference_column(aligned, reference)
    if ref is not None:
        shown = [ref, *[col for col in shown if col != ref]]
    fmarks = framing_marks(c, categories)
    possible = possible_by_sentence(aligned)
    sents = aligned.sentences

    def cell(k: int, others: list[int]) -> dict:
        s = sents[k]
        return {"sent": s.index, "segments": segments(s.text, sentence_marks(c, k, others, fmarks))}

    rows = []
    for kind, key in aligned.rows:
        if kind == "g":
            g = aligned.group(key)
            members = g.members
            by_col: dict[int, list[int]] = {}
            for k in members:
                by_col.setdefault(sents[k].article, []).append(k)
            if not any(col in by_col for col in shown):
                continue
            cands: dict[int, float] = {}
            for k in members:
                for o, score in possible.get(k, []):
                    if o not in members:
                        cands[o] = max(cands.get(o, 0.0), score)
            cells, maybe = [], []
            for col in shown:
                ks = by_col.get(col, [])
                cells.append([cell(k, [o for o in members if sents[o].article != col]) for k in ks])
                faded = sorted(((o, sc) for o, sc in cands.items() if sents[o].article == col), key=lambda p: (-p[1], p[0]))
                faded = faded[:1] if col not in by_col else []  # only where the outlet has no sentence in the group
                maybe.append([{"sent": sents[o].index, "text": sents[o].text, "score": f"{sc:.2f}"} for o, sc in faded])
            rows.append(
                {
                    "kind": "group",
                    "group": int(key),
                    "score": f"{g.score:.2f}",
                    "confidence": g.confidence,
                    "reason": g.reason,
                    "n_outlets": len(by_col),
                    "cells": cells,
                    "possible": maybe,
                }
            )
        else:
            s = sents[key]
            if s.article not in shown:
                continue
            cells = [[cell(key, [])] if col == s.article else [] for col in shown]
            rows.append(
                {
                    "kind": "single",
                    "group": None,
                    "score": "",
                    "confidence": "",
                    "reason": "",
                    "n_outlets": 1,
                    "cells": cells,
                    "possible": [[] for _ in shown],
                }
            )

    n_groups = sum(1 for r in rows if r["kind"] == "group")
    return {
        "id": root_id(c),
        "layout": "columns",
        "story": c.story.name,
        "articles": _articles(c, shown),
        "columns": [labels[col] for col in shown],
        "rows": rows,
        "pages": _pages(rows),
        "n_groups": n_groups,
        "n_single": len(rows) - n_groups,
        "legend": [{"category": k, "label": v} for k, v in CATEGORY_LABELS.items() if categories is None or k in set(categories)],
        "has_framing": bool(fmarks),
    }


def view_model(
    c: Comparison,
    *,
    layout: str | None = None,
    outlets: Sequence[str] | None = None,
    categories: Iterable[str] | None = None,
    reference: str | None = None,
) -> dict:
    """The model of either layout: ``"columns"`` (side by side) or ``"cards"`` (fact cards and overview matrix).

    ``layout=None`` picks cards from :data:`CARDS_FROM` shown outlets on.
    """
    from .cards import cards_model

    if layout is not None and layout not in LAYOUTS:
        raise UsageError("layout", f"must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    shown = shown_columns(c.aligned, outlets)
    layout = layout or default_layout(len(shown))
    if layout == "columns":
        return comparison_model(c, outlets=outlets, categories=categories, reference=reference)
    ref = reference_column(c.aligned, reference)
    if ref is not None:
        shown = [ref, *[col for col in shown if col != ref]]
    root = root_id(c)
    model = cards_model(c, shown=shown, categories=categories, reference=ref, root=root)
    fmarks_any = not c.framing.empty
    n_groups = sum(1 for card in model["cards"] if card["kind"] == "group")
    n_single = sum(len(card["lines"]) for card in model["cards"] if card["kind"] == "single")
    labels = list(c.aligned.labels)
    return {
        "id": root,
        "layout": "cards",
        "story": c.story.name,
        "articles": _articles(c, shown),
        "columns": [labels[col] for col in shown],
        "reference": labels[ref] if ref is not None else "",
        "cards": model["cards"],
        "matrix": model["matrix"],
        "n_groups": n_groups,
        "n_single": n_single,
        "legend": [{"category": k, "label": v} for k, v in CATEGORY_LABELS.items() if categories is None or k in set(categories)],
        "has_framing": fmarks_any,
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


def _view_template(model: dict) -> str:
    return "_cards.html.j2" if model["layout"] == "cards" else "_table.html.j2"


def comparison_fragment(c: Comparison, **options) -> str:
    """The view as an HTML fragment (what Jupyter shows); in columns, pages after the first are collapsed.

    ``options``: ``layout``, ``outlets``, ``categories``, ``reference`` (see :func:`view_model`).
    """
    model = view_model(c, **options)
    return render_template("fragment.html.j2", m=model, css=scoped_css(model["id"]), open_all=False, view=_view_template(model))


def figure_data_uri(fig) -> str:
    """A matplotlib figure as an embedded PNG ``data:`` URI (no external files); for notebooks."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def comparison_report(c: Comparison, *, title: str | None = None, **options) -> str:
    """A self-contained HTML page: articles, the view (columns or cards), the analyses, method notes.

    Charts are HTML (no matplotlib), so the page is searchable and prints cleanly.
    """
    model = view_model(c, **options)
    page_title = title or f"compare: {c.story.name}"
    return render_template(
        "report.html.j2",
        m=model,
        css=scoped_css(model["id"]),
        title=page_title,
        sections=report_sections(c),
        open_all=True,
        view=_view_template(model),
    )


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
    return render_template("story.html.j2", name=story.name, rows=rows)
