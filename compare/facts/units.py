"""Fact units and their evidence: the records every facts module shares.

A :class:`FactUnit` is one thing an article states; its evidence records
(:func:`evidence_record`, keys :data:`EVIDENCE_KEYS` plus the private ``_k``,
the flat sentence id) say where each article states it. A
:class:`FactAnalysis` holds the fact units of one aligned story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ..alignment import AlignedStory
from ..copies import CopyPair, copy_families, copy_pairs
from ..embeddings import centred, embed
from ..numbers import Quantity, QuantityMention
from ..snippets import shorten  # re-exported: facts modules cut their labels with it

__all__ = [
    "COUNTERPART_CUTOFF",
    "STATING_CUTOFF",
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
#: Pair score (the aligner's probability, 0–1) from which a sentence of another outlet may be a
#: counterpart of a claim (below the alignment cut-off only when its words or meaning agree, see
#: :func:`compare.facts.coverage.claim_counterparts`). This and the confirming cut-offs were chosen on
#: the training triplets of the BASIL gold for a false-missing rate of at most 0.05
#: (``benchmarks/missing_facts.py``).
COUNTERPART_CUTOFF = 0.15
#: Pair score from which another outlet's sentence counts as *stating* a claim (it then counts among
#: the outlets that state it, so the claim can be missing from the rest).
STATING_CUTOFF = 0.6
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

    @cached_property
    def vectors(self) -> np.ndarray:
        """Centred sentence vectors (the semantic signal, :mod:`compare.embeddings`), one row per
        flat sentence, then one row per article title (row ``len(sentences) + article``)."""
        texts = [s.text for s in self.aligned.sentences]
        texts += [(p.article.title or "").strip() for p in self.aligned.parsed]
        return centred(embed(texts))

    def linked(self, i: int, j: int) -> tuple[bool, float]:
        """Whether the aligner's pair score of sentences ``i`` and ``j`` reaches :data:`COUNTERPART_CUTOFF`, and the score.

        A low bar on purpose: any pair the aligner gives that much chance of
        stating the same fact is enough to keep an outlet from being accused
        of omitting it.
        """
        score = self.aligned.pair_score(i, j)
        return score >= COUNTERPART_CUTOFF, score

    @cached_property
    def neighbours(self) -> dict[int, list[tuple[int, float]]]:
        """Each sentence's scored pairs of at least :data:`COUNTERPART_CUTOFF`: ``k -> [(other, score), ...]``."""
        out: dict[int, list[tuple[int, float]]] = {}
        for (i, j), score in self.aligned.pairs.items():
            if score >= COUNTERPART_CUTOFF:
                out.setdefault(i, []).append((j, score))
                out.setdefault(j, []).append((i, score))
        return out

    @cached_property
    def postings(self) -> dict[tuple[int, str], frozenset[int]]:
        """``(article position, feature) -> sentences`` of that article holding the feature."""
        found: dict[tuple[int, str], set[int]] = {}
        for k, s in enumerate(self.aligned.sentences):
            for f in self.features[k][0]:
                found.setdefault((s.article, f), set()).add(k)
        return {key: frozenset(ks) for key, ks in found.items()}

    def outlet_sentences(self, outlet: int) -> frozenset[int]:
        """Flat ids of the sentences of article position ``outlet`` (cached)."""
        cache = self.__dict__.setdefault("_outlet_sentences", {})
        if outlet not in cache:
            cache[outlet] = frozenset(self.aligned.article_sentences(outlet))
        return cache[outlet]

    def similarity(self, i: int, j: int) -> float:
        """Cosine of two rows of :attr:`vectors` (0 for an empty text)."""
        return float(self.vectors[i] @ self.vectors[j])

    @cached_property
    def copy_pairs(self) -> list[CopyPair]:
        """Pairs of outlets that are copies of one text (:func:`compare.copies.copy_pairs`)."""
        return copy_pairs(self.aligned, self.outlets)

    @cached_property
    def family(self) -> dict[int, int]:
        """Each outlet's copy family: the first article of its family (itself when it copies nobody)."""
        out = {a: a for a in self.outlets}
        for fam in copy_families(self.copy_pairs):
            for a in fam:
                out[a] = fam[0]
        return out


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
