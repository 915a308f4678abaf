"""Alignment on the seed story and its invariants: links, possible matches, datelines, grouping properties."""

from __future__ import annotations

import time
from itertools import combinations
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import Story
from compare.alignment import group_pairs
from compare.comparison import GROUP_COLUMNS, SENTENCE_COLUMNS

from helpers import locate


def group_of(c, article, locator):
    return c.sentences.loc[locate(c, article, locator), "group"]


def memberships(c):
    """Groups as sets of (article id, sentence text): independent of order and numbering."""
    s = c.sentences.dropna(subset=["group"])
    return {frozenset(zip(g.article, g.text)) for _, g in s.groupby("group")}


def test_columns(seed_comparison):
    c = seed_comparison
    assert list(c.sentences.columns) == SENTENCE_COLUMNS
    labels = ["Al Jazeera", "Daily Courier (constructed)", "Ledger (constructed)", "Wire (constructed)"]
    assert list(c.alignment.columns) == ["group", "n_outlets", "score", *labels]
    assert list(c.groups.columns) == GROUP_COLUMNS
    assert c.alignment.group.is_unique and (c.alignment.n_outlets >= 2).all()
    assert c.alignment.score.between(0, 1).all()


@pytest.mark.parametrize(
    "fact",
    ["labourers-income", "wheat", "cho-no-hope", "catch-22", "trade-fell", "peskov", "small-footprint", "putin-visited-2000"],
)
def test_planted_rewordings_land_in_one_group(seed_comparison, answer_key, fact):
    entry = next(f for f in answer_key["facts"] if f["id"] == fact)
    groups = {group_of(seed_comparison, a, locs[0]) for a, locs in entry["stated_by"].items()}
    assert len(groups) == 1 and not any(pd.isna(g) for g in groups), (fact, groups)


def test_unrelated_sentences_are_not_grouped(seed_comparison):
    c = seed_comparison
    wheat = group_of(c, "aljazeera", "2,000 tonnes of wheat")
    trade = group_of(c, "aljazeera", "trade between Russia and North Korea fell")
    footprint = group_of(c, "aljazeera", "Unlike China, Russia has")
    assert len({wheat, trade, footprint}) == 3
    # A sentence found only in the founding article has no group.
    assert c.sentences.loc[locate(c, "aljazeera", "Stephen Biegun"), "group"] is compare.comparison.pd.NA


def test_every_group_says_why(seed_comparison):
    g = seed_comparison.groups
    assert g.reason.str.len().gt(0).all()
    wheat = g[g.group == group_of(seed_comparison, "wire", "2,000 tonnes of wheat")].iloc[0]
    assert "Chongjin" in wheat.entities and "wheat" in wheat.words


def test_rows_follow_the_first_article(seed_comparison):
    s = seed_comparison.sentences
    first = s[s.article == "aljazeera"].dropna(subset=["group"])
    order = list(dict.fromkeys(first.group))
    listed = [g for g in seed_comparison.alignment.group if g in set(order)]
    assert listed == order


def test_alignment_does_not_depend_on_article_order(seed_story, nlp, seed_comparison):
    reordered = Story(list(reversed(seed_story.articles)), name=seed_story.name)
    other = compare.compare(reordered, nlp=nlp, progress=False)
    assert memberships(other) == memberships(seed_comparison)


def test_an_article_against_itself_aligns_completely(seed_story, nlp):
    art = seed_story["wire"]
    story = Story.from_texts({"A": art.text, "B": art.text})
    c = compare.compare(story, nlp=nlp, progress=False)
    s = c.sentences
    # Every sentence with content words finds its twin.
    assert s.group.notna().mean() > 0.9
    for g in memberships(c):
        assert len({text for _, text in g}) == 1


def test_raising_the_cutoff_never_adds_pairs(seed_story, nlp):
    def pairs(c):
        s = c.sentences.dropna(subset=["group"])
        out = set()
        for _, grp in s.groupby("group"):
            out |= {frozenset(p) for p in combinations(zip(grp.article, grp.sent), 2)}
        return out

    low = compare.compare(seed_story, nlp=nlp, score_cutoff=0.42, progress=False)
    high = compare.compare(seed_story, nlp=nlp, score_cutoff=0.7, progress=False)
    assert pairs(high) <= pairs(low)
    assert len(pairs(high)) < len(pairs(low))


def test_no_giant_groups(seed_comparison):
    assert seed_comparison.groups.n_sentences.max() <= 2 * len(seed_comparison.parsed)


def test_spelling_variants_are_matched(nlp):
    story = Story.from_texts(
        {
            "A": "Kim Jong-un travelled on his armoured train to Vladivostok for the talks.",
            "B": "Kim Jong Un traveled on his armored train to Vladivostok for talks.",
        }
    )
    c = compare.compare(story, nlp=nlp, progress=False)
    assert len(c.alignment) == 1 and c.alignment.score.iloc[0] > 0.8


def test_same_output_twice(seed_story, nlp, seed_comparison):
    again = compare.compare(seed_story, nlp=nlp, progress=False)
    assert again.alignment.equals(seed_comparison.alignment)
    assert again.to_html() == seed_comparison.to_html()


# -- clause cutting on a hand-built parse (no trained model) ---------------------------------


def test_clauses_are_cut_at_clause_level_dependents():
    from compare.alignment import clause_tokens
    from compare.parsing import split_sentences

    from helpers import make_doc

    # "Kim arrived in Vladivostok after Putin invited him to talks about sanctions"
    words = ["Kim", "arrived", "in", "Vladivostok", "after", "Putin", "invited", "him", "to", "talks", "about", "sanctions"]
    doc = make_doc(
        words,
        heads=[1, 1, 1, 2, 6, 6, 1, 6, 6, 8, 9, 10],
        deps=["nsubj", "ROOT", "prep", "pobj", "mark", "nsubj", "advcl", "dobj", "prep", "pobj", "prep", "pobj"],
        pos=["PROPN", "VERB", "ADP", "PROPN", "SCONJ", "PROPN", "VERB", "PRON", "ADP", "NOUN", "ADP", "NOUN"],
    )
    (sent,) = split_sentences(doc)
    clauses = [" ".join(t.text for t in toks) for toks in clause_tokens(sent)]
    assert clauses == ["Kim arrived in Vladivostok", "after Putin invited him to talks about sanctions"]


# -- links, possible matches and the learned score -------------------------------------------


def test_links_and_possible_matches_keep_their_meaning(seed_comparison):
    a = seed_comparison.aligned
    cutoff = a.settings.score_cutoff
    assert a.links, "the seed story has matched pairs"
    for i, j, v in a.links:
        assert i < j and a.sentences[i].article != a.sentences[j].article
        assert cutoff <= v <= 1 and a.pair_score(i, j) == v
    for i, j, v in a.possible:
        assert i < j and v < cutoff
    assert not {(i, j) for i, j, _ in a.links} & {(i, j) for i, j, _ in a.possible}
    scores = [v for _, _, v in a.links]
    assert scores == sorted(scores, reverse=True)
    # Every pair inside a group of two sentences is a link.
    links = {(i, j) for i, j, _ in a.links}
    for g in a.groups:
        if len(g.members) == 2:
            assert tuple(g.members) in links


def test_links_table_is_many_to_many(seed_comparison):
    from compare.comparison import LINK_COLUMNS

    links = seed_comparison.links
    assert list(links.columns) == LINK_COLUMNS
    assert (links.article_a != links.article_b).all()
    assert links.score.between(seed_comparison.score_cutoff, 1).all()
    assert links.reason.str.len().gt(0).all()
    # One sentence matches more than one sentence somewhere: links are not a partition.
    ends = list(zip(links.article_a, links.sent_a)) + list(zip(links.article_b, links.sent_b))
    assert len(ends) > len(set(ends))
    # The calibrated group score gives the view's label.
    g = seed_comparison.aligned.groups[0]
    assert g.confidence in ("high", "medium", "low")


def test_a_paraphrase_with_no_shared_rare_word_is_a_candidate(nlp):
    story = Story.from_texts(
        {
            "A": "The prime minister refused to step down on Monday. Farmers protested over the price of milk.",
            "B": "Dairy producers rallied against falling prices. The premier rebuffed calls to resign.",
        }
    )
    c = compare.compare(story, nlp=nlp, progress=False)
    a = c.aligned
    k_a = a.sentence_id(0, 0)
    k_b = a.sentence_id(1, 1)
    assert a.pair_score(k_a, k_b) > 0, "proposed by meaning although no rare word is shared"


def test_shipped_model_matches_the_defaults():
    import json

    from compare.pairs import FEATURE_NAMES, MODEL_PATH
    from compare.settings import SCORE_CUTOFF, Settings

    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES
    assert len(data["coef"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURE_NAMES)
    assert data["cutoff"] == SCORE_CUTOFF == Settings().score_cutoff
    assert 0 < data["possible"] <= data["cutoff"] < 1


def test_runtime_does_not_import_scikit_learn():
    from helpers import ROOT

    for path in (ROOT / "compare").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "sklearn" not in text, path


# -- datelines, bylines, captions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("VLADIVOSTOK, Russia, April 25 (Xinhua) --", "dateline"),
        ("MOSCOW (Reuters) -", "dateline"),
        ("WASHINGTON —", "dateline"),
        ("By Jane Doe", "byline"),
        ("Photo: Kim Jong Un steps off his train.", "caption"),
        ("UPDATED", "update"),
        ("U.S. - China talks resumed on Monday.", "body"),
        ("By the end of the day, Kim had left.", "body"),
    ],
)
def test_unit_kinds(text, kind):
    from compare.datelines import unit_kind

    assert unit_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "cut", "names", "agency"),
    [
        (
            "VLADIVOSTOK, Russia, April 25 (Xinhua) -- Kim arrived.",
            "VLADIVOSTOK, Russia, April 25 (Xinhua) --",
            ["Vladivostok", "Russia"],
            "Xinhua",
        ),
        ("WASHINGTON—Joining a chorus of bishops, he spoke.", "WASHINGTON—", ["Washington"], ""),
        ("DANVILLE, Ky. –- Joe Biden spoke.", "DANVILLE, Ky. –-", ["Danville", "Ky."], ""),
        ("PHILADELPHIA ― Americans should vote.", "PHILADELPHIA ―", ["Philadelphia"], ""),
        ("MOSCOW, Russia - Kim arrived.", "MOSCOW, Russia -", ["Moscow", "Russia"], ""),
        ("BERLIN (dpa) - Kim arrived.", "BERLIN (dpa) -", ["Berlin"], "dpa"),
        ("(CNN) -- Kim arrived.", "(CNN) --", [], "CNN"),
        ("U.S.—China relations are tense.", "", [], ""),
        ("NATO - Russia talks resumed.", "", [], ""),
        ("UPDATE, Jan. 5: Officials said more.", "", [], ""),
    ],
)
def test_one_dateline_parser_for_units_and_facts(text, cut, names, agency):
    """The splitter's cut and the place names the missing-fact checks use come from one parser."""
    from compare.datelines import dateline, leading_unit, parse_dateline

    assert text[: leading_unit(text)] == cut
    d = parse_dateline(text)
    assert ((d.names, d.agency) if d else ([], "")) == (names, agency)
    found = dateline(f"A headline\n\n{text}")
    assert ((found.names, found.end - found.start) if found else ([], 0)) == (names, len(cut))


def test_dateline_parsing_is_linear_on_one_long_word():
    from compare.datelines import dateline, leading_unit, unit_kind

    for blob in (
        "A" * 40_000,
        "WASHINGTON, " + "A" * 40_000,
        "WASHINGTON, A" + "a" * 40_000,
        "(" + "A" * 40_000,
        "AB " + "-" * 40_000,
    ):
        start = time.perf_counter()
        assert leading_unit(blob) == 0 and unit_kind(blob) == "body" and dateline(blob) is None
        assert time.perf_counter() - start < 0.5


def test_a_dateline_is_its_own_unit_and_never_matched(nlp):
    story = Story.from_texts(
        {
            "xinhua": "VLADIVOSTOK, Russia, April 25 (Xinhua) -- Kim Jong Un arrived in Vladivostok by train on "
            "Wednesday for his first summit with Vladimir Putin.",
            "wire": "VLADIVOSTOK, Russia (Reuters) - North Korean leader Kim Jong Un arrived in Vladivostok "
            "by train on Wednesday for a first summit with Russian President Vladimir Putin.",
        }
    )
    c = compare.compare(story, nlp=nlp, progress=False)
    a = c.aligned
    kinds = [s.kind for s in a.sentences]
    assert kinds.count("dateline") == 2
    assert [s.text for s in a.sentences if s.kind == "dateline"] == [
        "VLADIVOSTOK, Russia, April 25 (Xinhua) --",
        "VLADIVOSTOK, Russia (Reuters) -",
    ]
    datelines = {k for k, s in enumerate(a.sentences) if s.kind == "dateline"}
    assert not any({i, j} & datelines for i, j in a.pairs)
    # The two leads are matched with each other, without their datelines.
    (g,) = a.groups
    assert not set(g.members) & datelines
    # Every character is still in a sentence.
    for p in a.parsed:
        covered = "".join(s.text for s in p.sentences)
        assert covered.replace(" ", "") == p.article.text.replace(" ", "").replace("\n", "")


# -- properties of grouping: order independence and monotone cut-off ------------------------


@st.composite
def scored_stories(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=4))
    sents = [(a, i) for a, n in enumerate(sizes) for i in range(n)]
    cross = [(x, y) for x in range(len(sents)) for y in range(x + 1, len(sents)) if sents[x][0] != sents[y][0]]
    chosen = draw(st.lists(st.sampled_from(cross), unique=True, max_size=len(cross))) if cross else []
    # Few distinct values, so ties are common.
    scores = {p: draw(st.sampled_from([0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0])) for p in chosen}
    order = draw(st.permutations(range(len(sizes))))
    cap = draw(st.integers(1, 3))
    return sizes, sents, scores, order, cap


def _groups(sizes, sents, scores, order, cap, threshold):
    """Groups as sets of (article name, index), with the articles given in ``order``."""
    flat = [(a, i) for a in order for i in range(sizes[a])]
    pos = {s: k for k, s in enumerate(flat)}
    sentences = [SimpleNamespace(article=order.index(a)) for a, _ in flat]
    pair = {}
    for (x, y), v in scores.items():
        i, j = sorted((pos[sents[x]], pos[sents[y]]))
        pair[(i, j)] = v
    sort_key = {k: (f"art{a}", i) for k, (a, i) in enumerate(flat)}
    groups = group_pairs(sentences, pair, sort_key, threshold=threshold, max_per_article=cap)
    return {frozenset(flat[k] for k in g) for g in groups}


@settings(max_examples=200, deadline=None)
@given(scored_stories(), st.sampled_from([0.3, 0.5, 0.7]))
def test_groups_do_not_depend_on_article_order(story, threshold):
    sizes, sents, scores, order, cap = story
    natural = list(range(len(sizes)))
    assert _groups(sizes, sents, scores, natural, cap, threshold) == _groups(sizes, sents, scores, list(order), cap, threshold)


@settings(max_examples=200, deadline=None)
@given(scored_stories(), st.sampled_from([0.3, 0.5, 0.7]), st.sampled_from([0.1, 0.2, 0.3]))
def test_raising_the_group_threshold_never_adds_pairs(story, low, step):
    sizes, sents, scores, order, cap = story

    def pairs(threshold):
        out = set()
        for g in _groups(sizes, sents, scores, list(order), cap, threshold):
            out |= {frozenset((x, y)) for x in g for y in g if x != y}
        return out

    assert pairs(low + step) <= pairs(low)
    for g in _groups(sizes, sents, scores, list(order), cap, low):
        assert max(sum(1 for a, _ in g if a == art) for art in {a for a, _ in g}) <= cap
