"""The Dask path gives the same results as the single-process path (needs the trained pipeline)."""

from __future__ import annotations

import pytest

import compare
from compare.clustering import cluster_stories
from compare.corpus import Corpus, load_corpus
from compare.distributed import article_summary, map_articles, per_article_functions, require_dask
from compare.parsing import parse

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

#: Two hand-written articles about another event, so clustering has something to split.
OTHER = [
    {
        "id": "valencia-1",
        "outlet": "Tribune",
        "title": "Flash floods kill dozens in Valencia",
        "date": "2024-10-30",
        "text": "Flash floods swept through towns near Valencia after torrential rain on Tuesday night, killing "
        "at least 62 people. Rescue crews in Paiporta searched for missing residents.",
    },
    {
        "id": "valencia-2",
        "outlet": "Gazette",
        "title": "Spain mourns as Valencia flood toll rises",
        "date": "2024-10-31",
        "text": "The death toll from floods in the Valencia region rose to 95 as rescue teams in Paiporta dug "
        "through mud. Spain declared three days of national mourning after torrential rain.",
    },
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    import pandas as pd

    return Corpus([*compare.load_story("seeds/kim-putin-2019"), *load_corpus(pd.DataFrame(OTHER))])


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_require_dask_names_the_extra(monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError("no dask")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match=r"pip install 'news-compare\[dask\]'"):
        require_dask()


def test_map_articles_equals_single_process(corpus, client, nlp, tmp_path):
    local = [article_summary(p) for p in parse(corpus, nlp=nlp, cache=False, progress=False)]
    remote = map_articles(corpus, article_summary, client=client, partition_size=3, cache=tmp_path)
    assert remote == local
    assert [r["article"] for r in remote] == corpus.ids


def test_cluster_stories_on_cluster_equals_local(corpus, client, nlp, tmp_path):
    from compare.distributed import cluster_stories as dask_cluster_stories

    local = cluster_stories(corpus, nlp=nlp, cache=False, progress=False)
    remote = dask_cluster_stories(corpus, client=client, partition_size=2, cache=tmp_path)
    assert remote.equals(local)


@pytest.mark.parametrize("stage", ["framing", "facts"])
def test_per_article_stages_on_cluster_equal_local(corpus, client, nlp, tmp_path, stage):
    func = per_article_functions()[stage]
    articles = list(corpus)[:3]
    local = [func(p) for p in parse(articles, nlp=nlp, cache=False, progress=False)]
    remote = map_articles(articles, func, client=client, cache=tmp_path)
    assert len(remote) == len(local) == 3
    for r, l in zip(remote, local):
        if hasattr(l, "equals"):
            assert r.equals(l)
        else:
            assert r == l
