"""Framing candidates: the explainable rules that propose words for the framing model to score.

The lexicon (``lexicons/framing.txt``), the verbs of saying and VADER valence,
read on the spaCy parse of one sentence, propose candidate findings: a lexicon
phrase or word, a judging verb of saying that introduces speech, an intensifier
before an evaluative word, a hedge, blame that names an agent, and adjectives or
adverbs with strong valence. :mod:`compare.framing_score` then gives each
candidate a probability in context; nothing here decides what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .diffs import WordOp
from .lexicons import Lexicon, lemma, saying_verbs, valence
from .parsing import Sentence
from .syntax import is_agent, subject
from .vocab import AGENT_LABELS, NAME_LABELS

__all__ = [
    "Candidate",
    "sentence_candidates",
    "evaluative",
    "match_phrase",
    "VALENCE_EVALUATIVE",
    "VALENCE_ALONE",
    "VALENCE_AGENT",
]

#: VADER valence at or above which a word is "evaluative" (intensifiers, comparative candidates).
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
    cands = lex.by_first.get(first.lower_, [])
    if lemma(first) != first.lower_:
        cands = cands + lex.by_first.get(lemma(first), [])
    for phrase, cat in cands:
        n = len(phrase)
        if i + n > len(tokens):
            continue
        words = tokens[i : i + n]
        if all(p in (w.lower_, lemma(w)) for w, p in zip(words, phrase)) and (best is None or n > best[0]):
            best = (n, cat)
    return best


def word_valence(tok) -> float:
    """VADER valence of a token by its text, else its lemma."""
    return valence(tok.lower_) or valence(lemma(tok))


def evaluative(tok, lex: Lexicon) -> bool:
    """An opinion-bearing word: in the loaded/name-calling lexicon or strongly valenced and not literal."""
    cat = lex.token_category(tok)
    if cat in ("loaded", "name_calling"):
        return True
    if cat == "literal" or tok.ent_type_:
        return False
    return max(abs(valence(tok.lower_)), abs(valence(lemma(tok)))) >= VALENCE_EVALUATIVE


def _entity_text(tok) -> str:
    """The whole named entity a token belongs to ("Donald Trump" for "Donald")."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
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


def _introduces_speech(tok) -> bool:
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True
    doc = tok.doc
    window = doc[max(0, tok.i - 3) : min(len(doc), tok.i + 4)]
    return any(t.is_quote or t.text in '“”‘’"' for t in window)


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
    if cat == "literal":
        return None
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
        if tok.pos_ == "VERB" and _introduces_speech(tok):
            return Candidate(start, end, "attribution", "saying", tok, sent)
        return None
    if cat == "intensifier":
        nxt = _next_content(tok)
        if tok.pos_ in ("ADV", "ADJ") and nxt is not None and evaluative(nxt, lex):
            return Candidate(start, end, "intensifier", "lexicon", tok, sent, detail=nxt.text)
        return None
    if cat == "hedge":
        return Candidate(start, end, "hedge", "lexicon", tok, sent)
    if cat == "name_calling":
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        target = _extend_target(tok, end)
        detail = tok.doc.text[tok.idx + len(tok) : target].split(" of ", 1)[-1].strip() if target > end else ""
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


def sentence_candidates(sent: Sentence, lex: Lexicon) -> list[Candidate]:
    """Every candidate finding in one sentence, in reading order."""
    span = sent.span
    if span is None:
        return []
    toks = list(span)
    verbs = saying_verbs()
    by_first = lex.by_first
    out: list[Candidate] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.is_punct or tok.is_space or tok.like_num:
            i += 1
            continue
        phrase = match_phrase(toks, i, lex) if (tok.lower_ in by_first or lemma(tok) in by_first) else None
        if phrase is not None:
            n, cat = phrase
            c = _phrase_candidate(toks, i, n, cat, sent)
            if c is not None:
                out.append(c)
            i += n
            continue
        c = _word_candidate(tok, lex, verbs, sent)
        if c is not None:
            out.append(c)
        i += 1
    return out


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


def causal_phrases(tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """Indices (i, n) of blame phrases in a token list (lexicon phrases and words)."""
    found = []
    for i in range(len(tokens)):
        m = match_phrase(tokens, i, lex)
        if m is not None and m[1] == "blame":
            found.append((i, m[0]))
        elif lex.token_category(tokens[i]) == "blame":
            found.append((i, 1))
    return found
