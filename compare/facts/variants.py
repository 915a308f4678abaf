"""Quote variants: how one version of a statement differs from the reference version.

A version is diffed word by word against the part of the reference it matches
(:func:`compare.diffs.excerpt_ops`: an excerpt of a longer quotation is not
compared with the whole of it) and classified ``identical``, ``trimmed``,
``reworded`` or ``altered`` (:data:`TONE_WORDS`, negation, numbers). House
style ("I.R.S."/"IRS", spelling) is folded by :func:`compare.normalize.norm_word`.
Words a version "drops" that its own article prints in another quotation of the
same statement are not dropped (:func:`printed_elsewhere`). Used by
:mod:`compare.facts.quotes`.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..diffs import WordOp, excerpt_ops, word_ops
from ..normalize import norm_word, tokenize
from .statements import MIN_RUN
from .units import shorten

__all__ = ["TONE_WORDS", "Edit", "changes_text", "classify", "clip", "holds", "printed_elsewhere", "quote_words"]

#: Words whose insertion into a quotation changes its meaning or tone.
TONE_WORDS = frozenset(
    [
        "deep",
        "deeply",
        "very",
        "extremely",
        "totally",
        "utterly",
        "completely",
        "absolutely",
        "really",
        "so",
        "too",
        "huge",
        "massive",
        "terrible",
        "awful",
        "desperate",
        "desperately",
        "dire",
        "never",
        "not",
        "no",
        "none",
        "nothing",
        "always",
        "only",
        "just",
        "even",
        "clearly",
        "obviously",
        "blatant",
        "blatantly",
        "brutal",
    ]
)


def quote_words(text: str) -> list[str]:
    """The normalised words of a quotation, without punctuation."""
    return [norm_word(t) for t, _, _ in tokenize(text) if any(ch.isalnum() for ch in t)]


#: One word change of a version: ``(op, reference words, version words)``; ``op`` is ``delete``,
#: ``insert``, ``replace`` or ``printed`` (words "dropped" that the article prints in another quotation).
Edit = tuple[str, str, str]


def clip(text: str) -> str:
    """``text`` without the spaces and separating punctuation around its words (". I have not," -> "I have not")."""
    return text.lstrip(" \t\n.,;:!?—–―-").rstrip(" \t\n,;:—–―-")


def _snippet(text: str, lo: int, hi: int) -> str:
    """``text[lo:hi]`` clipped (:func:`clip`), with the brackets around its words kept ("[Mayor Anna] Berg")."""
    if lo < hi:
        lo -= lo > 0 and text[lo - 1] in "[("
        hi += hi < len(text) and text[hi] in "])"
    out = clip(text[lo:hi])
    for opener, closer in ("[]", "()"):
        if out.startswith(opener) and out.count(opener) > out.count(closer):
            out = out[1:]
        if out.endswith(closer) and out.count(closer) > out.count(opener):
            out = out[:-1]
    return out


_CENSORED = re.compile(r"([^\W\d_])\*+([^\W\d_]*)")


def _censored_pair(a: str, b: str) -> bool:
    """Whether one word is the other printed with asterisks ("f***ing", "fucking")."""
    for c, w in ((a, b), (b, a)):
        m = _CENSORED.fullmatch(c)
        if m and "*" not in w and w.startswith(m[1]) and w.endswith(m[2]) and len(w) > len(m[1]) + len(m[2]):
            return True
    return False


def _same_but_censoring(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(x == y or _censored_pair(x, y) for x, y in zip(a, b))


def classify(reference: str, version: str, version_pos: list[str] | None = None) -> tuple[str, list[Edit]]:
    """``identical``, ``trimmed``, ``reworded`` or ``altered`` and the word changes (:data:`Edit`).

    The version is diffed against the part of the reference it was cut from
    (:func:`~compare.diffs.excerpt_ops`); when a plain diff against the whole
    reference lists fewer changes ("work force" / "workforce"), that is kept.
    """
    wv = quote_words(version)
    if _same_but_censoring(quote_words(reference), wv):
        return "identical", []  # an outlet that prints "f***ing" quotes the same words
    ops = excerpt_ops(reference, version)
    edits = _edits(reference, version, ops)
    # the part cut from: without the blocks of words before and after it (a first or last ``delete``)
    inner = ops[1 if ops[0].op == "delete" else 0 : -1 if len(ops) > 1 and ops[-1].op == "delete" else None] or ops
    lo, hi = inner[0].a_start, inner[-1].a_end
    whole = _edits(reference, version, word_ops(reference, version, words_only=True))
    if len(whole) < len(edits):
        edits, lo, hi = whole, 0, len(reference)
    edits = [e for e in edits if not (e[0] == "replace" and _same_but_censoring(quote_words(e[1]), quote_words(e[2])))]
    inserted = [w for op, _, b in edits if op == "insert" for w in quote_words(b)]
    replaced = [(quote_words(a), quote_words(b)) for op, a, b in edits if op == "replace"]
    if not inserted and not replaced:
        return "trimmed", edits
    new_words = set(inserted) | {w for _, b in replaced for w in b}
    old_words = {w for a, _ in replaced for w in a}
    neg = lambda ws: sum(w in ("not", "no", "never", "n't", "none", "nothing") for w in ws)
    numbers_changed = {w for w in new_words if w[:1].isdigit()} != {w for w in old_words if w[:1].isdigit()}
    tone = (new_words - old_words) & TONE_WORDS
    window = quote_words(reference[lo:hi])
    if tone or numbers_changed or neg(window) != neg(wv) or (version_pos and set(inserted) & set(version_pos)):
        return "altered", edits
    return "reworded", edits


def _edits(reference: str, version: str, ops: list[WordOp]) -> list[Edit]:
    """The word changes of diff blocks ``ops`` from ``reference`` to ``version``."""
    edits: list[Edit] = []
    for o in ops:
        if o.op == "equal":
            continue
        a_txt, b_txt = _snippet(reference, o.a_start, o.a_end), _snippet(version, o.b_start, o.b_end)
        if quote_words(a_txt) and quote_words(b_txt):
            edits.append(("replace", a_txt, b_txt))
        elif quote_words(a_txt):
            edits.append(("delete", a_txt, ""))
        elif quote_words(b_txt):
            edits.append(("insert", "", b_txt))
    return edits


def changes_text(cut: str, edits: list[Edit]) -> str:
    """The ``changes`` column: how the versions are cut, then each word change."""
    out = [cut] if cut else []
    dropped = {tuple(quote_words(a)) for op, a, _ in edits if op == "delete"}
    added = {tuple(quote_words(b)) for op, _, b in edits if op == "insert"}
    moved = dropped & added  # 'adds “either”; drops “either”' is one word in another place
    for op, a, b in edits:
        if op in ("delete", "insert") and tuple(quote_words(a or b)) in moved:
            if op == "delete":
                out.append(f"moves “{shorten(a, 60)}”")
            continue
        if op == "delete":
            out.append(f"drops “{shorten(a, 60)}”")
        elif op == "insert":
            out.append(f"adds “{shorten(b, 60)}”")
        elif op == "printed":
            out.append(f"“{shorten(a or b, 60)}” printed in a separate quotation")
        else:
            out.append(f"“{shorten(a, 40)}” → “{shorten(b, 40)}”")
    return "; ".join(out)


def printed_elsewhere(records: list[dict]) -> None:
    """Words a version "drops" that its article prints in another quotation of the statement are not dropped.

    Likewise words a version "adds" that the reference article prints in
    another quotation of the statement. A ``trimmed`` version left with no
    cut becomes ``identical``. Records carry their normalised ``words``.
    """
    held: dict[tuple[int, int], list[tuple[int, list[str]]]] = defaultdict(list)
    for n, r in enumerate(records):
        held[(r["a"], r["statement"])].append((n, r["words"]))

    def printed(article: int | None, statement: int, ws: list[str], but: int) -> bool:
        if article is None or len(ws) < MIN_RUN:  # a word or two ("that", "and") is printed everywhere
            return False
        return any(n != but and holds(other, ws) for n, other in held.get((article, statement), ()))

    for n, r in enumerate(records):
        edits = [
            ("printed", a, b)
            if (op == "delete" and printed(r["a"], r["statement"], quote_words(a), n))
            or (op == "insert" and printed(r["ref_a"], r["statement"], quote_words(b), n))
            else (op, a, b)
            for op, a, b in r["edits"]
        ]
        if edits == r["edits"]:
            continue
        r["edits"] = edits
        r["changes"] = changes_text(r["cut"], edits)
        if r["variant"] == "trimmed" and not r["cut"] and all(op == "printed" for op, _, _ in edits):
            r["variant"] = "identical"


def holds(words: list[str], run: list[str]) -> bool:
    """Whether ``run`` occurs in ``words`` as consecutive words."""
    k = len(run)
    return any(words[i : i + k] == run for i in range(len(words) - k + 1))
