"""Corpus loading and story clustering. Clustering tests need the trained pipeline (``nlp``)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import compare
from compare.cli import stories_command
from compare.clustering import STORY_COLUMNS, ArticleProfile, cluster_profiles, cluster_stories
from compare.corpus import Corpus, load_corpus
from compare.errors import ArticleFormatError

SEED_DIR = "seeds/kim-putin-2019"

#: Hand-written articles: the same leaders at a later summit, and an unrelated event.
LATER_SUMMIT = [
    {
        "id": "tass-2023",
        "outlet": "Tass Wire",
        "title": "Kim Jong Un meets Putin at Vostochny cosmodrome",
        "date": "2023-09-13",
        "text": "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny "
        "cosmodrome in the Amur region on Wednesday. The two leaders toured the launch site and held "
        "talks for more than four hours. Putin said Russia would help North Korea build satellites.",
    },
    {
        "id": "herald-2023",
        "outlet": "Herald",
        "title": "Putin hosts Kim at space centre amid arms fears",
        "date": "2023-09-14",
        "text": "Vladimir Putin welcomed Kim Jong Un at the Vostochny space centre, where the leaders "
        "discussed satellites and military cooperation. Washington warned that an arms deal would "
        "violate United Nations resolutions. Kim travelled to the Amur region by armoured train.",
    },
]
FLOOD = [
    {
        "id": "valencia-1",
        "outlet": "Tribune",
        "title": "Flash floods kill dozens in Valencia",
        "date": "2024-10-30",
        "text": "Flash floods swept through towns near Valencia after torrential rain on Tuesday night, "
        "killing at least 62 people. Rescue crews in Paiporta searched for missing residents as the "
        "Spanish government declared three days of mourning.",
    },
    {
        "id": "valencia-2",
        "outlet": "Gazette",
        "title": "Spain mourns as Valencia flood toll rises",
        "date": "2024-10-31",
        "text": "The death toll from floods in the Valencia region rose to 95 as rescue teams in Paiporta "
        "dug through mud. Spain declared three days of national mourning after torrential rain.",
    },
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    seed = list(compare.load_story(SEED_DIR))
    extra = load_corpus(pd.DataFrame(LATER_SUMMIT + FLOOD))
    return Corpus([*seed, *extra])


def test_load_corpus_frame_and_files(tmp_path):
    frame = pd.DataFrame(LATER_SUMMIT + FLOOD)
    from_frame = load_corpus(frame)
    assert from_frame.ids == ["tass-2023", "herald-2023", "valencia-1", "valencia-2"]
    (tmp_path / "a.csv").write_text(frame.to_csv(index=False), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in LATER_SUMMIT), encoding="utf-8")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "note.md").write_text("---\noutlet: Blog\ndate: 2024-01-01\n---\nSome text here.\n", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("---\noutlet: X\n---\nhidden\n", encoding="utf-8")
    folder = load_corpus(tmp_path)
    assert len(folder) == 7
    assert len(set(folder.ids)) == 7, "ids stay unique across files"
    assert [a.outlet for a in folder][-1] == "Blog"
    assert len(load_corpus(tmp_path / "b.jsonl")) == 2
    assert list(folder.to_frame().columns) == ["id", "outlet", "title", "date", "url", "words"]


def test_load_corpus_errors(tmp_path):
    with pytest.raises(ArticleFormatError, match="no such"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(ArticleFormatError, match="no article files"):
        load_corpus(tmp_path)
    with pytest.raises(ArticleFormatError, match="no text"):
        load_corpus(pd.DataFrame([{"outlet": "A", "text": ""}]))


def _profile(i: str, date: str | None, feats: dict[str, int]) -> ArticleProfile:
    return ArticleProfile(article=i, outlet="O", title=None, date=date, features=tuple(sorted(feats.items())))


def test_cluster_profiles_columns_window_and_determinism():
    summit = {"e:kim": 3, "e:putin": 3, "w:summit": 2, "w:talks": 1}
    profs = [
        _profile("a", "2019-04-24", {**summit, "e:vladivostok": 1}),
        _profile("b", "2019-04-25", {**summit, "e:vladivostok": 2}),
        _profile("c", "2023-09-13", {**summit, "e:vostochny": 1}),
        _profile("d", "2023-09-13", {**summit, "e:vostochny": 1}),
        _profile("e", None, {"w:flood": 2, "e:valencia": 1, "w:rain": 1}),
        _profile("f", "2024-10-30", {"w:flood": 1, "e:valencia": 2, "w:mourning": 1}),
        _profile("g", "2024-10-30", {"w:cricket": 1}),
    ]
    out = cluster_profiles(profs)
    assert list(out.columns) == STORY_COLUMNS
    assert out["story"].tolist() == [1, 1, 2, 2, 3, 3, 4]
    assert str(out["date"].dtype).startswith("datetime64") and pd.isna(out["date"][4])
    everything = cluster_profiles(profs, window_days=10_000)
    assert everything["story"].nunique() < out["story"].nunique()
    assert cluster_profiles(profs).equals(out)
    assert list(cluster_profiles([]).columns) == STORY_COLUMNS


def test_cluster_stories_separates_events_and_summits(corpus, nlp, tmp_path):
    """Needs the trained pipeline. The 2019 and 2023 Kim–Putin summits are different stories."""
    out = cluster_stories(corpus, nlp=nlp, cache=tmp_path, progress=False)
    assert list(out.columns) == STORY_COLUMNS
    assert out["article"].tolist() == corpus.ids
    story = dict(zip(out["article"], out["story"]))
    seed_ids = compare.load_story(SEED_DIR).ids
    assert len({story[i] for i in seed_ids}) == 1
    assert story["tass-2023"] == story["herald-2023"] != story[seed_ids[0]]
    assert story["valencia-1"] == story["valencia-2"] not in {story["tass-2023"], story[seed_ids[0]]}
    assert out["story"].nunique() == 3
    again = cluster_stories(corpus, nlp=nlp, cache=tmp_path, progress=False)  # from the cache
    assert again.equals(out)
    stories = corpus.stories(out)
    assert [len(s) for s in stories] == [4, 2, 2]


def test_stories_command_writes_csv(tmp_path, nlp, monkeypatch):
    """Needs the trained pipeline."""
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "corpus.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in LATER_SUMMIT + FLOOD), encoding="utf-8")
    frame = stories_command(src, tmp_path / "stories.csv", progress=False)
    written = pd.read_csv(tmp_path / "stories.csv")
    assert list(written.columns) == STORY_COLUMNS
    assert written["story"].tolist() == frame["story"].tolist() == [1, 1, 2, 2]
    assert written["date"].tolist()[0] == "2023-09-13"
