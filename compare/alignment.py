"""Alignment: link the sentences of different outlets that report the same fact, and group them.

How it works:

1. **Pairs.** :mod:`compare.pairs` proposes candidate sentence pairs of
   different articles (shared rare names, numbers and words, or nearest
   neighbours by meaning) and scores each with a small learned model: the
   score is a probability that a careful reader would call the two sentences
   the same fact. Datelines, bylines and captions are never paired.
2. **Links.** Every pair at or above ``score_cutoff`` is a *link*
   (:attr:`AlignedStory.links`); links are many-to-many: a sentence that packs
   two facts links to sentences of both, and an outlet may state a fact in two
   sentences far apart. Pairs between the "possible" threshold and the cut-off
   are kept as :attr:`AlignedStory.possible`, shown faded by the views.
3. **Groups.** The view's partition: average-linkage clustering over the pair
   scores (a pair never scored counts 0). The two groups with the highest
   average score between their sentences of different articles merge first,
   as long as that average stays at or above the group threshold, no
   article contributes more than ``max_per_article`` sentences, and an
   article's extra sentence joins alone (two groups that both hold sentences
   of one article are two facts told side by side). An average,
   unlike a chain of single links, cannot snowball unrelated sentences
   together. The merge sequence does not depend on the threshold, so raising
   the cut-off only stops it earlier: groups split, pairs are never added.
4. **Reasons.** Each group and link records the entities, numbers and words
   its sentences share, so every match can be checked by eye.

Everything is symmetric in the articles and ties are broken by article id and
sentence position, so the result does not depend on the order of the articles.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .articles import Story
from .normalize import norm_word
from .pairs import (
    FEATURE_WEIGHTS,
    clause_tokens,
    idf_weights,
    load_pair_model,
    number_feature,
    pair_table,
    sentence_features,
    story_units,
)
from .pairs_legacy import legacy_groups, legacy_pair_scores
from .parsing import ParsedArticle, Sentence
from .settings import MAX_BLOCK_DF, SCORE_CUTOFF, Settings
from .vocab import ENTITY_LABELS

__all__ = [
    "align",
    "AlignedStory",
    "Group",
    "Shared",
    "confidence_label",
    "clause_tokens",
    "sentence_features",
    "number_feature",
    "SCORE_CUTOFF",
    "MAX_BLOCK_DF",
    "FEATURE_WEIGHTS",
]


@dataclass(frozen=True)
class Shared:
    """What the sentences of a group share: names, numbers and content words, rarest first."""

    entities: tuple[str, ...]
    numbers: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The shared features in words, for the ``reason`` column and the view's tooltip."""
        parts = [
            f"shared {key}: " + ", ".join(values[:6])
            for key, values in (("entities", self.entities), ("numbers", self.numbers), ("words", self.words))
            if values
        ]
        return "; ".join(parts) or "similar wording"


@dataclass(frozen=True)
class Group:
    """Sentences of different articles that report the same thing.

    ``number`` counts groups from 1 in display order; ``members`` are flat
    sentence ids (positions in :attr:`AlignedStory.sentences`) in story order;
    ``score`` is the mean pair score (a probability) between members of
    different articles, counting pairs never scored as 0.
    """

    number: int
    members: tuple[int, ...]
    score: float
    shared: Shared

    @property
    def reason(self) -> str:
        """Why the group was formed (see :attr:`Shared.reason`)."""
        return self.shared.reason

    @property
    def confidence(self) -> str:
        """The view's label for :attr:`score` (see :func:`confidence_label`)."""
        return confidence_label(self.score)


#: Lowest calibrated score labelled "high" and "medium" (see :func:`confidence_label`).
CONFIDENCE_LEVELS = (0.8, 0.6)


def confidence_label(score: float) -> str:
    """``"high"``, ``"medium"`` or ``"low"`` for a calibrated pair or group score.

    The score is a probability, so the label says how often such a match is
    right: "high" at 0.8 or more (four in five or better), "medium" from 0.6,
    "low" below (check it yourself).
    """
    return "high" if score >= CONFIDENCE_LEVELS[0] else ("medium" if score >= CONFIDENCE_LEVELS[1] else "low")


@dataclass(frozen=True, eq=False)
class AlignedStory:
    """A story's parsed articles with their sentences aligned: what every later stage reads.

    Sentences are numbered flat across the story (``sentences[k]``, in article
    order); groups are numbered from 1 in display order; ``rows`` is that
    display order with the sentences no other outlet matches slotted in.
    Framing, facts and the views take an ``AlignedStory`` and never reach
    into each other's state.

    Attributes
    ----------
    story : Story
    parsed : tuple of ParsedArticle
        In story order; ``Sentence.article`` is a position in it.
    settings : Settings
    sentences : tuple of Sentence
    groups : tuple of Group
    rows : tuple of (str, int)
        ``("g", group number)`` or ``("s", flat sentence id)`` in display order.
    features : tuple of (frozenset of str, str)
        Per sentence, its alignment features (``w:``/``e:``/``n:``) and its lemma string.
    weights : Mapping
        Each feature's weight (kind weight × inverse document frequency over sentences).
    pairs : Mapping
        Pair score (a probability, 0–1) of every candidate sentence pair ``(i, j)``, ``i < j``.
    links : tuple of (int, int, float)
        Matched sentence pairs ``(i, j, score)``, ``i < j`` flat ids, at or above the cut-off,
        best first; many-to-many (a sentence may link to several sentences of one article).
    possible : tuple of (int, int, float)
        Pairs scored between the "possible" threshold and the cut-off, best first: shown
        faded as possible counterparts, never grouped.
    """

    story: Story
    parsed: tuple[ParsedArticle, ...]
    settings: Settings
    sentences: tuple[Sentence, ...]
    groups: tuple[Group, ...]
    rows: tuple[tuple[str, int], ...]
    features: tuple[tuple[frozenset[str], str], ...]
    weights: Mapping[str, float] = field(repr=False)
    pairs: Mapping[tuple[int, int], float] = field(repr=False)
    links: tuple[tuple[int, int, float], ...] = field(default=(), repr=False)
    possible: tuple[tuple[int, int, float], ...] = field(default=(), repr=False)

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Display label of each article position (unique in the story)."""
        return tuple(self.story.labels[p.article.id] for p in self.parsed)

    @cached_property
    def _by_number(self) -> dict[int, Group]:
        return {g.number: g for g in self.groups}

    @cached_property
    def _group_of(self) -> dict[int, int]:
        return {k: g.number for g in self.groups for k in g.members}

    @cached_property
    def _per_article(self) -> tuple[tuple[int, ...], ...]:
        per: list[list[int]] = [[] for _ in self.parsed]
        for k, s in enumerate(self.sentences):
            per[s.article].append(k)
        return tuple(tuple(ks) for ks in per)

    def group(self, number: int) -> Group:
        """The group with display number ``number``."""
        return self._by_number[number]

    def group_of(self, k: int) -> int | None:
        """The number of the group sentence ``k`` belongs to, or ``None``."""
        return self._group_of.get(k)

    def group_sentences(self, number: int) -> list[Sentence]:
        """The sentences of one group, in story order."""
        return [self.sentences[k] for k in self._by_number[number].members]

    def pair_score(self, i: int, j: int) -> float:
        """Pair score of sentences ``i`` and ``j`` (0 when they were never candidates)."""
        return self.pairs.get((i, j)) or self.pairs.get((j, i)) or 0.0

    @cached_property
    def _best_partner(self) -> dict[tuple[int, int], int]:
        best: dict[tuple[int, int], tuple[float, int]] = {}
        for (i, j), score in self.pairs.items():
            for k, other in ((i, j), (j, i)):
                key = (k, self.sentences[other].article)
                if key not in best or (score, -other) > (best[key][0], -best[key][1]):
                    best[key] = (score, other)
        return {key: other for key, (_, other) in best.items()}

    def mutual_best(self, i: int, j: int) -> bool:
        """Whether sentences ``i`` and ``j`` are each the other's best-scored candidate in the other's article,
        however low the score (a translated sentence often is)."""
        a, b = self.sentences[i].article, self.sentences[j].article
        return self._best_partner.get((i, b)) == j and self._best_partner.get((j, a)) == i

    def link_reason(self, i: int, j: int) -> str:
        """Why sentences ``i`` and ``j`` were linked: what they share, else their closeness in meaning."""
        shared = _shared([i, j], self.sentences, {k: self.features[k][0] for k in (i, j)}, self.weights)
        if shared.entities or shared.numbers or shared.words:
            return shared.reason
        return "similar meaning"

    def article_sentences(self, article: int) -> tuple[int, ...]:
        """Flat ids of the sentences of the article at position ``article``, in order."""
        return self._per_article[article]

    def sentence_id(self, article: int, index: int) -> int:
        """Flat id of sentence ``index`` of the article at position ``article``."""
        return self._per_article[article][index]

    def sentence_at(self, article: int, offset: int) -> int | None:
        """Flat id of the sentence of article ``article`` that holds character ``offset``.

        A quotation or finding that runs past a sentence end belongs to the
        sentence it starts in; ``None`` when ``offset`` is in no sentence
        (white space between paragraphs).
        """
        ks = self._per_article[article]
        starts = [self.sentences[k].start for k in ks]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        k = ks[i]
        return k if self.sentences[k].end >= offset else None


def align(
    parsed: Sequence[ParsedArticle],
    *,
    story: Story | None = None,
    settings: Settings | None = None,
    legacy: bool = False,
) -> AlignedStory:
    """Align the sentences of parsed articles.

    Parameters
    ----------
    parsed : sequence of ParsedArticle
    story : Story, optional
        The story the articles come from (for display labels); by default a
        story of the parsed articles.
    settings : Settings, optional
        ``score_cutoff``, ``link_cutoff``, ``max_per_article``, ``clauses`` and
        ``max_block_df`` are used here (see :class:`~compare.settings.Settings`).
    legacy : bool
        Use the hand-set score and grouping rules this module had before the
        learned score (for the benchmark's side-by-side figures only).

    Returns
    -------
    AlignedStory
    """
    settings = settings or Settings()
    parsed = tuple(parsed)
    if story is None:
        story = Story([p.article for p in parsed])
    sentences, units = story_units(parsed, settings.clauses)
    weight = idf_weights(units)
    ids = [p.article.id for p in parsed]
    sort_key = {k: (ids[s.article], s.index) for k, s in enumerate(sentences)}
    cutoff = settings.score_cutoff
    floor = cutoff  # the legacy score has no "possible" band
    if legacy:
        pair = legacy_pair_scores(sentences, units, weight, max_block_df=settings.max_block_df)
        members = legacy_groups(
            sentences,
            pair,
            sort_key,
            score_cutoff=cutoff,
            link_cutoff=settings.effective_link_cutoff,
            max_per_article=settings.max_per_article,
        )
    else:
        model = load_pair_model()
        table = pair_table(sentences, units, weight, max_block_df=settings.max_block_df)
        prob = model.predict(table.features)
        pair = {(i, j): v for i, j, v in zip(table.left.tolist(), table.right.tolist(), prob.tolist()) if v > 0}
        floor = min(model.possible, cutoff)
        threshold = settings.link_cutoff if settings.link_cutoff is not None else min(1.0, cutoff * model.group_ratio)
        members = group_pairs(sentences, pair, sort_key, threshold=threshold, max_per_article=settings.max_per_article)

    ranked = sorted(pair.items(), key=lambda e: (-round(e[1], 9), sort_key[e[0][0]], sort_key[e[0][1]]))
    links = [(i, j, v) for (i, j), v in ranked if v >= cutoff]
    possible = [(i, j, v) for (i, j), v in ranked if floor <= v < cutoff]

    def score_between(i: int, j: int) -> float:
        return pair.get((i, j)) or pair.get((j, i)) or 0.0

    feats = [us[0].features for us in units]
    raw = []
    for ms in members:
        ms = sorted(ms)
        cross = [
            score_between(x, y) for a, x in enumerate(ms) for y in ms[a + 1 :] if sentences[x].article != sentences[y].article
        ]
        raw.append((tuple(ms), sum(cross) / len(cross), _shared(ms, sentences, feats, weight)))
    rows, numbering = _display_order(len(parsed), sentences, [ms for ms, _, _ in raw])
    groups = sorted((Group(numbering[n], ms, score, shared) for n, (ms, score, shared) in enumerate(raw)), key=lambda g: g.number)
    return AlignedStory(
        story=story,
        parsed=parsed,
        settings=settings,
        sentences=tuple(sentences),
        groups=tuple(groups),
        rows=tuple(rows),
        features=tuple((us[0].features, us[0].lemmas) for us in units),
        weights=MappingProxyType(weight),
        pairs=MappingProxyType(pair),
        links=tuple(links),
        possible=tuple(possible),
    )


def group_pairs(
    sentences: Sequence[Sentence],
    pair: Mapping[tuple[int, int], float],
    sort_key: Mapping[int, tuple],
    *,
    threshold: float,
    max_per_article: int,
) -> list[list[int]]:
    """Average-linkage groups (flat ids) of at least two articles, from pair scores (see module docstring).

    Sparse: only groups with a scored pair between them are ever compared, kept
    in a heap with stale entries skipped, so time is about ``pairs × log``.
    """
    art = [s.article for s in sentences]
    members: dict[int, list[int]] = {}
    counts: dict[int, Counter] = {}
    key: dict[int, tuple] = {}
    nbr: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), v in pair.items():
        if v > 0 and art[i] != art[j]:
            for c in (i, j):
                if c not in members:
                    members[c], counts[c], key[c] = [c], Counter({art[c]: 1}), sort_key[c]
            nbr[i][j] = nbr[i].get(j, 0.0) + v
            nbr[j][i] = nbr[j].get(i, 0.0) + v
    version = dict.fromkeys(members, 0)

    def average(c: int, d: int) -> float:
        if len(members[c]) == 1 and len(members[d]) == 1:
            return round(nbr[c][d], 9)  # two single sentences of different articles
        cross = len(members[c]) * len(members[d]) - sum(n * counts[d].get(a, 0) for a, n in counts[c].items())
        return round(nbr[c][d] / cross, 9) if cross else 0.0

    def entry(c: int, d: int) -> tuple:
        lo, hi = sorted((c, d), key=key.__getitem__)
        return (-average(c, d), key[lo], key[hi], lo, hi, version[lo], version[hi])

    # Entries below the threshold are never merged: they are left out of the heap (and
    # pushed again only if a merge lifts them), which changes nothing but the work done.
    heap = [entry(c, d) for c in nbr for d, v in nbr[c].items() if v >= threshold and key[c] < key[d]]
    heapq.heapify(heap)
    while heap:
        neg, _, _, c, d, vc, vd = heapq.heappop(heap)
        if -neg < threshold:
            break
        if c not in members or d not in members or version[c] != vc or version[d] != vd:
            continue
        merged = counts[c] + counts[d]
        if max(merged.values()) > max_per_article:
            continue
        # Two groups that both hold sentences of one article are two facts told side by side:
        # an article adds a sentence to a group only one sentence at a time.
        if len(members[c]) > 1 and len(members[d]) > 1 and counts[c].keys() & counts[d].keys():
            continue
        members[c] += members.pop(d)
        counts[c] = merged
        del counts[d]
        version[c] += 1
        for e, v in nbr.pop(d).items():
            if e == c:
                continue
            del nbr[e][d]
            nbr[c][e] = nbr[c].get(e, 0.0) + v
            nbr[e][c] = nbr[c][e]
        nbr[c].pop(d, None)
        for e in nbr[c]:
            item = entry(c, e)
            if -item[0] >= threshold:
                heapq.heappush(heap, item)
    return [sorted(ms) for c, ms in members.items() if len(counts[c]) >= 2]


def _display_order(
    n_articles: int, sentences: list[Sentence], groups: list[tuple[int, ...]]
) -> tuple[list[tuple[str, int]], dict[int, int]]:
    """Rows in display order, and the display number of each raw group.

    The first article's order, other articles' rows slotted in after the row
    they follow in their own article. A row's sort key extends the key of the
    row it follows, so the merge costs one sort instead of repeated insertions.
    """
    group_of = {k: g for g, ms in enumerate(groups) for k in ms}
    by_article: dict[int, list[int]] = {}
    for k, s in enumerate(sentences):
        by_article.setdefault(s.article, []).append(k)
    sort_key: dict[tuple[str, int], tuple] = {}
    for art in range(n_articles):
        anchor: tuple = () if art == 0 else ((-1, 0),)
        run = 0
        for k in by_article.get(art, []):
            key = ("g", group_of[k]) if k in group_of else ("s", k)
            if key in sort_key:
                anchor, run = sort_key[key], 0
                continue
            run += 1
            sort_key[key] = anchor + ((art, run),)
    order = sorted(sort_key, key=sort_key.__getitem__)
    number = {key[1]: n for n, key in enumerate((k for k in order if k[0] == "g"), 1)}
    rows = [("g", number[i]) if kind == "g" else ("s", i) for kind, i in order]
    return rows, number


def _shared(
    ms: Sequence[int],
    sentences: Sequence[Sentence],
    features: Mapping[int, frozenset[str]] | Sequence[frozenset[str]],
    weight: Mapping[str, float],
) -> Shared:
    """Features found in the sentences of at least two articles of the group, rarest first.

    Entities are reported by name ("Kim Jong Un"), the longest form any member uses.
    """
    seen: dict[str, set[int]] = defaultdict(set)
    for k in ms:
        for f in features[k]:
            seen[f].add(sentences[k].article)
    common = sorted((f for f, arts in seen.items() if len(arts) >= 2), key=lambda f: (-weight[f], f))
    shared_tokens = {f[2:] for f in common if f.startswith("e:")}
    names: dict[str, str] = {}
    for k in ms:
        for ent in getattr(sentences[k].span, "ents", ()):
            toks = {norm_word(t.text) for t in ent if t.is_alpha}
            key = " ".join(sorted(toks & shared_tokens))
            if key and ent.label_ in ENTITY_LABELS:
                name = ent.text.removeprefix("the ").removesuffix("’s").removesuffix("'s")
                if len(name) > len(names.get(key, "")):
                    names[key] = name
    covered = {t for key in names for t in key.split()}
    entities = sorted(set(names.values()), key=lambda n: (-len(n), n))
    entities += [t for t in sorted(shared_tokens - covered)]
    return Shared(
        entities=tuple(entities),
        numbers=tuple(f[2:] for f in common if f.startswith("n:")),
        words=tuple(f[2:] for f in common if f.startswith("w:")),
    )
