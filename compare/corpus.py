"""Corpora: many articles about many events.

:func:`load_corpus` reads a folder of article files (any format
:func:`compare.load_story` reads, searched recursively), one CSV/JSONL/JSON file
with one article per row (``outlet, title, date, url, text``), or a DataFrame,
into a :class:`Corpus`. :func:`compare.clustering.cluster_stories` groups its
articles into stories about one event each, ready for :func:`compare.compare`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import Union

import pandas as pd

from .articles import (
    ARTICLE_SUFFIXES,
    Article,
    Story,
    articles_from_records,
    read_articles,
    unique_ids,
)
from .errors import ArticleFormatError, StoryError

__all__ = ["Corpus", "load_corpus"]

CorpusSource = Union[str, "PathLike[str]", pd.DataFrame, Sequence[Article]]


class Corpus:
    """An ordered collection of articles about many events.

    Unlike a :class:`~compare.Story`, a corpus may hold tens of thousands of
    articles; ids are unique (repeats get ``-2``, ``-3``, ...).
    """

    def __init__(self, articles: Iterable[Article], *, name: str = "corpus") -> None:
        self.articles: tuple[Article, ...] = tuple(unique_ids(list(articles)))
        self.name = name

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key: int) -> Article:
        return self.articles[key]

    def __repr__(self) -> str:
        return f"Corpus({self.name!r}, {len(self)} articles)"

    @property
    def ids(self) -> list[str]:
        """Article ids in corpus order."""
        return [a.id for a in self.articles]

    def to_frame(self) -> pd.DataFrame:
        """One row per article: ``id, outlet, title, date, url, words``."""
        return pd.DataFrame(
            [(a.id, a.outlet, a.title, a.date, a.url, len(a.text.split())) for a in self.articles],
            columns=["id", "outlet", "title", "date", "url", "words"],
        )

    def stories(self, clusters: pd.DataFrame, *, min_articles: int = 2) -> list[Story]:
        """The stories of :func:`cluster_stories` as :class:`~compare.Story` objects.

        Parameters
        ----------
        clusters : DataFrame
            The output of :func:`cluster_stories` for this corpus.
        min_articles : int
            Leave out stories with fewer articles (a lone article compares to nothing).

        Returns
        -------
        list of Story
            In story order, named ``story-<n>``.
        """
        by_id = {a.id: a for a in self.articles}
        out = []
        for story, rows in clusters.groupby("story", sort=True):
            if len(rows) >= min_articles:
                out.append(Story([by_id[i] for i in rows["article"]], name=f"story-{story}"))
        return out


def load_corpus(source: CorpusSource, *, name: str | None = None) -> Corpus:
    """Read many articles about many events.

    Parameters
    ----------
    source : path, DataFrame or sequence of Article
        A folder (searched recursively, in path order, for files that
        :func:`compare.load_story` reads; hidden files skipped), one
        ``.csv``/``.jsonl``/``.json`` file with one article per row or object
        (fields ``outlet, title, date, url, text``; ``id`` optional), or a
        DataFrame with those columns.
    name : str, optional
        Defaults to the folder or file name, or ``"corpus"``.

    Returns
    -------
    Corpus

    Raises
    ------
    ArticleFormatError
        A path is missing, holds no articles, or a record has no text or outlet.

    Examples
    --------
    >>> corpus = load_corpus("seeds")
    >>> len(corpus)
    4
    """
    if isinstance(source, pd.DataFrame):
        records = source.to_dict(orient="records")
        label = name or "corpus"
        return Corpus(articles_from_records(records, source=label, default_id=None), name=label)
    if isinstance(source, (str, PathLike)):
        root = Path(source)
        if not root.exists():
            raise ArticleFormatError(root, "no such file or folder")
        if root.is_file():
            return Corpus(read_articles(root), name=name or root.stem)
        paths = sorted(
            p
            for p in root.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
        if not paths:
            raise ArticleFormatError(root, f"folder holds no article files ({', '.join(ARTICLE_SUFFIXES)})")
        articles: list[Article] = []
        for p in paths:
            articles.extend(read_articles(p))
        return Corpus(articles, name=name or root.name)
    if isinstance(source, Corpus):
        return source
    articles = list(source)
    if not all(isinstance(a, Article) for a in articles):
        raise StoryError("load_corpus", "expected a path, a DataFrame or a sequence of Article")
    return Corpus(articles, name=name or "corpus")
