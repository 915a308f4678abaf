"""Coverage: which outlet states which fact, and which facts an outlet leaves out.

Missing facts are checked before they are reported: an outlet is only said to
omit a fact when none of its sentences is a likely counterpart (alignment
score, shared content words and names, the same number in any form, any name
variant of the entity). False "missing" reports accuse an outlet of an omission
it did not make, so these checks lean towards silence.
"""

from __future__ import annotations

import math
import warnings
from itertools import pairwise

import pandas as pd

from ..alignment import AlignedStory
from ..errors import CompareWarning
from ..numbers import same_amount
from ..settings import Settings
from .analysis import as_analysis
from .entities import entity_key
from .units import (
    COUNTERPART_CUTOFF,
    FactAnalysis,
    FactUnit,
    is_lead,
    public_evidence,
    shorten,
)

__all__ = [
    "CONTENT_CUTOFF",
    "FACT_COLUMNS",
    "MISSING_COLUMNS",
    "UNIQUE_COLUMNS",
    "coverage",
    "default_min_outlets",
    "extract_facts",
    "missing_facts",
    "unique_facts",
]

#: Columns of :func:`extract_facts` (``Comparison.facts``).
FACT_COLUMNS = ["fact", "kind", "label", "value", "articles", "outlets", "n_outlets", "importance", "evidence", "note"]
#: Columns of :func:`missing_facts` (``Comparison.missing``).
MISSING_COLUMNS = [
    "outlet",
    "article",
    "fact",
    "kind",
    "label",
    "stated_by",
    "n_stated",
    "importance",
    "evidence",
    "evidence_article",
    "evidence_start",
    "evidence_end",
    "note",
]
#: Columns of :func:`unique_facts` (``Comparison.unique``).
UNIQUE_COLUMNS = [
    "outlet",
    "article",
    "fact",
    "kind",
    "label",
    "importance",
    "evidence",
    "evidence_start",
    "evidence_end",
    "note",
]
#: Share of a claim's weighted content that an outlet's passage must contain to count as stating it.
CONTENT_CUTOFF = 0.3


def _importance(aligned: AlignedStory, f: FactUnit) -> float:
    lead = sum(any(is_lead(aligned, ev["_k"]) for ev in evs) for evs in f.evidence.values())
    return round(len(f.evidence) + 0.5 * lead / max(len(f.evidence), 1), 3)


def _labels_of(aligned: AlignedStory, arts: list[int]) -> list[str]:
    return [aligned.labels[a] for a in arts]


def extract_facts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Fact units found in any article of a comparison.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per fact, claims first, then quotes, numbers and entities, each
        in reading order. Columns (:data:`FACT_COLUMNS`):

        - ``fact``: id, e.g. ``claim:3`` (alignment group 3), ``claim:wire:7``
          (a sentence no other outlet aligns with), ``quote:2``,
          ``number:t:2000``, ``entity:kim-jong-un``;
        - ``kind``: ``claim``, ``quote``, ``number`` or ``entity``;
        - ``label``: a short readable description;
        - ``value``: group number (claim), quotation text (quote), normalised
          value (number: float, ``(low, high)`` or ISO date) or name (entity);
        - ``articles``: ids of the articles stating it; ``outlets``: their labels;
        - ``n_outlets``: how many outlets state it;
        - ``importance``: ``n_outlets`` plus up to 0.5 for lead position;
        - ``evidence``: one record per article (dict with :data:`EVIDENCE_KEYS`:
          sentence text and offsets, and the offsets of the matched words);
        - ``note``: merges made (spelling variants, short forms), numbers as
          written, quote attribution remarks.
    """
    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for f in an.facts:
        arts = f.articles
        rows.append(
            (
                f.fact,
                f.kind,
                f.label,
                f.value,
                [aligned.parsed[a].article.id for a in arts],
                _labels_of(aligned, arts),
                len(arts),
                _importance(aligned, f),
                public_evidence(f.evidence),
                f.note,
            )
        )
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def coverage(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Which outlet states which fact: a boolean fact × outlet matrix.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Index ``fact`` (ids as in :func:`extract_facts`), one boolean column per
        outlet (story display labels, story order; transcripts excluded). Rows
        ordered by the number of outlets stating the fact (most first), then
        importance, then the order of :func:`extract_facts`.
    """
    an = as_analysis(source)
    aligned = an.aligned
    labels = _labels_of(aligned, an.outlets)
    rows, keys = [], []
    for pos, f in enumerate(an.facts):
        row = [a in f.evidence for a in an.outlets]
        rows.append(row)
        keys.append((-sum(row), -_importance(aligned, f), pos))
    df = pd.DataFrame(rows, columns=labels, index=pd.Index([f.fact for f in an.facts], name="fact"), dtype=bool)
    order = sorted(range(len(rows)), key=lambda i: keys[i])
    return df.iloc[order]


# ---------------------------------------------------------------------------
# Counterpart checks (before calling a fact missing)


def _content_share(an: FactAnalysis, source: int, passage: set[str]) -> float:
    """Weighted share of a sentence's features found in a passage's features."""
    feats = an.features[source][0]
    total = sum(an.weights.get(f, 0.0) for f in feats)
    if not total:
        return 0.0
    return sum(an.weights.get(f, 0.0) for f in feats if f in passage) / total


def _claim_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    """Whether ``outlet`` has a sentence that may state claim ``f``, and which."""
    ks = aligned.article_sentences(outlet)
    best_k, best = None, 0.0
    for src in f.sentences():
        for k in ks:
            sc = aligned.pair_score(src, k)
            if sc > best:
                best_k, best = k, sc
    if best >= COUNTERPART_CUTOFF and best_k is not None:  # best_k is set whenever best > 0
        return True, f"possible counterpart (score {best:.2f}): “{shorten(aligned.sentences[best_k].text, 80)}”"
    windows = [set(an.features[k][0]) for k in ks]
    windows += [set(an.features[a][0]) | set(an.features[b][0]) for a, b in pairwise(ks)]
    share = max((max((_content_share(an, src, w) for w in windows), default=0.0) for src in f.sentences()), default=0.0)
    if share >= CONTENT_CUTOFF:
        return True, f"its wording overlaps {share:.0%} of the claim's names and words"
    return False, ""


def _number_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    for m in an.numbers.get(outlet, []):
        if f.quantity is not None and same_amount(m.quantity, f.quantity)[0]:
            return True, f"states the same amount as “{m.quantity.text}”"
    for src in f.sentences():
        for k in aligned.article_sentences(outlet):
            if aligned.pair_score(src, k) >= aligned.settings.score_cutoff:
                return True, "reports the same claim without the number"
    return False, ""


_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-…"


def _entity_counterpart(aligned: AlignedStory, f: FactUnit, outlet: int) -> tuple[bool, str]:
    # words stripped of the punctuation around them ("War." is "War"), kept whole inside ("U.S")
    words = (w.strip(_EDGE_PUNCTUATION) for w in aligned.parsed[outlet].article.text.split())
    text = " ".join(entity_key(w) for w in words if w)
    padded = f" {text} "
    for alias in sorted(f.aliases):
        if f" {alias} " in padded:
            return True, f"names it as “{alias}”"
    if f.label.endswith("(PERSON)"):
        # sorted()[-1], not max(): of equally long aliases it keeps the last, as it always has
        last = sorted(f.aliases, key=len)[-1].split()[-1]  # noqa: FURB192
        if len(last) >= 4 and f" {last} " in padded:
            return True, f"names “{last}”"
    return False, ""


def _counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    if f.kind == "entity":
        return _entity_counterpart(aligned, f, outlet)
    if f.kind == "number":
        return _number_counterpart(aligned, an, f, outlet)
    return _claim_counterpart(aligned, an, f, outlet)


def default_min_outlets(n_outlets: int) -> int:
    """Half of the other outlets, rounded up; at least 2 once there are 3 outlets.

    A fact only one outlet states is that outlet's own (see :func:`unique_facts`):
    on the benchmarks more than half of such "omissions" were paraphrases the
    aligner missed, so they are not reported as missing by default.
    """
    others = n_outlets - 1
    return max(1 if others < 2 else 2, math.ceil(others / 2))


def missing_facts(source: FactAnalysis | AlignedStory, min_outlets: int | None = None) -> pd.DataFrame:
    """Facts an outlet omits that at least ``min_outlets`` other outlets state.

    Before a fact is reported missing from an outlet, that outlet's sentences
    are searched for a counterpart: a sentence the aligner scored at least
    :data:`COUNTERPART_CUTOFF` against a sentence stating the fact, a passage
    holding at least :data:`CONTENT_CUTOFF` of the fact's weighted names,
    numbers and words, the same amount in any form (numbers), or any name
    variant (entities). Only facts with no counterpart are listed.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).
    min_outlets : int, optional
        Default: half of the other outlets, rounded up, at least 1 — and at
        least 2 when the story has three or more outlets, because a fact only
        one outlet states is too often a paraphrase the aligner missed (see
        :func:`unique_facts` for those).

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, fact), most important first (more outlets stating
        it, lead position), then story order. Columns (:data:`MISSING_COLUMNS`):
        ``outlet``, ``article`` (the omitting outlet and its article id),
        ``fact``, ``kind``, ``label``, ``stated_by`` (outlet labels),
        ``n_stated``, ``importance``, ``evidence`` (the full text of a sentence
        that states it), ``evidence_article``, ``evidence_start``,
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
    k_min = default_min_outlets(len(an.outlets)) if min_outlets is None else min_outlets
    rows = []
    for pos, f in enumerate(an.facts):
        stating = [a for a in an.outlets if a in f.evidence]
        if len(stating) < k_min:
            continue
        for outlet in an.outlets:
            if outlet in f.evidence:
                continue
            found, _ = _counterpart(aligned, an, f, outlet)
            if found:
                continue
            ev = f.evidence[stating[0]][0]
            art = aligned.parsed[outlet].article
            imp = _importance(aligned, f)
            note = f.note
            if len(stating) == 1:
                note = "; ".join(x for x in ("stated by one outlet only: check by hand", note) if x)
            rows.append(
                (
                    (-imp, outlet, pos),
                    (
                        aligned.story.labels[art.id],
                        art.id,
                        f.fact,
                        f.kind,
                        f.label,
                        _labels_of(aligned, stating),
                        len(stating),
                        imp,
                        ev["text"],
                        ev["article"],
                        ev["start"],
                        ev["end"],
                        note,
                    ),
                )
            )
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=MISSING_COLUMNS)


def unique_facts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Facts that only one outlet states (and no other outlet has a likely counterpart of).

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`UNIQUE_COLUMNS`): ``outlet``, ``article``, ``fact``,
        ``kind``, ``label``, ``importance``, ``evidence`` (sentence text),
        ``evidence_start``, ``evidence_end``, ``note``. Most important first,
        then story order. Empty for a one-outlet story.
    """
    an = as_analysis(source)
    aligned = an.aligned
    if len(an.outlets) < 2:
        return pd.DataFrame([], columns=UNIQUE_COLUMNS)
    rows = []
    for pos, f in enumerate(an.facts):
        stating = [a for a in an.outlets if a in f.evidence]
        if len(stating) != 1:
            continue
        if any(_counterpart(aligned, an, f, o)[0] for o in an.outlets if o != stating[0]):
            continue
        ev = f.evidence[stating[0]][0]
        imp = _importance(aligned, f)
        rows.append(
            (
                (-imp, stating[0], pos),
                (
                    ev["outlet"],
                    ev["article"],
                    f.fact,
                    f.kind,
                    f.label,
                    imp,
                    ev["text"],
                    ev["start"],
                    ev["end"],
                    f.note,
                ),
            )
        )
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=UNIQUE_COLUMNS)
