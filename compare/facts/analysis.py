"""The fact analysis of an aligned story: every kind of fact unit, found once.

:func:`analyse_facts` runs the finders of :mod:`~compare.facts.claims`,
:mod:`~compare.facts.quotes`, :mod:`~compare.facts.numbers` and
:mod:`~compare.facts.entities`; every facts table reads its result through
:func:`as_analysis`.
"""

from __future__ import annotations

from typing import Any

from ..alignment import AlignedStory
from ..errors import UsageTypeError
from ..numbers import find_quantities
from .claims import claim_facts
from .entities import entity_facts
from .filters import is_non_fact, non_fact_names
from .numbers import number_facts
from .quotes import quote_facts, quote_records
from .units import FactAnalysis

__all__ = ["analyse_facts", "as_analysis"]


def analyse_facts(aligned: AlignedStory) -> FactAnalysis:
    """Find the fact units of an aligned story once; every facts table reads the result.

    :class:`~compare.Comparison` caches it as ``fact_analysis``.
    """
    return _analyse(aligned)


def as_analysis(source: FactAnalysis | AlignedStory | Any) -> FactAnalysis:
    """The fact analysis of ``source``: a :class:`FactAnalysis`, an :class:`AlignedStory`
    (analysed now) or a :class:`~compare.Comparison` (its cached ``fact_analysis``)."""
    if isinstance(source, FactAnalysis):
        return source
    if isinstance(source, AlignedStory):
        return analyse_facts(source)
    cached = getattr(source, "fact_analysis", None)
    if isinstance(cached, FactAnalysis):
        return cached
    raise UsageTypeError("facts", f"need a Comparison, an AlignedStory or a FactAnalysis, not {type(source).__name__}")


def _analyse(aligned: AlignedStory) -> FactAnalysis:
    parsed = aligned.parsed
    transcripts = {a for a, p in enumerate(parsed) if str(p.article.meta.get("kind", "")).lower() == "transcript"}
    outlets = [a for a in range(len(parsed)) if a not in transcripts]
    numbers = {a: find_quantities(p.doc) for a, p in enumerate(parsed)}
    quotes = quote_records(aligned, transcripts)
    names = non_fact_names(aligned)  # outlets, wire agencies, bylines: never facts of the story
    facts = (
        claim_facts(aligned, transcripts)
        + quote_facts(aligned, quotes)
        + number_facts(aligned, transcripts, numbers)
        + [f for f in entity_facts(aligned, transcripts) if not is_non_fact(f, names)]
    )
    return FactAnalysis(aligned, facts, outlets, sorted(transcripts), quotes, numbers)
