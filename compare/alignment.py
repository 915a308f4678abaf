"""Alignment: group the sentences of different outlets that report the same thing.

How it works, in four steps:

1. **Features.** Each sentence becomes a bag of normalised features: content
   lemmas (spelling-folded, ``w:``), tokens of named entities (``e:``) and
   numbers (``n:``, "10,000" -> ``n:10000``). Each feature is weighted by how
   rare it is in the story (inverse document frequency), entities and numbers
   counting extra because they pin a sentence to one fact.
2. **Pair scores.** For every pair of sentences from different articles, the
   weighted overlap of their features (the mean of Dice and containment, so a
   short sentence restated inside a longer one still matches) is blended with
   rapidfuzz's ``token_set_ratio`` on their lemma strings (paraphrase with
   spelling noise). Pairs sharing fewer than two features, or no content word,
   score zero. The same is done for clauses cut from the dependency parse, and
   a pair keeps its better sentence- or clause-level score.
3. **Groups.** Pairs are taken best first and merged into groups only while the
   *average* score between the two groups stays above ``link_cutoff`` and no
   article contributes more than ``max_per_article`` sentences — so a chain of
   weak links cannot snowball unrelated sentences into one giant group.
4. **Reasons.** Each group records its score and the entities, numbers and
   words its sentences share, so every match can be checked by eye.

Everything is symmetric in the articles and ties are broken by article id, so
the groups do not depend on the order in which articles are given.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .normalize import norm_word
from .parsing import ParsedArticle, Sentence

__all__ = ["align", "sentence_features", "Alignment", "SCORE_CUTOFF"]

#: Default minimum pair score for two sentences to be aligned.
SCORE_CUTOFF = 0.42
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9,
}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp"}
#: Reporting verbs and filler that say nothing about which fact a sentence states.
_NEUTRAL_LEMMAS = frozenset("say tell add accord also would will could be have do get make".split())
_WEIGHTS = {"w": 1.0, "e": 1.5, "n": 2.0}


@dataclass(frozen=True)
class Unit:
    """A sentence or clause reduced to the features alignment compares."""

    sentence: int  # index into the flat sentence list
    features: frozenset[str]
    lemmas: str  # space-joined content lemmas, for rapidfuzz


@dataclass
class Alignment:
    """Raw result of :func:`align`: group id per sentence plus one record per group."""

    sentence_group: list[int | None]
    groups: list[dict]


def _number_key(tok) -> str | None:
    text = tok.text.lower().replace(",", "").lstrip("$£€").rstrip("%")
    if text in _NUMBER_WORDS:
        return f"n:{_NUMBER_WORDS[text]:g}"
    try:
        return f"n:{float(text):g}"
    except ValueError:
        return None


def sentence_features(tokens) -> tuple[frozenset[str], str]:
    """Features and lemma string of a span of spaCy tokens (see module docstring)."""
    feats: set[str] = set()
    lemmas: list[str] = []
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        if tok.like_num or tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE") and tok.is_digit:
            key = _number_key(tok)
            if key:
                feats.add(key)
                lemmas.append(key[2:])
                continue
        if not tok.is_alpha or tok.is_stop:
            continue
        lemma = norm_word(tok.lemma_ if tok.pos_ != "PROPN" else tok.text)
        if lemma in _NEUTRAL_LEMMAS or len(lemma) < 2:
            continue
        lemmas.append(lemma)
        if tok.ent_type_ in _ENTITY_LABELS:
            feats.add("e:" + lemma)
        else:
            feats.add("w:" + lemma)
    return frozenset(feats), " ".join(lemmas)


def _clauses(sent: Sentence) -> list[list]:
    """Cut a sentence into clauses at clause-level dependents (relative, adverbial, ...)."""
    span = sent.span
    heads = [t for t in span if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.head.i != t.i]
    if not heads:
        return []
    owner = {}
    for t in span:
        owner[t.i] = None
    for h in sorted(heads, key=lambda t: len(list(t.subtree)), reverse=True):
        for t in h.subtree:
            if t.i in owner:
                owner[t.i] = h.i
    parts: dict[int | None, list] = defaultdict(list)
    for t in span:
        parts[owner[t.i]].append(t)
    return [toks for toks in parts.values() if sum(1 for t in toks if t.is_alpha and not t.is_stop) >= 3]


def _units(parsed: Sequence[ParsedArticle], clauses: bool) -> tuple[list[Sentence], list[list[Unit]]]:
    sentences = [s for p in parsed for s in p.sentences]
    units: list[list[Unit]] = []
    for k, s in enumerate(sentences):
        feats, lem = sentence_features(s.span)
        us = [Unit(k, feats, lem)]
        if clauses:
            for toks in _clauses(s):
                f, l = sentence_features(toks)
                if len(f) >= 3 and f != feats:
                    us.append(Unit(k, f, l))
        units.append(us)
    return sentences, units


def _pair_scores(a: list[Unit], b: list[Unit], weight: dict[str, float]) -> np.ndarray:
    """Score matrix between the units of two articles (rows: a, columns: b)."""
    vocab = {f: i for i, f in enumerate(sorted({f for u in a + b for f in u.features}))}
    w = np.array([weight[f] for f in vocab], dtype=np.float64) if vocab else np.zeros(0)

    def matrix(us: list[Unit]) -> np.ndarray:
        m = np.zeros((len(us), len(vocab)), dtype=np.float64)
        for r, u in enumerate(us):
            m[r, [vocab[f] for f in u.features]] = 1.0
        return m

    ma, mb = matrix(a), matrix(b)
    shared = (ma * w) @ mb.T
    count = ma @ mb.T
    words = (ma[:, _word_mask(vocab)] @ mb[:, _word_mask(vocab)].T) if vocab else count
    wa, wb = ma @ w, mb @ w
    total = wa[:, None] + wb[None, :]
    smaller = np.minimum(wa[:, None], wb[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(total > 0, 2 * shared / total, 0.0)
        cont = np.where(smaller > 0, shared / smaller, 0.0)
    overlap = 0.5 * dice + 0.5 * cont
    fuzzy = process.cdist([u.lemmas for u in a], [u.lemmas for u in b], scorer=fuzz.token_set_ratio, workers=-1) / 100.0
    score = 0.7 * overlap + 0.3 * np.minimum(fuzzy, overlap + 0.3)
    # Too little in common to call it the same fact: one shared feature, or no shared content word.
    score[(count < 2) | (words < 1)] = 0.0
    return score


def _word_mask(vocab: dict[str, int]) -> np.ndarray:
    return np.array([f[0] in "we" for f in vocab], dtype=bool)


def align(
    parsed: Sequence[ParsedArticle],
    *,
    score_cutoff: float = SCORE_CUTOFF,
    link_cutoff: float | None = None,
    max_per_article: int = 2,
    clauses: bool = True,
) -> tuple[list[Sentence], Alignment, dict[tuple[int, int], float]]:
    """Align the sentences of parsed articles.

    Parameters
    ----------
    parsed : sequence of ParsedArticle
    score_cutoff : float
        Minimum score (0–1) for a pair of sentences to be linked.
    link_cutoff : float, optional
        Minimum average score between two groups for them to merge
        (default: 0.8 × ``score_cutoff``).
    max_per_article : int
        Most sentences one article may contribute to a group.
    clauses : bool
        Also compare clauses cut from the dependency parse.

    Returns
    -------
    sentences, Alignment, pair scores ``{(i, j): score}`` over flat sentence indices.
    """
    link_cutoff = 0.8 * score_cutoff if link_cutoff is None else link_cutoff
    sentences, units = _units(parsed, clauses)
    n_docs = len(sentences)
    df = Counter(f for us in units for f in set().union(*(u.features for u in us)))
    weight = {f: _WEIGHTS[f[0]] * math.log(1 + n_docs / c) for f, c in df.items()}

    by_article: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(sentences):
        by_article[s.article].append(k)
    flat_units = {art: [u for k in ks for u in units[k]] for art, ks in by_article.items()}

    pair: dict[tuple[int, int], float] = {}
    arts = sorted(by_article)
    for x, pa in enumerate(arts):
        for pb in arts[x + 1 :]:
            ua, ub = flat_units[pa], flat_units[pb]
            if not ua or not ub:
                continue
            m = _pair_scores(ua, ub, weight)
            rows, cols = np.nonzero(m > 0)
            for r, c in zip(rows.tolist(), cols.tolist()):
                key = (ua[r].sentence, ub[c].sentence)
                val = float(m[r, c])
                if val > pair.get(key, 0.0):
                    pair[key] = val

    ids = [p.article.id for p in parsed]
    sort_key = {k: (ids[s.article], s.index) for k, s in enumerate(sentences)}
    edges = sorted(
        ((v, i, j) for (i, j), v in pair.items() if v >= score_cutoff),
        key=lambda e: (-round(e[0], 9), min(sort_key[e[1]], sort_key[e[2]]), max(sort_key[e[1]], sort_key[e[2]])),
    )

    group_of = list(range(n_docs))
    members: dict[int, list[int]] = {k: [k] for k in range(n_docs)}

    def score_between(i: int, j: int) -> float:
        return pair.get((i, j)) or pair.get((j, i)) or 0.0

    for _, i, j in edges:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        merged = members[gi] + members[gj]
        per_article = Counter(sentences[k].article for k in merged)
        if max(per_article.values()) > max_per_article or not _adjacent(merged, sentences):
            continue
        cross = [score_between(x, y) for x in members[gi] for y in members[gj] if sentences[x].article != sentences[y].article]
        if cross and sum(cross) / len(cross) < link_cutoff:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members[keep] = sorted(merged)
        for k in members.pop(drop):
            group_of[k] = keep

    groups = []
    sentence_group: list[int | None] = [None] * n_docs
    for root, ms in members.items():
        if len({sentences[k].article for k in ms}) < 2:
            continue
        cross = [
            score_between(x, y) for a, x in enumerate(ms) for y in ms[a + 1 :] if sentences[x].article != sentences[y].article
        ]
        groups.append({"members": ms, "score": sum(cross) / len(cross), "shared": _shared(ms, sentences, units, weight)})
    return sentences, Alignment(sentence_group, groups), pair


def _adjacent(ms: list[int], sentences: list[Sentence]) -> bool:
    """True when each article's sentences in ``ms`` are consecutive (one fact split in two)."""
    by_art: dict[int, list[int]] = defaultdict(list)
    for k in ms:
        by_art[sentences[k].article].append(sentences[k].index)
    return all(max(ix) - min(ix) == len(ix) - 1 for ix in by_art.values())


def _shared(ms: list[int], sentences: list[Sentence], units: list[list[Unit]], weight: dict[str, float]) -> dict[str, list[str]]:
    """Features found in the sentences of at least two articles of the group, rarest first."""
    seen: dict[str, set[int]] = defaultdict(set)
    for k in ms:
        for f in units[k][0].features:
            seen[f].add(sentences[k].article)
    common = sorted((f for f, arts in seen.items() if len(arts) >= 2), key=lambda f: (-weight[f], f))
    return {
        "entities": [f[2:] for f in common if f.startswith("e:")],
        "numbers": [f[2:] for f in common if f.startswith("n:")],
        "words": [f[2:] for f in common if f.startswith("w:")],
    }
