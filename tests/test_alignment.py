"""Alignment on the seed story and its invariants."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

import compare
from compare import Story
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
