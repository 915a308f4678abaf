"""Speakers: who a quotation's attribution names, as a person or organisation, or ``unknown``.

The subject of a verb of saying is a speaker only when it names someone:

- a named entity (person, organisation, place standing for its government),
  or a proper noun ("Cho said");
- a title ("the Russian president", "Putin's spokesman") resolved to the one
  named person the article gives that title ("Russian President Vladimir
  Putin", "Dmitri Peskov, Putin's spokesman"); titles of one office are folded
  ("leader" fits a president or a prime minister);
- a personal pronoun ("he said") resolved to the named person who is the
  subject of the nearest preceding sentences;
- one unnamed person ("a source said", "an AARP spokeswoman said") is kept
  as written, with a note;
- a plural noun for an unnamed group of people ("analysts say",
  :data:`GROUP_NOUNS`) is kept as written, with a note; with the named party
  or body it belongs to ("Democratic campaign officials", "Obama's aides")
  the whole phrase is the speaker;
- anything else ("the statement said", "hours", "help") is never a speaker:
  the result is ``unknown``, because a wrong name is worse than none.

Titles and pronouns are resolved by :class:`compare.people.People`; each
resolution is written in a note (``speaker_note`` in the quotes table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .datelines import parse_dateline
from .speaker_words import (
    BODIES,
    DOCUMENTS,
    GROUP_NOUNS,
    HONORIFICS,
    INDEFINITE,
    MODIFIER_SYNONYMS,
    ONE_SOURCE,
    PARTY_MEMBERS,
    TENURE_WORDS,
    TITLE_CLASSES,
    TITLE_WORDS,
    is_party_member,
    party_state,
    title_class,
    title_word,
    untitled,
)
from .syntax import entity_span
from .vocab import RELATIVE_PRONOUNS, SPEAKER_LABELS, SUBJECT_DEPS, UNKNOWN

if TYPE_CHECKING:
    from .people import People

__all__ = ["of_named_party", "speaker_of"]

_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
_NAME_LABELS = SPEAKER_LABELS
#: Entity types that never speak: a date or a number the parse took for a subject.
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def of_named_party(tok) -> bool:
    """Whether a noun's modifiers name a party or body: "Democratic campaign officials", "Obama's aides"."""
    mods = [m for m in tok.lefts if m.dep_ in ("amod", "compound", "poss", "nmod")]
    return any(m.ent_type_ in _NAME_LABELS or m.pos_ == "PROPN" for m in mods)


def _of_body(tok) -> str | None:
    """The named body in "members of Congress" / "officials of the World Bank", or None."""
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in _NAME_LABELS or obj.pos_ == "PROPN"):
                span = entity_span(obj) if obj.ent_type_ else None
                return span.text if span is not None else obj.text
    return None


def _author(doc_tok):
    """Who wrote a document: "Mr. Bauer's report", "the report by Robert Bauer", "a statement from the Treasury"."""
    head = doc_tok.head
    between = list(doc_tok.doc[doc_tok.i + 1 : head.i]) if doc_tok.dep_ in SUBJECT_DEPS else []
    for c in [*doc_tok.children, *between]:  # "The report, by …, said": the parse may hang "by" anywhere in between
        if c.dep_ == "poss" and c.head == doc_tok and c.ent_type_ in _NAME_LABELS:
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in _NAME_LABELS or obj.pos_ == "PROPN"):
                return obj
            if obj is not None and any(o.dep_ == "poss" and o.ent_type_ in _NAME_LABELS for o in obj.children):
                return obj  # "a statement from Harry Reid's office": the office, named by its owner
    return None


def _no_dateline(name: str) -> str:
    """A name without the dateline the parse joined to it ("WASHINGTON — AARP" is AARP)."""
    opening = parse_dateline(name)
    return name[opening.end :].strip() if opening is not None and name[opening.end :].strip() else name


def _titled_person_after(ent):
    """The person named right after an organisation and a title ("National Organization for Women
    President Terry O'Neill"): the parser may make the organisation the subject; None when there is none."""
    doc, i = ent.doc, ent.end
    while i < len(doc) and i < ent.end + 3 and doc[i].lower_.rstrip(".") in TITLE_WORDS:
        i += 1
    if i == ent.end or i >= len(doc) or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
        return None
    return entity_span(doc[i])


def _without_title(name: str, person: bool) -> str:
    """``name`` without the title words it opens with: always for a person the tagger found, else only
    when a full name is left ("Historian Alan Brinkley" as an organisation, but not "General Electric")."""
    bare = untitled(name)
    return bare if bare and (person or len(bare.split()) > 1) else name


def _by_party(tok, people: People | None) -> tuple[str | None, str]:
    """The speaker a party member stands for: an unnamed source after "a" or "one", else the one
    named person of that party (and state, "the California Democrat") the article names."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.is_alpha]
    phrase = tok.doc[min([m.left_edge.i for m in mods] + [tok.i]) : tok.i + 1].text
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")), "")
    if det in INDEFINITE:
        return f"{det} {phrase}", f"an unnamed source: “{det} {phrase}”"
    if people is None:
        return None, f"“{phrase}” names no one person"
    modifiers = {w for m in mods for w in m.lower_.split()} - TENURE_WORDS
    sp = people.by_title(PARTY_MEMBERS[tok.lower_], modifiers, tok.idx, phrase)
    return (sp.name if sp.name != UNKNOWN else None), sp.note


def speaker_of(tok, people: People | None) -> tuple[str | None, str]:
    """The speaker a subject token names: ``(name, note)``; ``name`` is None when it names nobody.

    A named entity or proper noun gives its name (note ""); a title or a
    singular personal pronoun is resolved through ``people``; a common noun or
    an unresolved pronoun gives ``(None, note)``.
    """
    low = tok.lower_
    if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":  # "Cho, who said ..."
        return speaker_of(tok.head.head, people)
    if tok.ent_type_ in _NOT_SPEAKERS:  # "Christie was seen that October praising …"
        return None, f"“{tok.text}” is a {tok.ent_type_.lower()}, not a speaker"
    if is_party_member(tok):  # "the California Democrat", "one Republican": a title, not a name
        return _by_party(tok, people)
    ent = entity_span(tok) if tok.ent_type_ in _NAME_LABELS else None
    person = _titled_person_after(ent) if ent is not None and ent.label_ != "PERSON" else None
    if ent is not None and person is not None:  # "The National Organization for Women President Terry O'Neill said"
        return _without_title(person.text, True), f"the person titled after “{ent.text}”"
    if ent is not None:
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        while words and words[-1].dep_ == "case":
            words.pop()
        if words:
            name = _no_dateline(tok.doc[words[0].i : words[-1].i + 1].text)
            return _without_title(name, ent.label_ == "PERSON"), ""
    for child in tok.children:  # "the spokesman, John Smith, said"
        if child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ != "PROPN":  # not "Cleaver, D-Mo., said"
            if party_state(tok.doc.text[child.left_edge.idx - 1 : child.right_edge.idx + len(child.right_edge) + 1]):
                continue  # "Harry Reid's office (D-Nev.)": the owner's party and state
            return speaker_of(child, people)
    if tok.pos_ == "PRON" or low in RELATIVE_PRONOUNS:
        if low in _SINGULAR_PRONOUNS and people is not None:
            sp = people.by_pronoun(tok.text, tok.idx, tok.sent.start_char)
            return (sp.name if sp.name != UNKNOWN else None), sp.note
        return None, ""
    owner = next((c for c in tok.lefts if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
    if tok.lemma_.lower() in BODIES and tok.tag_ != "NNS" and owner is not None and not of_named_party(tok):
        owner_name, how = speaker_of(owner, people)  # "the former secretary of state's campaign": a titled owner
        if owner_name:
            phrase = tok.doc[min(c.left_edge.i for c in tok.lefts) : tok.i + 1].text
            return f"{owner_name}’s {tok.text}", f"a body named by its owner: “{phrase}” ({how})"
    if tok.lemma_.lower() in BODIES and tok.tag_ != "NNS" and of_named_party(tok):
        # "The Washington Post's editorial board", "Mr. Boehner's office", "the Obama campaign"
        first = min((c.left_edge.i for c in tok.lefts if c.dep_ in ("poss", "compound", "amod", "nmod")), default=tok.i)
        person = next((entity_span(c) for c in tok.lefts if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
        if person is not None and not all(t.lower_.rstrip(".") in HONORIFICS for t in tok.doc[first : person.start]):
            first = person.start  # "Senate Majority Leader Harry Reid's office": the owner's name ("Mr. Ellison’s office" stays)
        words = [t for t in tok.doc[first : tok.i + 1] if not (t.i == first and t.lower_ == "the")]
        return tok.doc[words[0].i : tok.i + 1].text, "a body named by its owner"
    if tok.lemma_.lower() in DOCUMENTS:
        author = _author(tok)
        written_by = speaker_of(author, people)[0] if author is not None else None
        if written_by:  # "the report, by White House Counsel Robert Bauer, said"
            return written_by, f"the author of the {tok.lemma_.lower()}"
        return None, f"“{tok.text}” is a document, not a speaker"
    compounds = [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    if tok.pos_ == "PROPN" or (compounds and compounds[0].text[:1].isupper() and tok.lemma_.lower() not in TITLE_CLASSES):
        # "Cho Han bum": a name whose last part the tagger took for a common noun
        parts = [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ in ("PROPN", "NOUN")]
        parts = parts + [tok] + [c for c in tok.rights if c.dep_ == "flat"]
        first = min(p.left_edge.i for p in parts)  # "Tea Party groups": the compound's own compound too
        return _without_title(_no_dateline(tok.doc[first : parts[-1].i + 1].text), False), ""
    # a common noun: a title that may stand for a named person, never a name itself
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.is_alpha]
    poss = [c for c in tok.lefts if c.dep_ == "poss"]
    phrase = tok.doc[min([m.left_edge.i for m in [*poss, *mods]] + [tok.i]) : tok.i + 1].text  # "seven-term congressman"
    if tok.lower_ in GROUP_NOUNS:
        if of_named_party(tok):
            return phrase, "a group named by its party or body"
        body = _of_body(tok)
        if body is not None:  # "Members of Congress"
            return f"{phrase} of {body}", "a group named by its party or body"
        return tok.text, f"an unnamed group: “{phrase}”"
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")), "")
    if det in INDEFINITE and tok.tag_ == "NN" and (tok.lemma_.lower() in ONE_SOURCE or tok.lemma_.lower() in TITLE_CLASSES):
        # "one union official said", "an AARP spokeswoman said": someone the article leaves unnamed on purpose
        return f"{det} {phrase}", f"an unnamed source: “{det} {phrase}”"
    title = title_word(tok)
    if title_class(title) in set(TITLE_CLASSES.values()) and people is not None and tok.tag_ != "NNS":
        modifiers = {MODIFIER_SYNONYMS.get(m.lemma_.lower(), m.lemma_.lower()) for m in mods} - TENURE_WORDS
        if title != tok.lemma_.lower():
            modifiers.discard(title.split("-")[0])  # "front" of "front-runner" is the title's own
        sp = people.by_title(title, modifiers, tok.idx, phrase)
        return (sp.name if sp.name != UNKNOWN else None), sp.note
    if tok.is_title and people is not None and people.has_surname(tok.text):
        return tok.text, ""  # "“…,” Suthers said" with "Suthers" tagged a common noun: the John Suthers named before
    return None, f"“{phrase}” names no person or organisation"
