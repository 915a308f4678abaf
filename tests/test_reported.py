"""Reported speech: clauses attributed without quotation marks (compare.reported)."""

from __future__ import annotations

import pytest

from compare import Story
from compare.parsing import parse
from compare.reported import find_reported


def _parsed(text: str, nlp):
    return parse(Story.from_texts({"a": text}), nlp=nlp, progress=False)[0]


def _reported(text: str, nlp):
    return find_reported(_parsed(text, nlp))


def test_reported_speech(nlp):
    text = "Analysts say the summit will be a reminder to Washington. Putin will be cautious, officials said."
    rs = find_reported(_parsed(text, nlp))
    got = {(r.text, r.speaker, r.verb) for r in rs}
    assert ("the summit will be a reminder to Washington", "Analysts", "say") in got
    assert ("Putin will be cautious", "officials", "say") in got
    for r in rs:
        assert text[r.start : r.end] == r.text


def test_reported_according_to_and_direct_quote_excluded(nlp):
    text = "According to Georgy Toloraya, Russia is a reliable neighbour. “We are fine,” said Cho."
    rs = find_reported(_parsed(text, nlp))
    assert [(r.text, r.speaker, r.verb) for r in rs] == [("Russia is a reliable neighbour", "Georgy Toloraya", None)]


def test_a_charge_and_a_label_are_the_speakers_words(nlp):
    text = "Republicans accused Obama of exploiting the tragedy. Ms. Berg branded the plan a disaster for farmers."
    got = {(r.text, r.speaker, r.verb) for r in find_reported(_parsed(text, nlp))}
    assert ("exploiting the tragedy", "Republicans", "accuse") in got
    assert ("a disaster for farmers", "Berg", "brand") in got
    assert not find_reported(_parsed("He called for calm. They were charged with murder.", nlp))


def test_a_charge_in_reported_speech_is_not_the_outlets_voice(nlp):
    from compare import Article, framing

    df = framing(Article(id="a", outlet="A", text="Republicans accused Obama of exploiting the tragedy."), nlp=nlp, min_score=0)
    row = df[df.text == "exploiting"].iloc[0]
    assert (row.voice, row.speaker) == ("reported", "Republicans")


@pytest.mark.parametrize(
    "text, words, generic",
    [
        ("Analysts say the summit will be a reminder to Washington.", "the summit will be a reminder to Washington", True),
        ("Critics charged that the plan was a giveaway.", "the plan was a giveaway", True),
        ("Democratic campaign officials said that the plan was a giveaway.", "the plan was a giveaway", False),
        ("The mayor said that the plan was a giveaway.", "the plan was a giveaway", False),
    ],
)
def test_words_hung_on_nobody_in_particular_are_generic(nlp, text, words, generic):
    (r,) = [r for r in _reported(text, nlp) if r.text == words]
    assert r.generic is generic


def test_a_view_held_by_someone_is_theirs(nlp):
    got = {
        (r.text, r.speaker, r.verb, r.generic) for r in _reported("Both provisions are seen by many Democrats as giveaways.", nlp)
    }
    assert ("giveaways", "Democrats", "see", False) in got
    (bare,) = _reported("The plan is widely seen as a disgraceful giveaway.", nlp)
    assert bare.generic and bare.text == "a disgraceful giveaway"
    assert not _reported("I saw the house from the road.", nlp)


def test_reported_speech_names_its_speaker():
    from helpers import hand_parsed, make_doc

    doc = make_doc(
        ["Analysts", "say", "the", "summit", "will", "fail", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
        pos=["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
        lemmas=["analyst", "say", "the", "summit", "will", "fail", "."],
    )
    (rep,) = find_reported(hand_parsed(doc))
    assert (rep.text, rep.speaker, rep.verb) == ("the summit will fail", "Analysts", "say")


def test_a_clause_the_parser_split_in_two_is_reported_whole():
    """ "argues that quarrels … merely scare …": with "quarrels" and "scare" both hung on the verb, both are the claim."""
    from helpers import hand_parsed, make_doc

    doc = make_doc(
        ["Ruiz", "argues", "that", "quarrels", "merely", "scare", "investors", "."],
        spaces=[True, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 5, 1, 5, 1],
        deps=["nsubj", "ROOT", "mark", "ccomp", "advmod", "ccomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "ADV", "VERB", "NOUN", "PUNCT"],
        lemmas=["Ruiz", "argue", "that", "quarrel", "merely", "scare", "investor", "."],
    )
    (rep,) = find_reported(hand_parsed(doc))
    assert rep.text == "quarrels merely scare investors" and rep.verb == "argue"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Reps. Ann Lee and Tom Cleaver spoke first. Cleaver, D-Ore., also said he was shoved.", "Tom Cleaver"),
        ("Tea Party groups say there is no racism within the movement.", "Tea Party groups"),
    ],
)
def test_a_speaker_is_a_name_not_a_dateline_or_a_state_tag(nlp, text, speaker):
    assert _reported(text, nlp)[-1].speaker == speaker


def test_the_datelines_place_is_never_a_speaker():
    from helpers import hand_parsed, make_doc

    # "LIMA , Peru -- Leaders accused the mayor of hiding it ." parsed with the place as the subject
    doc = make_doc(
        ["LIMA", ",", "Peru", "--", "Leaders", "accused", "the", "mayor", "of", "hiding", "it", "."],
        spaces=[False, True, True, True, True, True, True, True, True, True, False, False],
        heads=[5, 0, 0, 5, 5, 5, 7, 5, 5, 8, 9, 5],
        deps=["nsubj", "punct", "appos", "punct", "dep", "ROOT", "det", "dobj", "prep", "pcomp", "dobj", "punct"],
        pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "NOUN", "VERB", "DET", "NOUN", "ADP", "VERB", "PRON", "PUNCT"],
        lemmas=["LIMA", ",", "Peru", "--", "leader", "accuse", "the", "mayor", "of", "hide", "it", "."],
        ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    reported = find_reported(hand_parsed(doc))
    assert reported and all("LIMA" not in r.speaker for r in reported)


def test_the_dateline_is_not_part_of_the_speakers_name(nlp):
    text = "WASHINGTON — AARP, the lobby for older Americans, said on Friday that it was open to modest cuts."
    assert [r.speaker for r in _reported(text, nlp)] == ["AARP"]


@pytest.mark.parametrize(
    "text",
    [
        "Former senator Scott Dale has not said what he will do next year.",
        "Representative Tom Lynch is expected to announce that he will run for the seat.",
        "The governor declined to say whether he had spoken to the candidate.",
    ],
)
def test_nothing_said_is_no_reported_speech(nlp, text):
    assert _reported(text, nlp) == []


def test_a_source_of_figures_gives_no_words(nlp):
    """ "a staggering 55 percent, according to a poll": the poll gave the figure, the outlet chose "staggering"."""
    text = "The governor is viewed badly by a staggering 55 percent of voters, according to a new state poll."
    (r,) = _reported(text, nlp)
    assert r.generic
