"""Articles and stories: reading news articles from files, texts, frames and URLs.

This module gathers the public names of the document layer's input side; each
lives in a module of its own concern:

- :mod:`compare.records`: the :class:`Article` and :class:`Story` records and
  their constructors (``Story.from_texts``, ``Story.from_frame``, records).
- :mod:`compare.readers`: :func:`load_story` and :func:`read_articles` (folders,
  ``.md``/``.txt``/``.json``/``.jsonl``/``.csv``/``.html`` files).
- :mod:`compare.frontmatter`: the one safe YAML loader (front matter, answer
  keys) and ``.md``/``.txt`` articles.
- :mod:`compare.files`: the one file reader (regular files only, a size limit
  :data:`MAX_FILE_BYTES`, ``COMPARE_MAX_FILE_BYTES``) and decoding.
- :mod:`compare.fields`: checks of field values shared by all of them.

Anything wrong with a user's file is one :class:`~compare.errors.ArticleFormatError`
naming the file.
"""

from __future__ import annotations

from .files import MAX_FILE_BYTES
from .frontmatter import FRONT_MATTER_FIELDS, MAX_YAML_CHARS, article_from_text
from .readers import (
    ANSWER_KEY,
    ARTICLE_SUFFIXES,
    HTML_LARGE_BYTES,
    HTML_MIN_SHARE,
    MIN_HTML_CHARS,
    PathArg,
    article_from_html,
    load_story,
    read_articles,
)
from .records import Article, Story, article_from_record, articles_from_records, unique_ids

__all__ = [
    "ANSWER_KEY",
    "ARTICLE_SUFFIXES",
    "FRONT_MATTER_FIELDS",
    "HTML_LARGE_BYTES",
    "HTML_MIN_SHARE",
    "MAX_FILE_BYTES",
    "MAX_YAML_CHARS",
    "MIN_HTML_CHARS",
    "Article",
    "PathArg",
    "Story",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "articles_from_records",
    "load_story",
    "read_articles",
    "unique_ids",
]
