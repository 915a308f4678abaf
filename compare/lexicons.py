"""Lexicons: the package's word lists, read once, replaceable per call.

The lists are data files in ``lexicons/`` (``category word-or-phrase`` per
line, ``#`` comments; the framing lexicon may end a line with ``pos=TAG``).
This module reads them and answers word look-ups; it knows nothing of
articles. VADER's valence lexicon (from the ``vaderSentiment`` package) is
read here too.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Lexicon", "load_lexicon", "read_lexicon_lines", "saying_verbs", "valence", "lemma", "lower", "lowered"]


def read_lexicon_lines(name: str) -> list[list[str]]:
    """Rows of a packaged lexicon file: comment and blank lines dropped, fields split."""
    text = resources.files("compare").joinpath("lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


#: spaCy string hash -> that string in lower case. Reading ``lemma_``/``lower_`` decodes a new
#: string on every access; a hash is the same for the same string in every pipeline, so one
#: table serves every document (framing reads each token's words several times).
_LOWERED: dict[int, str] = {}
_LOWERED_MAX = 500_000


def lowered(strings: Any, h: int) -> str:
    """The string of spaCy hash ``h`` (from ``strings``, a ``StringStore``) in lower case, remembered."""
    s = _LOWERED.get(h)
    if s is None:
        if len(_LOWERED) >= _LOWERED_MAX:
            _LOWERED.clear()
        s = _LOWERED[h] = strings[h].lower()
    return s


def lemma(tok: Token) -> str:
    """Lower-case lemma of a token (its text when the pipeline gives no lemma)."""
    h = tok.lemma
    return lowered(tok.vocab.strings, h) if h else tok.text.lower()


def lower(tok: Token) -> str:
    """The token's text in lower case (``tok.lower_``, read through the same table as :func:`lemma`)."""
    return lowered(tok.vocab.strings, tok.lower)


@functools.lru_cache(maxsize=1)
def saying_verbs() -> dict[str, str]:
    """Verbs of saying from ``lexicons/saying_verbs.txt``: ``{lemma: category}``.

    Categories are ``neutral`` ("say"), ``attribution`` ("claim": judges the
    speaker), ``naming`` ("call", "term") and ``judging`` ("criticize",
    "dismiss": judges what it reports, never flagged itself).
    """
    return {row[0].lower(): row[1] for row in read_lexicon_lines("saying_verbs.txt") if len(row) >= 2}


@dataclass(frozen=True)
class Lexicon:
    """A framing lexicon: single words and phrases by category."""

    words: dict[str, str]  #: word or lemma -> category
    phrases: dict[tuple[str, ...], str]  #: tuple of words (lower case) -> category
    pos: dict[str, str]  #: word -> the only part of speech it is flagged as ("rail" -> "VERB")

    @functools.cached_property
    def by_first(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Phrases indexed by their first word."""
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, cat in self.phrases.items():
            index.setdefault(phrase[0], []).append((phrase, cat))
        return index

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """Every word a look-up can begin with: single words and the first words of phrases."""
        return frozenset(self.words) | frozenset(self.by_first)

    @functools.cached_property
    def first_words_by_category(self) -> dict[str, frozenset[str]]:
        """Per category, the words a look-up of that category can begin with."""
        index: dict[str, set[str]] = {}
        for word, cat in self.words.items():
            index.setdefault(cat, set()).add(word)
        for phrase, cat in self.phrases.items():
            index.setdefault(cat, set()).add(phrase[0])
        return {cat: frozenset(words) for cat, words in index.items()}

    def category(self, word: str) -> str | None:
        return self.words.get(word.lower())

    def token_category(self, tok) -> str | None:
        """Category of a spaCy token by its text or lemma, honouring ``pos=`` constraints."""
        for key in (lower(tok), lemma(tok)):
            cat = self.words.get(key)
            if cat is not None and self.pos.get(key, tok.pos_) == tok.pos_:
                return cat
        return None


def _rows_to_lexicon(rows: Iterable[list[str]], base: Lexicon | None = None) -> Lexicon:
    words = dict(base.words) if base else {}
    phrases = dict(base.phrases) if base else {}
    pos = dict(base.pos) if base else {}
    for row in rows:
        if len(row) < 2:
            continue
        tag = row[-1][4:].upper() if row[-1].lower().startswith("pos=") else None
        cat, parts = row[0].lower(), tuple(p.lower() for p in (row[1:-1] if tag else row[1:]))
        split = _split_hyphens(parts)
        if len(parts) == 1 and len(split) > 1:
            words[parts[0]] = cat  # "so-called" as one word, for word swaps
            phrases[split] = cat  # and as the tokens spaCy makes of it: so - called
        elif len(parts) == 1:
            words[parts[0]] = cat
            if tag:
                pos[parts[0]] = tag
            else:
                pos.pop(parts[0], None)
        elif parts:
            phrases[split] = cat
    return Lexicon(words, phrases, pos)


def _split_hyphens(parts: tuple[str, ...]) -> tuple[str, ...]:
    """spaCy splits "far-left" into far, -, left: a hyphenated entry becomes that phrase."""
    out: list[str] = []
    for part in parts:
        pieces = part.split("-")
        if len(pieces) > 1 and all(pieces):
            for k, piece in enumerate(pieces):
                out.extend(["-", piece] if k else [piece])
        else:
            out.append(part)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _packaged_lexicon() -> Lexicon:
    lex = _rows_to_lexicon(read_lexicon_lines("framing.txt"))
    verbs = [["attribution", v] for v, c in saying_verbs().items() if c == "attribution" and v not in lex.words]
    return _rows_to_lexicon(verbs, lex)


def load_lexicon(extra_lexicon: str | os.PathLike | None = None) -> Lexicon:
    """The packaged framing lexicon, extended by a user file in the same format.

    Parameters
    ----------
    extra_lexicon : path, optional
        A text file of ``category word-or-phrase`` lines ("#" comments allowed);
        its entries are added to, or override, the packaged ones.

    Raises
    ------
    UsageError
        When ``extra_lexicon`` is not a readable UTF-8 text file.
    """
    lex = _packaged_lexicon()
    if extra_lexicon is None:
        return lex
    path = Path(extra_lexicon)
    if not path.is_file():
        raise UsageError("extra_lexicon", f"{os.fspath(extra_lexicon)}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError("extra_lexicon", f"{os.fspath(extra_lexicon)}: cannot be read ({e})") from None
    rows = [ln.split() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return _rows_to_lexicon(rows, lex)


@functools.lru_cache(maxsize=1)
def _vader() -> dict[str, float]:
    """VADER's word valences, read from its lexicon file in the vaderSentiment package.

    Building ``SentimentIntensityAnalyzer`` gives the same table but also loads its
    emoji lexicon, which is never used here and costs more than the words.
    """
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    path = Path(spec.origin).parent / "vader_lexicon.txt" if spec is not None and spec.origin else None
    if path is None or not path.is_file():  # pragma: no cover - another layout of the package
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        return dict(SentimentIntensityAnalyzer().lexicon)
    table = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, rest = line.partition("\t")
            if rest:
                table[word] = float(rest.split("\t", 1)[0])
    return table


def valence(word: str) -> float:
    """VADER valence of a word (0.0 when VADER does not list it)."""
    return float(_vader().get(word.lower(), 0.0))
