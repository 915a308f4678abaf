"""The :class:`Comparison` result: one story parsed once, aligned, ready to show.

``compare(story)`` runs the stages (parse → align) and returns a
:class:`Comparison` whose tables are pandas DataFrames and which renders itself
as a side-by-side HTML table in Jupyter. Later stages (framing, facts) read the
same parsed documents from it; nothing is parsed twice.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pandas as pd

from . import facts, plots, render
from .alignment import AlignedStory, align
from .articles import Story, load_story
from .copies import copies as copies_table
from .errors import StoryError, UnknownNameError, UsageError, UsageTypeError
from .facts import FactAnalysis
from .framing import CATEGORIES, comparison_framing, framing_summary
from .parsing import ParsedArticle, Sentence, parse
from .settings import Settings
from .wording import wording

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from spacy.language import Language

__all__ = ["Comparison", "View", "compare", "SENTENCE_COLUMNS", "GROUP_COLUMNS", "LINK_COLUMNS"]

#: Columns of :attr:`Comparison.sentences`.
SENTENCE_COLUMNS = ["article", "outlet", "sent", "start", "end", "text", "group"]
#: Columns of :attr:`Comparison.groups`.
GROUP_COLUMNS = ["group", "n_outlets", "n_sentences", "score", "entities", "numbers", "words", "reason"]
#: Columns of :attr:`Comparison.links`.
LINK_COLUMNS = ["article_a", "sent_a", "article_b", "sent_b", "score", "reason"]


def compare(
    story: Story | str | os.PathLike | Sequence[Union[str, os.PathLike]],
    *,
    nlp: Language | None = None,
    cache: bool | str | os.PathLike = True,
    progress: bool = True,
    settings: Settings | None = None,
    **options: Any,
) -> Comparison:
    """Parse and align a story's articles.

    Parameters
    ----------
    story : Story, or a path / list of paths for :func:`load_story`
    nlp : spaCy Language, optional
        Defaults to :func:`compare.load_nlp`.
    cache : bool or path
        Reuse parsed documents cached on disk (``COMPARE_CACHE_DIR``, default
        ``~/.cache/compare``, or the folder given); ``False`` always parses.
    progress : bool
        Show progress bars on a terminal or in a notebook.
    settings : Settings, optional
        All analysis options at once; keyword options below override its fields.
    **options
        Any field of :class:`~compare.settings.Settings`: ``score_cutoff``
        (minimum score, 0–1, for two sentences to be aligned; higher is
        stricter), ``link_cutoff``, ``max_per_article``, ``clauses``,
        ``max_block_df``, ``min_outlets``, ``extra_lexicon``.

    Raises
    ------
    UsageError
        An option is unknown or out of range.
    StoryError
        The story has no articles.

    Examples
    --------
    >>> c = compare(load_story("seeds/kim-putin-2019"), progress=False)
    >>> list(c.alignment.columns[:3])
    ['group', 'n_outlets', 'score']
    """
    settings = Settings.from_options(settings, **options)
    if isinstance(story, (str, os.PathLike, list, tuple)):
        story = load_story(story)
    if not isinstance(story, Story):
        raise UsageTypeError("story", f"must be a Story, a folder or a list of files, not {type(story).__name__}")
    if len(story) == 0:
        raise StoryError(story.name, "story has no articles")
    parsed = parse(story, nlp=nlp, progress=progress, cache=cache)
    return Comparison(story, parsed, settings=settings)


class Comparison:
    """A story's articles, parsed and aligned; every analysis of them, computed on first use.

    Attributes
    ----------
    story : Story
    parsed : list of ParsedArticle
    settings : Settings
    aligned : AlignedStory
        The aligned sentences every stage reads (public and typed).
    sentences : DataFrame
        Every sentence of every article: ``article, outlet, sent, start, end, text, group``.
    alignment : DataFrame
        One row per group of sentences from different outlets that report the
        same thing: ``group, n_outlets, score`` and one column per outlet.
    groups : DataFrame
        Why each group was formed: ``group, n_outlets, n_sentences, score,
        entities, numbers, words, reason``.
    links : DataFrame
        One row per matched sentence pair (many-to-many): ``article_a, sent_a,
        article_b, sent_b, score, reason`` (see :attr:`links`).
    """

    def __init__(self, story: Story, parsed: Sequence[ParsedArticle], *, settings: Settings | None = None) -> None:
        self.story = story
        self.parsed = list(parsed)
        self.settings = settings or Settings()
        self.aligned: AlignedStory = align(self.parsed, story=story, settings=self.settings)

    @property
    def score_cutoff(self) -> float:
        """The alignment cut-off in use (``settings.score_cutoff``)."""
        return self.settings.score_cutoff

    # -- tables ------------------------------------------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Every sentence of every article (see class docstring for columns)."""
        a = self.aligned
        rows = [
            (self.parsed[s.article].article.id, a.labels[s.article], s.index, s.start, s.end, s.text, a.group_of(k))
            for k, s in enumerate(a.sentences)
        ]
        df = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
        df["group"] = df["group"].astype("Int64")
        return df

    @cached_property
    def alignment(self) -> pd.DataFrame:
        """One row per aligned group, one column per outlet (missing where it says nothing)."""
        a = self.aligned
        rows = []
        for g in a.groups:
            cells: dict[str, list[str]] = {}
            for k in g.members:
                cells.setdefault(a.labels[a.sentences[k].article], []).append(a.sentences[k].text)
            row: dict[str, Any] = {"group": g.number, "n_outlets": len(cells), "score": round(g.score, 3)}
            row.update({label: " ".join(texts) for label, texts in cells.items()})
            rows.append(row)
        columns = ["group", "n_outlets", "score", *a.labels]
        df = pd.DataFrame(rows, columns=columns)
        return df.astype({"group": "int64", "n_outlets": "int64", "score": "float64"}) if len(df) else df

    @cached_property
    def groups(self) -> pd.DataFrame:
        """Why each group was formed: its score and the features its sentences share."""
        a = self.aligned
        rows = [
            (
                g.number,
                len({a.sentences[k].article for k in g.members}),
                len(g.members),
                round(g.score, 3),
                list(g.shared.entities),
                list(g.shared.numbers),
                list(g.shared.words),
                g.reason,
            )
            for g in a.groups
        ]
        return pd.DataFrame(rows, columns=GROUP_COLUMNS)

    @cached_property
    def links(self) -> pd.DataFrame:
        """One row per matched sentence pair, best first (a sentence may match several).

        ``article_a``/``sent_a`` and ``article_b``/``sent_b`` name the two
        sentences (article id, sentence position in that article, as in
        :attr:`sentences`; ``a`` is the earlier in story order); ``score`` is
        the probability (0–1) that a careful reader would call them the same
        fact, at or above ``settings.score_cutoff``; ``reason`` is what they
        share ("shared entities: ...", or "similar meaning"). Groups are the
        view's partition built from these links; pairs just below the cut-off
        are in ``aligned.possible``.
        """
        a = self.aligned
        rows = [
            (
                self.parsed[a.sentences[i].article].article.id,
                a.sentences[i].index,
                self.parsed[a.sentences[j].article].article.id,
                a.sentences[j].index,
                round(v, 3),
                a.link_reason(i, j),
            )
            for i, j, v in a.links
        ]
        df = pd.DataFrame(rows, columns=LINK_COLUMNS)
        return df.astype({"sent_a": "int64", "sent_b": "int64", "score": "float64"}) if len(df) else df

    def group_sentences(self, group: int) -> list[Sentence]:
        """The :class:`~compare.parsing.Sentence` objects of one group, in story order."""
        return self.aligned.group_sentences(group)

    @property
    def rows(self) -> list[tuple[str, int]]:
        """Display rows in order: ``("g", group)`` or ``("s", flat sentence index)``."""
        return list(self.aligned.rows)

    # -- framing -------------------------------------------------------------------
    @cached_property
    def framing(self) -> pd.DataFrame:
        """Framing findings in every article, with comparative findings (see :mod:`compare.framing`)."""
        return comparison_framing(self.aligned, extra_lexicon=self.settings.extra_lexicon)

    @cached_property
    def wording(self) -> pd.DataFrame:
        """Word swaps between aligned sentences (see :func:`compare.wording.wording`)."""
        return wording(self.aligned, extra_lexicon=self.settings.extra_lexicon)

    @cached_property
    def framing_summary(self) -> pd.DataFrame:
        """Per outlet: findings per category and voice, and per 1,000 words."""
        return framing_summary(self.aligned, self.framing)

    def plot_framing(self, ax: Axes | None = None) -> Figure:
        """Bar chart of framing findings per outlet and category (returns the Figure)."""
        return plots.plot_framing(self.framing, self.aligned.labels, ax=ax)

    # -- facts ----------------------------------------------------------------------
    @cached_property
    def fact_analysis(self) -> FactAnalysis:
        """The fact units and the indexes the facts tables share (see :mod:`compare.facts`)."""
        return facts.analyse_facts(self.aligned)

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Fact units found in any article (see :func:`compare.facts.extract_facts`)."""
        return facts.extract_facts(self.fact_analysis)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """Fact × outlet boolean matrix, most widely reported facts first."""
        return facts.coverage(self.fact_analysis)

    def missing_facts(self, min_outlets: int | None = None) -> pd.DataFrame:
        """Facts an outlet omits that at least ``min_outlets`` other outlets state.

        ``min_outlets`` defaults to ``settings.min_outlets`` (see :func:`compare.facts.missing_facts`).
        """
        k = self.settings.min_outlets if min_outlets is None else min_outlets
        return facts.missing_facts(self.fact_analysis, min_outlets=k)

    @cached_property
    def missing(self) -> pd.DataFrame:
        """:meth:`missing_facts` with the default threshold."""
        return self.missing_facts()

    def missing_summary(self, *, top: int = 3) -> pd.DataFrame:
        """Per outlet: "leaves out k of the n facts that at least m of the s outlets state", with its ``top`` omissions.

        See :func:`compare.facts.missing_summary` for the columns.
        """
        return facts.missing_summary(self.fact_analysis, top=top)

    @cached_property
    def copies(self) -> pd.DataFrame:
        """Pairs of outlets that republish one underlying text, with their edits (see :func:`compare.copies.copies`)."""
        return copies_table(self.aligned, self.fact_analysis.outlets)

    @cached_property
    def unique(self) -> pd.DataFrame:
        """Facts that only one outlet states."""
        return facts.unique_facts(self.fact_analysis)

    @cached_property
    def conflicts(self) -> pd.DataFrame:
        """The same counted thing given different values (see :func:`compare.facts.conflicts`)."""
        return facts.conflicts(self.fact_analysis)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """Direct quotations grouped across outlets, each variant classified."""
        return facts.quote_table(self.fact_analysis)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """Who gets a voice: per outlet, each quoted or reported speaker and how often."""
        return facts.sources(self.fact_analysis)

    def plot_coverage(self, ax: Axes | None = None, *, max_facts: int = plots.MAX_FACTS) -> Figure:
        """Heat map of which outlet carries which fact (returns the Figure); at most ``max_facts`` rows."""
        return plots.plot_coverage(self.coverage, self.facts, ax=ax, title=self.story.name, max_facts=max_facts)

    # -- presentation ---------------------------------------------------------------
    def to_html(self, path: str | os.PathLike | None = None, *, title: str | None = None) -> str:
        """The side-by-side view as HTML; with ``path``, write a self-contained report there.

        All article text and metadata are HTML-escaped. Returns the HTML.
        """
        return self.view().to_html(path, title=title)

    def _repr_html_(self) -> str:
        return self.to_html()

    def view(
        self,
        *,
        outlets: str | Sequence[str] | None = None,
        categories: str | Sequence[str] | None = None,
        layout: str | None = None,
        reference: str | None = None,
    ) -> View:
        """A view limited to some outlets (labels or ids) and framing categories.

        A single string is one outlet or one category. ``layout`` is
        ``"columns"`` (side by side) or ``"cards"`` (one fact card per group,
        with an overview matrix); by default cards from five outlets on.
        ``reference`` (an outlet) gives each card its reference sentence and
        comes first in columns.

        Raises
        ------
        UnknownNameError
            An outlet or category that is not in this story (the message lists the valid ones).
        UsageError
            ``layout`` is not ``"columns"`` or ``"cards"``.

        Examples
        --------
        >>> v = c.view(outlets=["wire", "courier"], categories=["loaded"])  # doctest: +SKIP
        >>> v = c.view(layout="cards", reference="wire")  # doctest: +SKIP
        """
        return View(self, outlets=outlets, categories=categories, layout=layout, reference=reference)

    def __repr__(self) -> str:
        a = self.aligned
        return f"<Comparison of {len(self.parsed)} articles, {len(a.sentences)} sentences, {len(a.groups)} aligned groups>"


class View:
    """A configured side-by-side view of a :class:`Comparison` (see :meth:`Comparison.view`)."""

    def __init__(
        self,
        comparison: Comparison,
        *,
        outlets: str | Sequence[str] | None = None,
        categories: str | Sequence[str] | None = None,
        layout: str | None = None,
        reference: str | None = None,
    ) -> None:
        self.comparison = comparison
        outlet_list = _names("outlets", outlets)
        category_list = _names("categories", categories)
        render.shown_columns(comparison.aligned, outlet_list)  # fail now, not when displayed
        for cat in category_list or ():
            if cat not in CATEGORIES:
                raise UnknownNameError("categories", f"{cat!r} is not a framing category; choose from {', '.join(CATEGORIES)}")
        if layout is not None and layout not in render.LAYOUTS:
            raise UsageError("layout", f"must be one of {', '.join(render.LAYOUTS)}, not {layout!r}")
        if reference is not None:
            render.shown_columns(comparison.aligned, [reference])
        self.options: dict[str, Any] = {
            "outlets": outlet_list,
            "categories": category_list,
            "layout": layout,
            "reference": reference,
        }

    def to_html(self, path: str | os.PathLike | None = None, *, title: str | None = None) -> str:
        """The view as an HTML fragment, or with ``path`` a self-contained report written there."""
        if path is None:
            return render.comparison_fragment(self.comparison, **self.options)
        page = render.comparison_report(self.comparison, title=title, **self.options)
        Path(path).write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        outlets = ", ".join(self.options["outlets"] or ()) or "all outlets"
        cats = ", ".join(self.options["categories"]) if self.options["categories"] is not None else "all categories"
        return f"<View of {self.comparison.story.name}: {outlets}; {cats}>"


def _names(argument: str, value: str | Sequence[str] | None) -> list[str] | None:
    """A list of names from one name or a sequence of names (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise UsageTypeError(argument, f"must be a name or a list of names, not {value!r}")
    return list(value)
