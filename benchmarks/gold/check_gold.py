"""Validate the hand-made BASIL fact annotations in basil_facts.yaml.

Checks, for every fact of every triplet:
  * each locator is 3-8 words, occurs exactly once in its article's text
    (paragraphs joined by "\\n\\n", sentences by " ") and lies inside a
    single sentence string;
  * stated_by names >= 2 outlets, omitted_by is disjoint from it, and together
    they cover exactly {fox, nyt, hpo};
  * the article file stems exist and their `source` matches the outlet key
    (case-insensitively: a few BASIL files say "NYT", "FOX", "HPO");
  * every triplet has `split: train` or `split: test`, and no triplet uuid
    appears twice (so no event is in both splits).
It prints the number of triplets and facts per split.

It also validates basil_conflicts.yaml (next to this script) when it exists:
each entry has a triplet/year/split, a `thing`, two different outlets `a` and
`b` whose locators follow the rules above and contain their `value`, a
`kind` of conflict | rounding | more-than and a `form` of number | year | date.

The BASIL data is read from $COMPARE_BASIL_DIR, or else from
../shared/benchmarks/basil-dev relative to the repository root.  When the
folder is absent the script says so and exits with status 0.

Usage:  python benchmarks/gold/check_gold.py [basil_facts.yaml [basil_conflicts.yaml]]
"""

import json
import os
import sys
from pathlib import Path

import yaml

OUTLETS = {"fox", "nyt", "hpo"}
SPLITS = ("train", "test")
KINDS = ("conflict", "rounding", "more-than")
FORMS = ("number", "year", "date")
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
    per_split = {s: [0, 0] for s in SPLITS}  # split -> [triplets, facts]
    seen = set()
    for trip in gold["triplets"]:
        tid, year = trip["triplet"], trip["year"]
        where = tid[:8]
        if tid in seen:
            errors.append(f"{where}: triplet listed twice")
        seen.add(tid)
        split = trip.get("split")
        if split not in SPLITS:
            errors.append(f"{where}: split must be one of {list(SPLITS)}, not {split!r}")
        else:
            per_split[split][0] += 1
            per_split[split][1] += len(trip.get("facts") or [])
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
            if str(art.get("source", "")).lower() != outlet:
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
                    problem = check_locator(loc, text, sents)
                    if problem:
                        errors.append(f"{fid}: {outlet} {problem}")
    return errors, len(gold["triplets"]), n_facts, n_locators, per_split


def find_article(base, year, tid, outlet):
    """Return (text, sentences) of the triplet's article from `outlet`."""
    for path in sorted((base / "articles" / str(year)).glob(f"{tid}_*.json")):
        art, text, sents = load_article(base, year, path.stem)
        if str(art.get("source", "")).lower() == outlet:
            return text, sents
    raise OSError(f"no {outlet} article for {tid} in {year}")


def check_locator(loc, text, sents):
    """Return an error message for a bad locator, or None."""
    nwords = len(str(loc).split())
    if not 3 <= nwords <= 8:
        return f"locator has {nwords} words: {loc!r}"
    count = text.count(loc)
    if count != 1:
        return f"locator found {count}x: {loc!r}"
    if not any(loc in s for s in sents):
        return f"locator spans sentences: {loc!r}"
    return None


def check_conflicts(path, base, fact_splits=None):
    """Validate basil_conflicts.yaml; return (errors, counts per kind).

    `fact_splits` maps triplet uuid -> split in basil_facts.yaml; a conflict
    on an annotated triplet must carry the same split.
    """
    fact_splits = fact_splits or {}
    with open(path, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    errors = []
    kinds = {k: 0 for k in KINDS}
    for i, c in enumerate(gold.get("conflicts") or []):
        where = f"conflict #{i + 1} ({str(c.get('triplet', '?'))[:8]})"
        if c.get("kind") not in KINDS:
            errors.append(f"{where}: kind must be one of {list(KINDS)}, not {c.get('kind')!r}")
        else:
            kinds[c["kind"]] += 1
        if c.get("form") not in FORMS:
            errors.append(f"{where}: form must be one of {list(FORMS)}, not {c.get('form')!r}")
        if c.get("split") not in SPLITS:
            errors.append(f"{where}: split must be one of {list(SPLITS)}")
        elif fact_splits.get(c.get("triplet"), c["split"]) != c["split"]:
            errors.append(f"{where}: split differs from basil_facts.yaml")
        if not str(c.get("thing", "")).strip():
            errors.append(f"{where}: empty 'thing'")
        sides = [c.get("a") or {}, c.get("b") or {}]
        if sides[0].get("outlet") == sides[1].get("outlet"):
            errors.append(f"{where}: a and b must be different outlets")
        for side in sides:
            outlet, loc, value = side.get("outlet"), side.get("locator"), side.get("value")
            if outlet not in OUTLETS or not loc or not value:
                errors.append(f"{where}: each side needs outlet (fox|nyt|hpo), locator, value")
                continue
            try:
                text, sents = find_article(base, c.get("year"), c.get("triplet"), outlet)
            except OSError as exc:
                errors.append(f"{where}: {exc}")
                continue
            problem = check_locator(loc, text, sents)
            if problem:
                errors.append(f"{where}: {outlet} {problem}")
            if str(value) not in str(loc):
                errors.append(f"{where}: {outlet} value {value!r} not inside its locator")
    return errors, kinds


def main():
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "basil_facts.yaml"
    conflicts_path = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "basil_conflicts.yaml"
    base = data_dir()
    if not (base / "articles").is_dir():
        print(f"BASIL data not found at {base}; set COMPARE_BASIL_DIR. Skipping check.")
        return 0
    errors, n_trip, n_facts, n_locs, per_split = check(gold_path, base)
    for e in errors:
        print("ERROR", e)
    for split, (n_t, n_f) in per_split.items():
        print(f"{split:5}: {n_t} triplets, {n_f} facts")
    status = "FAILED" if errors else "OK"
    print(f"{status}: {n_trip} triplets, {n_facts} facts, {n_locs} locators, {len(errors)} errors")
    failed = bool(errors)
    if conflicts_path.is_file():
        with open(gold_path, encoding="utf-8") as f:
            fact_splits = {t["triplet"]: t.get("split") for t in yaml.safe_load(f)["triplets"]}
        c_errors, kinds = check_conflicts(conflicts_path, base, fact_splits)
        for e in c_errors:
            print("ERROR", e)
        counts = ", ".join(f"{n} {k}" for k, n in kinds.items())
        status = "FAILED" if c_errors else "OK"
        print(f"{status}: conflicts file: {counts}, {len(c_errors)} errors")
        failed = failed or bool(c_errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
