"""Precision of the word-swap table on BASIL, before and after its relatedness filter (a benchmark, not a test).

Runs ``compare.compare`` on every basil-dev triplet, takes ``wording(c.aligned,
every_slot=True)`` (every slot the word diff and parse give) and the default
``c.wording`` (only words related in meaning or in near-parallel sentences),
and scores both against ``benchmarks/gold/swap_judgements.yaml`` per split:
precision (judged swaps among judged rows shown), recall (judged swaps kept),
and how many rows are shown, how many carry framing, how many are unjudged.
The filter's cut-offs were chosen on the train rows; test is held out.

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Run::

    python benchmarks/word_swaps.py
"""

from __future__ import annotations

import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from compare.wording import wording  # noqa: E402

from _common import ROOT, basil_article, basil_dir, load_yaml  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "swap_judgements.yaml"


def _key(triplet: str, r) -> tuple:
    return (triplet, r.outlet_a, r.word_a, r.outlet_b, r.word_b)


def main() -> int:
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    t0 = time.perf_counter()
    items = load_yaml(GOLD)["items"]
    gold = {(i["triplet"], i["outlet_a"], i["word_a"], i["outlet_b"], i["word_b"]): i for i in items}
    split_of = {i["triplet"]: i["split"] for i in items}
    stems = sorted(p.stem for p in base.glob("articles/*/*.json"))
    by_triplet: dict[str, list[str]] = defaultdict(list)
    for s in stems:
        by_triplet[s.rsplit("_", 1)[0]].append(s)
    nlp = compare.load_nlp()
    stats: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for triplet, members in sorted(by_triplet.items()):
        split = split_of.get(triplet, "none")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = compare.compare(
                compare.Story([basil_article(s, base)[0] for s in members], name=triplet), nlp=nlp, progress=False
            )
        for view, df in (("every slot", wording(c.aligned, every_slot=True)), ("default", c.wording)):
            st = stats[(split, view)]
            for r in df.itertuples():
                st["rows"] += 1
                st["framing"] += r.category != "neutral"
                g = gold.get(_key(triplet, r))
                if g is None:
                    st["unjudged"] += 1
                else:
                    st["judged"] += 1
                    st["swaps"] += bool(g["swap"])
    real = defaultdict(int)
    for i in items:
        real[i["split"]] += bool(i["swap"])
    print(f"word swaps on {len(by_triplet)} BASIL triplets ({time.perf_counter() - t0:.0f}s); gold: {len(items)} judged rows")
    for split in ("train", "test", "none"):
        for view in ("every slot", "default"):
            st = stats[(split, view)]
            p = st["swaps"] / st["judged"] if st["judged"] else 0.0
            r = st["swaps"] / real[split] if real[split] else 0.0
            print(
                f"  {split:5} {view:10}  rows {st['rows']:3}  framing {st['framing']:2}  unjudged {st['unjudged']:2}  "
                f"precision {p:.2f} ({st['swaps']}/{st['judged']})  recall {r:.2f} ({st['swaps']}/{real[split]})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
