"""compare — line up news outlets' articles about the same event.

Load a story (several outlets' articles about one event), align the sentences
that report the same thing, and see side by side how each outlet words it.

The public API is small:

- :func:`load_story` reads a folder or files into a :class:`Story` of :class:`Article` s;
  :meth:`Story.from_texts` and :meth:`Story.from_frame` build one in memory,
  :func:`fetch_article` downloads one page.
- :func:`compare` parses and aligns a story and returns a :class:`Comparison`
  (``.sentences``, ``.alignment``, ``.groups``; renders itself in Jupyter;
  ``.to_html(path)`` writes a report).
- :func:`diff_words` shows which words one sentence adds, drops or swaps.
- :func:`framing` finds framing language (loaded words, name-calling, hedges,
  judging verbs of saying, intensifiers, blame) in one article or text, and says
  whose voice each finding is in; ``Comparison.framing`` does it across outlets.
- ``Comparison.facts``, ``.coverage``, ``.missing`` (with ``.missing_summary()``),
  ``.unique``, ``.conflicts``, ``.quotes``, ``.sources`` and ``.copies`` (wire copies:
  one text republished by several outlets) answer what each outlet leaves out,
  changes or attributes.
- :func:`load_corpus` and :func:`cluster_stories` sort a large archive of
  articles into stories about one event each (:mod:`compare.distributed` runs
  the per-article stages on Dask).
- :func:`load_nlp` loads the spaCy pipeline once per process.

Examples
--------
>>> import compare
>>> c = compare.compare(compare.load_story("seeds/kim-putin-2019"), progress=False)
>>> int(c.alignment["n_outlets"].max())
4
"""

import logging

from . import classroom, copies, facts
from .alignment import AlignedStory, align
from .articles import Article, Story, load_story
from .clustering import cluster_stories
from .comparison import Comparison, View, compare
from .corpus import Corpus, load_corpus
from .diffs import diff_words
from .errors import (
    ArticleFormatError,
    CompareError,
    CompareWarning,
    FetchError,
    ModelNotFoundError,
    StoryError,
    UnknownNameError,
    UsageError,
    UsageTypeError,
)
from .fetch import fetch_article
from .framing import framing
from .parsing import load_nlp
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Story",
    "load_story",
    "fetch_article",
    "compare",
    "Comparison",
    "View",
    "Settings",
    "align",
    "AlignedStory",
    "diff_words",
    "load_corpus",
    "Corpus",
    "cluster_stories",
    "framing",
    "load_nlp",
    "CompareError",
    "ArticleFormatError",
    "StoryError",
    "ModelNotFoundError",
    "FetchError",
    "UsageError",
    "UsageTypeError",
    "UnknownNameError",
    "CompareWarning",
    "facts",
    "copies",
    "classroom",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
