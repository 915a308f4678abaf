"""Long articles: parsed in pieces and joined into one document with the original text.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters by
default, error E088), and its parser and entity recogniser need memory in
proportion to the text they are given (a 2 MB article in 200,000-character
pieces peaked at 2.5 GB, in 50,000-character pieces at 1.0 GB). An article
longer than :func:`piece_limit` (:data:`PIECE_CHARS`, or less than
``max_length``) is cut into pieces (:func:`split_pieces`: at paragraph breaks,
else after a sentence's final punctuation, else at white space, never inside a
word unless one word is longer than a piece), each piece is parsed, and the
pieces are joined with
``Doc.from_docs`` into one ``Doc`` whose text is exactly the article's text, so
every character offset downstream is the same as for a document parsed whole.

Only texts over :data:`compare.files.MAX_CHARS` characters (``COMPARE_MAX_CHARS``,
or ``max_chars=`` of :func:`compare.parsing.parse`) are refused, with an error
that names the limit and how to raise it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import ArticleFormatError, UsageError, UsageTypeError
from .files import max_chars as max_chars_setting
from .vocab import PARAGRAPH_BREAK

__all__ = ["PIECE_CHARS", "check_length", "parse_in_pieces", "piece_limit", "resolve_max_chars", "split_pieces"]

#: Largest text given to the pipeline at once; longer articles are parsed in pieces.
#: Longer than almost any news article, small enough to keep the parser's memory low.
PIECE_CHARS = 50_000
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def resolve_max_chars(max_chars: object = None) -> int:
    """The size limit: ``max_chars`` when given (a whole number ≥ 1), else :func:`compare.files.max_chars`."""
    if max_chars is None:
        return max_chars_setting()
    if isinstance(max_chars, bool) or not isinstance(max_chars, int):
        raise UsageTypeError("max_chars", f"must be a whole number of characters, not {max_chars!r}")
    if max_chars < 1:
        raise UsageError("max_chars", f"must be at least 1, not {max_chars!r}")
    return max_chars


def check_length(text: str, source: object, limit: int | None = None) -> None:
    """Raise :class:`ArticleFormatError` naming ``source`` when ``text`` is over the size limit."""
    limit = max_chars_setting() if limit is None else limit
    if len(text) > limit:
        raise ArticleFormatError(
            source,
            f"article is {len(text):,} characters long, over the limit of {limit:,} characters; "
            "set the environment variable COMPARE_MAX_CHARS (or parse(max_chars=...)) to parse longer texts",
        )


def piece_limit(nlp) -> int:
    """Largest piece for ``nlp``: under its ``max_length`` and at most :data:`PIECE_CHARS`."""
    return max(1, min(int(nlp.max_length) - 1, PIECE_CHARS))


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End of the last match of ``pattern`` inside ``text[lo:hi]``, or None."""
    end = None
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def split_pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join back to it.

    A piece ends after a paragraph break when one lies in the second half of
    the window, else after a sentence's final punctuation and its white space,
    else after any white space; only a run of ``limit`` characters without
    white space is cut inside the word. Linear in ``len(text)``: each window is
    scanned once and every piece but the last is at least half a window long
    (or ends at white space).

    Examples
    --------
    >>> split_pieces("One two. Three four.\\n\\nFive six.", 24)
    ['One two. Three four.\\n\\n', 'Five six.']
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces: list[str] = []
    start, n = 0, len(text)
    while n - start > limit:
        hi = start + limit
        half = start + limit // 2
        cut = None
        for pattern in (PARAGRAPH_BREAK, _SENTENCE_END):
            end = _last_end(pattern, text, half, hi)
            if end is not None and end > start:
                cut = end
                break
        if cut is None:
            cut = _last_end(_SPACE, text, start, hi)
        if cut is None or cut <= start:
            cut = hi  # one word longer than a piece: cut it
        pieces.append(text[start:cut])
        start = cut
    if start < n or not pieces:
        pieces.append(text[start:])
    return pieces


def parse_in_pieces(nlp, text: str, *, disable: Sequence[str] = (), batch_size: int = 4):
    """One ``Doc`` of ``text`` (any length); ``doc.text == text``.

    A text of at most :func:`piece_limit` characters is parsed whole; a longer
    one piece by piece (:func:`split_pieces`). Sentence boundaries and entities of each piece are kept; a piece always
    starts a new sentence.
    """
    from spacy.tokens import Doc

    limit = piece_limit(nlp)
    if len(text) <= limit:
        return nlp(text, disable=list(disable))
    pieces = split_pieces(text, limit)
    docs = list(nlp.pipe(pieces, batch_size=batch_size, disable=list(disable)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs keeps each piece's text
        raise RuntimeError("joining the parsed pieces changed the text")
    return doc
