"""Classroom: the pieces of a media-literacy worksheet, for any story.

A worksheet shows students the articles first, as plain text side by side
with numbered prompts (:func:`reading_view`), then steps a teacher reveals one
at a time (:func:`reveal`: the aligned view, the framing table, what each
outlet leaves out ...), then the answer key (:func:`answer_key_view`).
:func:`worksheet` makes a whole printable worksheet, with prompts generated
from the analysis and a teacher key, from any articles. Every
piece is HTML built through :mod:`compare.render`, so all article text is
escaped, and displays itself in Jupyter.

Examples
--------
>>> from compare import load_story
>>> story = load_story("seeds/kim-putin-2019")
>>> sheet = reading_view(story, ["wire", "courier"], prompts=["What does each article leave out?"])
>>> "What does each article leave out?" in sheet
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from markupsafe import Markup

from .articles import Story
from .tables import table_html
from .templating import Html, render_template, scoped_css
from .worksheet import worksheet, worksheet_page, worksheet_prompts

__all__ = ["Html", "reading_view", "reveal", "answer_key_view", "table", "worksheet", "worksheet_page", "worksheet_prompts"]

#: A DataFrame as a formatted HTML table for students (no index, no NaN, no Python reprs).
table = table_html


def reading_view(story: Story, ids: Sequence[str] | None = None, *, prompts: Sequence[str] = ()) -> Html:
    """The articles as plain text side by side, with no highlights, then the prompts.

    What students read first in the worksheet; it prints as a handout.
    """
    chosen = [story[i] for i in ids] if ids is not None else list(story)
    articles = [
        {
            "label": story.labels[a.id],
            "title": a.title or "",
            "date": a.date or "",
            "constructed": a.constructed,
            "paragraphs": _paragraphs(a.text, a.title or ""),
        }
        for a in chosen
    ]
    h = hashlib.sha1("".join(a.text for a in chosen).encode()).hexdigest()[:10]
    root = f"cmp-read-{h}"
    return Html(render_template("reading.html.j2", id=root, css=scoped_css(root), articles=articles, prompts=list(prompts)))


def _paragraphs(text: str, title: str) -> list[str]:
    """Paragraphs of ``text``; a first paragraph that repeats the title (the headline) is dropped."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paras and title and " ".join(paras[0].split()) == " ".join(title.split()):
        paras = paras[1:]
    return paras


def reveal(summary: str, body: Any, *, open: bool = False) -> Html:
    """A collapsible section: ``summary`` as its title, ``body`` (a view, DataFrame or text) inside.

    ``open=True`` shows it expanded (the worksheet's teacher mode).
    """
    inner: Markup | str
    if hasattr(body, "__html__"):  # Html, Markup: finished HTML, never escaped twice
        inner = Markup(body.__html__())
    elif isinstance(body, pd.DataFrame):
        inner = Markup(table_html(body))
    elif hasattr(body, "_repr_html_"):
        inner = Markup(body._repr_html_())
    else:
        inner = str(body)
    return Html(render_template("reveal.html.j2", summary=summary, body=inner, open=open))


def answer_key_view(key: Mapping[str, Any], *, open: bool = False) -> Html:
    """The answer key of a seed story (``answer_key.yaml``) as collapsible tables."""
    facts = pd.DataFrame(
        [
            {"fact": f["fact"], "stated by": ", ".join(f["stated_by"]), "left out by": ", ".join(f.get("omitted_by", [])) or "—"}
            for f in key.get("facts", [])
        ]
    )
    loaded = pd.DataFrame(key.get("loaded_language", []))
    sections = [
        ("Facts and who leaves them out", facts),
        ("Loaded words, and whose voice they are in", loaded),
        ("A number that differs", pd.DataFrame(key.get("number_changes", []))),
        ("Quotes worded differently", pd.DataFrame(key.get("quote_changes", []))),
        ("A verb of saying that judges the speaker", pd.DataFrame(key.get("attribution_changes", []))),
    ]
    inner = Markup("").join(Markup(reveal(title, frame, open=open)) for title, frame in sections if len(frame))
    return reveal("Answer key", inner, open=open)
