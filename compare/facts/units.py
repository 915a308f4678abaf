"""Fact units and their evidence: the records every facts module shares.

A :class:`FactUnit` is one thing an article states; its evidence records
(:func:`evidence_record`, keys :data:`EVIDENCE_KEYS` plus the private ``_k``,
the flat sentence id) say where each article states it. A
:class:`FactAnalysis` holds the fact units of one aligned story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..alignment import AlignedStory
from ..numbers import Quantity, QuantityMention

__all__ = [
    "COUNTERPART_CUTOFF",
    "EVIDENCE_KEYS",
    "FactAnalysis",
    "FactUnit",
    "evidence_record",
    "is_lead",
    "public_evidence",
    "shorten",
]

#: Keys of each evidence record (a dict) in the ``evidence`` columns.
EVIDENCE_KEYS = ["article", "outlet", "sent", "start", "end", "text", "match_start", "match_end"]
#: Score (0–1) from which a sentence of another outlet counts as a possible counterpart of a claim.
COUNTERPART_CUTOFF = 0.4
_LEAD_SENTENCES = 3


# ---------------------------------------------------------------------------
# Internal records


@dataclass
class FactUnit:
    fact: str
    kind: str
    label: str
    value: Any
    evidence: dict[int, list[dict]] = field(default_factory=dict)  # article position -> evidence records
    note: str = ""
    thing: str | None = None
    quantity: Quantity | None = None
    aliases: set[str] = field(default_factory=set)
    order: tuple = ()

    @property
    def articles(self) -> list[int]:
        return sorted(self.evidence)

    def sentences(self) -> set[int]:
        return {ev["_k"] for evs in self.evidence.values() for ev in evs}


@dataclass
class FactAnalysis:
    """The fact units of one aligned story and what the facts tables share.

    ``facts`` are :class:`FactUnit` s in story order; ``outlets`` and
    ``transcripts`` are article positions; ``quotes`` the story's quotations
    with their groups; ``numbers`` each article's quantities.
    """

    aligned: AlignedStory
    facts: list[FactUnit]
    outlets: list[int]  # article positions that are outlets (not transcripts)
    transcripts: list[int]
    quotes: list[dict]
    numbers: dict[int, list[QuantityMention]]

    @property
    def features(self) -> tuple[tuple[frozenset[str], str], ...]:
        """Each sentence's alignment features (shared with the aligner, not recomputed)."""
        return self.aligned.features

    @property
    def weights(self) -> Mapping[str, float]:
        """Each feature's weight, as the aligner computed it."""
        return self.aligned.weights


# ---------------------------------------------------------------------------
# Sentences and evidence


def evidence_record(aligned: AlignedStory, k: int, match: tuple[int, int] | None = None) -> dict:
    """Where flat sentence ``k`` states a fact (the words ``match``, else the whole sentence)."""
    s = aligned.sentences[k]
    art = aligned.parsed[s.article].article
    lo, hi = match if match else (s.start, s.end)
    lo, hi = max(lo, s.start), min(hi, s.end)  # a quotation may run on into the next sentence
    return {
        "article": art.id,
        "outlet": aligned.story.labels[art.id],
        "sent": s.index,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "match_start": lo,
        "match_end": hi,
        "_k": k,
    }


def public_evidence(evs: dict[int, list[dict]]) -> list[dict]:
    """The first evidence record of each article, with the public :data:`EVIDENCE_KEYS` only."""
    return [{key: ev[key] for key in EVIDENCE_KEYS} for a in sorted(evs) for ev in evs[a][:1]]


def is_lead(aligned: AlignedStory, k: int) -> bool:
    """Whether flat sentence ``k`` is in its article's lead (first sentences or first 15%)."""
    s = aligned.sentences[k]
    n = len(aligned.parsed[s.article].article.text)
    return s.index < _LEAD_SENTENCES or s.start < 0.15 * n


def shorten(text: str, width: int = 90) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
