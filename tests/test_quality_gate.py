"""Quality gate: measured detection quality on the seed story must not fall below pinned floors.

The floors live in ``tests/quality_floors.json``; they may rise, never fall silently.
Full benchmarks (with BASIL) are the scripts in ``benchmarks/``.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import ROOT, locate
from metrics import gold_pairs, predicted_pairs, prf

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def test_alignment_precision_and_recall(seed_comparison, answer_key):
    c = seed_comparison
    ambiguous = {locate(c, a, loc) for a, locs in answer_key["ambiguous"].items() for loc in locs}
    gold = {p for p in gold_pairs(c, answer_key["facts"]) if not p & ambiguous}
    pred = {p for p in predicted_pairs(c) if not p & ambiguous}
    precision, recall, _ = prf(pred, gold)
    assert precision >= FLOORS["seed_alignment_precision"], precision
    assert recall >= FLOORS["seed_alignment_recall"], recall


def test_framing_finds_the_answer_key(seed_comparison, answer_key):
    f = seed_comparison.framing
    expected = answer_key["loaded_language"]
    found = 0
    for item in expected:
        rows = f[(f.article == item["article"]) & f.text.str.contains(item["text"], case=False, regex=False)]
        rows = rows[(rows.category == item["category"]) & (rows.voice == item["voice"])]
        found += len(rows) > 0
    assert found / len(expected) >= FLOORS["seed_framing_answer_key_recall"]


def test_missing_facts_against_the_answer_key(seed_comparison, answer_key):
    c = seed_comparison
    m = c.missing[c.missing.kind == "claim"]
    called, wrong, hit, total = 0, 0, 0, 0
    for fact in answer_key["facts"]:
        a, locs = next(iter(fact["stated_by"].items()))
        group = c.sentences.loc[locate(c, a, locs[0]), "group"]
        if pd.isna(group):
            continue
        fact_id = f"claim:{int(group)}"
        rows = m[m.fact == fact_id]
        for art in rows.article:
            called += 1
            wrong += art in fact["stated_by"]
        total += len(fact["omitted_by"]) if len(fact["stated_by"]) >= 2 else 0
        hit += sum(1 for art in fact["omitted_by"] if art in set(rows.article))
    if not called:
        pytest.fail("no missing facts reported on the seed story")
    assert wrong / called <= FLOORS["seed_missing_false_rate"]
    assert hit / total >= FLOORS["seed_missing_claim_recall"], hit / total
