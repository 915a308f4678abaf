"""Claim facts: alignment groups, and sentences no other outlet aligns with."""

from __future__ import annotations

from collections import defaultdict

from ..alignment import AlignedStory
from .units import FactUnit, evidence_record, shorten

__all__ = ["claim_facts"]

_MIN_CLAIM_WORDS = 5
_LABEL_CHARS = 90  #: width of a claim's label (its first sentence)


def _content_words(span) -> int:
    return sum(1 for t in span if t.is_alpha and not t.is_stop)


def claim_facts(aligned: AlignedStory, transcripts: set[int]) -> list[FactUnit]:
    """One ``claim`` fact per alignment group, and one per ungrouped sentence with enough content."""
    facts: list[FactUnit] = []
    grouped: set[int] = set()
    for kind, g in aligned.rows:
        if kind != "g":
            continue
        evidence: dict[int, list[dict]] = defaultdict(list)
        for s in aligned.group_sentences(g):
            k = aligned.sentence_id(s.article, s.index)
            grouped.add(k)
            if s.article not in transcripts:
                evidence[s.article].append(evidence_record(aligned, k))
        if not evidence:
            continue
        ordered = [ev for a in sorted(evidence) for ev in evidence[a]]
        titles = {(aligned.parsed[a].article.title or "").strip() for a in evidence}
        plain = [ev for ev in ordered if not ev["text"].rstrip().endswith("?") and ev["text"].strip() not in titles]
        first = (plain or ordered)[0]
        facts.append(
            FactUnit(f"claim:{g}", "claim", shorten(first["text"], _LABEL_CHARS), g, dict(evidence), order=(0, ordered[0]["_k"]))
        )
    for k, s in enumerate(aligned.sentences):
        if k in grouped or s.article in transcripts:
            continue
        text = s.text.strip()
        art = aligned.parsed[s.article].article
        if text.endswith("?") or _content_words(s.span) < _MIN_CLAIM_WORDS or text == (art.title or "").strip():
            continue
        ev = evidence_record(aligned, k)
        facts.append(
            FactUnit(f"claim:{art.id}:{s.index}", "claim", shorten(text, _LABEL_CHARS), None, {s.article: [ev]}, order=(0, k))
        )
    facts.sort(key=lambda f: f.order)
    return facts
