"""Alignment quality: precision and recall of aligned sentence pairs.

Gold: the seed story's answer key (``seeds/kim-putin-2019/answer_key.yaml``) and
hand annotations of real BASIL development triplets
(``benchmarks/gold/basil_facts.yaml``: locators only, the articles are read
from ``../shared/benchmarks/basil-dev``). A pair counts when two sentences of
different articles state the same fact. Pairs touching a sentence the key calls
ambiguous are left out of both sides.

"Facts found" counts the gold facts for which at least one pair of sentences
from two outlets is aligned (a fact told in several sentences needs only one
matched pair to be found).

Also prints a baseline: a plain sentence-level matcher (rapidfuzz
``token_sort_ratio`` on whole sentences, each sentence linked to its best match
in every other article when the ratio is at least 60).

Run: ``python benchmarks/alignment_quality.py``
"""

from __future__ import annotations

import time
from itertools import combinations

from rapidfuzz import fuzz, process

import compare

from _common import ROOT, SEED, basil_dir, basil_story, gold_pairs, load_yaml, predicted_pairs, prf, say, sentence_at


def baseline_pairs(c: compare.Comparison, cutoff: float = 60) -> set:
    sents = c.sentences
    pairs = set()
    by_art = {a: g for a, g in sents.groupby("article", sort=False)}
    for a, b in combinations(by_art, 2):
        ga, gb = by_art[a], by_art[b]
        m = process.cdist(ga.text.tolist(), gb.text.tolist(), scorer=fuzz.token_sort_ratio, workers=-1)
        for r in range(len(ga)):
            c_ = int(m[r].argmax())
            if m[r, c_] >= cutoff:
                pairs.add(frozenset((int(ga.index[r]), int(gb.index[c_]))))
        for c_ in range(len(gb)):
            r = int(m[:, c_].argmax())
            if m[r, c_] >= cutoff:
                pairs.add(frozenset((int(ga.index[r]), int(gb.index[c_]))))
    return pairs


def facts_found(c: compare.Comparison, facts: list[dict], pairs: set) -> int:
    """Facts for which at least one of their cross-outlet sentence pairs is aligned."""
    return sum(1 for f in facts if gold_pairs(c, [f]) & pairs)


def evaluate(name: str, c: compare.Comparison, facts: list[dict], ambiguous: set[int]) -> tuple:
    gold = {p for p in gold_pairs(c, facts) if not p & ambiguous}
    pred = {p for p in predicted_pairs(c) if not p & ambiguous}
    base = {p for p in baseline_pairs(c) if not p & ambiguous}
    p, r, f = prf(pred, gold)
    bp, br, bf = prf(base, gold)
    found, bfound = facts_found(c, facts, pred), facts_found(c, facts, base)
    say(
        f"{name:<40} gold {len(gold):>4}  compare P {p:.2f} R {r:.2f} F1 {f:.2f}   baseline P {bp:.2f} R {br:.2f} F1 {bf:.2f}"
        f"   facts found {found}/{len(facts)} vs {bfound}/{len(facts)}"
    )
    return len(gold & pred), len(pred), len(gold), len(gold & base), len(base), found, bfound, len(facts)


def main() -> None:
    nlp = compare.load_nlp()
    totals = []
    key = load_yaml(SEED / "answer_key.yaml")
    t0 = time.perf_counter()
    c = compare.compare(compare.load_story(SEED), nlp=nlp, progress=False)
    amb = {sentence_at(c, a, loc) for a, locs in key.get("ambiguous", {}).items() for loc in locs}
    say(f"seed story: {len(c.sentences)} sentences, {len(c.alignment)} groups ({time.perf_counter() - t0:.1f}s)")
    evaluate("seed kim-putin-2019", c, key["facts"], amb)

    base = basil_dir()
    gold_file = ROOT / "benchmarks" / "gold" / "basil_facts.yaml"
    if base is None or not gold_file.exists():
        say("BASIL data or gold annotations not found: skipping the BASIL part")
        return
    for entry in load_yaml(gold_file)["triplets"]:
        c = compare.compare(basil_story(entry, base), nlp=nlp, progress=False)
        totals.append(evaluate(f"basil {entry['triplet'][:8]} ({entry['year']})", c, entry["facts"], set()))
    tp, npred, ngold, btp, nbase, found, bfound, nfacts = (sum(x) for x in zip(*totals))
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    bp, br = btp / max(nbase, 1), btp / max(ngold, 1)
    say(
        f"{'basil, all triplets (micro)':<40} gold {ngold:>4}  compare P {p:.2f} R {r:.2f} F1 {2 * p * r / max(p + r, 1e-9):.2f}"
        f"   baseline P {bp:.2f} R {br:.2f} F1 {2 * bp * br / max(bp + br, 1e-9):.2f}"
        f"   facts found {found}/{nfacts} vs {bfound}/{nfacts}"
    )


if __name__ == "__main__":
    main()
