"""A printable worksheet from any articles: a student sheet and a teacher key.

The student sheet shows the articles side by side as plain text (no
highlights) with numbered lines — one line per sentence, so answers can cite
"Wire, line 4" — then numbered prompts generated from the analysis, each with
space to answer:

- which article leaves out a fact most others report (``Comparison.missing``),
- how two outlets word the same fact (``Comparison.wording`` / the groups),
- which number differs (``Comparison.conflicts``),
- which quotation was trimmed or reworded (``Comparison.quotes``),
- "said" versus "claimed" (``Comparison.framing``, category ``attribution``).

The teacher key answers each prompt citing the sentences, plus the items of
the story's ``answer_key.yaml`` when it has one. Tables are read by column
name; a table without a column it needs just yields no prompt of that kind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .articles import Story
from .errors import StoryError
from .prompts import Prompt, worksheet_prompts
from .render import shown_columns
from .templating import Html, render_template, scoped_css

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .comparison import Comparison

__all__ = ["Prompt", "worksheet", "worksheet_prompts", "worksheet_page", "key_items"]


def _article_lines(c: Comparison, col: int) -> dict:
    """One article as paragraphs of numbered lines (sentences); a headline equal to the title is the heading."""
    a = c.aligned
    art = c.parsed[col].article
    ks = a.article_sentences(col)
    paragraphs: list[list[dict]] = []
    prev_end = None
    heading = None
    for k in ks:
        s = a.sentences[k]
        line = {"n": s.index + 1, "text": s.text.strip()}
        if prev_end is None and art.title and " ".join(s.text.split()) == " ".join(art.title.split()):
            heading = line
            prev_end = s.end
            continue
        if prev_end is None or "\n" in art.text[prev_end : s.start] or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line)
        prev_end = s.end
    return {
        "label": a.labels[col],
        "title": art.title or "",
        "heading": heading,
        "date": art.date or "",
        "constructed": art.constructed,
        "paragraphs": paragraphs,
    }


def key_items(story: Story, ids: Sequence[str] | None = None) -> list[dict]:
    """The story's ``answer_key.yaml`` as plain tables for the teacher key (empty without one)."""
    key = getattr(story, "answer_key", None) or {}
    wanted = set(ids) if ids is not None else {a.id for a in story}
    label = {a.id: story.labels[a.id] for a in story}

    def names(v: Any) -> str:
        items = v.keys() if isinstance(v, dict) else (v or [])
        return ", ".join(label.get(str(i), str(i)) for i in items if str(i) in wanted) or "—"

    def per(v: Any) -> str:
        if not isinstance(v, dict):
            return str(v or "")
        return ", ".join(f"{label.get(str(k), str(k))}: {x}" for k, x in v.items() if str(k) in wanted)

    sections = []
    facts = [
        [str(f.get("fact", "")), names(f.get("stated_by")), names(f.get("omitted_by"))]
        for f in key.get("facts", [])
        if isinstance(f, dict) and names(f.get("omitted_by")) != "—" and names(f.get("stated_by")) != "—"
    ]
    if facts:
        sections.append(
            {"title": "Facts some articles leave out", "columns": ["fact", "stated by", "left out by"], "rows": facts}
        )
    numbers = [[str(n.get("thing", "")), per(n.get("values"))] for n in key.get("number_changes", []) if isinstance(n, dict)]
    if numbers:
        sections.append({"title": "Numbers that differ", "columns": ["what", "values"], "rows": numbers})
    quotes = [
        [str(q.get("speaker", "")), per(q.get("versions")), str(q.get("note", ""))]
        for q in key.get("quote_changes", [])
        if isinstance(q, dict)
    ]
    if quotes:
        sections.append({"title": "Quotations worded differently", "columns": ["speaker", "versions", "note"], "rows": quotes})
    verbs = [[str(v.get("speaker", "")), per(v.get("verbs"))] for v in key.get("attribution_changes", []) if isinstance(v, dict)]
    if verbs:
        sections.append({"title": "Verbs of saying", "columns": ["speaker", "verb per article"], "rows": verbs})
    loaded = [
        [
            label.get(str(x.get("article")), str(x.get("article"))),
            str(x.get("text", "")),
            str(x.get("category", "")).replace("_", " "),
            str(x.get("voice", "")),
        ]
        for x in key.get("loaded_language", [])
        if isinstance(x, dict) and str(x.get("article")) in wanted
    ]
    if loaded:
        sections.append({"title": "Loaded words", "columns": ["article", "word", "kind", "whose voice"], "rows": loaded})
    return sections


def worksheet(
    story: Story | Comparison,
    ids: Sequence[str] | None = None,
    *,
    teacher: bool = False,
    nlp: Language | None = None,
    title: str | None = None,
) -> Html:
    """A printable worksheet for the articles ``ids`` (ids or labels; all when ``None``) of a story.

    ``story`` is a :class:`~compare.articles.Story` (analysed here, with ``nlp``)
    or a :class:`~compare.comparison.Comparison` already made. Returns the
    student sheet, or with ``teacher=True`` the teacher key. Both display in
    Jupyter; :func:`worksheet_page` makes a stand-alone page to print.

    Raises
    ------
    StoryError
        Fewer than two articles to compare.
    UnknownNameError
        An id that is not in the story.
    """
    from .comparison import Comparison, compare

    c = story if isinstance(story, Comparison) else None
    if c is None:
        if not isinstance(story, Story) or len(story) < 2:
            raise StoryError(getattr(story, "name", "story"), "a worksheet needs a story of at least two articles")
        c = compare(story, nlp=nlp, progress=False)
    shown = shown_columns(c.aligned, ids)
    if len(shown) < 2:
        raise StoryError(c.story.name, "a worksheet needs at least two articles")
    prompts = worksheet_prompts(c, [c.parsed[col].article.id for col in shown])
    chosen = [c.parsed[col].article.id for col in shown]
    articles = [_article_lines(c, col) for col in shown]
    h = hashlib.sha1(("|".join(chosen) + c.story.name + str(teacher)).encode()).hexdigest()[:10]
    root = f"cmp-ws-{h}"
    return Html(
        render_template(
            "worksheet.html.j2",
            id=root,
            css=scoped_css(root),
            title=title or f"Worksheet: {c.story.name}",
            articles=articles,
            prompts=prompts,
            teacher=teacher,
            key=key_items(c.story, chosen) if teacher else [],
        )
    )


def worksheet_page(sheet: Html, *, title: str) -> str:
    """A worksheet (or key) fragment as a self-contained HTML page to open and print."""
    return render_template("page.html.j2", title=title, body=sheet)
