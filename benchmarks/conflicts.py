"""Number conflicts against hand-made gold on BASIL (a benchmark, not a test).

Gold: ``benchmarks/gold/basil_conflicts.yaml`` (locators only). Each entry is
a pair of numbers two outlets give for the same thing, labelled ``conflict``
(they disagree), ``rounding`` or ``more-than`` (agreement: a good detector
must not flag them). A row of ``Comparison.conflicts`` matches an entry when
its two sides are the entry's two outlets, each number lies in the located
sentence and is the gold value (digits compared).

Figures, per split and in total:

- conflicts found: gold ``conflict`` entries reported with status ``conflict``
  (recall); those reported as ``agreement`` are listed apart;
- false conflicts: gold ``rounding`` / ``more-than`` entries reported as
  ``conflict``; and conflict rows in the annotated triplets that match no
  gold entry (unverified: the gold lists only the pairs the annotator found).

Run: ``python benchmarks/conflicts.py [--rows]`` (``--rows`` prints the
unmatched conflict rows' numbers, never their sentences).
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
from collections import Counter, defaultdict

import compare

from _common import ROOT, basil_article, basil_dir, load_yaml, say


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _story(triplet: str, base) -> compare.Story:
    arts = []
    for n in (1, 2, 3):
        try:
            art, _ = basil_article(f"{triplet}_{n}", base)
        except StopIteration:
            continue
        arts.append(dataclasses.replace(art, id=art.id.lower()))
    return compare.Story(arts, name=triplet)


def _side_matches(row, side: str, gold: dict, text: str) -> bool:
    if getattr(row, f"article_{side}") != gold["outlet"]:
        return False
    pos = text.find(gold["locator"])
    sent = getattr(row, f"sentence_{side}")
    if pos < 0 or gold["locator"] not in sent:
        return False
    return _digits(getattr(row, f"text_{side}")) == _digits(gold["value"]) or _digits(gold["value"]).startswith(
        _digits(getattr(row, f"text_{side}")) or "x"
    )


def main(argv: list[str]) -> None:
    base = basil_dir()
    gold_file = ROOT / "benchmarks" / "gold" / "basil_conflicts.yaml"
    if base is None or not gold_file.exists():
        say("BASIL data or basil_conflicts.yaml not found: skipping")
        return
    t0 = time.perf_counter()
    entries = load_yaml(gold_file)["conflicts"]
    by_triplet: dict[str, list[dict]] = defaultdict(list)
    for e in entries:
        by_triplet[e["triplet"]].append(e)
    nlp = compare.load_nlp()
    stats: dict[str, Counter] = defaultdict(Counter)
    for triplet, gold in sorted(by_triplet.items()):
        c = compare.compare(_story(triplet, base), nlp=nlp, progress=False)
        texts = {p.article.id: p.article.text for p in c.parsed}
        cf = c.conflicts
        matched_rows: set[int] = set()
        for g in gold:
            split = g.get("split", "train")
            hits = []
            for i, row in enumerate(cf.itertuples()):
                for x, y in (("a", "b"), ("b", "a")):
                    if _side_matches(row, x, g["a"], texts[g["a"]["outlet"]]) and _side_matches(
                        row, y, g["b"], texts[g["b"]["outlet"]]
                    ):
                        hits.append((i, row.status))
            matched_rows |= {i for i, _ in hits}
            status = "conflict" if any(s == "conflict" for _, s in hits) else "agreement" if hits else "not found"
            for sp in (split, "all"):
                stats[sp][f"{g['kind']} -> {status}"] += 1
            if "--rows" in argv:
                say(f"    gold {triplet[:8]} {g['kind']:<9} {g['a']['value']!r} vs {g['b']['value']!r}: {status}")
        unmatched = [r for i, r in enumerate(cf.itertuples()) if i not in matched_rows and r.status == "conflict"]
        split = gold[0].get("split", "train")
        for sp in (split, "all"):
            stats[sp]["conflict rows matching no gold entry"] += len(unmatched)
        if "--rows" in argv:
            for r in unmatched:
                say(f"    unmatched {triplet[:8]} {r.kind:<8} {r.article_a}:{r.text_a!r} vs {r.article_b}:{r.text_b!r}")
    for sp in ("train", "test", "all"):
        s = stats.get(sp)
        if not s:
            continue
        n_conf = sum(v for k, v in s.items() if k.startswith("conflict ->"))
        n_agree = sum(v for k, v in s.items() if k.startswith(("rounding ->", "more-than ->")))
        found = s["conflict -> conflict"]
        false = s["rounding -> conflict"] + s["more-than -> conflict"]
        say(
            f"{sp:<5}: gold conflicts {n_conf}, found {found} ({found / max(n_conf, 1):.0%}), "
            f"called agreement {s['conflict -> agreement']}, not found {s['conflict -> not found']}; "
            f"gold agreements {n_agree}, reported as conflict {false}; "
            f"other conflict rows (unverified) {s['conflict rows matching no gold entry']}"
        )
    say(f"({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main(sys.argv[1:])
