"""Rules on the dependency parse (``compare.syntax``), pinned on hand-built documents.

No trained model: every parse here is written by hand (see ``helpers.make_doc``).
"""

from __future__ import annotations

from compare.syntax import is_agent, subject

from helpers import make_doc


def _say_clause():
    # "Analysts say the summit will fail"
    return make_doc(
        ["Analysts", "say", "the", "summit", "will", "fail"],
        heads=[1, 1, 3, 5, 5, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp"],
        pos=["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB"],
    )


def test_direct_subject():
    doc = _say_clause()
    assert subject(doc[1]).text == "Analysts"
    assert subject(doc[5]).text == "summit"
    assert subject(doc[3]) is None


def test_of_two_subjects_the_one_next_to_a_parenthetical_verb_is_its_own():
    # "That group, Soto said, was late": the parser hangs both subjects on "said"
    doc = make_doc(
        ["That", "group", ",", "Soto", "said", ",", "was", "late"],
        heads=[1, 4, 4, 4, 4, 4, 4, 6],
        deps=["det", "nsubj", "punct", "nsubj", "ROOT", "punct", "ccomp", "acomp"],
        pos=["DET", "NOUN", "PUNCT", "PROPN", "VERB", "PUNCT", "AUX", "ADJ"],
    )
    assert subject(doc[4]).text == "Soto"


def test_conjoined_verb_takes_its_heads_subject_only_through_links():
    # "Putin arrived and said hello"
    doc = make_doc(
        ["Putin", "arrived", "and", "said", "hello"],
        heads=[1, 1, 1, 1, 3],
        deps=["nsubj", "ROOT", "cc", "conj", "dobj"],
        pos=["PROPN", "VERB", "CCONJ", "VERB", "INTJ"],
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    assert subject(doc[3]) is None
    assert subject(doc[3], through_links=True).text == "Putin"


def test_relative_clause_speaks_for_the_noun_it_describes():
    # "the official who said it"
    doc = make_doc(
        ["the", "official", "who", "said", "it"],
        heads=[1, 1, 3, 1, 3],
        deps=["det", "ROOT", "nsubj", "relcl", "dobj"],
        pos=["DET", "NOUN", "PRON", "VERB", "PRON"],
    )
    assert subject(doc[3]).text == "who"
    assert subject(doc[3], through_links=True).text == "official"


def test_who_after_a_place_is_the_person_the_place_describes():
    # "Renacci, a candidate in Ohio, who said it": the parser hangs "who said" on the place
    doc = make_doc(
        ["Renacci", ",", "a", "candidate", "in", "Ohio", ",", "who", "said", "it"],
        heads=[0, 0, 3, 0, 3, 4, 5, 8, 5, 8],
        deps=["ROOT", "punct", "det", "appos", "prep", "pobj", "punct", "nsubj", "relcl", "dobj"],
        pos=["PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "PRON"],
        ents=["B-PERSON", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O"],
    )
    assert subject(doc[8], through_links=True).text == "Renacci"
    # with no person above it, a place is no speaker
    place = make_doc(
        ["a", "visit", "to", "Ohio", "who", "said", "it"],
        heads=[1, 1, 1, 2, 5, 3, 5],
        deps=["det", "ROOT", "prep", "pobj", "nsubj", "relcl", "dobj"],
        pos=["DET", "NOUN", "ADP", "PROPN", "PRON", "VERB", "PRON"],
        ents=["O", "O", "O", "B-GPE", "O", "O", "O"],
    )
    assert subject(place[5], through_links=True) is None


def test_passive_agent_and_inverted_order():
    # "it was said by Smith"
    doc = make_doc(
        ["it", "was", "said", "by", "Smith"],
        heads=[2, 2, 2, 2, 3],
        deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        pos=["PRON", "AUX", "VERB", "ADP", "PROPN"],
    )
    assert subject(doc[2], through_links=True).text == "it"
    # "..., added Zhuravlev." parsed with the name as object
    doc = make_doc(
        ["Fine", ",", "added", "Zhuravlev", "."],
        heads=[2, 2, 2, 2, 2],
        deps=["ccomp", "punct", "ROOT", "dobj", "punct"],
        pos=["ADJ", "PUNCT", "VERB", "PROPN", "PUNCT"],
    )
    assert subject(doc[2]) is None
    assert subject(doc[2], through_links=True).text == "Zhuravlev"


def test_a_participle_of_saying_speaks_for_its_heads_subject():
    # "Ryan defended it, saying that ..." ("saying" has no subject of its own)
    doc = make_doc(
        ["Ryan", "defended", "it", ",", "saying", "no"],
        heads=[1, 1, 1, 1, 1, 4],
        deps=["nsubj", "ROOT", "dobj", "punct", "advcl", "dobj"],
        pos=["PROPN", "VERB", "PRON", "PUNCT", "VERB", "INTJ"],
        tags=["NNP", "VBD", "PRP", ",", "VBG", "UH"],
    )
    assert subject(doc[4]) is None
    assert subject(doc[4], through_links=True).text == "Ryan"


def test_a_name_after_the_verb_is_its_subject_only_after_punctuation():
    # "the ad called Obama a hypocrite": Obama is who was called, not who called
    doc = make_doc(
        ["the", "ad", "called", "Obama", "a", "hypocrite"],
        heads=[1, 1, 1, 2, 5, 2],
        deps=["det", "ROOT", "acl", "oprd", "det", "oprd"],
        pos=["DET", "NOUN", "VERB", "PROPN", "DET", "NOUN"],
    )
    assert subject(doc[2], through_links=True) is None


def test_agents_are_people_and_groups():
    doc = make_doc(
        ["Smith", "and", "they", "saw", "the", "harvest"],
        heads=[3, 0, 0, 3, 5, 3],
        deps=["nsubj", "cc", "conj", "ROOT", "det", "dobj"],
        pos=["PROPN", "CCONJ", "PRON", "VERB", "DET", "NOUN"],
    )
    assert is_agent(doc[0]) and is_agent(doc[2])
    assert not is_agent(doc[5])


def test_who_is_named_or_told_in_the_passive_does_not_speak():
    # "Lee arrived and was told it": Lee is told, she does not speak; "was told by Soto": Soto speaks
    doc = make_doc(
        ["Lee", "arrived", "and", "was", "told", "it"],
        heads=[1, 1, 1, 4, 1, 4],
        deps=["nsubj", "ROOT", "cc", "auxpass", "conj", "dobj"],
        pos=["PROPN", "VERB", "CCONJ", "AUX", "VERB", "PRON"],
        lemmas=["Lee", "arrive", "and", "be", "tell", "it"],
        ents=["B-PERSON", "O", "O", "O", "O", "O"],
    )
    assert subject(doc[4], through_links=True) is None
    agent = make_doc(
        ["Lee", "was", "told", "by", "Soto"],
        heads=[2, 2, 2, 2, 3],
        deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"],
        lemmas=["Lee", "be", "tell", "by", "Soto"],
        ents=["B-PERSON", "O", "O", "O", "B-PERSON"],
    )
    assert subject(agent[2], through_links=True).text == "Soto"
