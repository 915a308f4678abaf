"""Entity facts (compare.facts.entities): one fact per person, place or body, never a fragment of one.

Uses the trained pipeline (``nlp``, ``seed_comparison``); the small stories
below are written for these tests.
"""

from __future__ import annotations

import compare
from compare import Story
from compare.facts import entity_key


def _entities(nlp, texts: dict[str, str]):
    c = compare.compare(Story.from_texts(texts, name="fixture"), nlp=nlp, progress=False)
    f = c.facts
    return f[f.kind == "entity"].set_index("fact")


def test_entity_key_folds_initialisms_and_brackets():
    assert entity_key("F.B.I.") == entity_key("FBI") == "fbi"
    assert entity_key("U.S.") == entity_key("U.S.A.") == "united states"
    assert entity_key("[Barack] Obama") == entity_key("Barack Obama") == "barack obama"


def test_seed_name_cut_short_is_the_full_name(seed_comparison):
    facts = seed_comparison.facts.set_index("fact")
    cho = facts.loc["entity:cho-han-bum"]
    # the Ledger's "Cho Han" (the parser stopped before "bum") is the same person
    assert "entity:cho-han" not in facts.index
    assert set(cho.articles) == {"aljazeera", "courier", "ledger", "wire"}
    assert "“Cho Han” read as short for Cho Han bum" in cho.note
    # three articles write "Cho Han bum", one "Cho Han-bum": the label keeps the majority spelling
    assert cho.label == "Cho Han bum (PERSON)" and "also written “Cho Han-bum”" in cho.note


def test_seed_the_north_is_north_korea(seed_comparison):
    facts = seed_comparison.facts.set_index("fact")
    assert not [f for f in facts.index if f in ("entity:north", "entity:south")]
    nk = facts.loc["entity:north-korea"]
    assert "“the North” read as North Korea" in nk.note
    # but "north" is no alias of it: any "north" in a text would otherwise name North Korea
    unit = next(f for f in seed_comparison.fact_analysis.facts if f.fact == "entity:north-korea")
    assert "north" not in unit.aliases


def test_direction_word_without_its_country_is_no_fact(nlp):
    facts = _entities(
        nlp,
        {
            "A": "Officials in the North said nothing about the drought in Texas on Monday.",
            "B": "Farmers in the South complained about the drought in Texas, officials said.",
        },
    )
    assert not [f for f in facts.index if f in ("entity:north", "entity:south")]


def test_name_variants_titles_and_initialisms_merge(nlp):
    facts = _entities(
        nlp,
        {
            "Wire": "WASHINGTON — Representative Paul D. Ryan met Wayne LaPierre of the National Rifle Association "
            "on Tuesday. Mr. Ryan said the F.B.I. would review the plan. LaPierre agreed.",
            "Daily": "Paul Ryan met Wayne LaPierre on Tuesday. The FBI will review the plan, Ryan said. "
            "The Federal Bureau of Investigation declined to comment.",
            "Gazette": "House Budget Committee chairman Paul Ryan and Wayne LaPierre met in Washington. "
            "The N.R.A. welcomed the talks.",
        },
    )
    ryan = facts.loc["entity:paul-ryan"]
    assert ryan.n_outlets == 3 and ryan.label == "Paul Ryan (PERSON)"  # two articles write "Paul Ryan"
    assert "also written “Paul D. Ryan”" in ryan.note
    assert not [f for f in facts.index if "ryan" in f and f != "entity:paul-ryan"]
    assert facts.loc["entity:federal-bureau-of-investigation"].n_outlets == 2
    assert (
        "“F.B.I.” read as the acronym of Federal Bureau of Investigation"
        in facts.loc["entity:federal-bureau-of-investigation"].note
    )
    assert "“N.R.A.” read as the acronym" in facts.loc["entity:national-rifle-association"].note
    # notes write names as the label does ("LaPierre", not "Lapierre")
    assert "read as short for Wayne LaPierre" in facts.loc["entity:wayne-lapierre"].note
    # a dateline is where the story was filed: not the US government, and never written in capitals
    assert "“WASHINGTON” as the government" not in " ".join(facts.note)
    assert not any(label.isupper() for label in facts.label.str.rsplit(" (", n=1).str[0] if len(label) > 4)


def test_different_initials_are_different_people(nlp):
    facts = _entities(
        nlp,
        {
            "A": "George W. Bush spoke in Texas on Monday. George H. W. Bush did not attend.",
            "B": "George Bush spoke in Texas on Monday, aides said.",
        },
    )
    assert {"entity:george-w.-bush", "entity:george-h.-w.-bush"} <= set(facts.index)
    # "George Bush" fits both equally well: left as written
    assert "entity:george-bush" in facts.index


def test_dateline_only_place_is_no_fact(nlp):
    facts = _entities(
        nlp,
        {
            "Wire": "HOUSTON — The company said on Tuesday it would cut 500 jobs in Ohio.",
            "Daily": "The company will cut 500 jobs in Ohio, it said on Tuesday.",
        },
    )
    assert "entity:houston" not in facts.index
    assert "entity:ohio" in facts.index


def test_dateline_capitals_are_not_the_label(nlp):
    facts = _entities(
        nlp,
        {
            "Wire": "HOUSTON — The company said on Tuesday it would cut 500 jobs in Ohio.",
            "Daily": "HOUSTON — The company will cut 500 jobs in Ohio, it said on Tuesday.",
            "Gazette": "The Houston company will cut 500 jobs in Ohio, it said on Tuesday.",
        },
    )
    assert facts.loc["entity:houston"].label == "Houston (GPE)"


def test_a_relative_with_the_same_surname_stays_a_person_of_their_own(nlp):
    facts = _entities(
        nlp,
        {
            "one": "Police named the gunman as Omar Mir Seddique Mateen, 29. His father, Seddique Mateen, spoke to reporters.",
            "two": "The gunman, Omar Mir Seddique Mateen, was killed. Seddique Mateen said he was shocked.",
        },
    )
    assert "entity:seddique-mateen" in facts.index
    assert "entity:omar-mir-seddique-mateen" in facts.index
