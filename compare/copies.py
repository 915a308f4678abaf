"""Wire copies: articles that are one underlying text republished with small edits.

A wire report run by several sites, or one outlet reusing another's
paragraphs, is one source, not independent confirmation. Two articles are
*copies* when most sentences of the shorter one are carried near-verbatim by
the other. The comparison is sentence by sentence (rapidfuzz ``ratio`` on
normalised sentence texts), never whole-text, so a copy with a rewritten lead,
a cut ending or a changed scene is still found, while two outlets quoting the
same wire sentence once are not copies.

The edits between two copies (words changed inside carried sentences, from
:func:`compare.diffs.diff_words`; sentences rewritten, dropped or added; a
changed or dropped title) are findings in their own right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .alignment import AlignedStory
from .diffs import diff_words
from .disjoint import DisjointSets
from .snippets import shorten

__all__ = ["COPY_COLUMNS", "CopyPair", "copy_families", "copy_pairs", "copies"]

#: Columns of :func:`copies` (``Comparison.copies``).
COPY_COLUMNS = ["family", "outlet_a", "outlet_b", "article_a", "article_b", "shared", "edits"]
#: rapidfuzz ``ratio`` (0–100) from which a sentence is carried near-verbatim.
CARRIED_CUTOFF = 90.0
#: rapidfuzz ``ratio`` from which a sentence is a rewritten version (below it: dropped or added).
REWRITTEN_CUTOFF = 55.0
#: Share of the shorter article (in characters) that must be carried for two articles to be copies.
SHARED_CUTOFF = 0.5
#: Sentences of at least this many words that must be carried.
MIN_CARRIED = 3
_MIN_WORDS = 6
_MAX_EDITS = 40
_QUOTE_CHARS = 70  #: width of a sentence quoted in an edit


@dataclass(frozen=True)
class CopyPair:
    """Two articles (positions ``a`` < ``b``) found to be copies, with ``shared`` and ``edits``."""

    a: int
    b: int
    shared: float
    edits: tuple[str, ...]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("“", '"').replace("”", '"').split())


def _sentences(aligned: AlignedStory, a: int) -> list[str]:
    title = (aligned.parsed[a].article.title or "").strip()
    out = []
    for k in aligned.article_sentences(a):
        text = aligned.sentences[k].text.strip()
        if title and _norm(text) == _norm(title):
            continue  # the headline is compared separately
        out.append(text)
    return out


def _word_edits(x: str, y: str) -> list[str]:
    d = diff_words(x, y)
    out = []
    for r in d.itertuples():
        if r.op == "equal" or not (str(r.a_text).strip(" .,;:") or str(r.b_text).strip(" .,;:")):
            continue
        if r.op == "insert":
            out.append(f"adds “{shorten(r.b_text, 40)}”")
        elif r.op == "delete":
            out.append(f"drops “{shorten(r.a_text, 40)}”")
        else:
            out.append(f"“{shorten(r.a_text, 40)}” → “{shorten(r.b_text, 40)}”")
    return out


def _compare_pair(aligned: AlignedStory, a: int, b: int, texts: dict[int, tuple[list[str], list[str]]]) -> CopyPair | None:
    """``texts``: per article, its sentences and their normalised forms (filled on first use)."""
    for x in (a, b):
        if x not in texts:
            raw = _sentences(aligned, x)
            texts[x] = (raw, [_norm(t) for t in raw])
    (sa, na), (sb, nb) = texts[a], texts[b]
    if not sa or not sb:
        return None
    scores = process.cdist(na, nb, scorer=fuzz.ratio, dtype=np.float32)
    best_b = scores.argmax(axis=1)
    best_a = scores.argmax(axis=0)
    carried_a = [scores[i, best_b[i]] >= CARRIED_CUTOFF for i in range(len(sa))]
    carried_b = [scores[best_a[j], j] >= CARRIED_CUTOFF for j in range(len(sb))]
    len_a, len_b = sum(map(len, na)), sum(map(len, nb))
    short_n, short_c, short_s = (na, carried_a, sa) if len_a <= len_b else (nb, carried_b, sb)
    shared = sum(len(t) for t, c in zip(short_n, short_c) if c) / max(sum(map(len, short_n)), 1)
    long_enough = sum(1 for s, c in zip(short_s, short_c) if c and len(s.split()) >= _MIN_WORDS)
    if shared < SHARED_CUTOFF or long_enough < min(MIN_CARRIED, len(short_s)):
        return None
    edits: list[str] = []
    ta, tb = ((aligned.parsed[x].article.title or "").strip() for x in (a, b))
    if ta and not tb:
        edits.append("drops the title")
    elif tb and not ta:
        edits.append(f"adds a title: “{shorten(tb, _QUOTE_CHARS)}”")
    elif ta and tb and _norm(ta) != _norm(tb):
        edits.append(f"changes the title: “{shorten(ta, _QUOTE_CHARS)}” → “{shorten(tb, _QUOTE_CHARS)}”")
    status_a: list[str] = []
    paired_b: set[int] = set()
    for i in range(len(sa)):
        j = int(best_b[i])
        score = float(scores[i, j])
        if score >= CARRIED_CUTOFF:
            status_a.append("carried")
            paired_b.add(j)
        elif score >= REWRITTEN_CUTOFF and int(best_a[j]) == i:
            status_a.append("rewritten")
            paired_b.add(j)
        else:
            status_a.append("dropped")
    added_b = [j for j in range(len(sb)) if j not in paired_b and float(scores[best_a[j], j]) < CARRIED_CUTOFF]
    lead_i = next((i for i in range(min(3, len(sa))) if status_a[i] == "dropped"), None)
    lead_j = next((j for j in added_b if j < 3), None)
    lead_rewritten = lead_i is not None and lead_j is not None
    if lead_i is not None and lead_j is not None:
        edits.append(f"rewrites the lead: “{shorten(sa[lead_i], _QUOTE_CHARS)}” → “{shorten(sb[lead_j], _QUOTE_CHARS)}”")
    kept = [i for i, st in enumerate(status_a) if st != "dropped"]
    ending = kept[-1] + 1 if kept else len(sa)
    for i in range(len(sa)):
        j = int(best_b[i])
        if status_a[i] == "carried" and na[i] != nb[j]:
            edits.extend(_word_edits(sa[i], sb[j]))
        elif status_a[i] == "rewritten":
            changes = "; ".join(_word_edits(sa[i], sb[j])[:6])
            edits.append(f"rewrites {'the lead' if i == 0 else 'a sentence'}: {changes} (“{shorten(sa[i], 50)}”)")
        elif status_a[i] == "dropped" and not (i == lead_i and lead_rewritten) and i < ending:
            edits.append(f"drops “{shorten(sa[i], _QUOTE_CHARS)}”")
    if ending < len(sa):
        edits.append(f"cuts the ending: {len(sa) - ending} sentences from “{shorten(sa[ending], _QUOTE_CHARS)}”")
    for j in added_b:
        if not (j == lead_j and lead_rewritten):
            edits.append(f"adds “{shorten(sb[j], _QUOTE_CHARS)}”")
    if len(edits) > _MAX_EDITS:
        edits = [*edits[:_MAX_EDITS], f"… and {len(edits) - _MAX_EDITS} more edits"]
    return CopyPair(a, b, round(shared, 3), tuple(edits))


def copy_pairs(aligned: AlignedStory, outlets: list[int] | None = None) -> list[CopyPair]:
    """Every pair of articles (among ``outlets``, default all) that are copies of one text.

    Only article pairs the aligner linked at least once (a sentence pair scored
    at or above the cut-off) are compared: a near-verbatim sentence is always
    such a link, and the work then grows with the aligner's links, not with the
    square of the number of articles (one rapidfuzz ``cdist`` per compared pair).
    """
    arts = list(range(len(aligned.parsed))) if outlets is None else sorted(outlets)
    wanted = set(arts)
    linked: set[tuple[int, int]] = set()
    for i, j, _ in aligned.links:
        a, b = sorted((aligned.sentences[i].article, aligned.sentences[j].article))
        if a != b and a in wanted and b in wanted:
            linked.add((a, b))
    out = []
    texts: dict[int, tuple[list[str], list[str]]] = {}
    for a, b in sorted(linked):
        pair = _compare_pair(aligned, a, b, texts)
        if pair is not None:
            out.append(pair)
    return out


def copy_families(pairs: list[CopyPair]) -> list[list[int]]:
    """Families of copies (article positions, each family sorted, families by first member)."""
    families: DisjointSets[int] = DisjointSets()
    for p in pairs:
        families.union(p.a, p.b)
    return sorted((sorted(f) for f in families.groups()), key=lambda f: f[0])


def copies(aligned: AlignedStory, outlets: list[int] | None = None) -> pd.DataFrame:
    """Pairs of articles that are one underlying text republished with small edits.

    Parameters
    ----------
    aligned : AlignedStory
    outlets : list of int, optional
        Article positions to compare (default: all).

    Returns
    -------
    pandas.DataFrame
        One row per pair of copies. Columns (:data:`COPY_COLUMNS`):

        - ``family``: copy family number (from 1; articles that are copies of
          each other, directly or through a third, share it);
        - ``outlet_a``, ``outlet_b``, ``article_a``, ``article_b``: the two
          articles (story order);
        - ``shared``: share (0–1, by characters) of the shorter article's
          sentences carried near-verbatim by the other;
        - ``edits``: list of edits from ``a`` to ``b``: words added, dropped or
          changed inside carried sentences (from :func:`~compare.diffs.diff_words`),
          sentences rewritten (``rewrites the lead: …``), dropped or added,
          and a changed or dropped title.
    """
    pairs = copy_pairs(aligned, outlets)
    fam_of = {a: n for n, fam in enumerate(copy_families(pairs), 1) for a in fam}
    ids = [p.article.id for p in aligned.parsed]
    rows = [(fam_of[p.a], aligned.labels[p.a], aligned.labels[p.b], ids[p.a], ids[p.b], p.shared, list(p.edits)) for p in pairs]
    df = pd.DataFrame(rows, columns=COPY_COLUMNS)
    return df.astype({"family": "int64", "shared": "float64"}) if len(df) else df
