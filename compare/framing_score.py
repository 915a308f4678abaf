"""Framing scores: features of a candidate in context, the learned model, plain-words reasons.

Each candidate from :mod:`compare.framing_rules` becomes a row of numeric
features (its lexicon category and source, VADER valence, part of speech and
dependency role, voice, position in the article, how often the article uses the
word, whether the aligned sentences of other outlets use the same word or none,
and its centred embedding similarity to each category's seed words). The word
another outlet puts in the same slot is quoted in ``reason`` but not scored: on
BASIL that flag is rare and, standardised, it swamped the model. A logistic
regression trained on BASIL lexical-bias spans (``training/train_framing.py``)
turns the row into the probability that a careful reader would call the words
framing. The coefficients are package data (``models/framing.json``) read with
json and numpy; nothing here needs scikit-learn.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from .embeddings import background, embed
from .framing_rules import Candidate, DocFacts, judges_agent, word_valence
from .lexicons import lower, read_lexicon_lines
from .syntax import is_agent, subject

__all__ = [
    "semantic_candidates",
    "FEATURES",
    "Evidence",
    "ArticleContext",
    "feature_rows",
    "load_model",
    "probabilities",
    "reason",
    "SEED_CATEGORIES",
]

#: Categories of ``lexicons/framing_seeds.txt`` (the semantic signal), in feature order.
SEED_CATEGORIES = ("loaded", "name_calling", "intensifier", "hedge", "attribution", "blame", "literal")
_CATS = ("loaded", "name_calling", "intensifier", "hedge", "attribution", "blame")
_SOURCES = ("lexicon", "valence", "semantic", "saying", "comparative")
_POS = ("ADJ", "ADV", "VERB", "NOUN")
_DEPS = {
    "amod": "mod",
    "advmod": "mod",
    "acomp": "pred",
    "attr": "pred",
    "ROOT": "root",
    "nsubj": "arg",
    "dobj": "arg",
    "pobj": "arg",
}
#: Feature names, in the order of the model's coefficients.
FEATURES: tuple[str, ...] = (
    *(f"cat_{c}" for c in _CATS),
    *(f"src_{s}" for s in _SOURCES),
    "abs_valence",
    "negative",
    *(f"pos_{p}" for p in _POS),
    "dep_mod",
    "dep_pred",
    "dep_root",
    "dep_arg",
    "judges_agent",
    "voice_quoted",
    "voice_reported",
    "position",
    "first_sentences",
    "repeats",
    "aligned",
    "others_same_word",
    "others_lack",
    *(f"seed_{c}" for c in SEED_CATEGORIES),
)


@dataclass
class Evidence:
    """What the aligned sentences of other outlets do with a candidate's word."""

    aligned: bool = False  #: the sentence has aligned sentences in other outlets
    same: float = 0.0  #: share of those outlets that use the same word in it
    swap: str | None = None  #: the word another outlet uses in the same slot
    swap_outlet: str | None = None
    lack: bool = False  #: aligned, and no other outlet has the word nor a swap for it
    others: list[str] = field(default_factory=list)  #: the other outlets' labels
    #: those of them whose article never uses the word (in another sentence, or inside another quotation):
    #: only they are said not to use it
    without: list[str] = field(default_factory=list)


@dataclass
class ArticleContext:
    """Per-article counts the features need: sentences, and how often each lemma occurs."""

    n_sentences: int
    counts: Counter  #: spaCy lemma hash -> occurrences among the article's words

    @classmethod
    def of(cls, parsed) -> ArticleContext:
        counts: Counter = Counter()
        if parsed.doc is not None and len(parsed.doc):
            from spacy.attrs import IS_ALPHA, LEMMA

            arr = parsed.doc.to_array([LEMMA, IS_ALPHA])
            counts = Counter(arr[arr[:, 1] == 1, 0].tolist())
        return cls(max(1, len(parsed.sentences)), counts)

    def count(self, tok) -> int:
        """Occurrences of the token's lemma among the article's words (at least 1)."""
        return max(1, self.counts.get(tok.lemma, 0))


@functools.lru_cache(maxsize=1)
def _seed_vectors() -> tuple[tuple[str, ...], np.ndarray]:
    rows = [r for r in read_lexicon_lines("framing_seeds.txt") if len(r) == 2 and r[0] in SEED_CATEGORIES]
    return tuple(r[0] for r in rows), _centre(embed([r[1] for r in rows]))


def _centre(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors with the model's shared direction removed (centred like :func:`compare.embeddings.centred`)."""
    bg = background()
    out = vectors - np.outer(vectors @ bg, bg)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 1e-9)


_WORD_CACHE: dict[str, np.ndarray] = {}


def seed_similarity(words: Iterable[str]) -> dict[str, np.ndarray]:
    """Per word, its highest centred cosine to the seed words of each of :data:`SEED_CATEGORIES`."""
    words = list(words)
    cats, seeds = _seed_vectors()
    new = sorted({w for w in words if w not in _WORD_CACHE})
    if new:
        # in float64 and rounded to six decimals, so a word's row does not depend on which other
        # words share its batch (float32 products vary in the last bit with the batch's shape)
        sims = _centre(embed(new)).astype(np.float64) @ seeds.T.astype(np.float64)
        if len(_WORD_CACHE) > 50_000:
            _WORD_CACHE.clear()
        kinds = np.array(cats)
        best = np.round(np.stack([sims[:, kinds == k].max(axis=1) for k in SEED_CATEGORIES], axis=1), 6).astype(np.float32)
        for w, row in zip(new, best):
            _WORD_CACHE[w] = row
    return {w: _WORD_CACHE[w] for w in words}


#: Centred similarity to the loaded or name-calling seeds at or above which an adjective, adverb
#: or verb no other rule proposes becomes a candidate (about the top 3% of such words in news).
SEMANTIC_MIN = 0.30


def _about_agent(tok) -> bool:
    """The same parse gate as valence-only words: judging a person or group, or what they do."""
    if tok.pos_ == "VERB":
        subj = subject(tok)
        return subj is not None and is_agent(subj)
    return judges_agent(tok)


def _open_words(f: DocFacts) -> np.ndarray:
    """Adjectives, adverbs and verbs in letters, neither names nor stop words."""
    return f.is_pos("ADJ", "ADV", "VERB") & f.alpha & ~f.entity & ~f.stop


def semantic_candidates(
    sentences: list[tuple[Any, set[int]]], lex, facts: Mapping[int, DocFacts] | None = None
) -> list[Candidate]:
    """Adjectives, adverbs and verbs close to the loaded or name-calling seeds.

    ``sentences`` holds ``(sentence, offsets already taken by other rules)``
    (all of them in one embedding call); ``facts`` optionally holds the
    :class:`~compare.framing_rules.DocFacts` of their documents, by ``id(doc)``.
    Like valence-only words, only when they judge a person or group or what
    they do ("Smith's feckless answer", "Smith blasted the plan"); the parse
    gate is read before embedding, so only the words that pass it are embedded.
    """
    read: dict[int, DocFacts] = dict(facts or {})
    toks = []
    for sent, taken in sentences:
        span = sent.span
        if span is None:
            continue
        doc = span.doc
        f = read.get(id(doc))
        if f is None:
            f = read[id(doc)] = DocFacts.of(doc, lex)
        for i in f.where(f.mask("open_words", _open_words), span.start, span.end):
            t = doc[i]
            # the lexicon and the parse gate first (cheap), so only the words that pass them are embedded
            if t.idx not in taken and (not f.known[i] or lex.token_category(t) is None) and _about_agent(t):
                toks.append((sent, t))
    sims = seed_similarity([lower(t) for _, t in toks])
    out = []
    for sent, t in toks:
        s = sims[lower(t)]
        if max(s[0], s[1]) >= SEMANTIC_MIN and max(s[0], s[1]) > s[-1]:
            cat = "name_calling" if s[1] > s[0] and t.pos_ == "ADJ" else "loaded"
            out.append(Candidate(t.idx, t.idx + len(t), cat, "semantic", t, sent))
    return out


def _key(c: Candidate) -> str:
    if c.category == "blame":
        return c.tok.lower_
    return c.sent.text[c.start - c.sent.start : c.end - c.sent.start].lower()


def feature_rows(
    cands: list[Candidate], voices: list[str], contexts: list[ArticleContext], evidence: list[Evidence]
) -> np.ndarray:
    """The feature matrix (rows = candidates, columns = :data:`FEATURES`)."""
    sims = seed_similarity([_key(c) for c in cands])
    out = np.zeros((len(cands), len(FEATURES)), dtype=np.float64)
    col = {name: k for k, name in enumerate(FEATURES)}
    for r, (c, voice, ctx, ev) in enumerate(zip(cands, voices, contexts, evidence)):
        tok = c.tok
        val = word_valence(tok)
        f = {f"cat_{c.category}": 1.0, f"src_{c.source}": 1.0, "abs_valence": min(abs(val), 4.0) / 4, "negative": float(val < 0)}
        if tok.pos_ in _POS:
            f[f"pos_{tok.pos_}"] = 1.0
        dep = _DEPS.get(tok.dep_)
        if dep:
            f[f"dep_{dep}"] = 1.0
        f["judges_agent"] = float(tok.pos_ in ("ADJ", "ADV") and judges_agent(tok))
        if voice != "editorial":
            f[f"voice_{voice}"] = 1.0
        f["position"] = c.sent.index / ctx.n_sentences
        f["first_sentences"] = float(c.sent.index < 3)
        if c.category == "loaded":  # a word the article keeps using is its subject matter; a repeated label is not
            f["repeats"] = math.log1p(ctx.count(tok) - 1)
        f["aligned"] = float(ev.aligned)
        f["others_same_word"] = ev.same
        f["others_lack"] = float(ev.lack)
        for k, cat in enumerate(SEED_CATEGORIES):
            f[f"seed_{cat}"] = float(sims[_key(c)][k])
        for name, v in f.items():
            out[r, col[name]] = v
    return out


@functools.lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The packaged model (``models/framing.json``), or None before one is trained."""
    path = resources.files("compare").joinpath("models").joinpath("framing.json")
    if not path.is_file():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    if tuple(model.get("features", ())) != FEATURES:
        return None  # trained on other features: retrain with training/train_framing.py
    return model


def probabilities(x: np.ndarray, model: dict | None) -> np.ndarray:
    """Probability of framing per row of :func:`feature_rows` (0.5 everywhere without a model)."""
    if model is None or len(x) == 0:
        return np.full(len(x), 0.5)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    logit = z @ np.asarray(model["coef"]) + float(model["intercept"])
    return 1.0 / (1.0 + np.exp(-logit))


def _q(word: str) -> str:
    return f"‘{word}’"


def _target(tok, span: tuple[int, int] | None = None) -> str:
    """What an evaluative word judges: the noun it modifies, the subject it describes, how they acted.

    ``span``: the phrase's character offsets; a head inside the phrase ("called"
    of "so" in "so-called") passes the question on to its own head.
    """
    while tok.dep_ == "conj" and tok.head is not tok and tok.head.pos_ == tok.pos_:
        tok = tok.head  # "abominable and monstrous sanctions": what the first word of the pair judges
    head = tok.head
    while span is not None and head is not tok and span[0] <= head.idx < span[1] and head.head is not head:
        tok, head = head, head.head
    if tok.dep_ == "amod" or (tok.dep_ in ("compound", "nmod") and head.pos_ in ("NOUN", "PROPN")):
        return f"the {head.text}" if head.pos_ == "NOUN" else head.text
    if tok.dep_ == "acomp":
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj.text if subj is not None else "the subject"
    if tok.dep_ == "advmod" and head is not tok:
        if head.dep_ in ("advmod", "prt", "prep") and head.pos_ in ("ADV", "ADP", "PART") and head.head.pos_ == "VERB":
            head = head.head  # "pushed brazenly through": the particle's verb
        if head.pos_ != "VERB":
            return _q(head.text)
        # "how they pushed" keeps the past; "continues", "pushing" become "how they continue", "push"
        return f"how they {head.text if head.tag_ in ('VBD', 'VBN') else head.lemma_.lower()}"
    return ""


def reason(c: Candidate, text: str, ev: Evidence) -> str:
    """What the words do, in plain words ("'blatant' judges the reminder; the other outlets say 'reminds'")."""
    tok, w = c.tok, _q(c.words or text)
    if c.category == "name_calling":
        what = f"{w} insults {c.detail}" if c.detail else f"{w} is a label that judges, not a neutral name"
    elif c.category == "intensifier":
        what = f"{w} turns up the strength of {_q(c.detail)}"
    elif c.category == "hedge":
        what = f"{w} casts doubt on the claim"
    elif c.category == "attribution":
        what = f"{w} judges the speaker where ‘said’ would do"
    elif c.category == "blame":
        what = f"{w} puts the blame on {c.detail}" if c.detail else f"{w} adds a cause the other outlets leave out"
    elif tok.pos_ in ("ADJ", "ADV") or (tok.pos_ == "VERB" and tok.dep_ in ("amod", "acomp")):  # "a dazzling speech"
        target = _target(tok, (c.start, c.end))
        what = f"{w} judges {target}" if target else f"{w} gives an opinion, not a fact"
    elif tok.pos_ == "VERB":
        what = f"{w} is a charged verb where a plain one would do"
    else:
        what = f"{w} is a charged word for what happened"
    if ev.swap is not None:
        what += f"; {ev.swap_outlet or 'another outlet'} says {_q(ev.swap)}"
    elif ev.lack and ev.without and not (c.category == "blame" and not c.detail):
        what += (
            "; the matching sentences of the other outlets do not use it"
            if len(ev.without) > 1 and ev.without == ev.others
            else f"; the matching sentence of {' and '.join(ev.without)} does not use it"
        )
    return what
