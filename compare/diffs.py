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

__all__ = ["diff_words", "word_ops", "WordOp", "DIFF_COLUMNS"]

#: Columns of the frame returned by :func:`diff_words`.
DIFF_COLUMNS = ["op", "a_text", "b_text", "a_start", "a_end", "b_start", "b_end"]


class WordOp(NamedTuple):
    """One block of a word diff; offsets are character offsets into ``a`` and ``b``."""

    op: str  # "equal", "insert", "delete" or "replace"
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    keys, spans = [], []
    for tok, s, e in tokenize(text):
        # Hyphenated names and words split into parts so "Jong-un" equals "Jong Un".
        if tok == "-":
            continue
        keys.append(norm_word(tok))
        spans.append((s, e))
    return keys, spans


def word_ops(a: str, b: str) -> list[WordOp]:
    """The diff of ``a`` and ``b`` as :class:`WordOp` blocks (fast path for other stages)."""
    ka, sa = _words(a)
    kb, sb = _words(b)
    ops = []
    for o in Levenshtein.opcodes(ka, kb):
        tag, i1, i2, j1, j2 = o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end
        a_start = sa[i1][0] if i1 < i2 else (sa[i1 - 1][1] if i1 else 0)
        a_end = sa[i2 - 1][1] if i1 < i2 else a_start
        b_start = sb[j1][0] if j1 < j2 else (sb[j1 - 1][1] if j1 else 0)
        b_end = sb[j2 - 1][1] if j1 < j2 else b_start
        ops.append(WordOp(tag, a_start, a_end, b_start, b_end))
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
