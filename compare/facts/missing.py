"""Missing facts: one row per claim an outlet leaves out, ranked so a reader can use the list.

A *claim* is an alignment group or an unaligned sentence
(:mod:`~compare.facts.claims`). The names, numbers and quotations in a claim's
sentences are details of that claim's row, not rows of their own; an entity,
number or quotation gets its own row only when no claim carries it.

Before an outlet is said to leave a fact out, its sentences, its headline,
its dateline and its quotations are searched for a counterpart
(:mod:`~compare.facts.stating`).
Wire copies (:mod:`compare.copies`) count as one source. Outlet names, wire
agencies, bylines and reporters' names are never facts
(:mod:`~compare.facts.filters`).
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict

import pandas as pd

from ..alignment import AlignedStory
from ..datelines import parse_dateline
from ..errors import CompareWarning
from ..settings import Settings
from .analysis import as_analysis
from .coverage import claim_counterparts, counterpart
from .filters import bylines
from .stating import STATING_VIA, Headlines, QuotedWords, figure_missing, how_stated, is_weak, strong_links
from .units import FactAnalysis, FactUnit, is_lead

__all__ = ["MISSING_COLUMNS", "SUMMARY_COLUMNS", "missing_facts", "missing_summary", "default_min_outlets"]
__all__ += ["fact_roles"]

#: Columns of :func:`missing_facts` (``Comparison.missing``).
MISSING_COLUMNS = [
    "outlet",
    "article",
    "fact",
    "kind",
    "label",
    "details",
    "stated_by",
    "n_stated",
    "importance",
    "evidence",
    "evidence_article",
    "evidence_start",
    "evidence_end",
    "note",
]
#: Columns of :func:`missing_summary`.
SUMMARY_COLUMNS = ["outlet", "article", "left_out", "of", "summary", "top"]
_TOP = 3


def default_min_outlets(n_outlets: int) -> int:
    """Half of the other outlets, rounded up; at least 2 once there are 3 outlets.

    A fact only one outlet states is that outlet's own (see
    :func:`~compare.facts.unique_facts`): on the benchmarks more than half of
    such "omissions" were paraphrases the aligner missed, so they are not
    reported as missing by default. Copy families count as one outlet.
    """
    others = n_outlets - 1
    return max(1 if others < 2 else 2, math.ceil(others / 2))


def _non_fact_claim(aligned: AlignedStory, f: FactUnit) -> bool:
    """A claim whose every sentence is a byline or credit line, or a dateline alone."""
    for k in f.sentences():
        s = aligned.sentences[k]
        text = s.text.strip()
        d = parse_dateline(text)
        rest = text[d.end :] if d else text
        if len(rest.split()) >= 3 and not bylines(text):
            return False
    return True


def _details(an: FactAnalysis, claims: list[FactUnit]) -> tuple[dict[str, list[FactUnit]], set[str]]:
    """Entities, numbers and quotations carried by each claim; and the ids of every carried fact."""
    claim_of: dict[int, list[FactUnit]] = defaultdict(list)
    for c in claims:
        for k in c.sentences():
            claim_of[k].append(c)
    details: dict[str, list[FactUnit]] = defaultdict(list)
    carried: set[str] = set()
    for f in an.facts:
        if f.kind == "claim":
            continue
        owners = {c.fact: c for k in f.sentences() for c in claim_of.get(k, [])}
        if owners:
            carried.add(f.fact)
            for owner in owners:
                details[owner].append(f)
    return details, carried


def _importance(aligned: AlignedStory, f: FactUnit, n_sources: int, details: list[FactUnit]) -> float:
    stating = list(f.evidence)
    lead = sum(any(is_lead(aligned, ev["_k"]) for ev in f.evidence[a]) for a in stating) / max(len(stating), 1)
    has_number = f.kind == "number" or any(d.kind == "number" for d in details)
    has_quote = f.kind == "quote" or any(d.kind == "quote" for d in details)
    return round(n_sources + 0.5 * lead + 0.25 * has_number + 0.25 * has_quote, 3)


def _quote_mates(an: FactAnalysis) -> dict[int, frozenset[int]]:
    """Sentence id -> every sentence of the one quotation it is part of (spaCy may cut a remark in two)."""
    aligned = an.aligned
    mates: dict[int, frozenset[int]] = {}
    for record in an.quotes:
        q = record["q"]
        first, last = aligned.sentence_at(record["a"], q.start), aligned.sentence_at(record["a"], max(q.start, q.end - 1))
        if first is not None and last is not None and last > first:
            span = frozenset(range(first, last + 1))
            for k in span:
                mates[k] = mates.get(k, frozenset()) | span
    return mates


def _with_quote_mates(sentences: set[int] | frozenset[int], mates: dict[int, frozenset[int]]) -> set[int]:
    """``sentences`` plus the other sentences of any quotation they are part of: one remark is one missing fact."""
    out = set(sentences)
    for k in sentences:
        out |= mates.get(k, frozenset())
    return out


def order_facts(claims: list[FactUnit], standalone: list[FactUnit]) -> list[tuple[int, FactUnit]]:
    """Claims stated by more outlets first (so a fact's fullest version is listed), then story order."""
    facts = list(enumerate(claims + standalone))
    return sorted(facts, key=lambda pf: (pf[1].kind != "claim", -len(pf[1].evidence), pf[0]))


def missing_facts(source: FactAnalysis | AlignedStory, min_outlets: int | None = None) -> pd.DataFrame:
    """Facts an outlet omits that at least ``min_outlets`` other sources state.

    One row per omitted claim; the names, numbers and quotations of that
    claim's sentences are its ``details``. An entity, number or quotation has
    its own row only when no claim carries it. Before a fact is reported
    missing from an outlet, that outlet is searched for a counterpart: a
    sentence the aligner scored at least :data:`~compare.facts.COUNTERPART_CUTOFF`
    against a sentence stating the fact, a passage holding at least
    :data:`~compare.facts.CONTENT_CUTOFF` of the fact's weighted names,
    numbers and words, a sentence close in meaning (the semantic signal), the
    same amount in any form (numbers), any name variant (entities), a
    version of the same quoted words (:data:`QUOTED_RUN` in a run), its
    headline or its dateline. Outlet names, wire agencies, bylines and
    reporters' names are never facts.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).
    min_outlets : int, optional
        How many sources (copy families count once) must state a fact. Default
        (:func:`default_min_outlets`): half of the other sources, rounded up,
        at least 2 when there are three or more.

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, fact), most important first, then outlet and
        story order. Columns (:data:`MISSING_COLUMNS`): ``outlet``,
        ``article`` (the omitting outlet and its article id), ``fact``,
        ``kind``, ``label``, ``details`` (list of the entities, numbers and
        quotations the claim carries that the outlet never states either),
        ``stated_by`` (outlet labels), ``n_stated`` (sources stating it: a copy
        family counts once), ``importance`` (``n_stated``, plus up to 0.5 when
        it is in the outlets' first paragraphs, 0.25 when it carries a number,
        0.25 when it carries a quotation), ``evidence`` (the full text of a
        sentence that states it), ``evidence_article``, ``evidence_start``,
        ``evidence_end`` (where that sentence is), ``note``.

    Warns
    -----
    CompareWarning
        When the story has a single outlet: nothing can be missing.
    """
    an = as_analysis(source)
    aligned = an.aligned
    if len(an.outlets) < 2:
        warnings.warn(
            f"{aligned.story.name}: one outlet only, so no fact can be missing; add another outlet's article",
            CompareWarning,
            stacklevel=2,
        )
        return pd.DataFrame([], columns=MISSING_COLUMNS)
    if min_outlets is not None:
        Settings(min_outlets=min_outlets)  # the one place options are checked
    family = an.family
    n_sources = len(set(family.values()))
    k_min = default_min_outlets(n_sources) if min_outlets is None else min_outlets
    claims = [f for f in an.facts if f.kind == "claim" and not _non_fact_claim(aligned, f)]
    details, carried = _details(an, claims)
    standalone = [f for f in an.facts if f.kind != "claim" and f.fact not in carried]
    heads = Headlines(an)
    mates = _quote_mates(an)
    quoted = QuotedWords(an)
    rows, seen = [], set()
    covered: dict[int, set[int]] = defaultdict(set)  # outlet -> sentences of facts already listed as missing from it
    for pos, f in order_facts(claims, standalone):
        stating = [a for a in an.outlets if a in f.evidence]
        via = strong_links(an, f) if f.kind == "claim" and "link" in STATING_VIA else {}
        sources = sorted({family[a] for a in [*stating, *via]})
        if len(sources) < k_min:
            continue
        found = {o: how_stated(an, f, o, quoted)[:2] for o in an.outlets if o not in f.evidence}
        sents = f.sentences().union(*via.values()) if via else f.sentences()
        for outlet in an.outlets:
            if outlet in f.evidence or heads.states(f, outlet):
                continue
            weak = is_weak(an, f, *found[outlet])
            if found[outlet][0] and not (weak and figure_missing(an, details.get(f.fact, []), outlet)):
                continue
            if via and not weak and claim_counterparts(an, f, outlet, sents)[0]:
                continue  # it states what another outlet's counterpart says
            key = (outlet, f.label)
            if key in seen or (f.kind == "claim" and _with_quote_mates(f.sentences(), mates) & covered[outlet]):
                continue
            seen.add(key)
            covered[outlet] |= _with_quote_mates(sents, mates)
            own = [d for d in details.get(f.fact, []) if outlet not in d.evidence and not counterpart(aligned, an, d, outlet)[0]]
            ev = f.evidence[stating[0]][0]
            art = aligned.parsed[outlet].article
            imp = _importance(aligned, f, len(sources), details.get(f.fact, []))
            notes = [f.note] if f.note and f.kind != "claim" else []
            if via:
                notes.append("also stated (other words) by " + ", ".join(aligned.labels[a] for a in sorted(via)))
            if len(sources) < len(stating) + len(via):
                fams = defaultdict(list)
                for a in sorted([*stating, *via]):
                    fams[family[a]].append(aligned.labels[a])
                notes += [" and ".join(ls) + " are copies of one text: counted once" for ls in fams.values() if len(ls) > 1]
            if family[outlet] in sources:
                notes.append("its copy of the same text keeps it: an edit")
            if len(sources) == 1:
                notes.append("stated by one source only: check by hand")
            rows.append(
                (
                    (-imp, outlet, pos),
                    (
                        aligned.labels[outlet],
                        art.id,
                        f.fact,
                        f.kind,
                        f.label,
                        [d.label for d in own],
                        [aligned.labels[a] for a in sorted([*stating, *via])],
                        len(sources),
                        imp,
                        ev["text"],
                        ev["article"],
                        ev["start"],
                        ev["end"],
                        "; ".join(notes),
                    ),
                )
            )
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=MISSING_COLUMNS)


def fact_roles(source: FactAnalysis | AlignedStory) -> dict[str, str]:
    """How :func:`missing_summary` treats each fact id, so the report can mark what it counts.

    ``counted``: a claim (or a name, number or quotation no claim carries) most
    sources state — the denominator; ``few``: such a fact fewer sources state;
    ``detail``: a name, number or quotation inside a claim; ``not a fact``: a
    byline, credit line or dateline.
    """
    an = as_analysis(source)
    family, majority = an.family, len(set(an.family.values())) // 2 + 1
    claims = [f for f in an.facts if f.kind == "claim" and not _non_fact_claim(an.aligned, f)]
    _, carried = _details(an, claims)
    pool = {f.fact for f in claims} | {f.fact for f in an.facts if f.kind != "claim" and f.fact not in carried}
    widely = {f.fact for f in an.facts if len({family[a] for a in f.evidence if a in family}) >= majority}
    return {
        f.fact: ("counted" if f.fact in widely else "few") if f.fact in pool else "detail" if f.kind != "claim" else "not a fact"
        for f in an.facts
    }


def missing_summary(source: FactAnalysis | AlignedStory | pd.DataFrame, *, top: int = _TOP) -> pd.DataFrame:
    """Per outlet: "leaves out k of the n facts that at least m of the s sources state", with the top items.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).
    top : int
        How many of the most important omitted facts to list per outlet.

    Returns
    -------
    pandas.DataFrame
        One row per outlet, story order. Columns (:data:`SUMMARY_COLUMNS`):
        ``outlet``, ``article``, ``left_out`` (k), ``of`` (n: the facts most
        sources — more than half, copy families counted once — state; see
        :func:`fact_roles`), ``summary`` (the sentence above, with its numbers),
        ``top`` (labels of its ``top`` most important omissions among them).
    """
    an = as_analysis(source)
    aligned = an.aligned
    n_sources = len(set(an.family.values()))
    majority = n_sources // 2 + 1
    missing = missing_facts(an, min_outlets=max(1, min(majority, n_sources))) if len(an.outlets) > 1 else None
    widely = {fact for fact, role in fact_roles(an).items() if role == "counted"}
    n = len(widely)
    sources = "outlets" if n_sources == len(an.outlets) else "sources (copies of one text count once)"
    of = f"the {n} fact{'' if n == 1 else 's'} that at least {majority} of the {n_sources} {sources} state"
    rows = []
    for a in an.outlets:
        art = aligned.parsed[a].article
        label = aligned.labels[a]
        mine = missing[(missing.article == art.id) & missing.fact.isin(widely)] if missing is not None else None
        k = 0 if mine is None else len(mine)
        items = [] if mine is None else mine.label.head(top).tolist()
        text = f"{label} leaves out {k} of {of}" if n_sources > 1 else f"{label} is the only source: nothing can be missing"
        rows.append((label, art.id, k, n, text, items))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
