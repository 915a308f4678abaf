"""People: the named people of one article, and who a title or a pronoun stands for.

:class:`People` lists every named person with the titles the article gives
them ("Russian President Vladimir Putin", "Nancy Pelosi (D-Calif.)"), and
resolves

- a title ("the Russian president", "the California Democrat") to the one
  named person it fits (:meth:`People.by_title`);
- a singular personal pronoun ("he said") to the named person who is the
  subject of the nearest preceding sentences, or of an unbroken run of the same
  pronoun (:meth:`People.by_pronoun`), unless someone else is a subject in
  between.

Each answer is a :class:`Speaker` with a note saying how it was found.
:func:`compare.speakers.speaker_of` asks it about the subject of a verb of saying.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .lexicons import saying_verbs
from .speaker_words import (
    HONORIFIC_GENDER,
    MODIFIER_SYNONYMS,
    ONE_SOURCE,
    PERSON_NOUNS,
    RANKS,
    TITLE_CLASSES,
    is_news_outlet,
    is_party_member,
    is_unnamed_source,
    party_state,
    title_class,
    title_word,
)
from .speakers import speaker_of
from .syntax import entity_span
from .vocab import PERSONAL_PRONOUNS, SUBJECT_DEPS, UNKNOWN

__all__ = ["People", "Speaker"]


#: Sentences before the quotation searched for the person a pronoun stands for.
_PRONOUN_WINDOW = 2
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
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or clause.head is clause:
            return True  # an adverbial clause is climbed too: "said that Congress should wait because Obama must …"
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


def _lone_openers(ents) -> set[int]:
    """Token starts of one-word "people" that open a sentence and are named nowhere else in the text:
    the tagger's guess at a capitalised common word ('Draft "talking points" …'), not a person."""
    people = [e for e in ents if e.label_ == "PERSON"]
    seen = Counter(w.text for e in people for w in e)
    return {e.start for e in people if len(e) == 1 and e[0].is_sent_start and seen[e.text] == 1}


class People:
    """The named people of one parsed document, with the titles the article gives them."""

    def __init__(self, doc, quoted: Callable[[int], bool] | None = None) -> None:
        self.doc = doc
        self.quoted = quoted or (lambda pos: False)  # whether a character lies inside quotation marks
        self.mentions: list[tuple[int, str, frozenset[str], bool, int]] = []  # (char, name, titles, subject, sent start)
        ents = list(getattr(doc, "ents", ()))
        text = doc.text  # built anew on every access
        # the last word of every person's name; a one-word one too ("William “Mo” Cowan" is cut in two by the tagger)
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and e[-1].is_title}
        once = _lone_openers(ents)
        for ent in ents:
            if ent.label_ != "PERSON" and not (ent.label_ in ("ORG", "GPE") and len(ent) == 1 and ent.text in surnames):
                continue  # a lone surname tagged as an organisation or place ("Fox said") is still the person
            if ent.start in once:
                continue  # 'Draft "talking points" depicted …': a capital opening a sentence, named nowhere else
            titles = set()
            i = ent.start - 1
            while i >= max(0, ent.start - 5):  # "Russian President Vladimir Putin", "Putin's spokesman Dmitri Peskov"
                t = doc[i]
                if t.text == "-" and i > 0 and title_word(doc[i + 1]).startswith(doc[i - 1].lower_ + "-"):
                    titles.add(title_word(doc[i + 1]))  # "front-runner Jo Reyes"
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
            titles |= party_state(text[ent.end_char : ent.end_char + 16])  # "Nancy Pelosi (D-Calif.)"
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
        self._full_surnames = {m[1].split()[-1] for m in self.mentions if len(m[1].split()) > 1}
        self._starts = [m[0] for m in self.mentions]
        self._sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self._sent_starts = [s.start_char for s in self._sents]
        self.word_counts = Counter(t.lower_ for t in doc)  # how often the article names each surname
        self.genders: dict[str, str] = {}  # surname -> "m" / "f", from "Mr." / "Ms." / "Mrs." in the article
        for t in doc:
            g = HONORIFIC_GENDER.get(t.lower_.rstrip("."))
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

    def has_surname(self, word: str) -> bool:
        """Whether ``word`` is the last word of a person's name of two words or more in the text."""
        return word in self._full_surnames

    def may_be(self, name: str, pronoun: str) -> bool:
        """Whether ``pronoun`` may stand for ``name``: not when the article calls them "Mr." and the pronoun is "she" (and so on)."""
        gender = self.genders.get(name.split()[-1])
        return gender is None or _PRONOUN_GENDER.get(pronoun.lower(), gender) == gender

    def before(self, pos: int) -> list[tuple[int, str, frozenset[str], bool, int]]:
        """Mentions that start before character ``pos``."""
        return self.mentions[: bisect.bisect_left(self._starts, pos)]

    def by_title(self, head: str, modifiers: set[str], pos: int, phrase: str) -> Speaker:
        """The named person a title ("the Russian president") stands for, or ``unknown``."""
        want = title_class(head)
        fits: dict[str, int] = {}
        full: dict[str, str] = {}

        def fit(titles: frozenset[str], strict: bool) -> bool:
            if (titles & RANKS) - modifiers:
                return False  # "the president" is not Vice President Joe Biden
            classes = {title_class(w) for w in titles}
            # strict: a title of the class other than the class's own generic word ("the president" is
            # not "Senate Majority Leader Harry Reid" when the story has a President Obama)
            named = any(title_class(w) == want and (w != want or head == want) for w in titles) if strict else want in classes
            return named and modifiers <= titles | classes

        strict = any(fit(t, True) for _, _, t, _, _ in self.mentions)
        for p, name, titles, _, _ in self.mentions:
            if fit(titles, strict):
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
            titled = t.pos_ == "NOUN" and t.tag_ != "NNS" and title_class(t.lemma_.lower()) in _TITLE_KINDS or is_party_member(t)
            if titled and t.dep_ != "appos" and _narrated_subject(t) and not self.quoted(t.idx):
                name, _ = speaker_of(t, self)  # not "Etheridge, a Democrat,": the appositive is the named person
                if name and not is_unnamed_source(name):
                    out.append((t.idx, name, frozenset(), True, t.sent.start_char))
        return out

    def by_pronoun(self, pronoun: str, pos: int, sent_start: int) -> Speaker:
        """The named person a pronoun ("he said") stands for: the subject of the nearest preceding sentences."""
        clause = self._clause_before(pronoun, pos)
        if clause is not None:
            return clause
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

    def _clause_before(self, pronoun: str, pos: int) -> Speaker | None:
        """A pronoun after a clause of its own verb that names a person with a subject of its own: that
        person ("when the draft was sent to Mr. Petraeus, he dismissed it"), or ``unknown`` when the
        clause's subject is a person too ("when Mr. Obama met Mr. Reid, he said"); None without such a clause."""
        span = self.doc.char_span(pos, pos + len(pronoun), alignment_mode="expand")
        if span is None or span[0].dep_ not in SUBJECT_DEPS:
            return None
        tok = span[0]
        for clause in tok.head.children:
            if clause.dep_ != "advcl" or clause.right_edge.i >= tok.i:
                continue
            subj = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            own = {t.i for s in subj for t in s.subtree}  # "As the official, Lois Lerner, appeared …, she told"
            names = {
                (entity_span(t) or t).text
                for t in clause.subtree
                if t.ent_type_ == "PERSON" and t.i not in own and not self.quoted(t.idx)
            }
            if not subj or not names:
                continue
            if len(names) > 1 or any(s.ent_type_ == "PERSON" or s.lower_ in PERSONAL_PRONOUNS for s in subj):
                return Speaker(UNKNOWN, f"pronoun “{pronoun}” not resolved: the clause before it names another person")
            name = names.pop()
            return Speaker(name, f"pronoun: “{pronoun}” → {name}, named in the clause before it")
        return None

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
