"""Alignment: group the sentences of different outlets that report the same thing.

How it works, in four steps:

1. **Features.** Each sentence becomes a bag of normalised features: content
   lemmas (spelling-folded, ``w:``), tokens of named entities (``e:``) and
   numbers (``n:``, "10,000" -> ``n:10000``). Each feature is weighted by how
   rare it is in the story (inverse document frequency), entities and numbers
   counting extra because they pin a sentence to one fact.
2. **Pair scores.** For every pair of sentences from different articles, the
   weighted overlap of their features (the mean of Dice and containment, so a
   short sentence restated inside a longer one still matches) is blended with
   rapidfuzz's ``token_set_ratio`` on their lemma strings (paraphrase with
   spelling noise). Pairs sharing fewer than two features (three for a clause)
   or no content word,
   score zero. The same is done for clauses cut from the dependency parse, and
   a pair keeps its better sentence- or clause-level score.
3. **Groups.** Pairs are taken best first and merged into groups only while the
   *average* score between the two groups stays above ``link_cutoff`` and no
   article contributes more than ``max_per_article`` sentences — so a chain of
   weak links cannot snowball unrelated sentences into one giant group.
4. **Reasons.** Each group records its score and the entities, numbers and
   words its sentences share, so every match can be checked by eye.

Everything is symmetric in the articles and ties are broken by article id, so
the groups do not depend on the order in which articles are given.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import numpy as np
from rapidfuzz import fuzz, process

from .articles import Story
from .normalize import norm_word
from .numbers import token_value
from .parsing import ParsedArticle, Sentence
from .settings import MAX_BLOCK_DF, SCORE_CUTOFF, Settings
from .vocab import ENTITY_LABELS, NUMBER_LABELS

__all__ = [
    "align",
    "AlignedStory",
    "Group",
    "Shared",
    "sentence_features",
    "number_feature",
    "SCORE_CUTOFF",
    "MAX_BLOCK_DF",
    "FEATURE_WEIGHTS",
]
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp"}
#: Reporting verbs and filler that say nothing about which fact a sentence states.
_NEUTRAL_LEMMAS = frozenset("say tell add accord also would will could be have do get make".split())
#: Weight of each feature kind (words, entities, numbers) before inverse document frequency.
FEATURE_WEIGHTS = {"w": 1.0, "e": 1.5, "n": 2.0}


@dataclass(frozen=True)
class Unit:
    """A sentence or clause reduced to the features alignment compares."""

    sentence: int  # index into the flat sentence list
    features: frozenset[str]
    lemmas: str  # space-joined content lemmas, for rapidfuzz
    clause: bool = False  # a clause cut from the sentence rather than the whole sentence


def number_feature(tok) -> str | None:
    """``n:<value>`` for a token that is a number ("10,000" -> ``n:10000``), else ``None``."""
    value = token_value(tok.text)
    return None if value is None else f"n:{value:g}"


def sentence_features(tokens) -> tuple[frozenset[str], str]:
    """Features and lemma string of a span of spaCy tokens (see module docstring)."""
    feats: set[str] = set()
    lemmas: list[str] = []
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        if tok.like_num or tok.ent_type_ in NUMBER_LABELS and tok.is_digit:
            key = number_feature(tok)
            if key:
                feats.add(key)
                lemmas.append(key[2:])
                continue
        if not tok.is_alpha or tok.is_stop:
            continue
        lemma = norm_word(tok.lemma_ if tok.pos_ != "PROPN" else tok.text)
        if lemma in _NEUTRAL_LEMMAS or len(lemma) < 2:
            continue
        lemmas.append(lemma)
        if tok.ent_type_ in ENTITY_LABELS:
            feats.add("e:" + lemma)
        else:
            feats.add("w:" + lemma)
    return frozenset(feats), " ".join(lemmas)


def clause_tokens(sent: Sentence) -> list[list]:
    """Cut a sentence into clauses at clause-level dependents (relative, adverbial, ...)."""
    span = sent.span
    heads = [t for t in span if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.head.i != t.i]
    if not heads:
        return []
    owner: dict[int, int | None] = {}
    for t in span:
        owner[t.i] = None
    for h in sorted(heads, key=lambda t: len(list(t.subtree)), reverse=True):
        for t in h.subtree:
            if t.i in owner:
                owner[t.i] = h.i
    parts: dict[int | None, list] = defaultdict(list)
    for t in span:
        parts[owner[t.i]].append(t)
    return [toks for toks in parts.values() if sum(1 for t in toks if t.is_alpha and not t.is_stop) >= 3]


def _units(parsed: Sequence[ParsedArticle], clauses: bool) -> tuple[list[Sentence], list[list[Unit]]]:
    sentences = [s for p in parsed for s in p.sentences]
    units: list[list[Unit]] = []
    for k, s in enumerate(sentences):
        feats, lem = sentence_features(s.span)
        us = [Unit(k, feats, lem)]
        if clauses:
            for toks in clause_tokens(s):
                f, l = sentence_features(toks)
                if len(f) >= 3 and f != feats:
                    us.append(Unit(k, f, l, clause=True))
        units.append(us)
    return sentences, units


def _blocked_pair_scores(
    sentences: list[Sentence], units: list[list[Unit]], weight: dict[str, float], *, max_block_df: int | None
) -> dict[tuple[int, int], float]:
    """Best unit-pair score for every sentence pair of different articles that scores above 0.

    Scores are computed only for candidate unit pairs: a pair needs two shared
    features to score at all, so
    every scoring pair shares a feature and is found through the inverted index
    (exactly, while no feature is commoner than ``max_block_df``). Shared
    weights are summed with ``np.bincount``; rapidfuzz scores the candidates
    with ``process.cpdist`` on all cores.
    """
    flat = [u for us in units for u in us]
    n = len(flat)
    if n < 2:
        return {}
    art = np.array([sentences[u.sentence].article for u in flat], dtype=np.int64)
    postings: dict[str, list[int]] = defaultdict(list)
    for k, u in enumerate(flat):
        for f in u.features:
            postings[f].append(k)
    feats = sorted(postings)
    w = np.array([weight[f] for f in feats], dtype=np.float64)
    is_word = np.array([f[0] in "we" for f in feats], dtype=bool)
    cap = n if max_block_df is None else max_block_df

    # 1. Candidate pairs (a < b, different articles) from the features rare enough to block on.
    keys, fids = [], []
    common: list[int] = []
    for fi, f in enumerate(feats):
        post = postings[f]
        if len(post) < 2:
            continue
        if len(post) > cap:
            common.append(fi)
            continue
        arr = np.asarray(post, dtype=np.int64)
        a, b = np.triu_indices(len(arr), 1)
        a, b = arr[a], arr[b]
        keep = art[a] != art[b]
        if keep.any():
            keys.append(a[keep] * n + b[keep])
            fids.append(np.full(int(keep.sum()), fi, dtype=np.int64))
    if not keys:
        return {}
    all_keys = np.concatenate(keys)
    all_f = np.concatenate(fids)
    cand, inverse = np.unique(all_keys, return_inverse=True)
    m = len(cand)
    shared = np.bincount(inverse, weights=w[all_f], minlength=m)
    count = np.bincount(inverse, minlength=m).astype(np.float64)
    words = np.bincount(inverse, weights=is_word[all_f].astype(np.float64), minlength=m)
    ia, ib = cand // n, cand % n

    # 2. Features too common to block on still add to the candidates' overlap.
    for fi in common:
        member = np.zeros(n, dtype=bool)
        member[postings[feats[fi]]] = True
        both = member[ia] & member[ib]
        shared += w[fi] * both
        count += both
        if is_word[fi]:
            words += both

    # 3. Overlap (mean of Dice and containment) blended with rapidfuzz, on the candidates only.
    fid = {f: i for i, f in enumerate(feats)}
    unit_w = np.array([w[[fid[f] for f in u.features]].sum() if u.features else 0.0 for u in flat])
    wa, wb = unit_w[ia], unit_w[ib]
    total = wa + wb
    smaller = np.minimum(wa, wb)
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(total > 0, 2 * shared / total, 0.0)
        cont = np.where(smaller > 0, shared / smaller, 0.0)
    overlap = 0.5 * dice + 0.5 * cont
    clause = np.array([u.clause for u in flat], dtype=bool)
    needed = 2 + (clause[ia] | clause[ib])
    ok = (count >= needed) & (words >= 1)
    ia, ib, overlap = ia[ok], ib[ok], overlap[ok]
    lemmas = [u.lemmas for u in flat]
    fuzzy = (
        process.cpdist(
            [lemmas[i] for i in ia.tolist()], [lemmas[j] for j in ib.tolist()], scorer=fuzz.token_set_ratio, workers=-1
        )
        / 100.0
        if len(ia)
        else np.zeros(0)
    )
    score = 0.7 * overlap + 0.3 * np.minimum(fuzzy, overlap + 0.3)

    # 4. A sentence pair keeps its best sentence- or clause-level score.
    sent = np.array([u.sentence for u in flat], dtype=np.int64)
    pair: dict[tuple[int, int], float] = {}
    for i, j, v in zip(sent[ia].tolist(), sent[ib].tolist(), score.tolist()):
        if v > 0 and v > pair.get((i, j), 0.0):
            pair[(i, j)] = v
    return pair


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
    ``score`` is the mean pair score between members of different articles.
    """

    number: int
    members: tuple[int, ...]
    score: float
    shared: Shared

    @property
    def reason(self) -> str:
        """Why the group was formed (see :attr:`Shared.reason`)."""
        return self.shared.reason


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
        Pair score of every sentence pair ``(i, j)``, ``i < j``, that scored above zero.
    links : tuple of (int, int, float)
        Matched sentence pairs ``(i, j, score)``, ``i < j`` flat ids, at or above the cut-off.
    possible : tuple of (int, int, float)
        Pairs scored between the "possible" threshold and the cut-off: shown faded, never grouped.
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

    Returns
    -------
    AlignedStory
    """
    settings = settings or Settings()
    parsed = tuple(parsed)
    if story is None:
        story = Story([p.article for p in parsed])
    score_cutoff, max_per_article = settings.score_cutoff, settings.max_per_article
    link_cutoff = settings.effective_link_cutoff
    sentences, units = _units(parsed, settings.clauses)
    n_docs = len(sentences)
    df = Counter(f for us in units for f in set().union(*(u.features for u in us)))
    weight = {f: FEATURE_WEIGHTS[f[0]] * math.log(1 + n_docs / c) for f, c in df.items()}

    pair = _blocked_pair_scores(sentences, units, weight, max_block_df=settings.max_block_df)

    ids = [p.article.id for p in parsed]
    sort_key = {k: (ids[s.article], s.index) for k, s in enumerate(sentences)}
    edges = sorted(
        ((v, i, j) for (i, j), v in pair.items() if v >= score_cutoff),
        key=lambda e: (-round(e[0], 9), min(sort_key[e[1]], sort_key[e[2]]), max(sort_key[e[1]], sort_key[e[2]])),
    )

    group_of = list(range(n_docs))
    members: dict[int, list[int]] = {k: [k] for k in range(n_docs)}

    def score_between(i: int, j: int) -> float:
        return pair.get((i, j)) or pair.get((j, i)) or 0.0

    for _, i, j in edges:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        merged = members[gi] + members[gj]
        per_article = Counter(sentences[k].article for k in merged)
        if max(per_article.values()) > max_per_article or not _adjacent(merged, sentences):
            continue
        # An article may add a second sentence only as a lone sentence joining a group
        # (one fact told in two sentences); two matched groups are two facts.
        if max(per_article.values()) > 1 and min(len(members[gi]), len(members[gj])) > 1:
            continue
        cross = [score_between(x, y) for x in members[gi] for y in members[gj] if sentences[x].article != sentences[y].article]
        # A second sentence from the same article must be as strongly linked as a first match.
        needed = score_cutoff if max(per_article.values()) > 1 else link_cutoff
        if cross and sum(cross) / len(cross) < needed:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members[keep] = sorted(merged)
        for k in members.pop(drop):
            group_of[k] = keep

    raw = []
    for ms in members.values():
        if len({sentences[k].article for k in ms}) < 2:
            continue
        cross = [
            score_between(x, y) for a, x in enumerate(ms) for y in ms[a + 1 :] if sentences[x].article != sentences[y].article
        ]
        raw.append((tuple(ms), sum(cross) / len(cross), _shared(ms, sentences, units, weight)))
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
    )


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


def _adjacent(ms: list[int], sentences: list[Sentence]) -> bool:
    """True when each article's sentences in ``ms`` are consecutive (one fact split in two)."""
    by_art: dict[int, list[int]] = defaultdict(list)
    for k in ms:
        by_art[sentences[k].article].append(sentences[k].index)
    return all(max(ix) - min(ix) == len(ix) - 1 for ix in by_art.values())


def _shared(ms: list[int], sentences: list[Sentence], units: list[list[Unit]], weight: dict[str, float]) -> Shared:
    """Features found in the sentences of at least two articles of the group, rarest first.

    Entities are reported by name ("Kim Jong Un"), the longest form any member uses.
    """
    seen: dict[str, set[int]] = defaultdict(set)
    for k in ms:
        for f in units[k][0].features:
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
