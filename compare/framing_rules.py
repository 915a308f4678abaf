"""Framing candidates: the explainable rules that propose words for the framing model to score.

The lexicon (``lexicons/framing.txt``), the verbs of saying and VADER valence,
read on the spaCy parse of one sentence, propose candidate findings: a lexicon
phrase or word, a judging verb of saying that introduces speech, an intensifier
that turns up a criticism, a hedge that casts doubt, explicit blame that names an
agent, and adjectives or adverbs with strong valence. :mod:`compare.framing_score` then gives each
candidate a probability in context; nothing here decides what is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from .diffs import WordOp
from .lexicons import Lexicon, lemma, lower, lowered, saying_verbs, valence
from .parsing import Sentence
from .syntax import entity_span, is_agent, subject
from .vocab import AGENT_LABELS, NAME_LABELS

__all__ = [
    "Candidate",
    "DocFacts",
    "sentence_candidates",
    "judgement",
    "match_phrase",
    "VALENCE_EVALUATIVE",
    "VALENCE_ALONE",
    "VALENCE_AGENT",
]

#: VADER valence magnitude of an evaluative word (a charged swap, a word-swap row); an intensifier
#: frames only a criticism: a lexicon judgement or a valence at or below its negative.
VALENCE_EVALUATIVE = 1.5
#: VADER valence at or above which an adjective or adverb outside the lexicon is a candidate.
VALENCE_ALONE = 3.0
#: VADER valence at or above which an adjective or adverb judging a person or group, or what
#: they do ("a dishonest senator", "Smith angrily refused"), is a candidate.
VALENCE_AGENT = 2.0
_CONTENT_POS = {"ADJ", "ADV", "VERB", "NOUN"}


@dataclass
class Candidate:
    """One proposed finding: offsets in the article, category, the rule that proposed it."""

    start: int
    end: int
    category: str
    source: str  #: "lexicon", "valence", "saying" or "comparative"
    tok: Any  #: the spaCy token the features are read from (the phrase's first content word)
    sent: Sentence
    detail: str = ""  #: the evaluative word after an intensifier, the agent of blame or insult
    words: str = ""  #: the words to quote in the reason when not the whole span ("stupidity", "because of")


def match_phrase(tokens, i: int, lex: Lexicon) -> tuple[int, str] | None:
    """Longest lexicon phrase starting at token ``i``: (number of tokens, category).

    Every word matches as written or by its lemma ("lashed out" matches "lash out").
    """
    best = None
    first = tokens[i]
    text, base = lower(first), lemma(first)
    cands = lex.by_first.get(text, [])
    if base != text:
        cands = cands + lex.by_first.get(base, [])
    for phrase, cat in cands:
        n = len(phrase)
        if i + n > len(tokens):
            continue
        words = tokens[i : i + n]
        if all(p in (lower(w), lemma(w)) for w, p in zip(words, phrase)) and (best is None or n > best[0]):
            best = (n, cat)
    return best


@dataclass
class DocFacts:
    """Per-token facts of one document, read at once from spaCy's arrays (one row per token).

    The rules look at few tokens closely; these arrays say which, without a
    Python call per token. A token that is not ``known`` begins no lexicon
    phrase, has no lexicon category and is no judging verb of saying;
    ``valence`` is :func:`word_valence`; the rest are spaCy's own attributes.
    """

    known: np.ndarray  #: bool: text or lemma begins a lexicon look-up, or a judging verb of saying
    valence: np.ndarray  #: float: VADER valence by text, else lemma
    pos: np.ndarray  #: str: coarse part of speech (``tok.pos_``)
    alpha: np.ndarray  #: bool: ``tok.is_alpha``
    stop: np.ndarray  #: bool: ``tok.is_stop``
    entity: np.ndarray  #: bool: inside a named entity (``tok.ent_type_`` set)
    gap: np.ndarray  #: bool: punctuation or space
    skip: np.ndarray  #: bool: punctuation, space or number-like (never a candidate)
    blame: np.ndarray  #: bool: text or lemma begins a blame or cause look-up (:func:`causal_phrases`)
    texts: list[str]  #: :func:`~compare.lexicons.lower` of each token
    lemmas: list[str]  #: :func:`~compare.lexicons.lemma` of each token
    masks: dict[str, np.ndarray] = field(default_factory=dict)  #: see :meth:`mask`

    @classmethod
    def of(cls, doc, lex: Lexicon) -> DocFacts:
        """The facts of one document for ``lex``."""
        return cls.of_docs([doc], lex)[0]

    @classmethod
    def of_docs(cls, docs: Sequence[Any], lex: Lexicon) -> list[DocFacts]:
        """The facts of each document for ``lex``, every distinct word of them all looked up once."""
        from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS

        if not docs:
            return []
        attrs = [LOWER, LEMMA, POS, IS_ALPHA, IS_STOP, ENT_TYPE, IS_PUNCT, IS_SPACE, LIKE_NUM]
        arr = np.concatenate([d.to_array(attrs).reshape(-1, len(attrs)) for d in docs]).astype(np.uint64)
        n, strings = len(arr), docs[0].vocab.strings
        keys, blame_keys, verbs = lex.first_words, _causal_keys(lex), saying_verbs()
        # the lemma, or the text when the pipeline gives none (as compare.lexicons.lemma reads it)
        hashes = np.concatenate([arr[:, 0], np.where(arr[:, 1] != 0, arr[:, 1], arr[:, 0])])
        inverse, uniq = pd.factorize(hashes)  # a hash table: no sort
        words = [lowered(strings, h) if h else "" for h in uniq.tolist()]
        word = np.array(words, dtype=object)[inverse]
        text_known = np.array([w in keys for w in words], dtype=bool)[inverse[:n]]
        base_known = np.array([w in keys or verbs.get(w) == "attribution" for w in words], dtype=bool)[inverse[n:]]
        blame = np.array([w in blame_keys for w in words], dtype=bool)[inverse]
        val = np.array([valence(w) for w in words], dtype=np.float64)[inverse]
        tags = {h: (strings[h] if h else "") for h in np.unique(arr[:, 2]).tolist()}
        pos = np.array([tags[h] for h in arr[:, 2].tolist()], dtype=object)
        gap = (arr[:, 6] == 1) | (arr[:, 7] == 1)
        facts = cls(
            known=text_known | base_known,
            valence=np.where(val[:n] != 0, val[:n], val[n:]),
            pos=pos,
            alpha=arr[:, 3] == 1,
            stop=arr[:, 4] == 1,
            entity=arr[:, 5] != 0,
            gap=gap,
            skip=gap | (arr[:, 8] == 1),
            blame=blame[:n] | blame[n:],
            texts=word[:n].tolist(),
            lemmas=word[n:].tolist(),
        )
        out, start = [], 0
        for d in docs:
            out.append(facts._part(start, start + len(d)))
            start += len(d)
        return out

    def _part(self, start: int, end: int) -> DocFacts:
        """The facts of tokens ``start`` to ``end`` (one document of several read together)."""
        return DocFacts(**{f.name: getattr(self, f.name)[start:end] for f in fields(self) if f.name != "masks"})

    def where(self, mask: np.ndarray, start: int, end: int) -> list[int]:
        """Document indices in ``[start, end)`` where ``mask`` holds."""
        return (np.flatnonzero(mask[start:end]) + start).tolist()

    def is_pos(self, *tags: str) -> np.ndarray:
        """Tokens whose coarse part of speech is one of ``tags``."""
        return np.isin(self.pos, tags)

    def mask(self, name: str, compute: Callable[[DocFacts], np.ndarray]) -> np.ndarray:
        """``compute(self)``: the tokens one rule looks at, computed once per document under ``name``."""
        if name not in self.masks:
            self.masks[name] = compute(self)
        return self.masks[name]


def _rule_words(f: DocFacts) -> np.ndarray:
    """Tokens :func:`sentence_candidates` looks at: known to the lexicon, or an adjective or adverb
    (not a name) with the valence to stand alone; never punctuation or numbers."""
    valenced = f.is_pos("ADJ", "ADV") & f.alpha & ~f.entity & (np.abs(f.valence) >= VALENCE_AGENT)
    return ~f.skip & (f.known | valenced)


def word_valence(tok) -> float:
    """VADER valence of a token by its text, else its lemma."""
    return valence(lower(tok)) or valence(lemma(tok))


def judgement(tok, lex: Lexicon) -> bool:
    """A word that judges: in the loaded/name-calling lexicon, or a criticism by its valence.

    What an intensifier must turn up to frame: "utterly irresponsible", "grossly unfair",
    not "very gentle" or "most loyal" (praise of degree reads as plain description in news),
    nor the speaker's own feeling ("I'm very frustrated", "I profoundly regret").
    """
    cat = lex.token_category(tok)
    if cat in ("loaded", "name_calling"):
        return True
    if cat == "literal" or tok.ent_type_ or _first_person_feeling(tok):
        return False
    return min(valence(lower(tok)), valence(lemma(tok))) <= -VALENCE_EVALUATIVE


def _first_person_feeling(tok) -> bool:
    """A word whose subject is "I" or "we": a feeling the speaker reports, judging no one."""
    verb = tok.head if tok.dep_ in ("acomp", "attr") else tok
    subj = subject(verb)
    return subj is not None and subj.lower_ in ("i", "we")


def _next_word(tok) -> str:
    doc = tok.doc
    return doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""


def _entity_text(tok) -> str:
    """The whole named entity a token belongs to ("Donald Trump" for "Donald")."""
    ent = entity_span(tok)
    return ent.text if ent is not None else tok.text


def _next_content(tok):
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc), tok.i + 3)):
        if doc[j].pos_ in _CONTENT_POS:
            return doc[j]
    return None


def _object_tokens(tokens, n: int):
    """Tokens governed by a phrase of ``n`` tokens that follow it (the cause or agent, for blame)."""
    phrase = {t.i for t in tokens[:n]}
    last = tokens[n - 1].i
    found = {d.i: d for t in tokens[:n] for d in t.subtree if d.i not in phrase and d.i > last}
    return [found[i] for i in sorted(found)]


#: Verbs of saying that make a demand with a bare verb after them ("insist that he resign").
_MANDATIVE = frozenset({"insist"})


def _introduces_speech(tok) -> bool:
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True
    doc = tok.doc
    window = doc[max(0, tok.i - 3) : min(len(doc), tok.i + 4)]
    return any(t.is_quote or t.text in '“”‘’"' for t in window)


def _demands(tok) -> bool:
    """ "insisting that the government agree to cuts": a demand (a bare or "should" verb follows), not a claim."""
    if lemma(tok) not in _MANDATIVE:
        return False
    for comp in (c for c in tok.children if c.dep_ == "ccomp"):
        auxes = [a.lower_ for a in comp.children if a.dep_ in ("aux", "auxpass")]
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # a bare verb: "VB", or "VBP" after a singular noun ("the administration agree"), the subjunctive
        bare = comp.tag_ == "VB" or (comp.tag_ == "VBP" and subj is not None and subj.tag_ in ("NN", "NNP"))
        if (bare and not auxes) or "should" in auxes:
            return True
    return False


def _extend_target(tok, end: int) -> int:
    """'stupidity of Donald Trump': extend an insult to the person it names."""
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None and (obj.ent_type_ in AGENT_LABELS or obj.pos_ == "PROPN"):
        return max(t.idx + len(t) for t in obj.subtree)
    return end


def judges_agent(tok) -> bool:
    """An adjective or adverb that judges a person or group, or their action, by the parse.

    "dishonest Smith", "Smith's dishonest answer", "Smith angrily refused"; not
    "a bad harvest", "prices fell sharply", nor a predicate adjective.
    """
    head = tok.head
    if tok.pos_ == "ADJ":
        if tok.dep_ == "amod":
            return is_agent(head) or any(c.dep_ == "poss" and is_agent(c) for c in head.children)
        return False
    if tok.dep_ == "advmod" and head.pos_ == "VERB":
        subj = subject(head)
        return subj is not None and is_agent(subj)
    return False


def _phrase_candidate(toks, i: int, n: int, cat: str, sent: Sentence) -> Candidate | None:
    first, last = toks[i], toks[i + n - 1]
    start, end = first.idx, last.idx + len(last)
    if cat in ("literal", "cause"):
        return None  # a cause is blame only when the other outlets name none (comparative stage)
    if cat == "blame":
        after = toks[i + n] if i + n < len(toks) else None
        if after is not None and after.pos_ in ("VERB", "AUX"):
            return None  # "due to fly on to Beijing": a schedule, not a cause
        obj = _object_tokens(toks[i:], n)
        agents = [t for t in obj if t.ent_type_ in AGENT_LABELS or t.pos_ == "PROPN"]
        if not agents:
            return None  # causal wording about a thing, not an agent: comparative stage only
        end = max(end, max(t.idx + len(t) for t in obj))
        words = " ".join(t.text for t in toks[i : i + n])
        return Candidate(start, end, "blame", "lexicon", first, sent, detail=_entity_text(agents[0]), words=words)
    return Candidate(start, end, cat, "lexicon", first, sent)


def _word_candidate(tok, lex: Lexicon, verbs: dict[str, str], sent: Sentence) -> Candidate | None:
    cat = lex.token_category(tok)
    start, end = tok.idx, tok.idx + len(tok)
    if cat == "attribution" or (cat is None and verbs.get(lemma(tok)) == "attribution"):
        finite_without_subject = tok.tag_ in ("VBZ", "VBP", "VBD") and subject(tok, through_links=True) is None
        if finite_without_subject:
            return None  # "said claims that …": a noun the tagger took for a verb
        if tok.pos_ == "VERB" and _introduces_speech(tok) and not _demands(tok):
            return Candidate(start, end, "attribution", "saying", tok, sent)
        return None
    if cat == "intensifier":
        nxt = _next_content(tok)
        if tok.pos_ in ("ADV", "ADJ") and nxt is not None and tok.head.i == nxt.i and judgement(nxt, lex):
            return Candidate(start, end, "intensifier", "lexicon", tok, sent, detail=nxt.text)
        return None
    if cat == "hedge":
        if lower(tok) == "supposed" and _next_word(tok) == "to":
            return None  # "was supposed to": what was expected or required, no doubt cast
        return Candidate(start, end, "hedge", "lexicon", tok, sent)
    if cat == "name_calling":
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        head = tok.head
        describes_a_thing = tok.dep_ == "compound" and head.pos_ == "NOUN" and not is_agent(head)
        if tok.pos_ == "NOUN" and describes_a_thing and lex.token_category(head) != "name_calling":
            return Candidate(start, end, "loaded", "lexicon", tok, sent)  # "a clown show" calls nobody a clown
        target = _extend_target(tok, end)
        words = (
            sent.text[tok.idx + len(tok) - sent.start : target - sent.start] if target > end else ""
        )  # not doc.text: built anew
        detail = words.split(" of ", 1)[-1].strip()
        return Candidate(start, target, "name_calling", "lexicon", tok, sent, detail=detail, words=tok.text)
    if cat == "loaded":
        if tok.pos_ in ("PROPN", "NUM", "DET", "PRON") or tok.ent_type_ in NAME_LABELS:
            return None
        return Candidate(start, end, "loaded", "lexicon", tok, sent)
    if cat is not None or tok.ent_type_ or not tok.is_alpha or tok.pos_ not in ("ADJ", "ADV"):
        return None
    val = abs(word_valence(tok))
    if val >= VALENCE_ALONE or (val >= VALENCE_AGENT and judges_agent(tok)):
        return Candidate(start, end, "loaded", "valence", tok, sent)
    return None


def sentence_candidates(sent: Sentence, lex: Lexicon, facts: DocFacts | None = None) -> list[Candidate]:
    """Every candidate finding in one sentence, in reading order.

    ``facts`` (:meth:`DocFacts.of` the sentence's document, with ``lex``) is read
    when given, so a caller with many sentences of one document reads it once.
    """
    span = sent.span
    if span is None:
        return []
    if facts is None:
        facts = DocFacts.of(span.doc, lex)
    toks = _Tokens(span)
    verbs = saying_verbs()
    by_first = lex.by_first
    out: list[Candidate] = []
    # Only a token the lexicon knows, or an adjective or adverb with the valence to stand alone,
    # can be a candidate; the others are passed over without a look (reading order is kept).
    free = 0  # the first token not inside a phrase already found
    for i in facts.where(facts.mask("rule_words", _rule_words), span.start, span.end):
        i -= span.start
        if i < free:
            continue
        j = span.start + i
        phrase = None
        if facts.known[j] and (facts.texts[j] in by_first or facts.lemmas[j] in by_first):
            phrase = _phrase_at(facts, j, span.end, lex)
        if phrase is not None:
            n, cat = phrase
            c = _phrase_candidate(toks, i, n, cat, sent)
            if c is not None:
                out.append(c)
            free = i + n
            continue
        c = _word_candidate(toks[i], lex, verbs, sent)
        if c is not None:
            out.append(c)
    return out


class _Tokens:
    """A span's tokens read like a list of them (``toks[i]``, ``toks[i:j]``, ``len(toks)``), each made only when read."""

    __slots__ = ("doc", "start", "n")

    def __init__(self, span) -> None:
        self.doc, self.start, self.n = span.doc, span.start, len(span)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self.doc[self.start + j] for j in range(*key.indices(self.n))]
        if key < 0:
            key += self.n
        if not 0 <= key < self.n:
            raise IndexError(key)
        return self.doc[self.start + key]


def _phrase_at(facts: DocFacts, j: int, end: int, lex: Lexicon) -> tuple[int, str] | None:
    """:func:`match_phrase` at document index ``j`` of a span ending at ``end``, read from ``facts``."""
    texts, lemmas = facts.texts, facts.lemmas
    text, base = texts[j], lemmas[j]
    cands = lex.by_first.get(text, [])
    if base != text:
        cands = cands + lex.by_first.get(base, [])
    best = None
    for phrase, cat in cands:
        n = len(phrase)
        if j + n > end:
            continue
        if all(p == texts[j + k] or p == lemmas[j + k] for k, p in enumerate(phrase)) and (best is None or n > best[0]):
            best = (n, cat)
    return best


# -- slots: the same place in two aligned sentences -------------------------------------------


def _swappable(tok) -> bool:
    """A content word that can be swapped for another: not a name, place, number or function word."""
    if not tok.is_alpha or len(tok) < 3 or tok.ent_type_ or tok.pos_ in ("PROPN", "NUM", "PRON", "DET", "AUX") or tok.like_num:
        return False
    return not tok.is_stop or lemma(tok) in saying_verbs()


def _compatible(a, b) -> bool:
    group = {"ADJ": "m", "ADV": "m", "VERB": "v", "NOUN": "n"}
    return group.get(a.pos_) is not None and group.get(a.pos_) == group.get(b.pos_)


def _words_in(span, lo: int, hi: int, base: int) -> list:
    return [t for t in span if lo <= t.idx - base < hi and not (t.is_punct or t.is_space)]


def slot_swap(tok, sent: Sentence, other: Sentence, ops: list[WordOp]) -> Any | None:
    """The token of ``other`` that fills the slot of ``tok`` with a different word, or None.

    ``ops`` is ``word_ops(other.text, sent.text)``. The slot is the same place
    in a short replace block of the word diff (at most three words a side, the
    word at the same position when both sides have as many) with a compatible
    part of speech, or the same dependency role under a head with the same
    lemma where the heads are the same word in both sentences. Names, places
    and numbers never fill a slot.
    """
    if not _swappable(tok) or other.span is None:
        return None
    pos = tok.idx - sent.start

    def fits(t) -> bool:
        return _swappable(t) and _compatible(tok, t) and lemma(t) != lemma(tok)

    for op in ops:
        if op.b_start <= pos < op.b_end:
            if op.op != "replace":
                return None
            mine = _words_in(sent.span, op.b_start, op.b_end, sent.start)
            theirs = _words_in(other.span, op.a_start, op.a_end, other.start)
            if len(mine) > 3 or len(theirs) > 3:
                return None
            if len(mine) == len(theirs):
                t = theirs[next(k for k, m in enumerate(mine) if m.i == tok.i)] if tok in mine else None
                return t if t is not None and fits(t) else None
            hit = [t for t in theirs if fits(t)]
            return hit[0] if len(hit) == 1 else None
    head = tok.head
    if head is tok or not _swappable(head):
        return None
    for t in other.span:
        if fits(t) and t.dep_ == tok.dep_ and t.head is not t and lemma(t.head) == lemma(head):
            return t
    return None


_CAUSAL = ("blame", "cause")


def _causal_keys(lex: Lexicon) -> frozenset[str]:
    """Words a blame or cause look-up can begin with."""
    by_cat = lex.first_words_by_category
    return by_cat.get("blame", frozenset()) | by_cat.get("cause", frozenset())


def causal_phrases(tokens, lex: Lexicon, starts: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """Indices (i, n) of blame phrases in a token list (lexicon phrases and words).

    ``starts``, when given, are the only positions tried: those whose text or
    lemma begins a blame look-up (``DocFacts.blame``), in order.
    """
    keys = _causal_keys(lex)
    found = []
    for i in range(len(tokens)) if starts is None else starts:
        if lower(tokens[i]) not in keys and lemma(tokens[i]) not in keys:
            continue  # begins no blame phrase and is no blame word
        m = match_phrase(tokens, i, lex)
        if m is not None and m[1] in _CAUSAL:
            found.append((i, m[0]))
        elif lex.token_category(tokens[i]) in _CAUSAL:
            found.append((i, 1))
    return found
