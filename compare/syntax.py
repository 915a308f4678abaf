"""Small rules on the spaCy dependency parse shared by quotes and framing.

Functions here take spaCy tokens and return tokens; they import nothing from
spaCy, so they work on any parsed ``Doc`` (a trained pipeline's or one built by
hand in a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocab import AGENT_LABELS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["subject", "is_agent"]

_INVERTED_DEPS = ("dobj", "npadvmod", "attr", "oprd", "appos", "dep")


def subject(verb: Token, *, through_links: bool = False) -> Token | None:
    """The token that is the subject of ``verb``, or ``None``.

    By default only a direct ``nsubj``/``nsubjpass`` child. With
    ``through_links`` (used to find who speaks for a verb of saying) the rule
    also follows a conjoined or ``xcomp`` verb to its head's subject, a passive
    agent ("it was said by X"), a relative clause to the noun it describes, an
    inverted order the parser mislabels ("..., added Zhuravlev."), and climbs
    out of a common-noun apposition.
    """
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if not through_links:
        return subj
    if verb.dep_ == "amod" and verb.head.pos_ == "PROPN":  # '..., added Zhuravlev.'
        return verb.head
    if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return subject(verb.head, through_links=True)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "it was said by X"
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None:  # inverted order the parser mislabels: '..., added Zhuravlev.'
        subj = next((c for c in verb.rights if c.pos_ == "PROPN" and c.dep_ in _INVERTED_DEPS), None)
    while subj is not None and subj.dep_ == "appos" and subj.pos_ != "PROPN":
        subj = subj.head
    return subj


def is_agent(tok: Token) -> bool:
    """A person or group: a named one, a proper noun, or a personal pronoun."""
    return tok.ent_type_ in AGENT_LABELS or tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS)
