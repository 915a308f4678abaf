"""Statements: every excerpt of one remark under one ``statement`` id.

Outlets quote one remark in pieces: "There are no secrets here, Russia's
position is always open" / "There are no secrets here, no conspiracies" /
"There are no secrets here. We will discuss this" are cuts of one statement.
Quotations are excerpts of one statement when their words

- contain one another (the shorter one, at least :data:`MIN_RUN` words, inside the longer),
- share a long run (:data:`LONG_RUN` words or more),
- start or end the same way (cut at different points: a shared opening or
  ending of at least :data:`MIN_RUN` words, in different articles also
  :data:`MIN_SHARE` of the shorter quotation), or overlap (one ends how the other begins);

and, with the semantic signal (:mod:`compare.embeddings`), quotations of the
same named speaker in different outlets whose meaning is close (centred
cosine at least :data:`REWORDED_CUTOFF`) are reworded or translated versions of
one statement (variant ``reworded``) when the caller says their sentences are
counterparts: on BASIL, a speaker's *different* remarks are as close in meaning
as a reworded one, and joining by meaning alone put them under one statement.

Quotations in different articles that share a run of :data:`MIN_RUN` words
and yet are not excerpts of one remark are two remarks that use one formula
("... but the channels of dialogue remain open" closing two different
statements): they are kept apart (:class:`KeptApart`), even when a short
quotation holding only the formula is an excerpt of both.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from ..disjoint import DisjointSets
from ..embeddings import centred, embed, nearest
from ..speaker_words import is_unnamed_source
from ..vocab import UNKNOWN

__all__ = [
    "LONG_RUN",
    "MIN_RUN",
    "MIN_SHARE",
    "REWORDED_CUTOFF",
    "KeptApart",
    "candidate_pairs",
    "formula_pairs",
    "conflicting",
    "excerpts_of_one",
    "longest_run",
    "statement_ids",
]

#: Words of a shared opening, ending, overlap or containment that make two quotations excerpts of one remark.
MIN_RUN = 4
#: Words of a shared run anywhere that make two quotations excerpts of one remark.
LONG_RUN = 6
#: Share of the shorter quotation a shared opening or ending must cover to make two quotations cuts of one
#: remark (quotations in different articles): "There are no secrets here" opening 5 of 11 words is a cut;
#: "channels of dialogue remain open" closing 5 of 20 is a formula two remarks share. Set by hand on made-up
#: examples (a third), not fitted.
MIN_SHARE = 1 / 3
#: Centred cosine from which two quotations of one named speaker (different outlets), in counterpart
#: sentences, are versions of one remark. Set by hand; ``benchmarks/speakers.py --groups --cutoffs``
#: prints the figures on the BASIL gold per split (0.25 to 0.5 give the same joins on the training part).
REWORDED_CUTOFF = 0.35
#: A content word in more quotations than this pairs each one only with its next :data:`WINDOW` holders.
MAX_SHARED = 32
#: How many following holders of a common word a quotation is paired with.
WINDOW = 8
#: Nearest same-speaker quotations compared by meaning per quotation.
NEAREST = 16


def candidate_pairs(words: list[list[str]]) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of word lists that share a word.

    Only such pairs can be versions or excerpts of one remark ("well, which is
    it?" is all stop words and still an excerpt). A word held by more than :data:`MAX_SHARED` lists pairs each holder with its next
    :data:`WINDOW` holders only (one famous remark quoted by every outlet still
    chains into one group; identical lists are always paired), so the number
    of pairs grows linearly with the quotations, not with their square.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in set(ws):
            index[w].append(i)
    first_of: dict[tuple[str, ...], int] = {}
    for i, ws in enumerate(words):
        found: set[int] = set()
        for w in set(ws):
            holders = index[w]
            at = bisect_right(holders, i)
            found.update(holders[at:] if len(holders) <= MAX_SHARED else holders[at : at + WINDOW])
        key = tuple(ws)
        if key in first_of:
            yield first_of[key], i
        first_of.setdefault(key, i)
        yield from ((i, j) for j in sorted(found))


def longest_run(a: list[str], b: list[str]) -> tuple[int, int, int]:
    """Longest common run of words: ``(length, start in a, start in b)``, the first in reading order on a tie.

    Only positions where the words match are visited (time about the number of
    matching word pairs, at most ``len(a) * len(b)``).
    """
    where: dict[str, list[int]] = defaultdict(list)
    for j, w in enumerate(b):
        where[w].append(j)
    best = (0, 0, 0)
    prev: dict[int, int] = {}
    for i, w in enumerate(a):
        cur = {}
        for j in where.get(w, ()):
            n = cur[j] = prev.get(j - 1, 0) + 1
            if n > best[0]:
                best = (n, i - n + 1, j - n + 1)
        prev = cur
    return best


def excerpts_of_one(a: list[str], b: list[str], one_article: bool = False) -> str:
    """Why word lists ``a`` and ``b`` are excerpts of one remark ("" when they are not).

    A shared opening or ending must cover :data:`MIN_SHARE` of the shorter
    list, unless both are quoted in one article (``one_article``): there it
    is a speaker's repeated phrase within one remark ("We will build ... We
    will build ...").

    >>> w = str.split
    >>> excerpts_of_one(w("there are no secrets here russia s position is always open"), w("there are no secrets here no conspiracies"))
    'cut at different points'
    """
    if not a or not b:
        return ""
    run, ia, ib = longest_run(a, b)
    short = min(len(a), len(b))
    if run >= MIN_RUN and run == short:
        return "one contains the other"
    if run >= LONG_RUN:
        return "a long shared run of words"
    if run >= MIN_RUN:
        if (ia == 0 and ib == 0) or (ia + run == len(a) and ib + run == len(b)):
            if run < MIN_SHARE * short and not one_article:
                return ""  # a formula opening or closing two different remarks
            rest_a = set(a[:ia] + a[ia + run :])
            rest_b = set(b[:ib] + b[ib + run :])
            if len(rest_a & rest_b) > 0.3 * min(len(rest_a), len(rest_b)):
                return "edited after a shared opening or before a shared ending"
            return "cut at different points"
        if (ia + run == len(a) and ib == 0) or (ib + run == len(b) and ia == 0):
            return "overlapping excerpts"
    return ""


#: The reasons :func:`excerpts_of_one` gives, surest first.
_WHY_ORDER = (
    "one contains the other",
    "a long shared run of words",
    "edited after a shared opening or before a shared ending",
    "cut at different points",
    "overlapping excerpts",
)


def conflicting(a: list[str], b: list[str]) -> bool:
    """Whether word lists ``a`` and ``b`` share a run of :data:`MIN_RUN` words yet are not excerpts of one remark.

    >>> w = str.split
    >>> conflicting(w("it lasted an hour and there will be no more said tonight but the talks remain open"),
    ...             w("we met at noon in the office for a long while but the talks remain open"))
    True
    >>> conflicting(w("we met at noon"), w("the talks remain open"))
    False
    """
    return len(set(a) & set(b)) >= MIN_RUN and longest_run(a, b)[0] >= MIN_RUN and not excerpts_of_one(a, b)


def formula_pairs(articles: list[int], words: list[list[str]], pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``pairs`` of quotations from different articles that share a formula but are two remarks (:func:`conflicting`)."""
    return [(i, j) for i, j in pairs if articles[i] != articles[j] and conflicting(words[i], words[j])]


class KeptApart:
    """Items joined into groups (:class:`DisjointSets`) that never hold a pair the caller set apart.

    A short quotation that is an excerpt of two different remarks would chain
    them into one group; with the two remarks set apart, the short one joins
    the first group it is offered and the second join is refused.
    """

    def __init__(self, n: int, apart: Iterable[tuple[int, int]] = ()) -> None:
        self.sets: DisjointSets[int] = DisjointSets(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.apart: dict[int, set[int]] = defaultdict(set)
        for i, j in apart:
            self.apart[i].add(j)
            self.apart[j].add(i)

    def allowed(self, i: int, j: int) -> bool:
        """Whether joining the groups of ``i`` and ``j`` puts no pair set apart together."""
        ri, rj = self.sets.find(i), self.sets.find(j)
        if ri == rj:
            return True
        small, other = (ri, rj) if len(self.members[ri]) <= len(self.members[rj]) else (rj, ri)
        return not any(self.sets.find(y) == other for x in self.members[small] for y in self.apart.get(x, ()))

    def union(self, i: int, j: int, force: bool = False) -> bool:
        """Join the groups of ``i`` and ``j`` unless that puts a pair set apart together (``force``: always)."""
        if not force and not self.allowed(i, j):
            return False
        ri, rj = self.sets.find(i), self.sets.find(j)
        if not self.sets.union(i, j):
            return False
        root = self.sets.find(i)
        self.members[root] = (
            self.members.pop(ri) + self.members.pop(rj) if root == ri else self.members.pop(rj) + self.members.pop(ri)
        )
        return True

    def same(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` are in one group."""
        return self.sets.same(i, j)

    def find(self, i: int) -> int:
        """The representative of ``i``'s group."""
        return self.sets.find(i)

    def groups(self) -> list[list[int]]:
        """Every group (see :meth:`DisjointSets.groups`)."""
        return self.sets.groups()


def statement_ids(
    records: list[dict],
    words: list[list[str]],
    related: Callable[[int, int], bool] | None = None,
    may_join: Callable[[int, int], bool] | None = None,
) -> tuple[list[int], list[str]]:
    """A statement number (from 1, in reading order) for each quotation record, and how it was joined.

    ``records`` carry ``a`` (article), ``q`` (the Quote), ``quote`` (version
    group) and ``speaker_key``; ``words`` their normalised words. The second
    list says, per record, why it joined its statement ("" for the first
    version or a member of the same version group; ``reworded`` for a link by
    meaning). ``related(i, j)``, when given, must hold for records ``i`` and
    ``j`` to be joined by meaning; ``may_join(i, j)``, when given, for them to be joined as excerpts
    (two named people's quotations sharing only an idiom are two remarks).
    """
    n = len(records)
    how = [""] * n
    sets = [set(w) for w in words]
    # no run of MIN_RUN shared words is possible in pairs sharing fewer words
    pairs = [(i, j) for i, j in candidate_pairs(words) if len(sets[i] & sets[j]) >= MIN_RUN]
    arts = [r["a"] for r in records]
    apart = [(i, j) for i, j in formula_pairs(arts, words, pairs) if records[i]["quote"] != records[j]["quote"]]
    joined = KeptApart(n, apart)
    by_group: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        by_group[r["quote"]].append(i)
    for members in by_group.values():
        for i in members[1:]:
            joined.union(members[0], i, force=True)
    found = [
        (i, j, excerpts_of_one(words[i], words[j], records[i]["a"] == records[j]["a"]))
        for i, j in pairs
        if not joined.same(i, j) and (may_join is None or may_join(i, j))
    ]
    # the surest links first, so an excerpt of two remarks set apart joins the one it is cut from
    for i, j, why in sorted((f for f in found if f[2]), key=lambda f: _WHY_ORDER.index(f[2])):
        if joined.union(i, j):
            how[j] = how[j] or why
    named = [
        i
        for i in range(n)
        if records[i]["speaker_key"] != UNKNOWN and not is_unnamed_source(records[i]["speaker_key"]) and len(words[i]) >= MIN_RUN
    ]
    if len(named) > 1:
        vectors = centred(embed([records[i]["q"].text for i in named]))
        by_speaker: dict[str, list[int]] = defaultdict(list)
        for x, i in enumerate(named):
            by_speaker[records[i]["speaker_key"]].append(x)
        for xs in by_speaker.values():
            if len(xs) < 2:
                continue
            near, cos = nearest(vectors[xs], vectors[xs], NEAREST + 1)
            for x, ys, ss in zip(xs, near, cos):
                i = named[x]
                for y, sim in zip(ys, ss):
                    j = named[xs[int(y)]]
                    ri, rj = records[i], records[j]
                    if j <= i or ri["a"] == rj["a"] or joined.same(i, j) or (related and not related(i, j)):
                        continue
                    if float(sim) >= REWORDED_CUTOFF and np.isfinite(sim) and joined.union(i, j):
                        how[j] = how[j] or "reworded"
    roots: dict[int, int] = {}
    order = sorted(range(n), key=lambda i: (records[i]["a"], records[i]["q"].start))
    for i in order:
        roots.setdefault(joined.find(i), len(roots) + 1)
    return [roots[joined.find(i)] for i in range(n)], how
