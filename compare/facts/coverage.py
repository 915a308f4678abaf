"""Coverage: which outlet states which fact, and which facts an outlet leaves out.

Missing facts are checked before they are reported: an outlet is only said to
omit a fact when none of its sentences is a likely counterpart (alignment
score, shared content words and names, the same number in any form, any name
variant of the entity). False "missing" reports accuse an outlet of an omission
it did not make, so these checks lean towards silence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..alignment import AlignedStory
from ..lexicons import saying_verbs
from ..numbers import same_amount
from .analysis import as_analysis
from .entities import entity_key
from .units import (
    STATING_CUTOFF,
    FactAnalysis,
    FactUnit,
    is_lead,
    public_evidence,
    shorten,
)

__all__ = [
    "CONTENT_CUTOFF",
    "SEMANTIC_CUTOFF",
    "FACT_COLUMNS",
    "UNIQUE_COLUMNS",
    "coverage",
    "extract_facts",
    "claim_counterparts",
    "counterpart",
    "importance",
    "unique_facts",
]

#: Columns of :func:`extract_facts` (``Comparison.facts``).
FACT_COLUMNS = ["fact", "kind", "label", "value", "articles", "outlets", "n_outlets", "importance", "evidence", "note"]
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
#: Centred cosine (the semantic signal) from which another outlet's sentence may state a claim.
SEMANTIC_CUTOFF = 0.6
#: Share of a claim sentence's weighted words that confirms a weakly scored pair as a counterpart.
WEAK_LINK_SHARE = 0.3
#: Centred cosine that confirms a weakly scored pair as a counterpart.
WEAK_LINK_SIMILARITY = 0.2
#: Share of a claim's weighted content that an outlet's passage must contain to count as stating it.
CONTENT_CUTOFF = 0.3


def importance(aligned: AlignedStory, f: FactUnit) -> float:
    """``n_outlets`` of a fact plus up to 0.5 for lead position (the facts table's ``importance``)."""
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
                importance(aligned, f),
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
        keys.append((-sum(row), -importance(aligned, f), pos))
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


def _best_passage(an: FactAnalysis, sources: list[int], outlet: int) -> tuple[float, tuple[int, ...]]:
    """The best weighted share of one claim sentence's features in one or two consecutive sentences of ``outlet``."""
    best, where = 0.0, tuple[int, ...]()
    for src in sources:
        feats = an.features[src][0]
        weight = {f: an.weights.get(f, 0.0) for f in feats}
        total = sum(weight.values())
        if not total:
            continue
        holders = {f: an.postings.get((outlet, f), frozenset()) for f in feats}
        touched = set().union(*holders.values())
        windows = {(k,) for k in touched} | {(k - 1, k) for k in touched} | {(k, k + 1) for k in touched}
        for w in sorted(windows):
            if any(aligned_k not in an.outlet_sentences(outlet) for aligned_k in w):
                continue
            share = sum(wt for f, wt in weight.items() if any(k in holders[f] for k in w)) / total
            if share > best:
                best, where = share, w
    return best, where


def _actor(an: FactAnalysis, k: int) -> str | None:
    """The last word of the named person who is the subject of sentence ``k``'s main verb, if any."""
    cache = an.__dict__.setdefault("_actors", {})
    if k not in cache:
        span = an.aligned.sentences[k].span
        root = span.root if span is not None and len(span) else None
        said = [c for c in root.children if c.dep_ == "ccomp"] if root is not None and root.lemma_ in saying_verbs() else []
        root = said[0] if said else root  # "Hollis will not attend, his office said": Hollis
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        cache[k] = subj.text.lower() if subj is not None and subj.ent_type_ == "PERSON" else None
    return cache[k]


def _other_actor(an: FactAnalysis, i: int, j: int) -> bool:
    """Whether two sentences' main subjects are two different named people."""
    a, b = _actor(an, i), _actor(an, j)
    return a is not None and b is not None and a != b


def _other_actors(an: FactAnalysis, claim: list[int], passage: tuple[int, ...]) -> bool:
    """Whether a passage's named subjects are all people other than the claim's named subjects."""
    mine = {a for k in claim if (a := _actor(an, k))}
    theirs = {a for k in passage if (a := _actor(an, k))}
    return bool(mine) and bool(theirs) and not mine & theirs


def _weak_link_confirmed(an: FactAnalysis, src: int, k: int) -> bool:
    """A pair scored below the alignment cut-off still counts when the words or the meaning agree."""
    return _content_share(an, src, set(an.features[k][0])) >= WEAK_LINK_SHARE or an.similarity(src, k) >= WEAK_LINK_SIMILARITY


def claim_counterparts(
    an: FactAnalysis, f: FactUnit, outlet: int, sentences: set[int] | None = None
) -> tuple[str, set[int], str]:
    """How ``outlet`` may state claim ``f``: ``(how, sentence ids, note)``.

    ``how`` is ``"link"`` (the aligner scores a pair of sentences at least
    :data:`~compare.facts.units.STATING_CUTOFF`), ``"possible"`` (at least
    the alignment cut-off, or at least :data:`~compare.facts.COUNTERPART_CUTOFF`
    when the two sentences also share :data:`WEAK_LINK_SHARE` of the claim's
    weighted words or are :data:`WEAK_LINK_SIMILARITY` close in meaning),
    ``"content"`` (a passage of one or two sentences holds at least
    :data:`CONTENT_CUTOFF` of the claim's weighted names, numbers and words),
    ``"meaning"`` (centred cosine at least :data:`SEMANTIC_CUTOFF`), or ``""``.
    Below :data:`~compare.facts.units.STATING_CUTOFF`, a sentence whose main
    subject is another named person than the claim's is never a counterpart
    ("Biden won't attend" is not stated by "Obama will not meet him").
    ``sentences``: the sentences stating the claim (default: its evidence).
    """
    aligned = an.aligned
    ks = aligned.article_sentences(outlet)
    sources = sorted(f.sentences() if sentences is None else sentences)
    best_k, best = None, 0.0
    for src in sources:
        for k, sc in an.neighbours.get(src, ()):
            if aligned.sentences[k].article != outlet or sc < best:
                continue
            if sc < STATING_CUTOFF and _other_actor(an, src, k):
                continue  # "Biden won't attend" is not stated by "Obama will not meet him"
            if sc >= aligned.settings.score_cutoff or _weak_link_confirmed(an, src, k):
                best_k, best = k, sc
    if best_k is not None:
        how = "link" if best >= STATING_CUTOFF else "possible"
        return how, {best_k}, f"possible counterpart (score {best:.2f}): “{shorten(aligned.sentences[best_k].text, 80)}”"
    share, where = _best_passage(an, sources, outlet)
    if share >= CONTENT_CUTOFF and not _other_actors(an, sources, where):
        return "content", set(where), f"its wording overlaps {share:.0%} of the claim's names and words"
    if ks and sources:
        sims = an.vectors[sources] @ an.vectors[list(ks)].T
        x, y = divmod(int(np.argmax(sims)), len(ks))
        best = float(sims[x, y])
        if best >= SEMANTIC_CUTOFF and not _other_actor(an, sources[x], ks[y]):
            k = ks[y]
            return "meaning", {k}, f"close in meaning (similarity {best:.2f}): “{shorten(aligned.sentences[k].text, 80)}”"
    return "", set(), ""


def _claim_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    """Whether ``outlet`` has a sentence that may state claim ``f``, and which."""
    how, _, note = claim_counterparts(an, f, outlet)
    return bool(how), note


def _number_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    for m in an.numbers.get(outlet, []):
        if f.quantity is not None and same_amount(m.quantity, f.quantity)[0]:
            return True, f"states the same amount as “{m.quantity.text}”"
    for src in f.sentences():
        for k, score in an.neighbours.get(src, ()):
            if score >= aligned.settings.score_cutoff and aligned.sentences[k].article == outlet:
                return True, "reports the same claim without the number"
    return False, ""


_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-…"


def _key_text(an: FactAnalysis, outlet: int) -> str:
    """The outlet's text as space-padded entity keys, computed once per outlet."""
    cache = an.__dict__.setdefault("_key_texts", {})
    if outlet not in cache:
        # words stripped of the punctuation around them ("War." is "War"), kept whole inside ("U.S")
        words = (w.strip(_EDGE_PUNCTUATION) for w in an.aligned.parsed[outlet].article.text.split())
        cache[outlet] = " " + " ".join(entity_key(w) for w in words if w) + " "
    return cache[outlet]


def _entity_counterpart(an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    padded = _key_text(an, outlet)
    for alias in sorted(f.aliases):
        if f" {alias} " in padded:
            return True, f"names it as “{alias}”"
    if f.label.endswith("(PERSON)"):
        # sorted()[-1], not max(): of equally long aliases it keeps the last, as it always has
        last = sorted(f.aliases, key=len)[-1].split()[-1]  # noqa: FURB192
        if len(last) >= 4 and f" {last} " in padded:
            return True, f"names “{last}”"
    return False, ""


def counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    """Whether ``outlet`` has a likely counterpart of fact ``f`` (then it does not omit it), and which."""
    if f.kind == "entity":
        return _entity_counterpart(an, f, outlet)
    if f.kind == "number":
        return _number_counterpart(aligned, an, f, outlet)
    return _claim_counterpart(aligned, an, f, outlet)


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
        if any(counterpart(aligned, an, f, o)[0] for o in an.outlets if o != stating[0]):
            continue
        ev = f.evidence[stating[0]][0]
        imp = importance(aligned, f)
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
