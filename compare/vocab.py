"""Shared vocabulary: every label set, pattern and closed word list used by more than one module.

Kept in one place (as textacy keeps its ``constants.py``) so that alignment,
quotes, framing and facts agree on what a name, a paragraph break or an unknown
speaker is. Open word lists that users may edit (the framing lexicon, verbs of
saying, spelling variants) are package data files in ``lexicons/`` instead.
"""

from __future__ import annotations

import re

__all__ = [
    "ENTITY_LABELS",
    "FACT_ENTITY_LABELS",
    "SPEAKER_LABELS",
    "AGENT_LABELS",
    "NAME_LABELS",
    "NUMBER_LABELS",
    "PARAGRAPH_BREAK",
    "UNKNOWN",
    "SUBJECT_DEPS",
    "RELATIVE_PRONOUNS",
    "PERSONAL_PRONOUNS",
]

#: spaCy entity labels that name who or what a sentence is about (alignment features;
#: dates and amounts are numbers instead).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
#: Entity labels that become entity facts (nationalities and products are too vague to be "left out").
FACT_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW"})
#: Entity labels that can be the speaker of a quotation ("Moscow said", "the Kremlin said").
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Entity labels of people and groups that act or are judged (framing's "agents").
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Entity labels of named people, organisations and places, which are never loaded words themselves.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE"})
#: Entity labels whose digits are read as numbers even when spaCy's ``like_num`` misses them.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE"})

#: A paragraph break: a blank line, possibly holding spaces, tabs or no-break spaces.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")

#: The speaker of a quotation whose attribution the parse does not give.
UNKNOWN = "unknown"
#: Dependency labels of a verb's subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Relative pronouns, which stand for the noun they attach to, never name a speaker.
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
#: Pronouns that stand for a person or group.
PERSONAL_PRONOUNS = frozenset("i we you he she they who".split())
