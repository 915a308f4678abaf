"""Speaker attribution of direct quotations against BASIL's quoted spans (a benchmark, not a test).

BASIL annotates spans inside quotations (``quote: yes``) with their
``speaker`` (``Donald_Trump``, ``Obama_campaign``; ``other_pro`` /
``other_anti`` / ``other_neutral`` for unnamed voices). For every span whose
speaker is named (the ``other_*`` ones are skipped: they name nobody), the
quotation of :func:`compare.quotes.find_quotes` that holds the span is looked
up and its speaker compared with the gold one, name variants folded
("Mr. Trump", "Donald J. Trump", "Trump" all fit ``Donald_Trump``: the gold
surname, or all of a short gold name's words, must be in the prediction and
no other capitalised name).

Figures: spans scored; of them, **correct**, **wrong** (a name that is not
the speaker) and **unknown** (no speaker given); and spans with no quotation
found around them (not scored). Accuracy = correct / scored; the share left
unknown is reported next to it, and the wrong ones are what matters most
(``unknown`` beats a wrong name). The figures are also split by the
train/test split of ``benchmarks/gold/basil_facts.yaml`` (triplets not in it:
``unlisted``); the attribution rules were written while reading errors on
all of ``basil-dev``, so no split is truly held out.

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Only annotations are read (to
locate spans); no article text is printed. Run::

    python benchmarks/speakers.py [--limit N] [--errors]

``--errors`` prints each wrong attribution as (gold, predicted) names only.

``--groups`` also measures quote groups (the ``statement`` id of
``Comparison.quotes``): on the seed answer key's ``quote_changes`` (versions
of one remark in several outlets), and on BASIL-dev triplets of
``benchmarks/gold/basil_facts.yaml``, per split: pairs of one speaker's
quotations (:func:`fits` both ways, different outlets, at least 4 words) that
lie in sentences of one gold fact should share a statement (recall; a lower
bound, as one fact may be told through two remarks); pairs in sentences of two
different gold facts that share one are an upper bound of wrong joins (one
remark may be cut over two facts). ``--cutoffs 0.25 0.5 ...`` repeats the
BASIL part for other values of ``REWORDED_CUTOFF`` (choose on train).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from compare.facts import entity_key  # noqa: E402
from compare.parsing import parse  # noqa: E402
from compare.quotes import find_quotes  # noqa: E402
from compare.vocab import UNKNOWN  # noqa: E402

from _common import ROOT, basil_article, basil_dir, load_yaml, say  # noqa: E402

_OTHER = ("other_", "")
#: Words of gold speakers that name a group of people (scored apart: a member named is not "the exact person").
_GROUP_WORDS = frozenset(
    "campaign lawmakers officials democrats republicans companies catholics protestors protesters plaintiffs "
    "party supporters critics activists administration".split()
)
_TITLES = frozenset("mr mrs ms dr sen rep gov president senator governor the".split())


def gold_key(speaker: str) -> list[str]:
    """Words of a gold speaker name ("Donald_Trump" -> ["donald", "trump"])."""
    return entity_key(speaker.replace("_", " ")).split()


def fits(gold: list[str], predicted: str) -> bool:
    """Whether ``predicted`` names the gold speaker (variants folded)."""
    words = [w for w in entity_key(predicted).split() if w not in _TITLES]
    if not words:
        return False
    if len(gold) >= 2 and any(w.startswith(gold[-1]) for w in words):  # the surname ("Trump", "Donald J. Trump")
        return True  # (startswith: BASIL cuts some names at an accent, "Felipe_Calder")
    return all(w in gold for w in words) or all(w in words for w in gold)


def is_group(speaker: str) -> bool:
    """Whether a gold speaker names a group ("Republican_Lawmakers", "Obama_campaign") rather than one person or body."""
    words = {w.lower() for w in speaker.split("_")}
    return bool(words & _GROUP_WORDS) or "and" in words


def spans(ann_path: Path, text: str) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of each named quoted span, located in ``text`` (first occurrence)."""
    data = json.loads(ann_path.read_text(encoding="utf-8"))
    out = []
    for a in data.get("phrase-level-annotations", []):
        sp = (a.get("speaker") or "").strip()
        if a.get("quote") != "yes" or not sp or sp.startswith(_OTHER[0]):
            continue
        txt = a.get("txt", "").strip().strip("“”\"'‘’ ")
        pos = text.find(txt) if txt else -1
        if pos >= 0:
            out.append((pos, pos + len(txt), sp))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="score at most N articles")
    ap.add_argument("--errors", action="store_true", help="print wrong attributions (names only)")
    ap.add_argument("--groups", action="store_true", help="also measure quote groups (statements)")
    ap.add_argument(
        "--cutoffs", type=float, nargs="*", help="with --groups: also try these REWORDED_CUTOFF values (choose on train)"
    )
    args = ap.parse_args(argv)
    base = basil_dir()
    if base is None:
        say("BASIL data not found: skipping")
        return 0
    t0 = time.perf_counter()
    work = []
    for ann in sorted(base.glob("annotations/*/*_ann.json")):
        stem = ann.name.removesuffix("_ann.json")
        art, _ = basil_article(stem, base)
        found = spans(ann, art.text)
        if found:
            work.append((compare.Article(id=stem, outlet=art.outlet, text=art.text, title=art.title), found))
    if args.limit:
        work = work[: args.limit]
    nlp = compare.load_nlp()
    parsed = parse([a for a, _ in work], nlp=nlp, progress=False)
    counts: Counter[str] = Counter()
    by_split: dict[str, Counter[str]] = defaultdict(Counter)
    split_of = {e["triplet"]: e.get("split", "?") for e in load_yaml(ROOT / "benchmarks/gold/basil_facts.yaml")["triplets"]}
    groups: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    errors = []
    for p, (_, found) in zip(parsed, work):
        quotes = find_quotes(p)
        for s, e, sp in found:
            q = next((q for q in quotes if q.start <= s + 1 and e - 1 <= q.end), None)
            q = q or next((q for q in quotes if q.start < e and s < q.end), None)
            if q is None:
                counts["no quotation found"] += 1
                continue
            if is_group(sp):
                groups[
                    "unknown" if q.speaker == UNKNOWN else "fits" if fits(gold_key(sp), q.speaker) else "a member or other"
                ] += 1
                continue
            split = by_split[split_of.get(p.article.id.rsplit("_", 1)[0], "unlisted")]
            if q.speaker == UNKNOWN:
                counts["unknown"] += 1
                split["unknown"] += 1
            elif fits(gold_key(sp), q.speaker):
                counts["correct"] += 1
                split["correct"] += 1
                notes["via " + (q.note.split(":")[0] if q.note else "a name in the attribution")] += 1
            else:
                counts["wrong"] += 1
                split["wrong"] += 1
                errors.append((sp, q.speaker, q.note))
    scored = counts["correct"] + counts["wrong"] + counts["unknown"]
    say(f"BASIL-dev named quoted spans: {scored + counts['no quotation found'] + sum(groups.values())} in {len(work)} articles")
    say(f"  no quotation found around the span (not scored): {counts['no quotation found']}")
    say(f"  gold speaker is a group (not scored as a person): {dict(sorted(groups.items()))}")
    say(
        f"  person or organisation, scored {scored}: correct {counts['correct']} ({counts['correct'] / max(scored, 1):.1%}), "
        f"wrong {counts['wrong']} ({counts['wrong'] / max(scored, 1):.1%}), "
        f"unknown {counts['unknown']} ({counts['unknown'] / max(scored, 1):.1%})"
    )
    named = counts["correct"] + counts["wrong"]
    say(f"  precision when a speaker is named: {counts['correct'] / max(named, 1):.1%}")
    for name in ("train", "test", "unlisted"):
        c = by_split[name]
        say(f"    {name} triplets of the facts gold: correct {c['correct']}, wrong {c['wrong']}, unknown {c['unknown']}")
    for k, v in sorted(notes.items()):
        say(f"    correct, {k}: {v}")
    if args.errors:
        for g, pr, note in errors:
            say(f"    WRONG gold={g!r} predicted={pr!r} {note}")
    if args.groups:
        quote_groups(nlp, args.cutoffs)
    say(f"({time.perf_counter() - t0:.1f}s)")
    return 0


def _quote_rows(c: compare.Comparison, article: str, sentence: tuple[int, int]) -> list:
    q = c.quotes
    rows = q[(q.article == article) & (q.start < sentence[1]) & (q.end > sentence[0])]
    return list(rows.itertuples())


def quote_groups(nlp, cutoffs: list[float] | None = None) -> None:
    """Recall of the ``statement`` grouping on the seed answer key and on co-located BASIL quotations."""
    from _common import ROOT, SEED, load_yaml, sentence_at

    key = load_yaml(SEED / "answer_key.yaml")
    c = compare.compare(compare.load_story(SEED), nlp=nlp, progress=False)
    hit = total = 0
    for change in key.get("quote_changes", []):
        first = change["fact"]
        fact = next(f for f in key["facts"] if f["id"] == first)
        sents = {a: [c.aligned.sentences[sentence_at(c, a, loc)] for loc in locs] for a, locs in fact["stated_by"].items()}
        ids = {}
        for a in change["versions"]:
            rows = [r for s in sents.get(a, []) for r in _quote_rows(c, a, (s.start, s.end))]
            ids[a] = {r.statement for r in rows}
        outs = sorted(ids)
        for i, x in enumerate(outs):
            for y in outs[i + 1 :]:
                total += 1
                hit += bool(ids[x] & ids[y])
    say(f"quote groups, seed answer key: {hit}/{total} pairs of versions share a statement")
    base = basil_dir()
    gold_file = ROOT / "benchmarks" / "gold" / "basil_facts.yaml"
    if base is None or not gold_file.exists():
        return
    import dataclasses

    from compare.facts import statements

    from _common import basil_story

    stories = []
    for entry in load_yaml(gold_file)["triplets"]:
        story = basil_story(entry, base)
        stories.append((entry, compare.Story([dataclasses.replace(a, id=a.id.lower()) for a in story], name=story.name)))
    shipped = statements.REWORDED_CUTOFF
    cutoffs = sorted({shipped, *(cutoffs or ())})
    try:
        for cutoff in cutoffs:
            statements.REWORDED_CUTOFF = cutoff
            figures: dict[str, Counter[str]] = defaultdict(Counter)
            for entry, story in stories:
                c = compare.compare(story, nlp=nlp, progress=False)
                figures[entry.get("split", "train")].update(_statement_pairs(c, entry["facts"]))
            for split in ("train", "test"):
                f = figures[split]
                say(
                    f"quote groups, BASIL {split}, cut-off {cutoff:.2f}{' (shipped)' if cutoff == shipped else ''}: "
                    f"same fact {f['hit']}/{f['same']} share a statement ({f['hit'] / max(f['same'], 1):.1%}); "
                    f"different facts {f['joined']}/{f['different']} joined ({f['joined'] / max(f['different'], 1):.1%})"
                )
    finally:
        statements.REWORDED_CUTOFF = shipped


def _statement_pairs(c: compare.Comparison, facts: list[dict]) -> Counter[str]:
    """Pairs of one speaker's quotations (>= 4 words, different outlets) in gold facts: same fact or not, joined or not."""
    from _common import sentence_at

    found = []
    for n, fact in enumerate(facts):
        for a, locs in fact["stated_by"].items():
            for loc in locs:
                s = c.aligned.sentences[sentence_at(c, a, loc)]
                found += [(n, a, r) for r in _quote_rows(c, a, (s.start, s.end)) if len(r.text.split()) >= 4]
    out: Counter[str] = Counter()
    seen = set()
    for i, (n, a, r) in enumerate(found):
        for m, b, t in found[i + 1 :]:
            key = (a, r.start, b, t.start)
            if a == b or key in seen or UNKNOWN in (r.speaker, t.speaker) or not fits(gold_key(r.speaker), t.speaker):
                continue
            seen.add(key)
            kind = "same" if n == m else "different"
            out[kind] += 1
            out["hit" if n == m else "joined"] += r.statement == t.statement
    return out


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
