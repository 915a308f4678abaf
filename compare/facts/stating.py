"""Who else states a fact: the outlets that state it without being in its evidence.

A fact unit's evidence lists the outlets whose sentences hold it. Before an
outlet is said to leave the fact out (:mod:`~compare.facts.missing`), this
module looks for it there in other forms: its headline or dateline
(:class:`Headlines`), a sentence the aligner links strongly to one of the
fact's sentences (:func:`strong_links`), a counterpart by content or meaning
(:func:`how_stated`, through :mod:`~compare.facts.coverage`), or its own quotation
of the same words (:class:`QuotedWords`).
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from ..datelines import dateline
from ..normalize import norm_word, tokenize
from ..snippets import shorten
from .coverage import claim_counterparts, counterpart
from .entities import entity_key
from .statements import MIN_RUN, longest_run
from .units import STATING_CUTOFF, FactAnalysis, FactUnit
from .variants import quote_words

__all__ = [
    "QUOTED_RUN",
    "STATING_VIA",
    "TITLE_CUTOFF",
    "WEAK_COUNTERPARTS",
    "WEAK_LINK_SCORE",
    "Headlines",
    "QuotedWords",
    "figure_missing",
    "how_stated",
    "is_weak",
    "where_stated",
    "strong_links",
]

#: Centred cosine from which an outlet's headline is taken to state a claim.
TITLE_CUTOFF = 0.6


def _words(text: str) -> set[str]:
    return {norm_word(t) for t, _, _ in tokenize(text) if any(ch.isalpha() for ch in t)}


class Headlines:
    """Headline and dateline of each outlet: what they state counts as stated."""

    def __init__(self, an: FactAnalysis) -> None:
        self.an = an
        n = len(an.aligned.sentences)
        self.title_row = {a: n + a for a in an.outlets}
        self.places: dict[int, set[str]] = {}
        self.title_words: dict[int, set[str]] = {}
        for a in an.outlets:
            art = an.aligned.parsed[a].article
            d = dateline(art.text)
            self.places[a] = {entity_key(x) for x in d.names} if d else set()
            self.title_words[a] = _words(art.title or "")

    def states(self, f: FactUnit, outlet: int) -> str:
        """How ``outlet``'s headline or dateline states ``f`` ("" when it does not)."""
        an = self.an
        if f.kind == "entity":
            if f.aliases & self.places[outlet]:
                return "named in its dateline"
            if any(all(w in self.title_words[outlet] for w in alias.split()) for alias in f.aliases if alias):
                return "named in its headline"
            return ""
        title = (an.aligned.parsed[outlet].article.title or "").strip()
        if f.kind != "claim" or len(title.split()) < 4:
            return ""
        best = max((an.similarity(k, self.title_row[outlet]) for k in f.sentences()), default=0.0)
        lemmas = max(
            (fuzz.token_set_ratio(an.features[k][1], " ".join(sorted(self.title_words[outlet]))) for k in f.sentences()),
            default=0.0,
        )
        if best >= TITLE_CUTOFF and lemmas >= 50:
            return f"its headline states it (similarity {best:.2f})"
        return ""


#: How another outlet's counterpart must be found for that outlet to count as stating a claim.
STATING_VIA = frozenset({"link"})


def strong_links(an: FactAnalysis, f: FactUnit) -> dict[int, set[int]]:
    """Outlets not in ``f``'s evidence with a sentence the aligner scores at least
    :data:`~compare.facts.units.STATING_CUTOFF` against one of its sentences (they state it too)."""
    best: dict[int, tuple[float, int]] = {}
    for src in f.sentences():
        for k, score in an.neighbours.get(src, ()):
            a = an.aligned.sentences[k].article
            if score >= STATING_CUTOFF and a not in f.evidence and a in an.family and score > best.get(a, (0.0, -1))[0]:
                best[a] = (score, k)
    return {a: {k} for a, (_, k) in best.items()}


def how_stated(an: FactAnalysis, f: FactUnit, outlet: int, quoted: QuotedWords | None = None) -> tuple[str, set[int], str]:
    """How ``outlet`` states ``f`` without being in its evidence: ``(how, sentences, note)``;
    ``("", set(), "")`` when it does not. Headlines and datelines are :class:`Headlines`' part."""
    if f.kind == "claim":
        how, ks, note = claim_counterparts(an, f, outlet)
        if not how and quoted is not None:
            ks = quoted.in_outlet(f.sentences(), outlet)
            how, note = ("quoted", "the same quoted words") if ks else ("", "")
        return how, ks, note
    ok, note = counterpart(an.aligned, an, f, outlet)
    return ("other", set(), note) if ok else ("", set(), "")


class QuotedWords:
    """Which sentences quote which words, per outlet, to find an outlet quoting the words of a claim.

    Candidates come from the version groups (``quote`` ids) of
    :mod:`compare.facts.quotes`; a version counts only when it carries the part of
    the quotation inside the claim's sentence (a run of at least
    :data:`QUOTED_RUN` words): a version group may chain a remark's
    other parts, and an outlet that quotes another part of a remark leaves this part out.
    """

    def __init__(self, an: FactAnalysis) -> None:
        aligned = an.aligned
        self.parts: dict[int, list[tuple[int, list[str]]]] = defaultdict(list)  # sentence -> (version, words in it)
        self.versions: dict[tuple[int, int], list[tuple[int, list[str]]]] = defaultdict(list)  # (version, outlet)
        for r in an.quotes:
            q, a = r["q"], r["a"]
            if "quote" not in r:
                continue
            k = aligned.sentence_at(a, q.start)
            if k is not None:
                self.versions[(r["quote"], a)].append((k, r["words"]))
            last = aligned.sentence_at(a, max(q.start, q.end - 1))
            for j in range(k if k is not None else 0, (last if last is not None else -1) + 1):
                sent = aligned.sentences[j]
                part = quote_words(sent.text[max(q.start, sent.start) - sent.start : min(q.end, sent.end) - sent.start])
                if len(part) >= MIN_RUN:
                    self.parts[j].append((r["quote"], part))

    def in_outlet(self, sentences: set[int], outlet: int) -> set[int]:
        """The sentences of ``outlet`` quoting the words a quotation in ``sentences`` has there."""
        found = set()
        for s in sentences:
            for version, part in self.parts.get(s, ()):
                for k, words in self.versions.get((version, outlet), ()):
                    if longest_run(part, words)[0] >= min(QUOTED_RUN, len(part)):
                        found.add(k)
        return found


#: Words in one run another outlet's version of a quotation must share with the part of it in a claim's sentence.
QUOTED_RUN = 5


#: Counterparts too weak to clear an outlet of omitting a claim whose figure it never gives.
WEAK_COUNTERPARTS = frozenset({"content"})
#: A possible counterpart scored below this is weak too (chosen on the training triplets: 0.2, 0.3 and 0.4
#: tried; 0.3 found the most omissions with at most 5% false ones there).
WEAK_LINK_SCORE = 0.3


def is_weak(an: FactAnalysis, f: FactUnit, how: str, sentences: set[int]) -> bool:
    """Whether a counterpart found by :func:`how_stated` is too weak to clear an outlet of a claim whose
    figure it never gives (:data:`WEAK_COUNTERPARTS`, or a possible link below :data:`WEAK_LINK_SCORE`)."""
    if how in WEAK_COUNTERPARTS:
        return True
    scores = (an.aligned.pair_score(j, k) for j in f.sentences() for k in sentences)
    return how == "possible" and max(scores, default=0.0) < WEAK_LINK_SCORE


def figure_missing(an: FactAnalysis, details: list[FactUnit], outlet: int) -> bool:
    """Whether the claim carries a number (not a bare year) that ``outlet`` gives nowhere, in any form."""
    numbers = [d for d in details if d.kind == "number" and d.quantity is not None and d.quantity.unit not in ("year", "date")]
    return bool(numbers) and all(outlet not in d.evidence and not counterpart(an.aligned, an, d, outlet)[0] for d in numbers)


def where_stated(
    an: FactAnalysis, f: FactUnit, outlet: int, quoted: QuotedWords | None = None, heads: Headlines | None = None
) -> str:
    """Where ``outlet`` states ``f`` outside its evidence, in words a reader can check ("" when nowhere):
    its headline or dateline, or the counterpart sentence and why it counts. Pass ``quoted`` and
    ``heads`` (built once per story) when asking about many facts."""
    headline = (heads or Headlines(an)).states(f, outlet)
    if headline:
        return headline
    how, ks, note = how_stated(an, f, outlet, quoted or QuotedWords(an))
    if not ks:
        return note
    k = min(ks)
    if how in ("link", "possible"):
        note = f"score {max(an.aligned.pair_score(j, k) for j in f.sentences()):.2f}"
    elif how == "meaning":
        note = "close in meaning"
    elif how == "content":
        note = "shares its names and words"
    return f"“{shorten(an.aligned.sentences[k].text, WHERE_WIDTH)}” ({note})"


#: Characters of a counterpart sentence :func:`where_stated` quotes.
WHERE_WIDTH = 32
