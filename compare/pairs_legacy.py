"""Today's hand-set alignment, kept for comparison in ``benchmarks/alignment_quality.py``.

The pair score is a fixed blend of IDF-weighted feature overlap (the mean of
Dice and containment, best over sentences and clauses) and rapidfuzz's
``token_set_ratio``; groups are merged best pair first while the average score
between two groups stays above ``link_cutoff``, with at most
``max_per_article`` adjacent sentences per article. :func:`compare.alignment.align`
uses it only when called with ``legacy=True``; the learned score of
:mod:`compare.pairs` replaced it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from .pairs import Unit
from .parsing import Sentence

__all__ = ["legacy_pair_scores", "legacy_groups"]

#: The hand-set cut-off that went with this score.
LEGACY_CUTOFF = 0.42


def legacy_pair_scores(
    sentences: list[Sentence], units: list[list[Unit]], weight: dict[str, float], *, max_block_df: int | None
) -> dict[tuple[int, int], float]:
    """Best unit-pair score for every sentence pair of different articles that scores above 0.

    Scores are computed only for candidate unit pairs: a pair needs two shared
    features to score at all, so
    every scoring pair shares a feature and is found through the inverted index
    (exactly, while no feature is commoner than ``max_block_df``). Shared
    weights are summed with ``np.bincount``; rapidfuzz scores the candidates
    with ``process.cpdist`` on all cores.
    """
    flat = [u for us in units for u in us]
    n = len(flat)
    if n < 2:
        return {}
    art = np.array([sentences[u.sentence].article for u in flat], dtype=np.int64)
    postings: dict[str, list[int]] = defaultdict(list)
    for k, u in enumerate(flat):
        for f in u.features:
            postings[f].append(k)
    feats = sorted(postings)
    w = np.array([weight[f] for f in feats], dtype=np.float64)
    is_word = np.array([f[0] in "we" for f in feats], dtype=bool)
    cap = n if max_block_df is None else max_block_df

    # 1. Candidate pairs (a < b, different articles) from the features rare enough to block on.
    keys, fids = [], []
    common: list[int] = []
    for fi, f in enumerate(feats):
        post = postings[f]
        if len(post) < 2:
            continue
        if len(post) > cap:
            common.append(fi)
            continue
        arr = np.asarray(post, dtype=np.int64)
        a, b = np.triu_indices(len(arr), 1)
        a, b = arr[a], arr[b]
        keep = art[a] != art[b]
        if keep.any():
            keys.append(a[keep] * n + b[keep])
            fids.append(np.full(int(keep.sum()), fi, dtype=np.int64))
    if not keys:
        return {}
    all_keys = np.concatenate(keys)
    all_f = np.concatenate(fids)
    cand, inverse = np.unique(all_keys, return_inverse=True)
    m = len(cand)
    shared = np.bincount(inverse, weights=w[all_f], minlength=m)
    count = np.bincount(inverse, minlength=m).astype(np.float64)
    words = np.bincount(inverse, weights=is_word[all_f].astype(np.float64), minlength=m)
    ia, ib = cand // n, cand % n

    # 2. Features too common to block on still add to the candidates' overlap.
    for fi in common:
        member = np.zeros(n, dtype=bool)
        member[postings[feats[fi]]] = True
        both = member[ia] & member[ib]
        shared += w[fi] * both
        count += both
        if is_word[fi]:
            words += both

    # 3. Overlap (mean of Dice and containment) blended with rapidfuzz, on the candidates only.
    fid = {f: i for i, f in enumerate(feats)}
    unit_w = np.array([w[[fid[f] for f in u.features]].sum() if u.features else 0.0 for u in flat])
    wa, wb = unit_w[ia], unit_w[ib]
    total = wa + wb
    smaller = np.minimum(wa, wb)
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(total > 0, 2 * shared / total, 0.0)
        cont = np.where(smaller > 0, shared / smaller, 0.0)
    overlap = 0.5 * dice + 0.5 * cont
    clause = np.array([u.clause for u in flat], dtype=bool)
    needed = 2 + (clause[ia] | clause[ib])
    ok = (count >= needed) & (words >= 1)
    ia, ib, overlap = ia[ok], ib[ok], overlap[ok]
    lemmas = [u.lemmas for u in flat]
    fuzzy = (
        process.cpdist(
            [lemmas[i] for i in ia.tolist()], [lemmas[j] for j in ib.tolist()], scorer=fuzz.token_set_ratio, workers=-1
        )
        / 100.0
        if len(ia)
        else np.zeros(0)
    )
    score = 0.7 * overlap + 0.3 * np.minimum(fuzzy, overlap + 0.3)

    # 4. A sentence pair keeps its best sentence- or clause-level score.
    sent = np.array([u.sentence for u in flat], dtype=np.int64)
    pair: dict[tuple[int, int], float] = {}
    for i, j, v in zip(sent[ia].tolist(), sent[ib].tolist(), score.tolist()):
        if v > 0 and v > pair.get((i, j), 0.0):
            pair[(i, j)] = v
    return pair


def legacy_groups(
    sentences: list[Sentence],
    pair: dict[tuple[int, int], float],
    sort_key: dict[int, tuple],
    *,
    score_cutoff: float,
    link_cutoff: float,
    max_per_article: int,
) -> list[list[int]]:
    """Groups (lists of flat sentence ids) merged by today's rules from the legacy pair scores."""
    n_docs = len(sentences)
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
        # An article may add a second sentence only as a lone sentence joining a group
        # (one fact told in two sentences); two matched groups are two facts.
        if max(per_article.values()) > 1 and min(len(members[gi]), len(members[gj])) > 1:
            continue
        cross = [score_between(x, y) for x in members[gi] for y in members[gj] if sentences[x].article != sentences[y].article]
        # A second sentence from the same article must be as strongly linked as a first match.
        needed = score_cutoff if max(per_article.values()) > 1 else link_cutoff
        if cross and sum(cross) / len(cross) < needed:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members[keep] = sorted(merged)
        for k in members.pop(drop):
            group_of[k] = keep

    return [ms for ms in members.values() if len({sentences[k].article for k in ms}) >= 2]


def _adjacent(ms: list[int], sentences: list[Sentence]) -> bool:
    """True when each article's sentences in ``ms`` are consecutive (one fact split in two)."""
    by_art: dict[int, list[int]] = defaultdict(list)
    for k in ms:
        by_art[sentences[k].article].append(sentences[k].index)
    return all(max(ix) - min(ix) == len(ix) - 1 for ix in by_art.values())
