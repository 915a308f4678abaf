"""Stage costs of the pipeline, and how they grow with the number of articles.

For the bundled story (``seeds/kim-putin-2019``) and synthetic stories of 10,
50 and 200 articles (the first N articles of the BASIL development data, read
from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``; without it,
copies of the seed articles with shuffled paragraphs), prints the time of each
stage — load, parse, align, framing, facts, render ("n/a" while a stage raises
NotImplementedError/ImportError/AttributeError) — the ratio of the whole
``compare.compare`` (and of the whole analysis with framing, facts and render)
to spaCy's ``nlp.pipe`` alone on the same texts, alignment time per 1,000
sentences, and the peak resident memory. Every size runs in a fresh process so
peak memory is its own; the parse cache is off throughout.

The embedding step's share (wordllama on every sentence and clause, and the
blocked nearest-neighbour search of :mod:`compare.pairs`) is timed inside the
same ``compare.compare`` call.

Run: ``python benchmarks/bench_pipeline.py [--sizes seed 10 50 200]``
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import resource
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from unittest import mock

import compare
from compare import Article, Story, pairs
from compare.comparison import Comparison
from compare.parsing import parse

from _common import SEED, basil_dir, say

NA = (NotImplementedError, ImportError, AttributeError)


def synthetic_story(n: int) -> Story:
    """``n`` articles: BASIL development articles in file order, else reshuffled seed copies."""
    base = basil_dir()
    arts: list[Article] = []
    if base is not None:
        for path in sorted(base.glob("articles/*/*.json"))[:n]:
            data = json.loads(path.read_text(encoding="utf-8"))
            text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
            arts.append(Article(id=path.stem, outlet=data["source"], text=text, title=data.get("title"), date=data.get("date")))
    if len(arts) < n:
        seed = list(compare.load_story(SEED))
        rng = random.Random(n)
        while len(arts) < n:
            a = seed[len(arts) % len(seed)]
            paras = a.text.split("\n\n")
            rng.shuffle(paras)
            arts.append(Article(id=f"{a.id}-{len(arts)}", outlet=f"{a.outlet} {len(arts)}", text="\n\n".join(paras), date=a.date))
    return Story(arts, name=f"synthetic-{n}")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure(size: str) -> dict:
    nlp = compare.load_nlp()
    list(nlp.pipe(["Warm up the pipeline once."]))
    rss0 = _rss_mb()
    t = time.perf_counter()
    story = compare.load_story(SEED) if size == "seed" else synthetic_story(int(size))
    res: dict = {"size": size, "articles": len(story), "load": time.perf_counter() - t}
    texts = [a.text for a in story]

    t = time.perf_counter()
    parsed = parse(story, nlp=nlp, cache=False, progress=False)
    res["parse"] = time.perf_counter() - t
    t = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))  # after parse(), so both run on a warmed-up pipeline
    res["spacy"] = time.perf_counter() - t
    t = time.perf_counter()
    c = Comparison(story, parsed)
    res["align"] = time.perf_counter() - t
    res["sentences"] = len(c.sentences)
    for stage, run in (("framing", lambda: c.framing), ("facts", lambda: c.facts), ("render", lambda: c.to_html())):
        t = time.perf_counter()
        try:
            run()
            res[stage] = time.perf_counter() - t
        except NA as e:
            res[stage] = None
            res[f"{stage}_why"] = type(e).__name__

    # The whole compare.compare with the cache off (patched in until compare() takes cache=),
    # timing the semantic signal (embedding the sentences and clauses, nearest neighbours) inside it.
    spent = [0.0]

    def timed(fn):
        def run(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0

        return run

    t = time.perf_counter()
    with mock.patch.object(pairs, "embed", timed(pairs.embed)), mock.patch.object(pairs, "_neighbours", timed(pairs._neighbours)):
        if "cache" in inspect.signature(compare.compare).parameters:
            compare.compare(story, nlp=nlp, cache=False, progress=False)
        else:
            with mock.patch("compare.comparison.parse", partial(parse, cache=False)):
                compare.compare(story, nlp=nlp, progress=False)
    res["compare"] = time.perf_counter() - t
    res["embed"] = spent[0]
    res["rss_model_mb"] = rss0
    res["rss_peak_mb"] = _rss_mb()
    return res


def report(rows: list[dict]) -> None:
    def cell(v):
        return "n/a" if v is None else f"{v:.2f}"

    say(
        f"{'story':<10}{'arts':>5}{'sents':>7}{'load':>7}{'parse':>8}{'align':>7}{'framing':>8}{'facts':>7}{'render':>7}"
        f"{'spaCy':>8}{'compare':>9}{'cmp/sp':>7}{'embed%':>7}{'all/sp':>7}{'ms/sent':>9}{'peak MB':>9}"
    )
    for r in rows:
        extra = sum(r[k] or 0 for k in ("framing", "facts", "render"))
        whole = r["compare"] + extra
        say(
            f"{r['size']:<10}{r['articles']:>5}{r['sentences']:>7}{cell(r['load']):>7}{cell(r['parse']):>8}{cell(r['align']):>7}"
            f"{cell(r['framing']):>8}{cell(r['facts']):>7}{cell(r['render']):>7}{cell(r['spacy']):>8}{cell(r['compare']):>9}"
            f"{r['compare'] / r['spacy']:>7.2f}{100 * r.get('embed', 0) / r['compare']:>6.0f}%{whole / r['spacy']:>7.2f}{1000 * r['align'] / max(r['sentences'], 1):>9.2f}"
            f"{r['rss_peak_mb']:>9.0f}"
        )
    say(
        "times in seconds; cmp/sp = compare.compare (cache off) / nlp.pipe alone (target <= 1.3);"
        " embed% = share of compare.compare spent embedding and finding nearest neighbours; all/sp adds framing, facts, render;"
    )
    say(
        "ms/sent = alignment milliseconds per sentence (flat = linear growth); peak MB = peak RSS incl. the model"
        f" ({rows[0]['rss_model_mb']:.0f} MB after loading it)"
    )
    if any(r.get("framing_why") or r.get("facts_why") for r in rows):
        say("n/a: " + ", ".join(sorted({f"{k[:-4]} ({v})" for r in rows for k, v in r.items() if k.endswith("_why")})))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", default=["seed", "10", "50", "200"])
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    if basil_dir() is None:
        say("BASIL development data not found: synthetic stories recombine the seed articles")
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", size], capture_output=True, text=True, cwd=Path(__file__).parent)
        if out.returncode != 0:
            say(f"{size}: failed\n{out.stderr[-2000:]}")
            continue
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        say(
            f"  measured {size}",
        )
    if rows:
        report(rows)


if __name__ == "__main__":
    main()
