"""Reported speech: clauses attributed to someone without quotation marks.

:func:`find_reported` finds "X said (that) …", "…, X says, …", "according to
X, …", the charge of "accused X of …", the label of "called X …" and the view
in "X sees Y as …", and names who speaks as :mod:`compare.quotes` does for
quotations (the same :class:`~compare.quotes.Quote` records). Words hung on
nobody in particular ("analysts say") are marked ``generic``: the framing voice
treats them as the outlet's own.
"""

from __future__ import annotations

import bisect

from .lexicons import saying_verbs
from .parsing import ParsedArticle
from .quotes import Quote, QuoteContext, according_to, inside, is_saying
from .speakers import of_named_party
from .syntax import subject

__all__ = ["VIEWING_VERBS", "find_reported"]


def _trim(doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of tokens ``lo..hi`` without a leading "that" or edge punctuation."""
    toks = [t for t in doc[lo:hi]]
    while toks and (
        toks[0].is_punct or toks[0].is_space or (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if"))
    ):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if len(toks) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


#: Verbs of saying whose "of" / "with" complement is the speaker's charge ("accused the mayor of lying").
_CHARGING = frozenset({"accuse", "charge"})


def _reported_clause(verb, category: str | None = None) -> tuple[int, int] | None:
    """The words a verb of saying attributes to its subject: its clause ("said (that) …"), the
    sentence around "…, analysts say, …", the charge of "accused X of …", the label of "called X …"."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        # the parser may split one clause into two complements ("argues that fights … merely shake …")
        after = [c for c in comps if c.i > verb.i] or comps[:1]
        return _trim(doc, min(c.left_edge.i for c in after), max(c.right_edge.i for c in after) + 1)
    if verb.dep_ == "parataxis":  # "Putin will be cautious, analysts say, as ..."
        head = verb.head
        sub_lo, sub_hi = verb.left_edge.i, verb.right_edge.i + 1
        if head.i < verb.i:
            return _trim(doc, head.left_edge.i, sub_lo)
        return _trim(doc, sub_hi, head.right_edge.i + 1)
    if verb.lemma_.lower() in _CHARGING:
        for holder in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "with") and any(c.dep_ == "pcomp" for c in prep.children):
                    return _trim(doc, prep.i + 1, prep.right_edge.i + 1)
    if category == "naming":  # "called the senator a racist", "branded the plan a disaster"
        objects = [c for c in verb.children if c.dep_ == "oprd"] or [c for c in verb.children if c.dep_ == "dobj"][1:]
        if objects:
            label = objects[0]
            one_word = (label.idx, label.idx + len(label)) if label.is_alpha and label.left_edge == label.right_edge else None
            return _trim(doc, label.left_edge.i, label.right_edge.i + 1) or one_word
    return None


#: Verbs of viewing whose "as" complement is the holder's view ("what they saw as erratic behaviour").
VIEWING_VERBS = frozenset({"see", "view", "regard", "perceive"})


def _viewed_as(verb) -> tuple[int, int] | None:
    """The view in "X sees Y as Z" / "Y is seen by X as Z": the words after "as"."""
    # the parser may hang "as" on the verb, its object or the agent ("seen by many Democrats as …")
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    holders += [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if prep is None:
        return None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    one_word = (obj.idx, obj.idx + len(obj)) if obj.is_alpha and obj.left_edge == obj.right_edge == obj else None
    return _trim(prep.doc, prep.i + 1, prep.right_edge.i + 1) or one_word


def _viewer(verb):
    """Who holds the view: the passive agent ("seen by many Democrats"), nobody for a bare passive, else the subject."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "the plan is seen as a giveaway": by nobody in particular
    return subject(verb, through_links=True)


def _according_clause(acc) -> tuple[int, int] | None:
    doc = acc.doc
    sent = acc.sent
    lo, hi = acc.left_edge.i, acc.right_edge.i + 1
    before = (sent.start, lo)
    after = (hi, sent.end)
    a, b = max((before, after), key=lambda r: r[1] - r[0])
    return _trim(doc, a, b)


#: Sources that give figures, not words: "a staggering 55 percent, according to the poll" is the outlet's "staggering".
_WORDLESS = frozenset("poll survey data figure statistic census tally estimate projection count".split())


def _generic(subj) -> bool:
    """No subject, a plural common noun with no named party ("analysts say", "reports say", not "Democratic
    officials"), or a source of figures, not words ("according to a poll")."""
    if subj is None or subj.lemma_.lower() in _WORDLESS:
        return True
    if subj.pos_ != "NOUN" or subj.tag_ != "NNS":
        return False
    return not of_named_party(subj)


def find_reported(parsed: ParsedArticle) -> list[Quote]:
    """Indirect speech: clauses attributed to someone without quotation marks.

    Finds "X said (that) …", "…, X says, …", "according to X, …" and the view
    in "X sees Y as …" / "Y is seen by X as …". Clauses that
    are mostly inside quotation marks are direct quotations (see
    :func:`find_quotes`) and are left out.

    Parameters
    ----------
    parsed : ParsedArticle

    Returns
    -------
    list of Quote
        ``start``/``end`` span the reported clause (without "that"); ``verb`` is
        the lemma of the verb of saying (None for "according to").

    Examples
    --------
    >>> from compare import Story
    >>> from compare.parsing import parse
    >>> story = Story.from_texts({"a": "Analysts say the summit will fail."})
    >>> [(q.text, q.speaker, q.verb) for q in find_reported(parse(story, progress=False)[0])]
    [('the summit will fail', 'Analysts', 'say')]
    """
    return list(parsed.derived("reported", _reported_of))


def _attribution_words(doc, verbs: dict[str, str]) -> list[int]:
    """Indices of the tokens that can begin indirect speech: verbs of saying or viewing, "according".

    Read from the document's arrays, so that only these tokens become spaCy ``Token`` objects.
    """
    from spacy.attrs import LEMMA, LOWER
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

    arr = doc.to_array([LEMMA, LOWER]).reshape(-1, 2)
    strings, wanted = doc.vocab.strings, set(verbs) | VIEWING_VERBS
    lemmas = {h for h in set(arr[:, 0].tolist()) if h and strings[h].lower() in wanted}
    according = hash_string("according")  # a look-up, not an addition to the shared vocabulary
    return [i for i, (lem, low) in enumerate(arr.tolist()) if lem in lemmas or low == according]


def _quoted_chars(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of ``start..end`` lie inside the (sorted, disjoint) quotation spans."""
    k = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    total = 0
    while k < len(spans) and spans[k][0] < end:
        total += max(0, min(end, spans[k][1]) - max(start, spans[k][0]))
        k += 1
    return total


#: Verbs whose "to ..." complement has not been done: "is expected to announce", "declined to say".
_NOT_YET = frozenset("expect decline refuse plan intend schedule hope want fail prepare set".split())


def _unsaid(verb) -> bool:
    """Whether a verb of saying reports nothing said: "has not said what he will do", "is expected to announce"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _NOT_YET


def _reported_of(parsed: ParsedArticle) -> list[Quote]:
    ctx = parsed.derived("quote_context", QuoteContext)
    doc = parsed.doc
    if not ctx.sents or not getattr(doc, "has_annotation", lambda _: False)("DEP"):
        return []
    verbs = saying_verbs()
    found: dict[tuple[int, int], Quote] = {}
    for i in _attribution_words(doc, verbs):
        tok = doc[i]
        if tok.lower_ == "according" and not inside(ctx.quotes, tok.idx):
            obj = next((o for a, o in according_to(tok.sent) if a.i == tok.i), None)
            clause = _according_clause(tok) if obj is not None else None
            subj, lemma = obj, None
        elif is_saying(tok, verbs) and not inside(ctx.quotes, tok.idx) and not _unsaid(tok):
            lemma = tok.lemma_.lower()
            clause = _reported_clause(tok, verbs.get(lemma))
            subj = subject(tok, through_links=True)
        elif tok.lemma_.lower() in VIEWING_VERBS and tok.pos_ == "VERB" and not inside(ctx.quotes, tok.idx):
            lemma, clause, subj = tok.lemma_.lower(), _viewed_as(tok), _viewer(tok)
        else:
            continue
        if clause is None:
            continue
        s, e = clause
        if _quoted_chars(ctx.quotes, s, e) * 2 >= e - s:
            continue
        speaker, note = ctx.speaker(subj, s)
        found.setdefault((s, e), Quote(parsed.article.id, s, e, ctx.text[s:e], speaker, lemma, note, _generic(subj)))
    return [found[k] for k in sorted(found)]
