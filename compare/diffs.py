"""Word diffs: which words one sentence adds, drops or swaps compared with another.

Built on ``rapidfuzz.distance.Levenshtein.opcodes`` over lists of normalised
words, so "Kim Jong-un"/"Kim Jong Un" or "armoured"/"armored" count as equal
while "said"/"claimed" is a replacement.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from rapidfuzz.distance import Levenshtein

from .normalize import norm_word, tokenize

__all__ = ["diff_words", "excerpt_ops", "word_ops", "word_window", "WordOp", "DIFF_COLUMNS"]

#: Columns of the frame returned by :func:`diff_words`.
DIFF_COLUMNS = ["op", "a_text", "b_text", "a_start", "a_end", "b_start", "b_end"]


class WordOp(NamedTuple):
    """One block of a word diff; offsets are character offsets into ``a`` and ``b``."""

    op: str  # "equal", "insert", "delete" or "replace"
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _words(text: str, words_only: bool = False) -> tuple[list[str], list[tuple[int, int]]]:
    keys, spans = [], []
    for tok, s, e in tokenize(text):
        # Hyphenated names and words split into parts so "Jong-un" equals "Jong Un".
        if tok == "-" or (words_only and not any(ch.isalnum() for ch in tok)):
            continue
        keys.append(norm_word(tok))
        spans.append((s, e))
    return keys, spans


def word_ops(a: str, b: str, words_only: bool = False) -> list[WordOp]:
    """The diff of ``a`` and ``b`` as :class:`WordOp` blocks (fast path for other stages).

    ``words_only`` leaves punctuation out of the diff: a comma swapped for a
    full stop then never ties with a word swap ("lost." / "won,").
    """
    ka, sa = _words(a, words_only)
    kb, sb = _words(b, words_only)
    ops = []
    for o in Levenshtein.opcodes(ka, kb):
        tag, i1, i2, j1, j2 = o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end
        a_start = sa[i1][0] if i1 < i2 else (sa[i1 - 1][1] if i1 else 0)
        a_end = sa[i2 - 1][1] if i1 < i2 else a_start
        b_start = sb[j1][0] if j1 < j2 else (sb[j1 - 1][1] if j1 else 0)
        b_end = sb[j2 - 1][1] if j1 < j2 else b_start
        ops.append(WordOp(tag, a_start, a_end, b_start, b_end))
    return ops


#: Costs of the excerpt alignment (:func:`excerpt_ops`): a word swapped or added costs ten times a
#: word of the longer text left out inside the excerpt (an excerpt is cut, rarely reworded).
_SWAP, _CUT = 10, 1
#: Word pairs beyond which :func:`excerpt_ops` falls back to :func:`word_ops` (its alignment is quadratic).
MAX_EXCERPT_CELLS = 200_000


def _fit(wa: list[str], wb: list[str]) -> tuple[int, int, list[tuple[str, int, int]]]:
    """All of ``wb`` aligned with the run ``wa[s:e]`` it best matches: ``(s, e, steps)``.

    Words of ``wa`` before ``s`` and after ``e`` are free; inside, a swap or an
    added word costs :data:`_SWAP` and a word left out :data:`_CUT`. Steps are
    ``(tag, index in wa, index in wb)``, tags ``equal``, ``replace``,
    ``delete`` (a word of ``wa`` left out) and ``insert`` (a word of ``wb`` added).
    """
    n, m = len(wa), len(wb)
    cost = [[0] * (n + 1)]
    move = [bytearray(n + 1)]  # 0 start here, 1 diagonal, 2 add a word of wb, 3 leave out a word of wa
    for i in range(1, m + 1):
        prev, w = cost[-1], wb[i - 1]
        row, mv = [i * _SWAP], bytearray([2])
        for j in range(1, n + 1):
            best, how = prev[j - 1] + (0 if wa[j - 1] == w else _SWAP), 1
            if row[j - 1] + _CUT < best:
                best, how = row[j - 1] + _CUT, 3
            if prev[j] + _SWAP < best:
                best, how = prev[j] + _SWAP, 2
            row.append(best)
            mv.append(how)
        cost.append(row)
        move.append(mv)
    e = min(range(n + 1), key=lambda j: (cost[m][j], -j))  # ties: the longer run (a swap, not an addition)
    steps: list[tuple[str, int, int]] = []
    i, j = m, e
    while i > 0:
        how = move[i][j]
        if how == 1:
            steps.append(("equal" if wa[j - 1] == wb[i - 1] else "replace", j - 1, i - 1))
            i, j = i - 1, j - 1
        elif how == 3:
            steps.append(("delete", j - 1, i))
            j -= 1
        else:
            steps.append(("insert", j, i - 1))
            i -= 1
    return j, e, steps[::-1]


def word_window(a: str, b: str) -> tuple[int, int]:
    """The character span of ``a`` that ``b``, an excerpt of it, was cut from (:func:`excerpt_ops`).

    ``(0, len(a))`` when either has no words or no word of ``b`` is in ``a``.

    >>> a = "We did not lose. We did not give up and we won."
    >>> lo, hi = word_window(a, "we did not give up, and we won")
    >>> a[lo:hi]
    'We did not give up and we won'
    """
    wa, sa = _words(a, words_only=True)
    wb, _ = _words(b, words_only=True)
    if not wa or not wb or len(wa) * len(wb) > MAX_EXCERPT_CELLS:
        return 0, len(a)
    s, e, _ = _fit(wa, wb)
    return (sa[s][0], sa[e - 1][1]) if s < e else (0, len(a))


def excerpt_ops(a: str, b: str) -> list[WordOp]:
    """The diff of ``b``, an excerpt, against the longer text ``a`` it was cut from, as :class:`WordOp` blocks.

    :func:`word_ops` (an edit distance) pairs an excerpt's words with the
    wrong repeats of a longer text ("We did not lose. We did not give up ..."
    against "We did not give up ...") and lists garbled swaps.
    Here ``b`` is aligned with the run of ``a`` it matches best, words left
    out inside it costing a tenth of a swapped word; the words of ``a``
    before and after that run are one ``delete`` block each. Punctuation is
    ignored.

    >>> a = "I have not lost any games. I have not missed any training or matches."
    >>> [(o.op, a[o.a_start : o.a_end]) for o in excerpt_ops(a, "I have not missed any training and matches")]
    [('delete', 'I have not lost any games'), ('equal', 'I have not missed any training'), ('replace', 'or'), ('equal', 'matches')]
    """
    wa, sa = _words(a, words_only=True)
    wb, sb = _words(b, words_only=True)
    if not wa or not wb or len(wa) * len(wb) > MAX_EXCERPT_CELLS:
        return word_ops(a, b, words_only=True)
    s, e, steps = _fit(wa, wb)
    ops = [WordOp("delete", sa[0][0], sa[s - 1][1], 0, 0)] if s else []
    k = 0
    while k < len(steps):
        tag, q = steps[k][0], k
        while q < len(steps) and steps[q][0] == tag:
            q += 1
        run = steps[k:q]
        ia = [x for t, x, _ in run if t != "insert"]
        ib = [y for t, _, y in run if t != "delete"]
        a_at = sa[ia[0]][0] if ia else (sa[run[0][1] - 1][1] if run[0][1] else sa[0][0])
        b_at = sb[ib[0]][0] if ib else (sb[run[0][2] - 1][1] if run[0][2] else 0)
        ops.append(WordOp(tag, a_at, sa[ia[-1]][1] if ia else a_at, b_at, sb[ib[-1]][1] if ib else b_at))
        k = q
    if e < len(wa):
        ops.append(WordOp("delete", sa[e][0], sa[-1][1], len(b), len(b)))
    return ops


def diff_words(a: str, b: str) -> pd.DataFrame:
    """Word-level differences between two sentences.

    Parameters
    ----------
    a, b : str
        The two sentences (or any texts).

    Returns
    -------
    pandas.DataFrame
        One row per block, in reading order, with columns

        - ``op``: ``equal``, ``insert`` (words only in ``b``), ``delete`` (only
          in ``a``) or ``replace`` (``a_text`` swapped for ``b_text``);
        - ``a_text``, ``b_text``: the words of each side ("" when none);
        - ``a_start``, ``a_end``, ``b_start``, ``b_end``: character offsets.

    Examples
    --------
    >>> d = diff_words("Cho said Kim was in trouble.", "Cho claimed Kim was in deep trouble.")
    >>> d[d.op != "equal"][["op", "a_text", "b_text"]].values.tolist()
    [['replace', 'said', 'claimed'], ['insert', '', 'deep']]
    """
    rows = [
        (o.op, a[o.a_start : o.a_end], b[o.b_start : o.b_end], o.a_start, o.a_end, o.b_start, o.b_end) for o in word_ops(a, b)
    ]
    return pd.DataFrame(rows, columns=DIFF_COLUMNS)
