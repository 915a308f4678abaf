"""Story clustering quality: recover BASIL's 70 event triplets from its 210 articles.

Reads every article of the BASIL development data (``COMPARE_BASIL_DIR`` or
``../shared/benchmarks/basil-dev``; skipped cleanly when absent), shuffles
nothing (corpus order is file order), runs :func:`compare.corpus.cluster_stories`
and reports purity and the adjusted Rand index against the triplets
(scikit-learn, a test extra, imported here only). Also prints a sweep over the
similarity threshold and the publication-date window, and the time taken.

Run: ``python benchmarks/story_clustering.py``
"""

from __future__ import annotations

import json
import sys
import time

import compare
from compare.corpus import DEFAULT_WINDOW_DAYS, STORY_THRESHOLD, Corpus, cluster_profiles, profile_articles

from _common import basil_dir, say


def purity(truth: list[str], pred: list[int]) -> float:
    """Share of articles whose story's majority triplet is their own."""
    from collections import Counter, defaultdict

    by: dict[int, list[str]] = defaultdict(list)
    for t, p in zip(truth, pred):
        by[p].append(t)
    return sum(Counter(ts).most_common(1)[0][1] for ts in by.values()) / len(truth)


def main() -> None:
    try:
        from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    except ImportError:
        say("scikit-learn is not installed (pip install 'compare[test]'): skipping")
        return
    base = basil_dir()
    if base is None:
        say("BASIL data not found (set COMPARE_BASIL_DIR): skipping")
        return
    articles, truth = [], []
    for path in sorted(base.glob("articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        articles.append(
            compare.Article(
                id=path.stem,
                outlet=data["source"],
                text=text,
                title=data.get("title"),
                date=data.get("date"),
                url=data.get("url"),
            )
        )
        truth.append(data["triplet-uuid"])
    corpus = Corpus(articles, name="basil-dev")
    say(f"BASIL development data: {len(corpus)} articles, {len(set(truth))} events")

    nlp = compare.load_nlp()
    t0 = time.perf_counter()
    profiles = list(profile_articles(corpus, nlp=nlp, cache=False, progress=False))
    t_profile = time.perf_counter() - t0
    t0 = time.perf_counter()
    stories = cluster_profiles(profiles, window_days=DEFAULT_WINDOW_DAYS, threshold=STORY_THRESHOLD)
    t_cluster = time.perf_counter() - t0
    pred = stories["story"].tolist()
    say(
        f"default (window {DEFAULT_WINDOW_DAYS} days, threshold {STORY_THRESHOLD}): "
        f"{len(set(pred))} stories, purity {purity(truth, pred):.3f}, "
        f"ARI {adjusted_rand_score(truth, pred):.3f}, NMI {normalized_mutual_info_score(truth, pred):.3f}"
    )
    say(f"time: profiling (NER only, cache off) {t_profile:.1f}s, clustering {t_cluster:.2f}s")

    say("\nsweep (threshold x window_days): purity / ARI / stories")
    windows = (1, 3, 7, 30, 10_000)
    say("threshold " + "".join(f"{f'{w}d':>22}" for w in windows))
    for th in (0.06, 0.08, 0.10, 0.12, 0.15, 0.2, 0.3):
        cells = []
        for w in windows:
            p = cluster_profiles(profiles, window_days=w, threshold=th)["story"].tolist()
            cells.append(f"{purity(truth, p):.3f}/{adjusted_rand_score(truth, p):.3f}/{len(set(p)):>3}")
        say(f"{th:<9} " + "".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    sys.exit(main())
