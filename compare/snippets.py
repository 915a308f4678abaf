"""Short snippets of text for display: one line, cut at a word boundary, "…" added.

Cards, plot labels, copy edits, worksheet prompts, fact labels and error
messages all quote text in a fixed width. :func:`shorten` is the one helper
they share, so every cut looks the same: white space collapsed, the cut made
between words (inside a word only when the text has no space late enough, such
as a URL), dangling punctuation dropped, and "…" marking what was left out.
"""

from __future__ import annotations

__all__ = ["shorten"]

_DANGLING = " ,;:([{“‘—–-"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line and at most ``limit`` characters, cut at a word boundary with "…" when too long.

    Only the first few times ``limit`` characters are read, so a cut of a long
    article costs as little as a cut of a sentence.

    >>> shorten("Kim Jong Un arrived   in Vladivostok\\n by train.", 40)
    'Kim Jong Un arrived in Vladivostok by…'
    >>> shorten("Kim Jong Un arrived.", 40)
    'Kim Jong Un arrived.'
    >>> shorten("https://example.com/a-very-long-path/with-no-spaces", 20)
    'https://example.com…'
    """
    if limit <= 0:
        return ""
    head = " ".join(text[: 4 * limit + 4].split())
    if len(head) <= limit:
        head = " ".join(text.split())  # the head's white space may have hidden more text
        if len(head) <= limit:
            return head
    if limit == 1:
        return "…"
    cut = head[: limit - 1]
    if head[limit - 1] != " ":  # the cut falls inside a word: drop it, unless that leaves too little
        space = cut.rfind(" ")
        if space >= limit // 2:
            cut = cut[:space]
    return (cut.rstrip(_DANGLING) or cut) + "…"
