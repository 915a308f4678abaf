"""Hand-judged precision of the framing default view on BASIL articles (a benchmark, not a test).

``benchmarks/gold/framing_judgements.yaml`` holds findings of the default view
judged by hand ("would a careful reader call this framing?"): the BASIL
article, a 3–8 word verbatim locator holding the flagged word, the category and
voice the tool gave, whether the words fall inside a BASIL ``lex`` span, the
verdict and a short note in our own words. No article text beyond the locator.

This script compares every triplet that holds a judged finding again, finds
each judged word among the current findings and reports the precision of the
judged findings the default view still shows with the voice they were judged
with (a verdict covers the voice: a finding now shown in another voice is
listed to be judged again, not counted): overall, by judging round (each
round also by category and voice), inside
and outside BASIL's own spans, and by category. Judgements of findings the view
no longer shows are counted apart (they say nothing about the current view).

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Run::

    python benchmarks/framing_precision.py
"""

from __future__ import annotations

import sys
import warnings
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from compare.framing import comparison_framing  # noqa: E402

from _common import ROOT, basil_article, basil_dir, load_yaml  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "framing_judgements.yaml"


def _rate(items: list[dict]) -> str:
    if not items:
        return "n/a (0)"
    good = sum(i["framing"] for i in items)
    return f"{good / len(items):.3f} ({good}/{len(items)})"


def _hit(df, article: str, pos: int, category: str) -> bool:
    return bool(((df.article == article) & (df.start <= pos) & (df.end > pos) & (df.category == category)).any())


def _voices(df, article: str, pos: int, category: str) -> set[str]:
    rows = df[(df.article == article) & (df.start <= pos) & (df.end > pos) & (df.category == category)]
    return set(rows.voice)


def main() -> int:
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    items = load_yaml(GOLD)["items"]
    by_triplet: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_triplet[item["article"].rsplit("_", 1)[0]].append(item)
    nlp = compare.load_nlp()
    status: dict[str, list[dict]] = defaultdict(list)
    for triplet, judged in sorted(by_triplet.items()):
        stems = sorted(p.stem for p in base.glob(f"articles/*/{triplet}_*.json"))
        arts = {s: basil_article(s, base)[0] for s in stems}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = compare.compare(compare.Story(list(arts.values()), name=triplet), nlp=nlp, progress=False)
            shown, every = c.framing, comparison_framing(c.aligned, min_score=0)
        for item in judged:
            art = arts[item["article"]]
            at = art.text.find(item["locator"])
            if at < 0 or item["word"] not in item["locator"]:
                raise SystemExit(f"locator not found in {item['article']}: {item['locator']!r}")
            pos = at + item["locator"].find(item["word"])

            found = [_hit(df, art.id, pos, item["category"]) for df in (shown, every)]
            key = "shown" if found[0] else "hidden" if found[1] else "gone"
            if key == "shown" and item["voice"] not in _voices(shown, art.id, pos, item["category"]):
                key = "revoiced"  # the verdict judged the voice too: it no longer applies
            status[key].append(item)
    now = status["shown"]
    print(
        f"{len(items)} judged findings: {len(now)} still in the default view, {len(status['hidden'])} now below it, "
        f"{len(status['gone'])} no longer candidates, {len(status['revoiced'])} shown with another voice (to judge again)"
    )
    print(f"precision of the default view on judged findings: {_rate(now)}")
    for rnd in sorted({i["round"] for i in now}):
        in_round = [i for i in now if i["round"] == rnd]
        print(f"  round {rnd}: {_rate(in_round)}")
        for field in ("category", "voice"):
            cut = {v: _rate([i for i in in_round if i[field] == v]) for v in sorted({i[field] for i in in_round})}
            print(f"    by {field}: " + "; ".join(f"{v} {r}" for v, r in cut.items()))
    print(f"  outside BASIL lex spans: {_rate([i for i in now if not i['in_basil_lex']])}")
    print(f"  inside BASIL lex spans:  {_rate([i for i in now if i['in_basil_lex']])}")
    for cat in ("loaded", "name_calling", "intensifier", "hedge", "attribution", "blame"):
        print(f"  {cat:13} {_rate([i for i in now if i['category'] == cat])}")
    for voice in ("editorial", "quoted", "reported"):
        print(f"  {voice:13} {_rate([i for i in now if i['voice'] == voice])}")
    for item in status["revoiced"]:
        print(
            f"  judge again (round {item['round']}, was {item['voice']}, {'framing' if item['framing'] else 'not framing'}): {item['note']}"
        )
    if status["hidden"] or status["gone"]:
        print(f"judged findings the view no longer shows: {_rate(status['hidden'] + status['gone'])} were framing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
