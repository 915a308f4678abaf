"""Facts and coverage: what each outlet states, leaves out, changes or attributes.

A *fact unit* is something an article states that can be looked for in the
others. Four kinds:

- ``claim``: an alignment group (the same event or statement reported by
  several outlets), or a sentence no other outlet aligns with
  (:mod:`~compare.facts.claims`);
- ``entity``: a person, organisation or place, merged across spelling variants
  ("Kim Jong-un" = "Kim Jong Un"), short forms ("Kim", "Cho" = the one full
  name they can stand for), acronyms ("UN" = "United Nations") and a few
  aliases ("US" = "United States"; "Washington" only where it is the subject or
  possessor, i.e. the government), name variants and titles ("Representative
  Paul D. Ryan" = "Paul Ryan") and "the North" (North Korea, when the story
  names it). Every merge is written in the ``note``
  (:mod:`~compare.facts.entities`, name rules in :mod:`~compare.facts.names`);
- ``number``: a quantity normalised by :mod:`compare.numbers`
  ("$500m" = "500 million dollars" = 5e8 USD), with its counted thing
  (:mod:`~compare.facts.numbers`);
- ``quote``: a direct quotation, the versions of one statement across outlets
  grouped (:mod:`~compare.facts.quotes`; see :func:`quote_table`).

Missing facts are checked before they are reported: an outlet is only said to
omit a fact when none of its sentences is a likely counterpart (alignment
score, shared content words and names, the same number in any form, any name
variant of the entity). False "missing" reports accuse an outlet of an omission
it did not make, so these checks lean towards silence.

A transcript in the story (``kind: transcript`` in its front matter) is the
primary source for quotes and is never treated as an outlet.

Modules, each importing only those listed before it:

- :mod:`~compare.facts.units`: :class:`FactUnit`, :class:`FactAnalysis`,
  evidence records (:data:`EVIDENCE_KEYS`) and the helpers they share;
  :mod:`~compare.facts.names`: string rules on person names;
- :mod:`~compare.facts.claims`, :mod:`~compare.facts.entities`,
  :mod:`~compare.facts.numbers`, :mod:`~compare.facts.quotes`: the fact
  units of each kind;
- :mod:`~compare.facts.analysis`: :func:`analyse_facts` (all of them, once)
  and :func:`as_analysis`;
- :mod:`~compare.facts.coverage`: :func:`extract_facts`, :func:`coverage`
  and :func:`unique_facts`, with the counterpart checks;
- :mod:`~compare.facts.filters`: what is never a fact (bylines, wire
  agencies, outlet names; datelines are parsed by :mod:`compare.datelines`);
- :mod:`~compare.facts.stating`: who else states a fact (headline, dateline,
  strong links, the same quoted words);
- :mod:`~compare.facts.missing`: :func:`missing_facts` (one row per omitted
  claim, ranked by ``importance``) and :func:`missing_summary`;
- :mod:`~compare.facts.conflicts`: :func:`conflicts` between numbers;
- :mod:`~compare.facts.sources`: :func:`quote_table` and :func:`sources`.
"""

from __future__ import annotations

from ..datelines import dateline
from ..numbers import Quantity, parse_quantity
from .analysis import analyse_facts, as_analysis
from .conflicts import CONFLICT_COLUMNS, conflicts
from .coverage import (
    CONTENT_CUTOFF,
    FACT_COLUMNS,
    SEMANTIC_CUTOFF,
    UNIQUE_COLUMNS,
    coverage,
    extract_facts,
    unique_facts,
)
from .entities import CAPITAL_METONYMS, ENTITY_ALIASES, entity_key
from .filters import WIRE_AGENCIES
from .missing import MISSING_COLUMNS, SUMMARY_COLUMNS, default_min_outlets, missing_facts, missing_summary
from .quotes import TONE_WORDS
from .sources import QUOTE_COLUMNS, SOURCE_COLUMNS, quote_table, sources
from .units import COUNTERPART_CUTOFF, EVIDENCE_KEYS, FactAnalysis, FactUnit

__all__ = [
    "CAPITAL_METONYMS",
    "CONFLICT_COLUMNS",
    "CONTENT_CUTOFF",
    "COUNTERPART_CUTOFF",
    "ENTITY_ALIASES",
    "EVIDENCE_KEYS",
    "FACT_COLUMNS",
    "MISSING_COLUMNS",
    "QUOTE_COLUMNS",
    "SEMANTIC_CUTOFF",
    "SOURCE_COLUMNS",
    "SUMMARY_COLUMNS",
    "TONE_WORDS",
    "UNIQUE_COLUMNS",
    "WIRE_AGENCIES",
    "FactAnalysis",
    "FactUnit",
    "Quantity",
    "analyse_facts",
    "as_analysis",
    "conflicts",
    "coverage",
    "dateline",
    "default_min_outlets",
    "entity_key",
    "extract_facts",
    "missing_facts",
    "missing_summary",
    "parse_quantity",
    "quote_table",
    "sources",
    "unique_facts",
]
