"""Word normalisation shared by alignment, word diffs, framing and facts.

Folds case, curly apostrophes, hyphenation, British/American spelling and the
full stops of initialisms so that "Kim Jong-un" and "Kim Jong Un", "armoured"
and "armored", or "I.R.S." and "IRS" (one outlet's house style) compare equal.
The variant list is package data (``lexicons/spelling.txt``).
"""

from __future__ import annotations

import functools
import re

from .lexicons import read_lexicon_lines

__all__ = ["norm_word", "tokenize"]

# A dotted initialism ("U.S.", "I.R.S.’s") is one token, so it can equal its undotted form.
# A word printed with asterisks ("f***ing") is one token too, so it can be matched with the word it hides.
_TOKEN = re.compile(r"\$?\d[\d,.]*\d%?|\$?\d%?|(?:[^\W\d_]\.){2,}(?:['’]s\b)?|[^\W\d_]\*{2,}[^\W\d_]*|\w+(?:['’]\w+)*|[^\w\s]")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}(?:'s)?")
_RULES = (
    (re.compile(r"(\w{2,})our(s|ed|ing|ite|ites)?$"), r"\1or\2"),
    (re.compile(r"(\w{3,})is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"(\w{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
)
_RULE_EXCEPTIONS = frozenset(
    "our ours hour hours four pour tour tours flour your yours course source sources "
    "rise raise praise promise premise surprise exercise advise advertise compromise "
    "otherwise wise precise concise demise enterprise franchise expertise paradise "
    "arise arises noise poise cruise bruise disguise despise devise revise supervise".split()
)


#: Words longer than this are left as written (no English word is; base64 blobs and URLs are).
_MAX_FOLDED = 40


@functools.lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    return {row[0]: row[1] for row in read_lexicon_lines("spelling.txt") if len(row) >= 2}


@functools.lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    """Lower-case, spelling-folded form of one word.

    >>> norm_word("Armoured"), norm_word("denuclearisation"), norm_word("Korea’s"), norm_word("I.R.S.")
    ('armored', 'denuclearization', "korea's", 'irs')
    """
    w = word.lower().replace("’", "'").replace("‘", "'")
    if _INITIALISM.fullmatch(w):
        w = w.replace(".", "")  # "i.r.s." -> "irs", "u.s.'s" -> "us's"
    if w in _variants():
        return _variants()[w]
    if w.isalpha() and len(w) <= _MAX_FOLDED and w not in _RULE_EXCEPTIONS:
        for pattern, repl in _RULES:
            # fullmatch, not sub: sub retries at every start position (quadratic on one long token)
            m = pattern.fullmatch(w)
            if m:
                return m.expand(repl)
    return w


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words, numbers and punctuation of ``text`` with character offsets.

    >>> [t for t, _, _ in tokenize("Kim's $500m deal, 2,000 tonnes.")]
    ["Kim's", '$500', 'm', 'deal', ',', '2,000', 'tonnes', '.']
    >>> [t for t, _, _ in tokenize("The F.B.I. and the I.R.S.’s rules")]
    ['The', 'F.B.I.', 'and', 'the', 'I.R.S.’s', 'rules']
    >>> [t for t, _, _ in tokenize("that f***ing wall")]
    ['that', 'f***ing', 'wall']
    """
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
