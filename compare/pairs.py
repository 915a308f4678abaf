"""Candidate sentence pairs and their learned score: how likely two sentences state the same fact.

1. **Units.** Each sentence (and each clause cut from its dependency parse)
   becomes a bag of normalised features: content lemmas (``w:``), tokens of
   named entities (``e:``) and numbers (``n:``, "10,000" -> ``n:10000``),
   weighted by how rare they are in the story; and a meaning vector from
   :mod:`compare.embeddings`, centred on the story (sentences and clauses
   embedded in one call).
2. **Candidates.** A pair of sentences of different articles is compared
   when it shares two rare features (an inverted index, as before) *or* when
   one is among the other's nearest neighbours by meaning (blocked matrix
   products, so a paraphrase that shares no rare word is still proposed and
   memory stays linear). Datelines, bylines and captions
   (:func:`compare.datelines.unit_kind`) are never candidates.
3. **Score.** Each candidate gets the features listed in
   :data:`FEATURE_NAMES` and a logistic model turns them into a probability
   that a careful reader would call the two sentences the same fact. The
   coefficients, the standardisation and the cut-offs are fitted by
   ``training/train_pair_score.py`` on the training part of the gold and
   shipped in ``compare/models/pair_score.json``; this module only reads them.
"""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from .embeddings import centred, embed, nearest
from .errors import ModelNotFoundError
from .normalize import norm_word
from .numbers import token_value
from .parsing import ParsedArticle, Sentence
from .vocab import ENTITY_LABELS, NUMBER_LABELS

__all__ = [
    "FEATURE_NAMES",
    "FEATURE_WEIGHTS",
    "PairModel",
    "PairTable",
    "Unit",
    "clause_tokens",
    "load_pair_model",
    "number_feature",
    "pair_table",
    "sentence_features",
    "story_units",
]

_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp"}
#: Reporting verbs and filler that say nothing about which fact a sentence states.
_NEUTRAL_LEMMAS = frozenset("say tell add accord also would will could be have do get make".split())
#: Weight of each feature kind (words, entities, numbers) before inverse document frequency.
FEATURE_WEIGHTS = {"w": 1.0, "e": 1.5, "n": 2.0}
#: The pair features the model reads, in order (see :func:`pair_table`).
FEATURE_NAMES = (
    "dice",  # IDF-weighted Dice of the two sentences' features
    "containment",  # shared weight / weight of the smaller sentence
    "clause_overlap",  # best mean of Dice and containment over sentence/clause pairs
    "entity_overlap",  # shared entity weight / the smaller entity weight
    "entity_conflict",  # both name entities, none shared
    "number_agree",  # a number in common
    "number_conflict",  # both give numbers, none in common
    "token_set",  # rapidfuzz token_set_ratio of the lemma strings / 100
    "cosine",  # centred sentence cosine
    "clause_cosine",  # best centred cosine over sentence/clause pairs
    "mutual_best",  # share of the two directions where the other is the best candidate in its article
    "lead",  # the later of the two relative positions (0 = both are leads)
    "position_gap",  # difference of relative positions in the articles
    "short",  # 1 / (1 + fewer features of the two): short sentences match by chance
)
#: Nearest neighbours by meaning proposed per sentence: ``NN_BASE + NN_PER_ARTICLE * (articles - 1)``, capped.
NN_BASE, NN_PER_ARTICLE, NN_MAX = 4, 3, 20
MODEL_PATH = Path(__file__).parent / "models" / "pair_score.json"


@dataclass(frozen=True)
class Unit:
    """A sentence or clause reduced to the features alignment compares."""

    sentence: int  # index into the flat sentence list
    features: frozenset[str]
    lemmas: str  # space-joined content lemmas, for rapidfuzz
    clause: bool = False  # a clause cut from the sentence rather than the whole sentence
    text: str = ""  # the words, for the embedding


def number_feature(tok) -> str | None:
    """``n:<value>`` for a token that is a number ("10,000" -> ``n:10000``), else ``None``."""
    value = token_value(tok.text)
    return None if value is None else f"n:{value:g}"


def sentence_features(tokens) -> tuple[frozenset[str], str]:
    """Features and lemma string of a span of spaCy tokens (see module docstring)."""
    feats: set[str] = set()
    lemmas: list[str] = []
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        if tok.like_num or tok.ent_type_ in NUMBER_LABELS and tok.is_digit:
            key = number_feature(tok)
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
        feats.add(("e:" if tok.ent_type_ in ENTITY_LABELS else "w:") + lemma)
    return frozenset(feats), " ".join(lemmas)


def clause_tokens(sent: Sentence) -> list[list]:
    """Cut a sentence into clauses at clause-level dependents (relative, adverbial, ...)."""
    span = sent.span
    heads = [t for t in span if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.head.i != t.i]
    if not heads:
        return []
    owner: dict[int, int | None] = {t.i: None for t in span}
    # A subtree of a projective parse is the contiguous run from its left to its right edge.
    for h in sorted(heads, key=lambda t: t.right_edge.i - t.left_edge.i, reverse=True):
        for i in range(h.left_edge.i, h.right_edge.i + 1):
            if i in owner:
                owner[i] = h.i
    parts: dict[int | None, list] = defaultdict(list)
    for t in span:
        parts[owner[t.i]].append(t)
    return [toks for toks in parts.values() if sum(1 for t in toks if t.is_alpha and not t.is_stop) >= 3]


def story_units(parsed: Sequence[ParsedArticle], clauses: bool) -> tuple[list[Sentence], list[list[Unit]]]:
    """The flat sentence list and, per sentence, its units (the sentence first, then its clauses)."""
    sentences = [s for p in parsed for s in p.sentences]
    units: list[list[Unit]] = []
    for k, s in enumerate(sentences):
        feats, lem = sentence_features(s.span)
        us = [Unit(k, feats, lem, text=s.text)]
        if clauses:
            for toks in clause_tokens(s):
                f, lm = sentence_features(toks)
                if len(f) >= 3 and f != feats:
                    us.append(Unit(k, f, lm, clause=True, text=" ".join(t.text for t in toks)))
        units.append(us)
    return sentences, units


@dataclass(frozen=True)
class PairTable:
    """Candidate pairs ``(left[m], right[m])`` (flat sentence ids, ``left < right``) and their features."""

    left: np.ndarray
    right: np.ndarray
    features: np.ndarray  # shape (pairs, len(FEATURE_NAMES))


def _candidates(
    sentences: list[Sentence], units: list[list[Unit]], body: np.ndarray, vectors: np.ndarray, max_block_df: int | None
) -> np.ndarray:
    """Sorted unique keys ``i * n + j`` (``i < j``, different articles, both body text) of candidate pairs."""
    n = len(sentences)
    art = np.array([s.article for s in sentences], dtype=np.int64)
    keys: list[np.ndarray] = []
    # Shared rare features: pairs sharing at least two of them.
    postings: dict[str, list[int]] = defaultdict(list)
    for k, us in enumerate(units):
        if body[k]:
            for f in us[0].features:
                postings[f].append(k)
    cap = n if max_block_df is None else max_block_df
    shared = []
    for post in postings.values():
        if 2 <= len(post) <= cap:
            arr = np.asarray(post, dtype=np.int64)
            a, b = np.triu_indices(len(arr), 1)
            a, b = arr[a], arr[b]
            keep = art[a] != art[b]
            shared.append(a[keep] * n + b[keep])
    if shared:
        all_keys, counts = np.unique(np.concatenate(shared), return_counts=True)
        keys.append(all_keys[counts >= 2])
    # Nearest neighbours by meaning, in both directions.
    ids = np.flatnonzero(body)
    n_articles = len({int(art[k]) for k in ids})
    if len(ids) > 1 and n_articles > 1:
        k = min(len(ids), NN_BASE + NN_PER_ARTICLE * (n_articles - 1), NN_MAX)
        idx = _neighbours(vectors[ids], k)
        a = np.repeat(ids, idx.shape[1])
        b = ids[idx.ravel()]
        keep = art[a] != art[b]
        a, b = a[keep], b[keep]
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)


def _neighbours(vectors: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` rows most similar to each row (itself included), best first, ties to the lower index."""
    return nearest(vectors, vectors, k)[0]


def pair_table(
    sentences: list[Sentence],
    units: list[list[Unit]],
    weight: dict[str, float],
    *,
    max_block_df: int | None,
) -> PairTable:
    """Candidate pairs of a story and their :data:`FEATURE_NAMES` features."""
    n = len(sentences)
    body = np.array([s.kind == "body" for s in sentences], dtype=bool)
    flat = [u for us in units for u in us]
    first = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(us) for us in units], out=first[1:])
    raw = embed([u.text for u in flat]) if flat else np.zeros((0, 1), dtype=np.float32)
    vec = centred(raw) if len(raw) else raw
    sent_vec = vec[first[:-1]] if n else vec
    cand = _candidates(sentences, units, body, sent_vec, max_block_df) if n else np.zeros(0, dtype=np.int64)
    left, right = cand // max(n, 1), cand % max(n, 1)
    m = len(cand)
    x = np.zeros((m, len(FEATURE_NAMES)), dtype=np.float64)
    if m == 0:
        return PairTable(left, right, x)

    # Lexical features of every sentence/clause pair of the candidates, at once.
    pair_of, ua, ub = _unit_pairs(first, left, right)
    lex = _Lexicon(flat, weight)
    sw, ew, nw = lex.shared(ua, ub)
    ta, tb = lex.total[ua], lex.total[ub]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(ta + tb > 0, 2 * sw / (ta + tb), 0.0)
        cont = np.where(np.minimum(ta, tb) > 0, sw / np.minimum(ta, tb), 0.0)
    whole = np.flatnonzero(ua == first[left][pair_of])
    whole = whole[ub[whole] == first[right][pair_of[whole]]]  # the sentence-to-sentence row of each pair
    x[:, 0], x[:, 1] = dice[whole], cont[whole]
    starts = np.flatnonzero(np.r_[True, pair_of[1:] != pair_of[:-1]])  # each pair has at least one unit pair
    x[:, 2] = np.maximum.reduceat(0.5 * (dice + cont), starts)
    ent_i, ent_j = lex.entity[first[left]], lex.entity[first[right]]
    both = (ent_i > 0) & (ent_j > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        x[:, 3] = np.where(both, ew[whole] / np.minimum(ent_i, ent_j), 0.0)
    x[:, 4] = both & (ew[whole] == 0)
    nums = (lex.numbers[first[left]] > 0) & (lex.numbers[first[right]] > 0)
    x[:, 5] = nums & (nw[whole] > 0)
    x[:, 6] = nums & (nw[whole] == 0)
    x[:, 13] = 1.0 / (1.0 + np.minimum(lex.size[first[left]], lex.size[first[right]]))
    lemmas = [us[0].lemmas for us in units]
    x[:, 7] = (
        process.cpdist([lemmas[i] for i in left.tolist()], [lemmas[j] for j in right.tolist()], scorer=fuzz.token_set_ratio)
        / 100.0
    )

    # Meaning: sentence cosine and the best cosine over sentence/clause pairs.
    for lo in range(0, m, 8192):  # in blocks: gathering every pair's two vectors at once would take rows × 2 KB
        x[lo : lo + 8192, 8] = np.einsum("ij,ij->i", sent_vec[left[lo : lo + 8192]], sent_vec[right[lo : lo + 8192]])
    x[:, 9] = _best_unit_cosine(vec, first, left, right)
    x[:, 10] = _mutual_best(sentences, left, right, x[:, 8])

    # Position in the article (0 = lead, 1 = last sentence).
    size = np.bincount([s.article for s in sentences]).astype(np.float64)
    rel = np.array([s.index / max(size[s.article] - 1, 1) for s in sentences])
    x[:, 11] = np.maximum(rel[left], rel[right])
    x[:, 12] = np.abs(rel[left] - rel[right])
    return PairTable(left, right, x)


def _unit_pairs(first: np.ndarray, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (unit of the left, unit of the right sentence) of each pair: ``(pair index, unit a, unit b)``."""
    na, nb = first[left + 1] - first[left], first[right + 1] - first[right]
    per = na * nb
    pair_of = np.repeat(np.arange(len(left)), per)
    offset = np.arange(len(pair_of)) - np.repeat(np.cumsum(per) - per, per)
    ua = first[left][pair_of] + offset // nb[pair_of]
    ub = first[right][pair_of] + offset % nb[pair_of]
    return pair_of, ua, ub


class _Lexicon:
    """The units' features as index arrays, to compare many unit pairs with array operations."""

    def __init__(self, flat: list[Unit], weight: dict[str, float]) -> None:
        names = sorted(weight)
        fid = {f: k for k, f in enumerate(names)}
        self.n_features = max(len(names), 1)
        self.weight = np.array([weight[f] for f in names], dtype=np.float64)
        self.is_entity = np.array([f[0] == "e" for f in names], dtype=bool)
        self.is_number = np.array([f[0] == "n" for f in names], dtype=bool)
        ids = [sorted(fid[f] for f in u.features) for u in flat]
        self.size = np.array([len(x) for x in ids], dtype=np.int64)
        self.ptr = np.zeros(len(flat) + 1, dtype=np.int64)
        np.cumsum(self.size, out=self.ptr[1:])
        self.ids = np.fromiter((k for x in ids for k in x), dtype=np.int64, count=int(self.ptr[-1]))
        owner = np.repeat(np.arange(len(flat)), self.size)
        self.total = np.bincount(owner, weights=self.weight[self.ids], minlength=len(flat))
        self.entity = np.bincount(owner, weights=self.weight[self.ids] * self.is_entity[self.ids], minlength=len(flat))
        self.numbers = np.bincount(owner, weights=self.is_number[self.ids].astype(np.float64), minlength=len(flat))

    def _expand(self, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lens = self.size[units]
        row = np.repeat(np.arange(len(units)), lens)
        at = np.repeat(self.ptr[units], lens) + np.arange(len(row)) - np.repeat(np.cumsum(lens) - lens, lens)
        return row, self.ids[at]

    def shared(self, ua: np.ndarray, ub: np.ndarray, chunk: int = 8_192) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per unit pair: shared feature weight, shared entity weight, shared numbers (blocks of ``chunk``)."""
        sw, ew, nw = (np.zeros(len(ua)) for _ in range(3))
        for lo in range(0, len(ua), chunk):
            ra, fa = self._expand(ua[lo : lo + chunk])
            rb, fb = self._expand(ub[lo : lo + chunk])
            keys, counts = np.unique(np.concatenate([ra * self.n_features + fa, rb * self.n_features + fb]), return_counts=True)
            both = keys[counts == 2]
            row, f = both // self.n_features, both % self.n_features
            size = min(chunk, len(ua) - lo)
            sw[lo : lo + size] = np.bincount(row, weights=self.weight[f], minlength=size)
            ew[lo : lo + size] = np.bincount(row, weights=self.weight[f] * self.is_entity[f], minlength=size)
            nw[lo : lo + size] = np.bincount(row, weights=self.is_number[f].astype(np.float64), minlength=size)
        return sw, ew, nw


def _best_unit_cosine(vec: np.ndarray, first: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the best cosine between any unit of the left and any unit of the right sentence.

    One small matrix product per left sentence (its units against the units of
    all its candidates), so no vector is copied per pair.
    """
    best = np.empty(len(left))
    order = np.argsort(left, kind="stable")
    bounds = np.flatnonzero(np.r_[True, left[order][1:] != left[order][:-1], True])
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        rows = order[lo:hi]
        i = left[rows[0]]
        rs = right[rows]
        lens = first[rs + 1] - first[rs]
        cols = np.repeat(first[rs], lens) + np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        sims = vec[first[i] : first[i + 1]] @ vec[cols].T
        best[rows] = np.maximum.reduceat(sims.max(axis=0), np.cumsum(lens) - lens)
    return best


def _mutual_best(sentences: list[Sentence], left: np.ndarray, right: np.ndarray, cos: np.ndarray) -> np.ndarray:
    """0, 0.5 or 1: in how many directions each pair is its sentence's best candidate in the other article."""
    art = np.array([s.article for s in sentences], dtype=np.int64)
    n_art = int(art.max()) + 1
    cos = np.round(cos, 9)
    out = np.zeros(len(left))
    for a, b in ((left, right), (right, left)):
        groups, inverse = np.unique(a * n_art + art[b], return_inverse=True)
        best = np.full(len(groups), -np.inf)
        np.maximum.at(best, inverse, cos)
        out += 0.5 * (cos >= best[inverse])
    return out


@dataclass(frozen=True)
class PairModel:
    """The shipped logistic pair score: ``sigmoid(intercept + coef · (x - mean) / scale)``.

    ``cutoff`` is the default :attr:`~compare.settings.Settings.score_cutoff`
    (a pair at or above it is a link), ``possible`` the lower threshold of
    pairs shown as possible counterparts; both were chosen on the training part.
    """

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    cutoff: float
    possible: float
    group_ratio: float = 1.0

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for the rows of ``x`` (columns in :data:`FEATURE_NAMES` order)."""
        if len(x) == 0:
            return np.zeros(0)
        z = self.intercept + ((x - self.mean) / self.scale) @ self.coef
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        """The model from the dict written by the training script."""
        names = tuple(data["features"])
        if names != FEATURE_NAMES:
            raise ModelNotFoundError(f"pair_score.json was trained on other features ({', '.join(names)}); retrain it")
        return cls(
            names=names,
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            cutoff=float(data["cutoff"]),
            possible=float(data["possible"]),
            group_ratio=float(data.get("group_ratio", 1.0)),
        )


@functools.lru_cache(maxsize=4)
def load_pair_model(path: str | None = None) -> PairModel:
    """The shipped pair model (``compare/models/pair_score.json``), read once."""
    file = Path(path) if path else MODEL_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"the pair-score model {file} could not be read: {exc}") from exc
    return PairModel.from_json(data)


def idf_weights(units: list[list[Unit]]) -> dict[str, float]:
    """Each feature's weight: kind weight × ``log(1 + sentences / sentences with it)``."""
    from collections import Counter

    n_docs = len(units)
    df = Counter(f for us in units for f in set().union(*(u.features for u in us)))
    return {f: FEATURE_WEIGHTS[f[0]] * math.log(1 + n_docs / c) for f, c in df.items()}
