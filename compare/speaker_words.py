"""Words that tell who is speaking: titles, party members, unnamed sources, groups, news outlets.

Read once from the package data file ``lexicons/speaker_words.txt`` (one
section per list), so that a newcomer can add a title or a news outlet without
touching code. :mod:`compare.speakers` resolves speakers with them.
"""

from __future__ import annotations

import re

from .lexicons import read_lexicon_lines

__all__ = [
    "BACK_VERBS",
    "BODIES",
    "DOCUMENTS",
    "GROUP_NOUNS",
    "HONORIFICS",
    "HONORIFIC_GENDER",
    "INDEFINITE",
    "MODIFIER_SYNONYMS",
    "NEWS_OUTLETS",
    "ONE_SOURCE",
    "PARTY_MEMBERS",
    "PASSIVE_TARGETS",
    "PERSON_NOUNS",
    "RANKS",
    "TENURE_WORDS",
    "TITLE_CLASSES",
    "TITLE_WORDS",
    "is_news_outlet",
    "is_party_member",
    "is_unnamed_source",
    "party_state",
    "title_class",
    "title_word",
    "untitled",
]


def _word_lists() -> dict[str, list[list[str]]]:
    """The sections of ``lexicons/speaker_words.txt``: name -> rows of words."""
    sections: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for row in read_lexicon_lines("speaker_words.txt"):
        if row[0].startswith("[") and row[0].endswith("]"):
            rows = sections.setdefault(row[0][1:-1], [])
        else:
            rows.append(row)
    return sections


_LISTS = _word_lists()
#: Titles of one office, folded when a title is matched to a named person.
TITLE_CLASSES: dict[str, str] = {row[0]: row[1] for row in _LISTS["titles"]}
#: Words of a title before a person's name ("Representative Bruce Braley", "Sen. Durbin", "Mr. Trump").
TITLE_WORDS = frozenset(TITLE_CLASSES) | frozenset(row[0] for row in _LISTS["title_words"])


def untitled(text: str) -> str | None:
    """``text`` without the title words it opens with, when a capitalised name follows them.

    Whether the rest is a person's name is the caller's question ("General Electric" gives "Electric").

    >>> untitled("Sen. Dick Durbin"), untitled("Chief Justice John Roberts"), untitled("Mr. Trump")
    ('Dick Durbin', 'John Roberts', 'Trump')
    >>> untitled("Paul Ryan") is None
    True
    """
    words = text.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(".") in TITLE_WORDS and words[i + 1][:1].isupper():
        i += 1
    return " ".join(words[i:]) if i else None


#: A party member said of one person ("the California Democrat"): noun -> the party's adjective.
PARTY_MEMBERS: dict[str, str] = {row[0]: row[1] for row in _LISTS["party_members"]}
_PARTY_LETTERS = {row[0]: row[1] for row in _LISTS["party_letters"]}
_STATES = {row[0]: row[1:] for row in _LISTS["states"]}
#: "Nancy Pelosi (D-Calif.)", "Tim Ryan (Ohio)": the party letter and the state after a name.
_PARTY_STATE = re.compile(r"\s?\((?:([A-Za-z])\s?[-–]\s?)?([A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][a-z.]{0,5})?)\)")
#: "John McCain, R-Ariz., said": the comma form needs the party letter.
_PARTY_STATE_COMMA = re.compile(r",\s?([A-Za-z])[-–]([A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][a-z.]{0,5})?)(?=[,;:)\s]|$)")


def party_state(text: str) -> set[str]:
    """Title words from the party and state opening ``text``, "(D-Calif.)" or ", R-Ariz.," (democratic,
    california); empty when there is none.

    >>> sorted(party_state(" (D-Calif.) said")), sorted(party_state("(R-S.C.)")), party_state("(AP)")
    (['california', 'democratic'], ['carolina', 'republican', 'south'], set())
    """
    m = _PARTY_STATE.match(text) or _PARTY_STATE_COMMA.match(text)
    if m is None:
        return set()
    state = m.group(2).lower().replace(" ", "")
    words = _STATES.get(state) or _STATES.get(state + ".")
    party = _PARTY_LETTERS.get((m.group(1) or "").lower()) if m.group(1) else None
    if words is None or (m.group(1) and party is None):
        return set()
    return set(words) | ({party} if party else set())


#: Plural nouns for unnamed groups of people ("analysts say"): kept as the speaker, with a note.
GROUP_NOUNS = frozenset(row[0] for row in _LISTS["groups"])
#: Nouns for one unnamed person ("a source", "one union official"): with "a", "an", "one" or
#: "another" before them they are kept as the speaker, with a note (titles too: "an AARP spokeswoman").
ONE_SOURCE = frozenset(row[0] for row in _LISTS["one_source"])
INDEFINITE = frozenset({"a", "an", "one", "another"})
#: News organisations: the outlet that carried a quotation ("told CNN"), never its speaker.
NEWS_OUTLETS = frozenset(" ".join(row) for row in _LISTS["news_outlets"])
#: Bodies that speak as one when their owner is named ("the Obama campaign", "the paper's editorial board").
BODIES = frozenset(row[0] for row in _LISTS["bodies"])
#: Documents that "say" things: never speakers ("the Code of Conduct says").
DOCUMENTS = frozenset(row[0] for row in _LISTS["documents"])

#: Modifiers of a title that mean the same ("the GOP nominee" = "the Republican nominee").
MODIFIER_SYNONYMS = {"gop": "republican", "democrat": "democratic", "u.s.": "american", "us": "american"}
#: Modifiers of a title that say how long or in what state someone holds it, not which office
#: ("the seven-term congressman", "the outgoing governor"): never needed to match a named person's title.
TENURE_WORDS = frozenset(row[0] for row in _LISTS["tenure"])
#: Singular nouns for a person that are neither titles nor sources ("the man asked").
PERSON_NOUNS = frozenset(row[0] for row in _LISTS["person_nouns"])
#: Honorifics before a surname, with the gender they tell ("m", "f"; "-" for either).
HONORIFICS = frozenset(row[0] for row in _LISTS["honorifics"])
HONORIFIC_GENDER = {row[0]: row[1] for row in _LISTS["honorifics"] if row[1] != "-"}
#: Words that make a title another office ("vice" president).
RANKS = frozenset(row[0] for row in _LISTS["ranks"])
#: Verbs of saying whose passive subject is named, told or asked, never the speaker.
PASSIVE_TARGETS = frozenset(row[0] for row in _LISTS["passive_targets"])
#: Verbs that say only with "back" ("shot back:").
BACK_VERBS = frozenset(row[0] for row in _LISTS["back_verbs"])


def is_news_outlet(name: str) -> bool:
    """Whether a speaker name is a news organisation (:data:`NEWS_OUTLETS`), e.g. "TIME", "the Times", "Fox News"."""
    key = " ".join(name.lower().replace("the ", " ").split())
    return key in NEWS_OUTLETS and len(key) > 1


def is_unnamed_source(name: str) -> bool:
    """Whether a speaker is one unnamed source as :func:`speaker_of` keeps it ("an aide", "one union official"):
    nobody to tell apart from, or join with, another outlet's unnamed source."""
    return name.split(maxsplit=1)[0].lower() in INDEFINITE if name.strip() else False


def title_class(word: str) -> str:
    """The office a title word belongs to ("premier" -> "leader"; a word that is no title, itself)."""
    return TITLE_CLASSES.get(word, word)


def title_word(tok) -> str:
    """A noun's lemma, with the word hyphenated to it when there is one ("front-runner" is one title)."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].is_alpha and doc[i - 1].idx == doc[i - 2].idx + len(doc[i - 2]):
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}"
    return tok.lemma_.lower()


def is_party_member(tok) -> bool:
    """Whether a token is one member of a party ("Democrat", not "Democrats" nor "Democratic")."""
    return tok.tag_ in ("NN", "NNP") and tok.lower_ in PARTY_MEMBERS
