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
from typing import Union

import pandas as pd

from .alignment import SCORE_CUTOFF, align
from .articles import Story, load_story
from .errors import StoryError
from .parsing import ParsedArticle, Sentence, parse

__all__ = ["Comparison", "compare", "SENTENCE_COLUMNS", "GROUP_COLUMNS"]

#: Columns of :attr:`Comparison.sentences`.
SENTENCE_COLUMNS = ["article", "outlet", "sent", "start", "end", "text", "group"]
#: Columns of :attr:`Comparison.groups`.
GROUP_COLUMNS = ["group", "n_outlets", "n_sentences", "score", "entities", "numbers", "words", "reason"]


def compare(
    story: Story | str | os.PathLike | Sequence[Union[str, os.PathLike]],
    *,
    nlp=None,
    score_cutoff: float = SCORE_CUTOFF,
    cache: bool | str | os.PathLike = True,
    progress: bool = True,
) -> "Comparison":
    """Parse and align a story's articles.

    Parameters
    ----------
    story : Story, or a path / list of paths for :func:`load_story`
    nlp : spaCy Language, optional
        Defaults to :func:`compare.load_nlp`.
    score_cutoff : float
        Minimum score (0–1) for two sentences to be aligned; higher is stricter.
    cache : bool or path
        Reuse parsed documents cached on disk (``COMPARE_CACHE_DIR``, default
        ``~/.cache/compare``, or the folder given); ``False`` always parses.
    progress : bool
        Show progress bars on a terminal or in a notebook.

    Examples
    --------
    >>> c = compare(load_story("seeds/kim-putin-2019"), progress=False)
    >>> list(c.alignment.columns[:3])
    ['group', 'n_outlets', 'score']
    """
    if not isinstance(story, Story):
        story = load_story(story)
    if len(story) == 0:
        raise StoryError(story.name, "story has no articles")
    parsed = parse(story, nlp=nlp, progress=progress, cache=cache)
    return Comparison(story, parsed, score_cutoff=score_cutoff)


class Comparison:
    """A story's articles, parsed and aligned.

    Attributes (all computed on first use)
    --------------------------------------
    sentences : DataFrame
        Every sentence of every article: ``article, outlet, sent, start, end, text, group``.
    alignment : DataFrame
        One row per group of sentences from different outlets that report the
        same thing: ``group, n_outlets, score`` and one column per outlet.
    groups : DataFrame
        Why each group was formed: ``group, n_outlets, n_sentences, score,
        entities, numbers, words, reason``.
    """

    def __init__(self, story: Story, parsed: Sequence[ParsedArticle], *, score_cutoff: float = SCORE_CUTOFF) -> None:
        self.story = story
        self.parsed = list(parsed)
        self.score_cutoff = score_cutoff
        sents, raw, pairs = align(self.parsed, score_cutoff=score_cutoff)
        self._sents: list[Sentence] = sents
        self._pairs = pairs
        self._build(raw)

    # -- construction ----------------------------------------------------------
    def _build(self, raw) -> None:
        labels = [self.story.labels[p.article.id] for p in self.parsed]
        group_of: dict[int, int] = {}
        for g, rec in enumerate(raw.groups):
            for k in rec["members"]:
                group_of[k] = g
        # Display order: the first article's order, other articles' rows slotted in after the
        # row they follow in their own article. A row's sort key extends the key of the row it
        # follows, so the merge costs one sort instead of repeated list insertions.
        by_article: dict[int, list[int]] = {}
        for k, s in enumerate(self._sents):
            by_article.setdefault(s.article, []).append(k)
        sort_key: dict[tuple[str, int], tuple] = {}
        for art in range(len(self.parsed)):
            anchor: tuple = () if art == 0 else ((-1, 0),)
            run = 0
            for k in by_article.get(art, []):
                key = ("g", group_of[k]) if k in group_of else ("s", k)
                if key in sort_key:
                    anchor, run = sort_key[key], 0
                    continue
                run += 1
                sort_key[key] = anchor + ((art, run),)
        order = sorted(sort_key, key=sort_key.__getitem__)
        number = {key[1]: n for n, key in enumerate((k for k in order if k[0] == "g"), 1)}
        self._rows = [("g", number[i]) if kind == "g" else ("s", i) for kind, i in order]
        self._group_members = {number[g]: rec["members"] for g, rec in enumerate(raw.groups)}
        self._group_info = {number[g]: rec for g, rec in enumerate(raw.groups)}
        self._sentence_group = {k: number[g] for k, g in group_of.items()}
        self._labels = labels

    # -- tables ------------------------------------------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Every sentence of every article (see class docstring for columns)."""
        rows = []
        for k, s in enumerate(self._sents):
            art = self.parsed[s.article].article
            rows.append((art.id, self._labels[s.article], s.index, s.start, s.end, s.text, self._sentence_group.get(k)))
        df = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
        df["group"] = df["group"].astype("Int64")
        return df

    @cached_property
    def alignment(self) -> pd.DataFrame:
        """One row per aligned group, one column per outlet (missing where it says nothing)."""
        rows = []
        for kind, g in self._rows:
            if kind != "g":
                continue
            info = self._group_info[g]
            cells: dict[str, list[str]] = {}
            for k in info["members"]:
                cells.setdefault(self._labels[self._sents[k].article], []).append(self._sents[k].text)
            row = {"group": g, "n_outlets": len(cells), "score": round(info["score"], 3)}
            row.update({label: " ".join(texts) for label, texts in cells.items()})
            rows.append(row)
        columns = ["group", "n_outlets", "score", *self._labels]
        df = pd.DataFrame(rows, columns=columns)
        return df.astype({"group": "int64", "n_outlets": "int64", "score": "float64"}) if len(df) else df

    @cached_property
    def groups(self) -> pd.DataFrame:
        """Why each group was formed: its score and the features its sentences share."""
        rows = []
        for kind, g in self._rows:
            if kind != "g":
                continue
            info = self._group_info[g]
            sh = info["shared"]
            n_out = len({self._sents[k].article for k in info["members"]})
            rows.append(
                (g, n_out, len(info["members"]), round(info["score"], 3), sh["entities"], sh["numbers"], sh["words"], _reason(sh))
            )
        return pd.DataFrame(rows, columns=GROUP_COLUMNS)

    def group_sentences(self, group: int) -> list[Sentence]:
        """The :class:`~compare.parsing.Sentence` objects of one group, in story order."""
        return [self._sents[k] for k in self._group_members[group]]

    @property
    def rows(self) -> list[tuple[str, int]]:
        """Display rows in order: ``("g", group)`` or ``("s", flat sentence index)``."""
        return list(self._rows)

    # -- later stages (framing.py, facts.py, plots.py) -----------------------------
    @cached_property
    def framing(self) -> pd.DataFrame:
        """Framing findings in every article, with comparative findings (see :mod:`compare.framing`)."""
        from .framing import comparison_framing

        return comparison_framing(self)

    @cached_property
    def wording(self) -> pd.DataFrame:
        """Word swaps between aligned sentences (see :func:`compare.framing.wording`)."""
        from .framing import wording

        return wording(self)

    @cached_property
    def framing_summary(self) -> pd.DataFrame:
        """Per outlet: findings per category and voice, and per 1,000 words."""
        from .framing import framing_summary

        return framing_summary(self)

    def plot_framing(self, ax=None):
        """Bar chart of framing findings per outlet and category (returns the Figure)."""
        from .plots import plot_framing

        return plot_framing(self, ax=ax)

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Fact units found in any article (see :mod:`compare.facts`)."""
        from .facts import extract_facts

        return extract_facts(self)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """Fact × outlet boolean matrix, most widely reported facts first."""
        from .facts import coverage

        return coverage(self)

    def missing_facts(self, min_outlets: int | None = None) -> pd.DataFrame:
        """Facts an outlet omits that at least ``min_outlets`` other outlets state."""
        from .facts import missing_facts

        return missing_facts(self, min_outlets=min_outlets)

    @cached_property
    def missing(self) -> pd.DataFrame:
        """:meth:`missing_facts` with the default threshold (half the other outlets, at least 1)."""
        return self.missing_facts()

    @cached_property
    def unique(self) -> pd.DataFrame:
        """Facts that only one outlet states."""
        from .facts import unique_facts

        return unique_facts(self)

    @cached_property
    def conflicts(self) -> pd.DataFrame:
        """The same counted thing given different values (see :func:`compare.facts.conflicts`)."""
        from .facts import conflicts

        return conflicts(self)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """Direct quotations grouped across outlets, each variant classified."""
        from .facts import quote_table

        return quote_table(self)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """Who gets a voice: per outlet, each quoted or reported speaker and how often."""
        from .facts import sources

        return sources(self)

    def plot_coverage(self, ax=None):
        """Heat map of which outlet carries which fact (returns the Figure)."""
        from .plots import plot_coverage

        return plot_coverage(self, ax=ax)

    # -- presentation ---------------------------------------------------------------
    def to_html(self, path: str | os.PathLike | None = None, *, title: str | None = None) -> str:
        """The side-by-side view as HTML; with ``path``, write a self-contained report there.

        All article text and metadata are HTML-escaped. Returns the HTML.
        """
        from .render import comparison_fragment, comparison_report

        if path is None:
            return comparison_fragment(self)
        page = comparison_report(self, title=title)
        Path(path).write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return self.to_html()

    def view(self, *, outlets: Sequence[str] | None = None, categories: Sequence[str] | None = None) -> "View":
        """A side-by-side view limited to some outlets (labels or ids) and framing categories.

        Examples
        --------
        >>> v = c.view(outlets=["wire", "courier"], categories=["loaded"])  # doctest: +SKIP
        """
        return View(self, outlets=outlets, categories=categories)

    def __repr__(self) -> str:
        n = len(self._group_members)
        return f"<Comparison of {len(self.parsed)} articles, {len(self._sents)} sentences, {n} aligned groups>"


class View:
    """A configured side-by-side view of a :class:`Comparison` (see :meth:`Comparison.view`)."""

    def __init__(self, comparison: Comparison, *, outlets: Sequence[str] | None = None, categories: Sequence[str] | None = None) -> None:
        from .render import shown_columns

        self.comparison = comparison
        self.options = {"outlets": list(outlets) if outlets is not None else None, "categories": list(categories) if categories is not None else None}
        shown_columns(comparison, self.options["outlets"])  # fail now, not when displayed, on an unknown outlet

    def to_html(self, path: str | os.PathLike | None = None, *, title: str | None = None) -> str:
        """The view as an HTML fragment, or with ``path`` a self-contained report written there."""
        from .render import comparison_fragment, comparison_report

        if path is None:
            return comparison_fragment(self.comparison, **self.options)
        page = comparison_report(self.comparison, title=title, **self.options)
        Path(path).write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        outlets = ", ".join(self.options["outlets"]) if self.options["outlets"] else "all outlets"
        cats = ", ".join(self.options["categories"]) if self.options["categories"] is not None else "all categories"
        return f"<View of {self.comparison.story.name}: {outlets}; {cats}>"


def _reason(shared: dict[str, list[str]]) -> str:
    parts = []
    for key in ("entities", "numbers", "words"):
        if shared[key]:
            parts.append(f"shared {key}: " + ", ".join(shared[key][:6]))
    return "; ".join(parts) or "similar wording"
