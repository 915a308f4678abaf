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

Each resolution through a title or pronoun is written in a note
(``speaker_note`` in the quotes table).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .datelines import parse_dateline
from .lexicons import saying_verbs
from .speaker_words import (
    BODIES,
    DOCUMENTS,
    GROUP_NOUNS,
    INDEFINITE,
    MODIFIER_SYNONYMS,
    ONE_SOURCE,
    PARTY_MEMBERS,
    PERSON_NOUNS,
    TENURE_WORDS,
    TITLE_CLASSES,
    is_news_outlet,
    is_unnamed_source,
    party_state,
    untitled,
)
from .syntax import entity_span
from .vocab import RELATIVE_PRONOUNS, SPEAKER_LABELS, SUBJECT_DEPS, UNKNOWN

__all__ = ["People", "Speaker", "of_named_party", "speaker_of"]


_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
_NAME_LABELS = SPEAKER_LABELS
#: Sentences before the quotation searched for the person a pronoun stands for.
_PRONOUN_WINDOW = 2
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: A title fits the person named at least this many times as often as anyone else it fits.
_MAIN_PERSON = 3
#: How far back (sentences) a run of pronouns may lead to the last named subject.
_CHAIN_SENTENCES = 30


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the ``name`` as written (or ``unknown``) and a ``note`` on how it was found."""

    name: str
    note: str = ""


def _cls(word: str) -> str:
    return TITLE_CLASSES.get(word, word)


def _title_words(tokens) -> set[str]:
    return {
        MODIFIER_SYNONYMS.get(t.lemma_.lower(), t.lemma_.lower())
        for t in tokens
        if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "ADJ")
    }


def _narrated_subject(tok) -> bool:
    """Whether a token is the subject of a clause the writer narrates (an appositive of one counts).

    The subject of reported content ("argued that Trump was ...") is not: it is
    what someone said, not who is acting in the story.
    """
    if tok.dep_ == "appos":
        tok = tok.head
    if tok.dep_ not in SUBJECT_DEPS:
        return False
    clause = tok.head
    for _ in range(_CLAUSE_DEPTH):  # "Trump said he wants Obama to do well": Obama is inside what Trump said
        if clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_.lower() in _reporting_verbs():
            return False
        if clause.dep_ in ("ccomp", "acl") and clause.head.pos_ == "NOUN" and any(c.lower_ == "that" for c in clause.children):
            return False  # "expressed disbelief that Peña Nieto would invite him": what someone doubts
        if clause.dep_ not in ("ccomp", "xcomp", "conj") or clause.head is clause:
            return True
        clause = clause.head
    return True


#: How many clauses up :func:`_narrated_subject` looks for a verb of saying or thinking.
_CLAUSE_DEPTH = 4


@cache
def _reporting_verbs() -> frozenset[str]:
    """Verbs whose complement is someone's words or thoughts ("argued that Trump was ...")."""
    thinking = {"believe", "think", "hope", "fear", "worry", "expect", "doubt", "suspect", "feel", "know", "realize"}
    sure = {"worried", "sure", "certain", "confident", "convinced", "afraid", "aware"}  # "isn't worried that Trump will win"
    return frozenset(saying_verbs()) | thinking | sure | {"insist", "suggest", "argue"}


_TITLE_KINDS = frozenset(TITLE_CLASSES.values())
#: Entity types a proper noun the tagger misread may still be a person under ("Clinton" as ORG), unlike places.
_MAY_BE_PERSON = frozenset({"", "PERSON", "ORG"})


def _someone_else(tok) -> bool:
    """Whether a subject may be someone other than the one a run of "he" (or "she") follows: a proper
    noun, a title, a singular noun for a person ("the man"), another personal pronoun ("they wrote")."""
    low = tok.lemma_.lower()
    if tok.pos_ == "PRON":  # the run's own pronoun was looked for first
        return tok.lower_ in ("they", "we", "i", "she", "he")
    if tok.pos_ == "PROPN":
        if is_news_outlet((entity_span(tok) or tok).text):
            return False  # an outlet is not a "he"
        return tok.tag_ == "NNP" and tok.ent_type_ in _MAY_BE_PERSON  # not "the Republicans", not a place
    return tok.tag_ == "NN" and (low in TITLE_CLASSES or low in ONE_SOURCE or low in PERSON_NOUNS)


class People:
    """The named people of one parsed document, with the titles the article gives them."""

    def __init__(self, doc, quoted: Callable[[int], bool] | None = None) -> None:
        self.doc = doc
        self.quoted = quoted or (lambda pos: False)  # whether a character lies inside quotation marks
        self.mentions: list[tuple[int, str, frozenset[str], bool, int]] = []  # (char, name, titles, subject, sent start)
        ents = list(getattr(doc, "ents", ()))
        # the last word of every person's name; a one-word one too ("William “Mo” Cowan" is cut in two by the tagger)
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and e[-1].is_title}
        for ent in ents:
            if ent.label_ != "PERSON" and not (ent.label_ in ("ORG", "GPE") and len(ent) == 1 and ent.text in surnames):
                continue  # a lone surname tagged as an organisation or place ("Fox said") is still the person
            titles = set()
            i = ent.start - 1
            while i >= max(0, ent.start - 5):  # "Russian President Vladimir Putin", "Putin's spokesman Dmitri Peskov"
                t = doc[i]
                if t.text == "-" and i > 0 and _title_word(doc[i + 1]).startswith(doc[i - 1].lower_ + "-"):
                    titles.add(_title_word(doc[i + 1]))  # "front-runner Jo Reyes"
                    i -= 2
                    continue
                if t.is_punct or t.ent_type_ == "PERSON" and t.dep_ != "poss" or t.lower_ in ("the", "a", "an"):
                    break
                if t.pos_ in ("CCONJ", "VERB", "AUX", "ADP"):
                    break  # "the President and Speaker Boehner": the president is someone else
                word = t.lower_.rstrip(".") if t.text.endswith(".") else t.lemma_.lower()  # "Gov." is a title too
                if t.pos_ in ("NOUN", "PROPN", "ADJ") and word.isalpha() and t.ent_type_ not in ("PERSON",):
                    titles.add(MODIFIER_SYNONYMS.get(word, word))
                i -= 1
            for child in ent.root.children:  # "Dmitri Peskov, Putin's spokesman,"
                if child.dep_ == "appos":
                    titles |= _title_words(child.subtree)
            titles |= party_state(doc.text[ent.end_char : ent.end_char + 16])  # "Nancy Pelosi (D-Calif.)"
            if ent.root.dep_ == "appos":  # "the spokesman, Dmitri Peskov,"
                titles |= _title_words([ent.root.head, *[c for c in ent.root.head.lefts if c.dep_ in ("amod", "compound")]])
            subj = any(_narrated_subject(t) for t in ent)
            words = [t for t in ent if t.pos_ == "PROPN"] or list(ent)
            name = re.sub(r"['’]s$", "", doc[words[0].i : words[-1].i + 1].text.strip())
            self.mentions.append((ent.start_char, name, frozenset(titles), subj, ent.sent.start_char))
        tagged = {m[0] for m in self.mentions}
        verbs = saying_verbs()
        last_words = {e[-1].text for e in ents if len(e) > 1 and all(w.is_title for w in e)}  # "Alex Poulter" (any label)
        for t in doc:
            if t.ent_type_ or t.dep_ not in SUBJECT_DEPS or t.idx in tagged or not (t.is_title and t.is_alpha):
                continue
            if any(c.dep_ == "compound" for c in t.children):
                continue
            if t.text in surnames:  # "Lauten later apologized": the surname of a person named in full, left untagged
                self.mentions.append((t.idx, t.text, frozenset(), _narrated_subject(t), t.sent.start_char))
            elif t.head.lemma_.lower() in verbs and (t.pos_ == "PROPN" or t.text in last_words):
                self.mentions.append((t.idx, t.text, frozenset(), True, t.sent.start_char))  # "Poulter said"
        self.mentions.sort()
        self._starts = [m[0] for m in self.mentions]
        self._sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self._sent_starts = [s.start_char for s in self._sents]
        self.word_counts = Counter(t.lower_ for t in doc)  # how often the article names each surname
        self.genders: dict[str, str] = {}  # surname -> "m" / "f", from "Mr." / "Ms." / "Mrs." in the article
        for t in doc:
            g = _HONORIFIC_GENDER.get(t.lower_.rstrip("."))
            if g:
                j = t.i + 1
                while j < len(doc) and j <= t.i + 3 and doc[j].pos_ == "PROPN":
                    j += 1
                if j > t.i + 1:  # "Mr. Trump", "Ms. Lagarde": the last word of the name is the surname
                    surname = doc[j - 1].text
                    self.genders[surname] = g if self.genders.get(surname, g) == g else "?"
        self.genders = {k: v for k, v in self.genders.items() if v != "?"}

    def rival_between(self, start: int, end: int, names: set[str], pronoun: str) -> bool:
        """Whether someone but ``names`` (name words) is a subject between ``start`` and ``end`` that ``pronoun`` may stand for.

        A named person who is a narrated subject there, or a proper noun the
        tagger did not take for a person ("Clinton criticized ..."); never one
        inside quoted words, a place ("whether Seattle is doing business"), the
        subject of reported content ("Rubio said Obama wasted …"), nor one the
        pronoun cannot stand for ("Ms. Rice demurred when asked whether Mr.
        Netanyahu ..." has no rival for "she").
        """
        if any(
            start <= m[0] < end and m[3] and not names & set(m[1].split()) and self.may_be(m[1], pronoun)
            for m in self.mentions[bisect.bisect_left(self._starts, start) :]
            if m[0] < end
        ):
            return True
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(
            t.pos_ == "PROPN"
            and _narrated_subject(t)
            and t.ent_type_ in _MAY_BE_PERSON
            and (t.ent_type_ or not t.is_sent_start)  # "Progressivism, he told …": a capital that only opens the sentence
            and not (t.dep_ == "appos" and t.head.text in names)  # "Paul LePage (R)": the same person's party
            and t.text not in names
            and not self.quoted(t.idx)
            and self.may_be(t.text, pronoun)
            and not is_news_outlet((entity_span(t) or t).text)  # "Fox News confirmed …" is no "he"
            for t in span
        )

    def may_be(self, name: str, pronoun: str) -> bool:
        """Whether ``pronoun`` may stand for ``name``: not when the article calls them "Mr." and the pronoun is "she" (and so on)."""
        gender = self.genders.get(name.split()[-1])
        return gender is None or _PRONOUN_GENDER.get(pronoun.lower(), gender) == gender

    def before(self, pos: int) -> list[tuple[int, str, frozenset[str], bool, int]]:
        """Mentions that start before character ``pos``."""
        return self.mentions[: bisect.bisect_left(self._starts, pos)]

    def by_title(self, head: str, modifiers: set[str], pos: int, phrase: str) -> Speaker:
        """The named person a title ("the Russian president") stands for, or ``unknown``."""
        want = _cls(head)
        fits: dict[str, int] = {}
        full: dict[str, str] = {}
        for p, name, titles, _, _ in self.mentions:
            classes = {_cls(w) for w in titles}
            if want in classes and modifiers <= titles | classes:
                key = name.split()[-1].lower()
                if p < pos:
                    fits[key] = p
                else:
                    fits.setdefault(key, -1)
                if len(name) > len(full.get(key, "")):
                    full[key] = name
        if len(fits) == 1:
            key = next(iter(fits))
            return Speaker(full[key], f"title: “{phrase}” → {full[key]}")
        earlier = sorted((p, k) for k, p in fits.items() if p >= 0)
        counts = sorted(((self.word_counts[k], k) for k in fits), reverse=True)
        if len(fits) > 1 and counts[0][0] >= _MAIN_PERSON * counts[1][0]:
            key = counts[0][1]  # "the president" in a story about Obama that also names President Clinton once
            return Speaker(
                full[key],
                f"title: “{phrase}” → {full[key]} (named {counts[0][0]} times; the others who fit, at most {counts[1][0]})",
            )
        if len(fits) > 1 and earlier:
            p, key = earlier[-1]
            sents_between = bisect.bisect_right(self._sent_starts, pos) - bisect.bisect_right(self._sent_starts, p)
            if sents_between <= 1:
                return Speaker(full[key], f"title: “{phrase}” → {full[key]} (the nearest of {len(fits)} who fit)")
        why = "no named person in the article has that title" if not fits else f"{len(fits)} people fit"
        return Speaker(UNKNOWN, f"title “{phrase}” not resolved: {why}")

    def _titled_subjects(self, start: int, end: int) -> list[tuple[int, str, frozenset[str], bool, int]]:
        """Narrated subjects between ``start`` and ``end`` that are a title standing for one named person
        ("The congressman also expressed concern ... “…,” he told CNN."), as mentions of that person."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        out: list[tuple[int, str, frozenset[str], bool, int]] = []
        for t in span if span is not None else ():
            titled = t.pos_ == "NOUN" and t.tag_ != "NNS" and _cls(t.lemma_.lower()) in _TITLE_KINDS or _party_member(t)
            if titled and t.dep_ != "appos" and _narrated_subject(t) and not self.quoted(t.idx):
                name, _ = speaker_of(t, self)  # not "Etheridge, a Democrat,": the appositive is the named person
                if name and not is_unnamed_source(name):
                    out.append((t.idx, name, frozenset(), True, t.sent.start_char))
        return out

    def by_pronoun(self, pronoun: str, pos: int, sent_start: int) -> Speaker:
        """The named person a pronoun ("he said") stands for: the subject of the nearest preceding sentences."""
        sents = self._sent_starts[: bisect.bisect_right(self._sent_starts, sent_start)]
        window_start = sents[-1 - _PRONOUN_WINDOW] if len(sents) > _PRONOUN_WINDOW else 0
        recent = [m for m in self.before(pos) if m[0] >= window_start] + self._titled_subjects(window_start, pos)
        subjects = [m for m in recent if m[3] and not self.quoted(m[0])]  # a name in quoted words is not the narrator's subject
        subjects = [m for m in subjects if self.may_be(m[1], pronoun)]
        if len({m[1].split()[-1] for m in subjects}) > 1:
            # several named subjects: the pronoun's own sentence ("Santorum described what he called …"),
            # else the sentence right before, if it names one person only
            own = [m for m in subjects if m[4] == sents[-1]] if sents else []
            before = sents[-2] if len(sents) > 1 else -1
            subjects = own or [m for m in subjects if m[4] == before]
        names = {w for m in subjects for w in m[1].split()}
        if (
            subjects
            and len({m[1].split()[-1] for m in subjects}) == 1
            and not self.rival_between(max(m[0] for m in subjects) + 1, pos, names, pronoun)
        ):
            # one person is the named subject of the preceding sentences: "Cho said ... He added"
            name = max((m[1] for m in subjects), key=len)
            return Speaker(name, f"pronoun: “{pronoun}” → {name}, the preceding named subject")
        if not subjects:
            return self._chain(pronoun, pos, sents, window_start)
        return Speaker(UNKNOWN, f"pronoun “{pronoun}” not resolved")

    def _chain(self, pronoun: str, pos: int, sents: list[int], window_start: int) -> Speaker:
        """A pronoun in a run of them ("Mr. Beck … he said … he asked … he said"): the last named subject,
        at most :data:`_CHAIN_SENTENCES` sentences back, when every narrated sentence since has the
        same pronoun as its subject and nobody else is a subject."""
        start = sents[-1 - _CHAIN_SENTENCES] if len(sents) > _CHAIN_SENTENCES else 0
        earlier = [
            m
            for m in self.mentions[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, window_start)]
            if m[3] and not self.quoted(m[0])
        ]
        if not earlier:
            return Speaker(UNKNOWN, f"pronoun “{pronoun}” not resolved")
        last = earlier[-1]
        names = set(last[1].split())
        if not self.may_be(last[1], pronoun) or self.rival_between(last[0] + 1, pos, names, pronoun):
            return Speaker(UNKNOWN, f"pronoun “{pronoun}” not resolved")
        gender = _PRONOUN_GENDER.get(pronoun.lower())
        between = self._sents[bisect.bisect_right(self._sent_starts, last[0]) : len(sents) - 1]
        for sent in between:  # an unbroken run: each narrated sentence since has the pronoun as subject or names nobody
            narrated = [t for t in sent if t.is_alpha and not self.quoted(t.idx)]
            if any(_PRONOUN_GENDER.get(t.lower_) == gender and _narrated_subject(t) for t in narrated):
                continue
            if any(
                (t.ent_type_ == "PERSON" or _narrated_subject(t) and _someone_else(t)) and t.text not in names for t in narrated
            ):
                return Speaker(UNKNOWN, f"pronoun “{pronoun}” not resolved")
        back = len(sents) - 1 - bisect.bisect_right(sents, last[0]) + 1
        return Speaker(
            last[1], f"pronoun: “{pronoun}” → {last[1]}, the last named subject ({back} sentences back; no one else since)"
        )


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
    return None


def _no_dateline(name: str) -> str:
    """A name without the dateline the parse joined to it ("WASHINGTON — AARP" is AARP)."""
    opening = parse_dateline(name)
    return name[opening.end :].strip() if opening is not None and name[opening.end :].strip() else name


def _without_title(name: str, person: bool) -> str:
    """``name`` without the title words it opens with: always for a person the tagger found, else only
    when a full name is left ("Historian Alan Brinkley" as an organisation, but not "General Electric")."""
    bare = untitled(name)
    return bare if bare and (person or len(bare.split()) > 1) else name


def _title_word(tok) -> str:
    """A noun's lemma, with the word hyphenated to it when there is one ("front-runner" is one title)."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].is_alpha and doc[i - 1].idx == doc[i - 2].idx + len(doc[i - 2]):
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}"
    return tok.lemma_.lower()


def _party_member(tok) -> bool:
    """Whether a token is one member of a party ("Democrat", not "Democrats" nor "Democratic")."""
    return tok.tag_ in ("NN", "NNP") and tok.lower_ in PARTY_MEMBERS


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
    if _party_member(tok):  # "the California Democrat", "one Republican": a title, not a name
        return _by_party(tok, people)
    ent = entity_span(tok) if tok.ent_type_ in _NAME_LABELS else None
    if ent is not None:
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        while words and words[-1].dep_ == "case":
            words.pop()
        if words:
            name = _no_dateline(tok.doc[words[0].i : words[-1].i + 1].text)
            return _without_title(name, ent.label_ == "PERSON"), ""
    for child in tok.children:  # "the spokesman, John Smith, said"
        if child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ != "PROPN":  # not "Cleaver, D-Mo., said"
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
    title = _title_word(tok)
    if _cls(title) in set(TITLE_CLASSES.values()) and people is not None and tok.tag_ != "NNS":
        modifiers = {MODIFIER_SYNONYMS.get(m.lemma_.lower(), m.lemma_.lower()) for m in mods} - TENURE_WORDS
        if title != tok.lemma_.lower():
            modifiers.discard(title.split("-")[0])  # "front" of "front-runner" is the title's own
        sp = people.by_title(title, modifiers, tok.idx, phrase)
        return (sp.name if sp.name != UNKNOWN else None), sp.note
    return None, f"“{phrase}” names no person or organisation"
