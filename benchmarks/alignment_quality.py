"""Alignment quality: precision and recall of matched sentence pairs, learned score vs. today's vs. a plain matcher.

Gold: the seed story's answer key (``seeds/kim-putin-2019/answer_key.yaml``) and
hand annotations of real BASIL development triplets
(``benchmarks/gold/basil_facts.yaml``: locators only, the articles are read
from ``../shared/benchmarks/basil-dev``). A gold pair is two sentences of
different articles that state the same fact. BASIL figures are given for the
**test part** (triplets with ``split: test``), which the learned score never
saw (``--part train`` prints the training part instead, for reference).

Three matchers, side by side:

* **learned** — :func:`compare.align` with its defaults: the logistic pair score
  of :mod:`compare.pairs` and the cut-off chosen on the training part. Two
  rows: ``links`` (every matched pair, many-to-many, as in
  ``Comparison.links``) and ``groups`` (pairs of sentences in one group of the
  view's partition); ``links or group`` counts a pair matched when either holds.
* **hand-set** — today's scorer before this change (``align(..., legacy=True)``,
  cut-off 0.42, at most two adjacent sentences per article): its groups.
* **token_set** — a plain matcher: each sentence is paired with its best match
  in every other article by rapidfuzz ``token_set_ratio`` when that is at least
  ``TOKEN_SET_CUTOFF``.

"Facts found" counts the gold facts with at least one matched cross-outlet
pair. A reliability table follows: every candidate pair the learned score
rated, binned by its probability, with the share of them that are gold pairs
(a calibrated score has shares near the bins' probabilities), the Brier score
and the expected calibration error (bin-weighted gap). A locator names the sentence holding most of it, so one that starts in a
dateline cut off the lead still names the lead.

Run: ``python benchmarks/alignment_quality.py [--part test|train]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from itertools import combinations

from rapidfuzz import fuzz, process

import compare
from compare.alignment import AlignedStory, align
from compare.settings import Settings

from _common import ROOT, SEED, basil_dir, basil_story, load_yaml, say

TOKEN_SET_CUTOFF = 70
LEGACY = Settings(score_cutoff=0.42, max_per_article=2)
NAMES = ("learned links", "learned groups", "links or group", "hand-set groups", "token_set")


def sentence_of(c: compare.Comparison, article: str, locator: str) -> int:
    """Row of ``c.sentences`` (= flat sentence id) holding most of ``locator``."""
    text = c.story[article].text
    pos = text.find(locator)
    if pos < 0:
        raise LookupError(f"locator not found in {article}: {locator!r}")
    s = c.sentences[c.sentences.article == article]
    overlap = s.end.clip(upper=pos + len(locator)) - s.start.clip(lower=pos)
    return int(overlap.idxmax())


def fact_pairs(c: compare.Comparison, fact: dict) -> set[frozenset[int]]:
    located = [(a, sentence_of(c, a, loc)) for a, locs in fact["stated_by"].items() for loc in locs]
    return {frozenset((s1, s2)) for (a1, s1), (a2, s2) in combinations(located, 2) if a1 != a2}


def group_pairs_of(a: AlignedStory) -> set[frozenset[int]]:
    art = [s.article for s in a.sentences]
    return {frozenset((x, y)) for g in a.groups for x, y in combinations(g.members, 2) if art[x] != art[y]}


def token_set_pairs(c: compare.Comparison) -> set[frozenset[int]]:
    by_art = [g for _, g in c.sentences.groupby("article", sort=False)]
    out: set[frozenset[int]] = set()
    for ga, gb in combinations(by_art, 2):
        m = process.cdist(ga.text.tolist(), gb.text.tolist(), scorer=fuzz.token_set_ratio, workers=1)
        for r in range(len(ga)):
            k = int(m[r].argmax())
            if m[r, k] >= TOKEN_SET_CUTOFF:
                out.add(frozenset((int(ga.index[r]), int(gb.index[k]))))
        for k in range(len(gb)):
            r = int(m[:, k].argmax())
            if m[r, k] >= TOKEN_SET_CUTOFF:
                out.add(frozenset((int(ga.index[r]), int(gb.index[k]))))
    return out


def predictions(c: compare.Comparison) -> dict[str, set[frozenset[int]]]:
    legacy = align(c.parsed, story=c.story, settings=LEGACY, legacy=True)
    links = {frozenset((i, j)) for i, j, _ in c.aligned.links}
    return {
        "learned links": links,
        "learned groups": group_pairs_of(c.aligned),
        "links or group": links | group_pairs_of(c.aligned),
        "hand-set groups": group_pairs_of(legacy),
        "token_set": token_set_pairs(c),
    }


class Tally:
    """Micro-averaged counts per matcher."""

    def __init__(self) -> None:
        self.counts = {n: [0, 0, 0, 0, 0] for n in NAMES}  # tp, predicted, gold, facts found, facts
        self.scored: list[tuple[float, bool]] = []  # (learned probability, gold pair?) of every candidate pair

    def add(self, c: compare.Comparison, facts: list[dict], ambiguous: Iterable[int] = ()) -> None:
        amb = set(ambiguous)
        per_fact = [{p for p in fact_pairs(c, f) if not p & amb} for f in facts]
        gold = set().union(*per_fact) if per_fact else set()
        self.scored += [(p, frozenset(k) in gold) for k, p in c.aligned.pairs.items() if not set(k) & amb]
        for name, pred in predictions(c).items():
            pred = {p for p in pred if not p & amb}
            found = sum(1 for fp in per_fact if fp & pred)
            for k, v in enumerate((len(pred & gold), len(pred), len(gold), found, len(facts))):
                self.counts[name][k] += v

    def figures(self, name: str) -> tuple[float, float, int, int]:
        tp, npred, ngold, found, nfacts = self.counts[name]
        return tp / max(npred, 1), tp / max(ngold, 1), found, nfacts

    def reliability(self, bins: int = 10) -> None:
        """Observed share of gold pairs per probability bin, Brier score and expected calibration error."""
        if not self.scored:
            return
        say("  reliability of the learned probability (every candidate pair):")
        say(f"    {'bin':<11}{'pairs':>7}{'mean p':>8}{'gold share':>12}")
        ece = 0.0
        for b in range(bins):
            lo, hi = b / bins, (b + 1) / bins
            inside = [(p, g) for p, g in self.scored if lo <= p < hi or (b == bins - 1 and p == 1.0)]
            if not inside:
                continue
            mean_p = sum(p for p, _ in inside) / len(inside)
            share = sum(g for _, g in inside) / len(inside)
            ece += len(inside) / len(self.scored) * abs(mean_p - share)
            say(f"    {lo:.1f}–{hi:.1f}{len(inside):>9}{mean_p:>8.2f}{share:>12.2f}")
        brier = sum((p - g) ** 2 for p, g in self.scored) / len(self.scored)
        say(f"    Brier score {brier:.3f}; expected calibration error {ece:.3f} ({len(self.scored)} pairs)")

    def show(self, title: str) -> None:
        say(f"{title}  (gold pairs {self.counts[NAMES[0]][2]})")
        for name in NAMES:
            p, r, found, nfacts = self.figures(name)
            f1 = 2 * p * r / max(p + r, 1e-9)
            say(
                f"  {name:<16} P {p:.2f}  R {r:.2f}  F1 {f1:.2f}   facts found {found}/{nfacts}"
                f" ({100 * found / max(nfacts, 1):.0f}%)"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("test", "train"), default="test")
    args = ap.parse_args()
    nlp = compare.load_nlp()
    key = load_yaml(SEED / "answer_key.yaml")
    t0 = time.perf_counter()
    c = compare.compare(compare.load_story(SEED), nlp=nlp, progress=False)
    amb = {sentence_of(c, a, loc) for a, locs in key.get("ambiguous", {}).items() for loc in locs}
    seed = Tally()
    seed.add(c, key["facts"], amb)
    say(f"cut-off {c.settings.score_cutoff:.3f} (probability), max {c.settings.max_per_article} sentences per article per group")
    seed.show(f"seed kim-putin-2019: {len(c.sentences)} sentences, {len(c.alignment)} groups ({time.perf_counter() - t0:.1f}s)")

    base = basil_dir()
    gold_file = ROOT / "benchmarks" / "gold" / "basil_facts.yaml"
    if base is None or not gold_file.exists():
        say("BASIL data or gold annotations not found: skipping the BASIL part")
        return
    entries = [e for e in load_yaml(gold_file)["triplets"] if e.get("split", "train") == args.part]
    tally = Tally()
    for entry in entries:
        c = compare.compare(basil_story(entry, base), nlp=nlp, progress=False)
        tally.add(c, entry["facts"])
    tally.show(f"BASIL {args.part} part: {len(entries)} triplets (micro-averaged)")
    tally.reliability()


if __name__ == "__main__":
    main()
