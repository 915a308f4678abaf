"""Number conflicts of every kind, planted in small stories written for these tests."""

from __future__ import annotations

import pytest

import compare
from compare.facts import CONFLICT_COLUMNS, conflicts
from compare.facts.conflicts import NUMBER_KINDS


@pytest.fixture(scope="module")
def planted(nlp) -> compare.Comparison:
    """Two reports of one afternoon; the second changes an age, a percentage, a duration, a date,
    a count and an amount of money, and gives one amount only approximately."""
    story = compare.Story.from_texts(
        {
            "Wire": "Rep. Anthony Weiner, 46, said on Wednesday that his Twitter account was hacked. "
            "Unemployment in the district rose to 12% in May. "
            "The talks with the union lasted three hours on April 25, 2019. "
            "Police arrested 30 protesters outside the city hall building. "
            "The company paid $5 million in fines to the state regulator. "
            "The mayor's office said the repairs would cost $2.4 million.",
            "Daily": "Rep. Anthony Weiner, 47, said on Wednesday that his Twitter account had been hacked. "
            "Unemployment in the district rose to 15 percent in May. "
            "The talks with the union lasted four hours on April 26, 2019. "
            "Police arrested 45 protesters outside the city hall building. "
            "The company paid about $5 million in fines to the state regulator. "
            "The mayor's office said the repairs would cost more than $2 million.",
        },
        name="planted",
    )
    return compare.compare(story, nlp=nlp, progress=False)


def test_every_kind_of_planted_conflict_is_found(planted):
    cf = planted.conflicts
    assert list(cf.columns) == CONFLICT_COLUMNS
    found = cf[cf.status == "conflict"]
    got = {(r.kind, str(r.text_a), str(r.text_b)) for r in found.itertuples()}
    expected = {
        ("age", "46", "47"),
        ("percent", "12%", "15 percent"),
        ("duration", "three hours", "four hours"),
        ("date", "April 25, 2019", "April 26, 2019"),
        ("count", "30", "45"),
    }
    assert expected <= got
    assert set(found.kind) <= set(NUMBER_KINDS)


def test_each_conflict_row_shows_both_sentences(planted):
    for r in planted.conflicts.itertuples():
        assert str(r.text_a) in r.sentence_a and str(r.text_b) in r.sentence_b
        assert r.article_a != r.article_b or r.sentence_a != r.sentence_b


def test_qualifier_and_bound_are_agreement_with_a_note(planted):
    cf = planted.conflicts
    money = cf[cf.kind == "money"]
    assert len(money) == 2 and (money.status == "agreement").all()
    notes = " ".join(money.note)
    assert "qualifier" in notes and "bound" in notes


def test_rounded_figure_is_agreement(nlp):
    c = compare.compare(
        compare.Story.from_texts(
            {
                "A": "The couple paid $43,885,310 in federal taxes between 2007 and 2014, the returns show.",
                "B": "The couple paid $43 million in federal taxes between 2007 and 2014, the returns show.",
            }
        ),
        nlp=nlp,
        progress=False,
    )
    cf = conflicts(c)
    money = cf[cf.kind == "money"]
    assert len(money) == 1 and money.iloc[0].status == "agreement" and "rounding" in money.iloc[0].note


def test_unrelated_numbers_are_not_compared(nlp):
    c = compare.compare(
        compare.Story.from_texts(
            {
                "A": "Police arrested 30 protesters outside the city hall building on Sunday.",
                "B": "The city council approved a budget of 45 pages after a long debate.",
            }
        ),
        nlp=nlp,
        progress=False,
    )
    assert (conflicts(c).status != "conflict").all()
