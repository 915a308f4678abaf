"""Validate the hand-made BASIL fact annotations in basil_facts.yaml.

Checks, for every fact of every triplet:
  * each locator is 3-8 words, occurs exactly once in its article's text
    (paragraphs joined by "\\n\\n", sentences by " ") and lies inside a
    single sentence string;
  * stated_by names >= 2 outlets, omitted_by is disjoint from it, and together
    they cover exactly {fox, nyt, hpo};
  * the article file stems exist and their `source` matches the outlet key.

The BASIL data is read from $COMPARE_BASIL_DIR, or else from
../shared/benchmarks/basil-dev relative to the repository root.  When the
folder is absent the script says so and exits with status 0.

Usage:  python benchmarks/gold/check_gold.py [path/to/basil_facts.yaml]
"""

import json
import os
import sys
from pathlib import Path

import yaml

OUTLETS = {"fox", "nyt", "hpo"}
HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]


def data_dir():
    env = os.environ.get("COMPARE_BASIL_DIR")
    if env:
        return Path(env)
    return (REPO_ROOT / ".." / "shared" / "benchmarks" / "basil-dev").resolve()


def load_article(base, year, stem):
    with open(base / "articles" / str(year) / f"{stem}.json", encoding="utf-8") as f:
        art = json.load(f)
    paragraphs = art["body-paragraphs"]
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    sentences = [s for p in paragraphs for s in p]
    return art, text, sentences


def check(gold_path, base):
    with open(gold_path, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    errors = []
    n_facts = n_locators = 0
    for trip in gold["triplets"]:
        tid, year = trip["triplet"], trip["year"]
        where = tid[:8]
        if set(trip["articles"]) != OUTLETS:
            errors.append(f"{where}: articles must name exactly {sorted(OUTLETS)}")
            continue
        arts = {}
        for outlet, stem in trip["articles"].items():
            if not stem.startswith(tid + "_"):
                errors.append(f"{where}: {outlet} stem {stem} is not from this triplet")
            try:
                art, text, sents = load_article(base, year, stem)
            except OSError as exc:
                errors.append(f"{where}: cannot read {stem}: {exc}")
                continue
            if art.get("source") != outlet:
                errors.append(f"{where}: {stem} has source {art.get('source')!r}, not {outlet}")
            arts[outlet] = (text, sents)
        ids = set()
        for fact in trip["facts"]:
            fid = f"{where}/{fact.get('id')}"
            n_facts += 1
            if fact.get("id") in ids:
                errors.append(f"{fid}: duplicate id")
            ids.add(fact.get("id"))
            if not str(fact.get("fact", "")).strip():
                errors.append(f"{fid}: empty 'fact' description")
            stated = fact.get("stated_by") or {}
            omitted = set(fact.get("omitted_by") or [])
            if len(stated) < 2:
                errors.append(f"{fid}: stated_by needs >= 2 outlets")
            if set(stated) & omitted:
                errors.append(f"{fid}: outlet both stated and omitted: {set(stated) & omitted}")
            if set(stated) | omitted != OUTLETS:
                errors.append(f"{fid}: stated_by + omitted_by = {sorted(set(stated) | omitted)}")
            for outlet, locs in stated.items():
                if outlet not in arts:
                    continue
                if not locs:
                    errors.append(f"{fid}: {outlet} has no locators")
                text, sents = arts[outlet]
                for loc in locs:
                    n_locators += 1
                    nwords = len(loc.split())
                    if not 3 <= nwords <= 8:
                        errors.append(f"{fid}: {outlet} locator has {nwords} words: {loc!r}")
                    count = text.count(loc)
                    if count != 1:
                        errors.append(f"{fid}: {outlet} locator found {count}x: {loc!r}")
                    elif not any(loc in s for s in sents):
                        errors.append(f"{fid}: {outlet} locator spans sentences: {loc!r}")
    return errors, len(gold["triplets"]), n_facts, n_locators


def main():
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "basil_facts.yaml"
    base = data_dir()
    if not (base / "articles").is_dir():
        print(f"BASIL data not found at {base}; set COMPARE_BASIL_DIR. Skipping check.")
        return 0
    errors, n_trip, n_facts, n_locs = check(gold_path, base)
    for e in errors:
        print("ERROR", e)
    status = "FAILED" if errors else "OK"
    print(f"{status}: {n_trip} triplets, {n_facts} facts, {n_locs} locators, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
