"""Small rules on the spaCy dependency parse shared by quotes and framing.

Functions here take spaCy tokens and return tokens; they import nothing from
spaCy, so they work on any parsed ``Doc`` (a trained pipeline's or one built by
hand in a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .speaker_words import PASSIVE_TARGETS
from .vocab import AGENT_LABELS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["entity_span", "subject", "is_agent"]

_INVERTED_DEPS = ("dobj", "npadvmod", "attr", "oprd", "appos", "dep")


def entity_span(tok: Token) -> Span | None:
    """The named entity ``tok`` belongs to ("Donald Trump" for "Donald"), or None; its label is ``tok.ent_type_``.

    Read from the tokens' IOB tags: ``doc.ents`` builds every entity of the
    document on each access, which made a look-up per token quadratic.
    """
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def subject(verb: Token, *, through_links: bool = False) -> Token | None:
    """The token that is the subject of ``verb``, or ``None``.

    By default only a direct ``nsubj``/``nsubjpass`` child. With
    ``through_links`` (used to find who speaks for a verb of saying) the rule
    also follows a conjoined, ``xcomp`` or participle verb ("..., saying", "by insisting") to its head's subject, a passive
    agent ("it was said by X"), a relative clause to the noun it describes, an
    inverted order the parser mislabels ("..., added Zhuravlev."), and climbs
    out of a common-noun apposition.
    """
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    # Two subjects: "That group, Mr. Corker said, was ...": the parser hangs the clause's subject on the
    # parenthetical verb too; the one next to the verb is its own.
    subj = (
        max(subjects, key=lambda c: c.i)
        if len(subjects) > 1 and all(c.i < verb.i for c in subjects)
        else next(iter(subjects), None)
    )
    if not through_links:
        return subj
    passive = (subj is not None and subj.dep_ == "nsubjpass") or any(c.dep_ == "auxpass" for c in verb.children)
    if passive and verb.lemma_.lower() in PASSIVE_TARGETS:
        # "he would have been labeled insufferable", "she was told that …": named or told, not speaking;
        # the speaker is the agent, if any ("she was told by an aide")
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if verb.dep_ == "amod" and verb.head.pos_ == "PROPN":  # '..., added Zhuravlev.'
        return verb.head
    if (
        subj is None
        and verb.head is not verb
        and (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"))
    ):  # "... and said", "... vowed to say", "Ryan defended it, saying ..."
        return subject(verb.head, through_links=True)
    if subj is None and verb.dep_ == "pcomp" and verb.head.head is not verb.head:
        return subject(verb.head.head, through_links=True)  # "clarified it by insisting ...", "after saying ..."
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "it was said by X"
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        who = subj.lower_ == "who"
        subj = verb.head
        if who and subj.ent_type_ in _PLACE_LABELS:  # "James Renacci, a candidate in Ohio’s 16th District, who said"
            subj = _person_above(subj)
    if subj is None and verb.i > 0 and verb.doc[verb.i - 1].is_punct:
        # inverted order the parser mislabels: '..., added Zhuravlev.' (not "an ad called Obama a ...")
        subj = next((c for c in verb.rights if c.pos_ == "PROPN" and c.dep_ in _INVERTED_DEPS), None)
    while subj is not None and subj.dep_ == "appos" and subj.pos_ != "PROPN":
        subj = subj.head
    return subj


def _person_above(tok: Token) -> Token | None:
    """The nearest named person a few steps up the tree from ``tok``, or None: a place is no "who"."""
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.ent_type_ == "PERSON":
            return tok
    return None


def is_agent(tok: Token) -> bool:
    """A person or group: a named one, a proper noun, or a personal pronoun."""
    return tok.ent_type_ in AGENT_LABELS or tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS)
