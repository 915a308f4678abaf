"""Missing-fact detection: recall and false-missing rate against hand-made gold.

Gold: the seed story's answer key (``seeds/kim-putin-2019/answer_key.yaml``)
and the BASIL development triplets (``benchmarks/gold/basil_facts.yaml``,
articles read from ``../shared/benchmarks/basil-dev``). Each gold fact lists
the sentences that state it (``stated_by``) and the articles that omit it
(``omitted_by``).

A row of ``Comparison.missing`` (outlet O, fact F) is matched to the gold facts
whose sentences include one of F's evidence sentences. It is

- a **hit** when O omits one of those gold facts,
- a **false missing** when O states all of them (the outlet is accused of an
  omission it did not make),
- **unscored** when F matches no gold fact (entity rows are always unscored:
  the gold annotates statements, not names).

Figures printed per story and in total:

- recall: gold (fact, omitting outlet) pairs that are reported, over all gold
  pairs whose fact at least ``min_outlets`` outlets state (the ones the tool
  can report at its default threshold); the recall over every gold pair
  follows in brackets;
- false-missing rate: false missing / (hits + false missing).

With ``--causes``, every gold omission the default list misses is put in one
of four causes: the stating outlets' sentences are never matched ("not
linked"), the omitting outlet's sentence is in the fact's group or strongly
linked to it, or a counterpart of the omitting outlet clears it (by how).

Run: ``python benchmarks/missing_facts.py [--diagnose] [--causes]``
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter, defaultdict

import compare
from compare.facts import default_min_outlets

from _common import ROOT, SEED, basil_dir, basil_story, load_yaml, say, sentence_at


def _story(entry: dict, base) -> compare.Story:
    """A BASIL triplet with the gold's outlet keys (fox, nyt, hpo) as article ids, whatever case the data uses."""
    story = basil_story(entry, base)
    return compare.Story([dataclasses.replace(a, id=a.id.lower()) for a in story], name=story.name)


def gold_sentences(c: compare.Comparison, facts: list[dict]) -> dict[str, set[int]]:
    return {f["id"]: {sentence_at(c, a, loc) for a, locs in f["stated_by"].items() for loc in locs} for f in facts}


def fact_sentences(c: compare.Comparison) -> dict[str, set[int]]:
    """Flat sentence rows of every fact's evidence (all of it, not only one per article)."""

    return {f.fact: f.sentences() for f in c.fact_analysis.facts}


def evaluate(name: str, c: compare.Comparison, facts: list[dict], *, diagnose: bool = False, k: int | None = None) -> dict:
    gold = gold_sentences(c, facts)
    by_id = {f["id"]: f for f in facts}
    sents = fact_sentences(c)
    k = default_min_outlets(len(c.story)) if k is None else k
    missing = c.missing_facts(min_outlets=k)
    hits, false_missing, unscored = set(), [], 0
    kinds = defaultdict(lambda: [0, 0, 0])
    for row in missing.itertuples():
        matched = [g for g, ss in gold.items() if ss & sents.get(row.fact, set())] if row.kind != "entity" else []
        omitted = [g for g in matched if row.article in by_id[g].get("omitted_by", [])]
        if omitted:
            hits.update((g, row.article) for g in omitted)
            kinds[row.kind][0] += 1
        elif matched and all(row.article in by_id[g]["stated_by"] for g in matched):
            false_missing.append((row.article, row.fact, row.label, matched))
            kinds[row.kind][1] += 1
        else:
            unscored += 1
            kinds[row.kind][2] += 1
    all_pairs = {(f["id"], a) for f in facts for a in f.get("omitted_by", [])}
    eligible = {(f["id"], a) for f in facts for a in f.get("omitted_by", []) if len(f["stated_by"]) >= k}
    n_hit_rows = sum(v[0] for v in kinds.values())
    n_fm = len(false_missing)
    recall = len(hits & eligible) / max(len(eligible), 1)
    recall_all = len(hits & all_pairs) / max(len(all_pairs), 1)
    fm_rate = n_fm / max(n_hit_rows + n_fm, 1)
    say(
        f"{name:<34} k={k}  gold omissions {len(eligible):>3} ({len(all_pairs)})  reported rows {len(missing):>3}  "
        f"recall {recall:.2f} ({recall_all:.2f})  false-missing {n_fm}/{n_hit_rows + n_fm} = {fm_rate:.2f}  unscored {unscored}"
    )
    if diagnose:
        for art, fact, label, matched in false_missing:
            say(f"    FALSE MISSING {art:<10} {fact:<28} {label[:60]!r} gold={matched}")
        for g, a in sorted(eligible - hits):
            say(f"    not found     {a:<10} {g}")
    return {
        "hits": len(hits & eligible),
        "eligible": len(eligible),
        "hits_all": len(hits & all_pairs),
        "all": len(all_pairs),
        "tp_rows": n_hit_rows,
        "fm": n_fm,
        "rows": len(missing),
    }


def causes(c: compare.Comparison, facts: list[dict], tally: Counter) -> None:
    """Add to ``tally`` why each gold omission of one story is or is not on the default list."""
    from compare.facts.stating import QuotedWords, how_stated, strong_links

    an = c.fact_analysis
    aligned = an.aligned
    position = {aligned.parsed[a].article.id: a for a in an.outlets}
    k = default_min_outlets(len(c.story))
    reported = {(r.article, r.fact) for r in c.missing_facts().itertuples()}
    claims = [f for f in an.facts if f.kind == "claim"]
    quoted = QuotedWords(an)
    for g in facts:
        if len(g["stated_by"]) < k:
            continue
        stating = {sentence_at(c, o, loc) for o, locs in g["stated_by"].items() for loc in locs}
        units = [f for f in claims if f.sentences() & stating]
        for omitter in g.get("omitted_by", []):
            if any((omitter, f.fact) in reported for f in units):
                tally["found"] += 1
                continue
            best = None  # the claim unit covering most stating outlets
            for f in units:
                via = strong_links(an, f)
                outlets = {aligned.parsed[a].article.id for a in [*f.evidence, *via]}
                if best is None or len(outlets & set(g["stated_by"])) > len(best[1] & set(g["stated_by"])):
                    best = (f, outlets)
            if best is None or len(best[1] & set(g["stated_by"])) < 2:
                tally["not linked"] += 1
            elif omitter in best[1]:
                tally["omitter in the group or strongly linked"] += 1
            else:
                how = how_stated(an, best[0], position[omitter], quoted)[0]
                tally[f"cleared by a counterpart ({how})" if how else "other (headline, duplicate)"] += 1


def main(argv: list[str]) -> None:
    diagnose = "--diagnose" in argv
    nlp = compare.load_nlp()
    t0 = time.perf_counter()
    key = load_yaml(SEED / "answer_key.yaml")
    c = compare.compare(compare.load_story(SEED), nlp=nlp, progress=False)
    seed = evaluate("seed kim-putin-2019", c, key["facts"], diagnose=diagnose)
    base = basil_dir()
    gold_file = ROOT / "benchmarks" / "gold" / "basil_facts.yaml"
    if base is None or not gold_file.exists():
        say("BASIL data or gold annotations not found: skipping the BASIL part")
        return
    basil = [(entry, compare.compare(_story(entry, base), nlp=nlp, progress=False)) for entry in load_yaml(gold_file)["triplets"]]
    if "--causes" in argv:
        for split in ("train", "test"):
            tally: Counter = Counter()
            for entry, bc in basil:
                if entry.get("split", "train") == split:
                    causes(bc, entry["facts"], tally)
            say(f"gold omissions, {split}: " + ", ".join(f"{n} {why}" for why, n in tally.most_common()))
    for k in (None, 1):
        if k == 1:
            say("\nwith min_outlets=1 (facts that one outlet states also reported; not the default):")
            evaluate("seed kim-putin-2019", c, key["facts"], k=1)
        totals = [
            (
                e.get("split", "train"),
                evaluate(
                    f"basil {e['triplet'][:8]} ({e['year']}, {e.get('split', '?')})",
                    bc,
                    e["facts"],
                    diagnose=diagnose and k is None,
                    k=k,
                ),
            )
            for e, bc in basil
        ]
        for split in ("train", "test", "all"):
            part = [t for sp, t in totals if split in (sp, "all")]
            if not part:
                continue
            s = {name: sum(t[name] for t in part) for name in part[0]}
            say(
                f"{'basil ' + split + f' ({len(part)} triplets, micro)':<34}      gold omissions {s['eligible']:>3} ({s['all']})                    "
                f"recall {s['hits'] / max(s['eligible'], 1):.2f} ({s['hits_all'] / max(s['all'], 1):.2f})  "
                f"false-missing {s['fm']}/{s['tp_rows'] + s['fm']} = {s['fm'] / max(s['tp_rows'] + s['fm'], 1):.2f}  rows {s['rows']}"
            )
    say(f"(seed recall {seed['hits'] / max(seed['eligible'], 1):.2f}; total time {time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main(sys.argv[1:])
