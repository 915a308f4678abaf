"""Quotation tables: each quotation and its variant (:func:`quote_table`), and who speaks (:func:`sources`).

The quotations are found, grouped and classified in :mod:`compare.facts.quotes`.
"""

from __future__ import annotations

import pandas as pd

from ..alignment import AlignedStory
from .analysis import as_analysis
from .quotes import speaker_key, speaker_map
from .units import FactAnalysis

__all__ = ["QUOTE_COLUMNS", "SOURCE_COLUMNS", "quote_table", "sources"]

#: Columns of :func:`quote_table` (``Comparison.quotes``).
QUOTE_COLUMNS = [
    "quote",
    "statement",
    "outlet",
    "article",
    "speaker",
    "speaker_note",
    "start",
    "end",
    "text",
    "variant",
    "reference",
    "verb",
    "changes",
    "note",
]
#: Columns of :func:`sources`.
SOURCE_COLUMNS = ["outlet", "article", "speaker", "n_quotes", "n_reported", "first_start", "first_sentence"]


def quote_table(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Direct quotations, the versions of one statement grouped and compared word by word.

    Versions of the same statement (mostly the same words, in different
    outlets) share a ``quote`` id. Each version is compared with the
    reference — a transcript in the story when it holds the words, otherwise
    the outlet that quotes most of the statement — and classified:

    - ``identical``: the same words (spelling and punctuation aside);
    - ``trimmed``: words left out, none added (one is a sub-span of the other);
    - ``reworded``: words swapped without a change of meaning or tone;
    - ``altered``: inserted or swapped words that change meaning or tone
      (intensifiers, negation, numbers, added adjectives/adverbs).

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per quotation. Columns (:data:`QUOTE_COLUMNS`): ``quote``
        (version group id: the same words in different outlets),
        ``statement`` (one id for every excerpt of one remark: quotations that
        overlap, contain one another, share a long run of words or are cut at
        different points, and reworded or translated versions of one named
        speaker's remark; see :mod:`compare.facts.statements`), ``outlet``,
        ``article``, ``speaker`` (a person or organisation as written,
        ``unknown`` when none), ``speaker_note`` (how a title or pronoun was
        resolved to a name, or why none was given), ``start``, ``end`` (offsets of the quoted
        words in ``Article.text``), ``text``, ``variant``, ``reference`` (label
        of the version compared with), ``verb`` (attribution verb lemma),
        ``changes`` (word changes against the reference), ``note`` (e.g. a
        quotation attributed to different speakers in different outlets).
    """
    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for r in an.quotes:
        q = r["q"]
        art = aligned.parsed[r["a"]].article
        rows.append(
            (
                r["quote"],
                r["statement"],
                aligned.labels[r["a"]],
                art.id,
                q.speaker,
                q.note,
                q.start,
                q.end,
                q.text,
                r["variant"],
                r["reference"],
                q.verb,
                r["changes"],
                r["note"],
            )
        )
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return df.astype({"quote": "int64", "statement": "int64", "start": "int64", "end": "int64"}) if len(df) else df


def sources(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Who gets a voice in each article: quoted and reported speakers.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, speaker), in story order and then by first
        appearance. Columns (:data:`SOURCE_COLUMNS`): ``outlet``, ``article``,
        ``speaker`` (the fullest name the article uses; ``UNKNOWN`` for
        unattributed quotations), ``n_quotes`` (direct quotations),
        ``n_reported`` (indirect speech), ``first_start`` (offset of the first
        sentence where the speaker is quoted or reported), ``first_sentence``.
    """
    from ..quotes import find_quotes
    from ..reported import VIEWING_VERBS, find_reported

    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for a in an.outlets:
        p = aligned.parsed[a]
        stats: dict[str, list] = {}
        names: dict[str, str] = {}
        # a view attributed ("North Korea sees Russia as ...") is no one speaking
        heard = [q for q in find_reported(p) if q.verb not in VIEWING_VERBS]
        items = [(q, 0) for q in find_quotes(p)] + [(q, 1) for q in heard]
        people = [e.text for e in getattr(p.doc, "ents", ()) if e.label_ == "PERSON"]
        mapping = speaker_map([q.speaker for q, _ in items], others=people)
        for q, reported in sorted(items, key=lambda x: x[0].start):
            key = speaker_key(q.speaker, mapping)
            names[key] = max(names.get(key, q.speaker), q.speaker, key=lambda s: (len(s), s))
            k = aligned.sentence_at(a, q.start)
            s = aligned.sentences[k] if k is not None else None
            st = stats.setdefault(key, [0, 0, s.start if s else q.start, s.text if s else q.text])
            st[reported] += 1
        for key, (nq, nr, first, sent) in sorted(stats.items(), key=lambda kv: kv[1][2]):
            rows.append((aligned.story.labels[p.article.id], p.article.id, names[key], nq, nr, first, sent))
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
