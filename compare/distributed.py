"""Distributed path: per-article stages on a Dask cluster, for corpora that outgrow one machine.

The per-article stages (parsing, sentence features, story profiles, framing
when :func:`compare.framing.framing` exists) are plain functions of one
:class:`~compare.parsing.ParsedArticle`. :func:`map_articles` runs any such
function over a corpus with ``dask.bag``: each partition loads the spaCy
pipeline once per worker process (cached), parses its articles with
:func:`compare.parsing.parse_stream` (using the worker's disk cache) and keeps
only the function's small, picklable results, never the ``Doc`` objects.
:func:`cluster_stories` then clusters the gathered profiles on the client with
the same code as :func:`compare.cluster_stories`, so both give the same stories.

Needs the optional extra: ``pip install 'news-compare[dask]'`` (``dask[bag]`` and
``distributed``). Dask is imported only inside these functions.

Pointing it at a real cluster
-----------------------------
Start a scheduler and workers on the machines (every worker needs ``compare``
and the spaCy pipeline installed, e.g. ``pip install 'news-compare[dask]'``)::

    dask scheduler                                # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1   # on each machine

Give each worker its own parse cache on local disk with
``COMPARE_CACHE_DIR`` (or pass ``cache=False``). Then, on the client::

    from dask.distributed import Client
    from compare import load_corpus
    from compare.distributed import cluster_stories, map_articles, article_summary

    client = Client("tcp://HOST:8786")            # or a dask-jobqueue / Kubernetes cluster
    corpus = load_corpus("archive.jsonl")
    stories = cluster_stories(corpus, client=client, partition_size=200)
    summaries = map_articles(corpus, article_summary, client=client)

Use one thread per worker process (``--nthreads 1``): spaCy parsing holds the
GIL, so threads add nothing, and this module serialises parsing between the
threads of one process. Without ``client`` the current Dask scheduler is used
(the active ``Client`` if there is one, else local threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import pandas as pd

from .articles import Article
from .parsing import CacheArg, ParsedArticle, load_nlp, parse_stream

__all__ = ["map_articles", "cluster_stories", "article_summary", "per_article_functions", "require_dask"]

T = TypeVar("T")
_PARSE_LOCK = threading.Lock()
_DASK_HINT = "pip install 'news-compare[dask]'"


def require_dask():
    """Import and return ``dask.bag``; an ImportError naming the extra when Dask is missing."""
    try:
        import dask.bag as db
    except ImportError as e:
        raise ImportError(f"the distributed path needs Dask; install it with: {_DASK_HINT}") from e
    return db


def article_summary(parsed: ParsedArticle) -> dict[str, Any]:
    """A small per-article summary, the default function of :func:`map_articles`.

    Returns
    -------
    dict
        ``article`` (id), ``outlet``, ``sentences`` (count), ``words`` (count),
        ``entities`` (sorted distinct entity texts) and ``features`` (for each
        sentence, its sorted alignment features; see
        :func:`compare.alignment.sentence_features`).
    """
    from .alignment import sentence_features

    doc = parsed.doc
    return {
        "article": parsed.article.id,
        "outlet": parsed.article.outlet,
        "sentences": len(parsed.sentences),
        "words": sum(1 for t in doc if t.is_alpha),
        "entities": sorted({e.text for e in doc.ents}),
        "features": [sorted(sentence_features(s.span)[0]) for s in parsed.sentences],
    }


def article_facts(parsed: ParsedArticle) -> dict[str, Any]:
    """Per-article fact extraction: the article's numbers and direct quotations.

    Returns
    -------
    dict
        ``article`` (id), ``quantities`` (``(start, end, text, value, unit, thing)``
        per number expression) and ``quotes`` (``(start, end, speaker, verb)`` per
        quotation); plain tuples, so they travel between Dask workers cheaply.
    """
    from .numbers import find_quantities
    from .quotes import find_quotes

    quantities = [
        (m.start, m.end, m.quantity.text, m.quantity.value, m.quantity.unit, m.quantity.thing)
        for m in find_quantities(parsed.doc)
    ]
    quotes = [(q.start, q.end, q.speaker, q.verb) for q in find_quotes(parsed)]
    return {"article": parsed.article.id, "quantities": quantities, "quotes": quotes}


def per_article_functions() -> dict[str, Callable[[ParsedArticle], Any]]:
    """The per-article stages, by name: ``summary``, ``profile``, ``facts`` and ``framing``."""
    from .clustering import article_profile
    from .framing import framing

    return {"summary": article_summary, "profile": article_profile, "facts": article_facts, "framing": framing}


def _run_partition(
    articles: Iterable[Article],
    func: Callable[[ParsedArticle], T],
    model: str | None,
    disable: Sequence[str],
    cache: CacheArg,
    title_first: bool,
) -> list[T]:
    """Worker side: parse one partition (pipeline loaded once per process) and apply ``func``."""
    from .clustering import with_title

    items = list(articles)
    nlp = load_nlp(model)
    with _PARSE_LOCK:
        parsed = parse_stream(
            [with_title(a) for a in items] if title_first else items,
            nlp=nlp,
            cache=cache,
            progress=False,
            disable=disable,
        )
        out = []
        for original, p in zip(items, parsed):
            if title_first:
                p = ParsedArticle(article=original, doc=p.doc, sentences=p.sentences)
            out.append(func(p))
    return out


def map_articles(
    articles: Iterable[Article],
    func: Callable[[ParsedArticle], T] = article_summary,  # type: ignore[assignment]
    *,
    client=None,
    partition_size: int = 50,
    model: str | None = None,
    disable: Sequence[str] = (),
    cache: CacheArg = True,
    _title_first: bool = False,
) -> list[T]:
    """Parse articles and apply a per-article function on Dask; results in input order.

    Parameters
    ----------
    articles : iterable of Article
        For example a :class:`~compare.corpus.Corpus`.
    func : callable
        ``func(parsed_article) -> result``; must be picklable (a module-level
        function) and return something small and picklable, not the ``Doc``.
        See :func:`per_article_functions`.
    client : dask.distributed.Client, optional
        Cluster to run on; defaults to the current Dask scheduler.
    partition_size : int
        Articles per task.
    model : str, optional
        Pipeline name each worker loads (see :func:`compare.load_nlp`); it must
        be installed on every worker.
    disable : sequence of str
        Pipeline components to skip.
    cache : bool or path
        Each worker's parse cache (see :func:`compare.parsing.parse`).

    Returns
    -------
    list
        ``func`` of each article, in input order.

    Raises
    ------
    ImportError
        Dask is not installed (``pip install 'news-compare[dask]'``).
    """
    db = require_dask()
    items = list(articles)
    if not items:
        return []
    bag = db.from_sequence(items, partition_size=max(1, partition_size))
    out = bag.map_partitions(_run_partition, func, model, tuple(disable), cache, _title_first)
    return list(out.compute(scheduler=client) if client is not None else out.compute())


def cluster_stories(
    corpus: Iterable[Article],
    *,
    client=None,
    window_days: float | None = None,
    threshold: float | None = None,
    partition_size: int = 50,
    model: str | None = None,
    cache: CacheArg = True,
) -> pd.DataFrame:
    """:func:`compare.cluster_stories` with the per-article profiling on Dask.

    Parameters
    ----------
    corpus : Corpus or iterable of Article
    client, partition_size, model, cache
        As in :func:`map_articles`.
    window_days, threshold : float, optional
        As in :func:`compare.cluster_stories` (same defaults).

    Returns
    -------
    pandas.DataFrame
        Columns ``article, outlet, title, date, story``; equal to the
        single-process result.
    """
    from .clustering import DEFAULT_WINDOW_DAYS, STORY_THRESHOLD, article_profile, cluster_profiles, profile_disable

    articles = list(corpus)
    disable = profile_disable(load_nlp(model))
    profiles = map_articles(
        articles,
        article_profile,
        client=client,
        partition_size=partition_size,
        model=model,
        disable=disable,
        cache=cache,
        _title_first=True,
    )
    return cluster_profiles(
        profiles,
        window_days=DEFAULT_WINDOW_DAYS if window_days is None else window_days,
        threshold=STORY_THRESHOLD if threshold is None else threshold,
    )
