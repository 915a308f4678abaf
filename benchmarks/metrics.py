"""Metrics shared by the benchmark scripts and the quality gate in ``tests/``.

Gold data are *locators*: short substrings of an article that pick out one
sentence. These helpers turn locators into sentence rows of a
:class:`~compare.Comparison` and score predicted sentence pairs against gold
pairs, so the gate and the benchmarks measure the same thing the same way.
"""

from __future__ import annotations

from itertools import combinations

import compare


class LocatorError(LookupError):
    """A gold locator is not found in its article."""


def sentence_at(comparison: compare.Comparison, article: str, locator: str) -> int:
    """Row index in ``comparison.sentences`` of the sentence holding ``locator``."""
    text = comparison.story[article].text
    pos = text.find(locator)
    if pos < 0:
        raise LocatorError(f"locator not found in {article}: {locator!r}")
    sents = comparison.sentences
    hit = sents[(sents.article == article) & (sents.start <= pos) & (sents.end > pos)]
    return int(hit.index[0])


def gold_pairs(comparison: compare.Comparison, facts: list[dict]) -> set[frozenset[int]]:
    """Cross-article sentence pairs that state the same fact."""
    pairs = set()
    for fact in facts:
        located = [(a, sentence_at(comparison, a, loc)) for a, locs in fact["stated_by"].items() for loc in locs]
        for (a1, s1), (a2, s2) in combinations(located, 2):
            if a1 != a2:
                pairs.add(frozenset((s1, s2)))
    return pairs


def predicted_pairs(comparison: compare.Comparison) -> set[frozenset[int]]:
    sents = comparison.sentences.dropna(subset=["group"])
    pairs = set()
    for _, grp in sents.groupby("group"):
        for (i, a1), (j, a2) in combinations(zip(grp.index, grp.article), 2):
            if a1 != a2:
                pairs.add(frozenset((i, j)))
    return pairs


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
