"""Quotes: direct quotations, with who said them.

:func:`find_quotes` takes the words inside quotation marks
(:mod:`compare.quotemarks`) and names the speaker from the spaCy parse — the subject of a
verb of saying in the same sentence, or in the neighbouring sentence when the
quotation stands alone — expanding a surname ("Cho") to the full name used
earlier in the article ("Cho Han bum") when only one person has that name.
When the parse names nobody the speaker is ``"unknown"`` (titles and pronouns
are resolved by :mod:`compare.speakers`, never guessed). Indirect speech is
:mod:`compare.reported`, on the same :class:`Quote` records and context.

The verbs of saying are package data (``lexicons/saying_verbs.txt``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .datelines import dateline
from .lexicons import saying_verbs
from .parsing import ParsedArticle
from .people import People
from .quotemarks import inside, overlaps, paragraph_breaks, quote_spans
from .speaker_words import BACK_VERBS, DOCUMENTS, GROUP_NOUNS, is_news_outlet, untitled
from .speakers import speaker_of
from .syntax import entity_span, subject
from .vocab import PERSONAL_PRONOUNS, SUBJECT_DEPS, UNKNOWN

__all__ = [
    "Quote",
    "QuoteContext",
    "according_to",
    "find_quotes",
    "inside",
    "is_saying",
    "quote_spans",
    "saying_verbs",
    "UNKNOWN",
]


@dataclass(frozen=True)
class Quote:
    """A quotation or a reported clause in one article.

    Attributes
    ----------
    article : str
        Article id.
    start, end : int
        Character offsets in ``Article.text`` of the quoted words (inside the
        marks, marks excluded); ``text == article.text[start:end]``. A quotation
        continued in the next paragraph is one ``Quote`` whose text includes
        the paragraph break and the re-opening mark.
    text : str
        The quoted (or reported) words.
    speaker : str
        The attributed speaker's name as written, the surname expanded to the
        full name mentioned earlier when unambiguous; ``"unknown"`` when none.
    verb : str or None
        Lemma of the attribution verb ("say", "tell", "claim"), or None.
    note : str
        How the speaker was found when not named in the attribution itself
        ("title: “the Russian president” → Vladimir Putin", "pronoun: “he” →
        Cho Han bum"), or why none was given; "" otherwise.
    generic : bool
        Reported words hung on nobody in particular: no subject, or a plural
        common noun with no named party ("analysts say", "reports say"). The
        framing voice treats them as the outlet's own wording.
    """

    article: str
    start: int
    end: int
    text: str
    speaker: str
    verb: str | None
    note: str = ""
    generic: bool = False


# -- speakers ------------------------------------------------------------------------


def is_saying(tok, verbs: dict[str, str]) -> bool:
    """A verb of saying (the tagger sometimes calls "added" in ", added X." an adjective, and
    "demands" in "“…!” the congressman demands." a noun: a root with a subject is a verb)."""
    if tok.lemma_.lower() not in verbs:
        if tok.lemma_.lower() in BACK_VERBS and tok.pos_ == "VERB":  # "Ryan shot back:", "fired back"
            kids = list(tok.children)  # not "fired back at the rebels": a verb with its own object or place shoots
            return any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in kids) and not any(
                c.dep_ in ("prep", "dobj") for c in kids
            )
        # "“…,” reads a statement from Harry Reid's office": a document reads; a person who reads says no words of his own
        return tok.lemma_.lower() == "read" and any(
            c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in DOCUMENTS for c in tok.children
        )
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return True
    return tok.dep_ == "ROOT" and any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def according_to(sent_span) -> Iterator[tuple]:
    """``(according_token, pobj)`` pairs of "according to X" in a sentence."""
    for tok in sent_span:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                yield tok, obj


#: Dependencies of a verb that only describes a noun ("the interactions described by the White House “…”").
_NOUN_MODIFIERS = frozenset({"acl", "relcl", "amod"})


def _in_a_nouns_clause(tok, head) -> bool:
    """Whether ``tok`` sits, below ``head``, in a clause that belongs to a noun: "dismissed Axelrod's comment
    that Republicans are under a “reign of terror”" quotes Axelrod, not the one who dismissed it (asked of
    judging verbs only: "dismissed … as “malarkey”" is the dismisser's word)."""
    t = tok
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ in ("acl", "relcl", "ccomp") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != head.i:
            return True
        if t.dep_ == "ccomp" and t.head.i == head.i:
            return True  # a verb that judges takes no "that" clause: the parser hung someone's warning on it
        t = t.head
    return False


def _governs(head, span, start: int | None, end: int | None = None) -> bool:
    """Whether the quotation ``start:end`` is in ``head``'s clause or right next to it."""
    if start is None:
        return True
    first = next((t for t in span if t.idx >= start), None)
    if first is None:
        return True
    if head.left_edge.i <= first.i <= head.right_edge.i:
        return saying_verbs().get(head.lemma_.lower()) != "judging" or not _in_a_nouns_clause(first, head)
    if abs(first.i - head.i) <= 4:
        return True
    if (
        head.dep_ not in _NOUN_MODIFIERS
        and first.i > head.right_edge.i
        and all(t.is_punct or t.is_space for t in head.doc[head.right_edge.i + 1 : first.i])
    ):
        return True  # "…, saying on Twitter: “What has happened …”": the quotation follows the verb's own words
    if head.dep_ == "parataxis" and head.head.left_edge.i <= first.i <= head.head.right_edge.i:
        return True  # "That group, Mr. Corker said, was beginning to realize “…”": a parenthetical attribution
    if (
        head.dep_ == "xcomp"
        and not any(c.dep_ in _CONTENT_DEPS for c in head.children)
        and head.head.left_edge.i <= first.i <= head.head.right_edge.i
    ):
        return True  # "“…,” Mr. Netanyahu is shown saying.": the parser hangs the words on "shown"
    last = next((t for t in reversed(span) if t.idx < end), None) if end is not None else None
    if last is None:
        return False
    if last.i < head.left_edge.i and all(t.is_punct or t.is_space for t in head.doc[last.i + 1 : head.left_edge.i]):
        return True  # "“Who are you!” the seven-term congressman demands.": the verb's clause follows the quotation
    return abs(head.i - last.i) <= 4


def _words_of_another(verb, saying: list, quote_spans_: list[tuple[int, int]], start: int | None) -> bool:
    """Whether the quotation at ``start`` is someone else's than ``verb``'s, though inside its clause:
    another verb of saying with its own subject stands between the two ("Clinton said … agents have told
    Fox News amounted to a “cry for help”"), or ``verb`` comes after the quotation and introduces one of
    its own ("Asked by an aide, “Is this final?” Mr. Rhodes replied: “Yup.”")."""
    if start is None:
        return False
    kinds = saying_verbs()
    if any(
        verb.idx < t.idx < start
        and (subj := subject(t)) is not None
        and subj.lower_ not in PERSONAL_PRONOUNS  # "He said he has asked a firm to take a “hard look”": his own words
        and t in verb.subtree
        and kinds.get(t.lemma_.lower()) != "naming"  # not "LePage said that officials, who had called him out, …"
        for t in saying
    ):
        return True
    own_later = any(s > verb.idx for s, _ in quote_spans_ if verb.sent.start_char <= s < verb.sent.end_char)
    # not "issued a statement calling it “misleading” and claiming “…”": "calling" names no one itself
    return verb.idx > start and own_later and any(t.idx < start and subject(t, through_links=True) is not None for t in saying)


def _attribution(
    sent_span, quote_spans_: list[tuple[int, int]], near: int, quote_start: int | None = None, quote_end: int | None = None
):
    """Best ``(speaker_token, verb_lemma)`` in a sentence (the first of :func:`_attributions`), or None."""
    found = _attributions(sent_span, quote_spans_, near, quote_start, quote_end)
    return found[0] if found else None


def _attributions(
    sent_span, quote_spans_: list[tuple[int, int]], near: int, quote_start: int | None = None, quote_end: int | None = None
) -> list | None:
    """Every ``(speaker_token, verb_lemma)`` in a sentence, those with a subject first, then nearest ``near`` first.

    With ``quote_start``, only a verb whose clause holds the quotation (or that
    stands right next to it) counts, so a scare quote in a sentence that also
    says "analysts say" is not given to the analysts.
    """
    verbs = saying_verbs()
    cands = []
    saying = [t for t in sent_span if is_saying(t, verbs) and not inside(quote_spans_, t.idx)]
    for tok in saying:
        if not _governs(tok, sent_span, quote_start, quote_end) or _words_of_another(tok, saying, quote_spans_, quote_start):
            continue
        subj = subject(tok, through_links=True)
        cands.append((subj is None, abs(tok.idx - near), tok.i, subj, tok.lemma_.lower()))
    for acc, obj in according_to(sent_span):
        if not inside(quote_spans_, acc.idx) and _governs(acc.head, sent_span, quote_start, quote_end):
            # "said Trump …, according to TIME": the outlet that carried the words comes after the one who said them
            outlet = is_news_outlet((entity_span(obj) or obj).text)
            cands.append((outlet, abs(acc.idx - near), acc.i, obj, None))
    if not cands:
        return None
    cands.sort(key=lambda c: c[:3])
    return [(subj, lemma) for *_, subj, lemma in cands]


class QuoteContext:
    """Per-article helpers: sentences, paragraphs, quotation spans and known names (kept with the parse)."""

    def __init__(self, parsed: ParsedArticle) -> None:
        self.parsed = parsed
        self.text = parsed.article.text
        self.sents = list(parsed.sentences)
        self.starts = [s.start for s in self.sents]
        self.ends = sorted(s.end for s in self.sents)
        self.breaks = [b[0] for b in paragraph_breaks(self.text)]
        self.quotes = quote_spans(self.text, self.ends)
        self.names = self._full_names()
        self.dateline = dateline(self.text)
        self.people = (
            People(parsed.doc, lambda pos: inside(self.quotes, pos)) if getattr(parsed.doc, "ents", None) is not None else None
        )

    def _full_names(self) -> list[tuple[int, str]]:
        ents = [e for e in getattr(self.parsed.doc, "ents", ()) if e.label_ == "PERSON"]
        names = [(e.start_char, e.text) for e in ents]
        for e in ents:  # "Hillary and Bill Clinton": Hillary is a Clinton too, so a bare "Clinton" is not Bill's
            if e.start < 2 or len(e) < 2 or e.doc[e.start - 1].lower_ != "and":
                continue
            first = e.doc[e.start - 2]
            alone = first.ent_iob_ != "I" and (first.i == 0 or e.doc[first.i - 1].pos_ != "PROPN")  # not "Ann Lee and"
            if alone and first.pos_ == "PROPN" and first.is_title:
                names.append((first.idx, f"{first.text} {e[-1].text}"))
        names = [(p, untitled(n.strip()) or n.strip()) for p, n in names]  # "Representative Kurt Schrader"
        return sorted((p, n) for p, n in names if len(n.split()) > 1)

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.breaks, pos)

    def speaker(self, subj, pos: int) -> tuple[str, str]:
        """``(speaker, note)`` for a subject token (None: no subject)."""
        if subj is None:
            return UNKNOWN, ""
        if self.dateline is not None and self.dateline.start <= subj.idx < self.dateline.end:
            return UNKNOWN, "the dateline's place is not a speaker"
        if inside(self.quotes, subj.idx):  # 'Dubbed "Bridgegate," the controversy …': quoted words say nothing
            return UNKNOWN, f"“{subj.text}” is inside quotation marks, not a speaker"
        name, note = speaker_of(subj, self.people)
        return self.resolve(name, subj.idx if name else pos), note

    def _namesakes(self, name: str | None, pos: int) -> list[str]:
        """The earlier full names a one-word name is the first or last word of."""
        name = re.sub(r"['’]s$", "", (name or "").strip())
        if len(name.split()) != 1:
            return []
        return sorted({n for p, n in self.names if p < pos and name in (n.split()[0], n.split()[-1])})

    def resolve(self, name: str | None, pos: int) -> str:
        """Expand a one-word name to the unique earlier full name that contains it."""
        if not name:
            return UNKNOWN
        name = re.sub(r"['’]s$", "", name.strip())
        full = self._namesakes(name, pos)
        return full[0] if len(full) == 1 else name

    def outside_words(self, k: int) -> bool:
        """Whether sentence ``k`` has words outside quotation marks."""
        s = self.sents[k]
        return any(ch.isalpha() and not inside(self.quotes, s.start + j) for j, ch in enumerate(self.text[s.start : s.end]))


_CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "advcl", "conj", "parataxis"})


def _introduces(ctx: QuoteContext, k: int, start: int, end: int) -> bool:
    """Whether sentence ``k`` introduces a quotation that fills the next paragraph on its own.

    "Trump noted in a tweet on Wednesday." followed by the tweet: a verb of
    saying with nothing said in its own sentence leaves its words to the quotation.
    """
    span = ctx.sents[k].span
    if span is None or ctx.paragraph_of(start) != ctx.paragraph_of(ctx.sents[k].start) + 1:
        return False
    text = ctx.text
    para_end = next((b for b in ctx.breaks if b >= end), len(text))
    if text[end:para_end].strip(" ”»\"'’.,"):
        return False  # the paragraph goes on after the quotation
    verbs = saying_verbs()
    return any(is_saying(t, verbs) and t.dep_ == "ROOT" and not any(c.dep_ in _CONTENT_DEPS for c in t.children) for t in span)


def _speaker_for(ctx: QuoteContext, start: int, end: int) -> tuple[str, str | None, str, str | None]:
    """``(speaker, verb lemma, note, pronoun)`` of the quotation ``start:end``; ``pronoun`` is the "he"/"she"
    the attribution names the speaker by, if it does."""
    if not ctx.sents or ctx.sents[0].span is None:
        return UNKNOWN, None, "", None
    first, last = ctx.sentence_at(start), ctx.sentence_at(max(start, end - 1))
    own = range(first, last + 1)
    for k in sorted(own, key=lambda k: (k != last, k)):
        span = ctx.sents[k].span
        if span is None:
            continue
        found = _attribution(span, ctx.quotes, end if k == last else start, max(start, ctx.sents[k].start), end)
        if found:
            subj, lemma = found
            return _result(ctx, subj, lemma, start)
    if any(ctx.outside_words(k) for k in own):
        return UNKNOWN, None, "", None  # a quotation embedded in the reporter's own sentence
    para = ctx.paragraph_of(start)
    neighbours = []
    if first > 0:
        prev = first - 1
        same_para = ctx.paragraph_of(ctx.sents[prev].start) == para
        ends_colon = ctx.text[: ctx.sents[prev].end].rstrip().endswith(":")
        has_quote = overlaps(ctx.quotes, ctx.sents[prev].start, ctx.sents[prev].end)
        if same_para or ends_colon or has_quote or _introduces(ctx, prev, start, end):
            neighbours.append(prev)
    if last + 1 < len(ctx.sents) and ctx.paragraph_of(ctx.sents[last + 1].start) == ctx.paragraph_of(max(start, end - 1)):
        neighbours.append(last + 1)
    for k in neighbours:
        span = ctx.sents[k].span
        found = [(s, v) for s, v in (_attributions(span, ctx.quotes, start) or []) if s is not None] if span is not None else []
        if found:
            # "Santorum told host Bob Schieffer, denying what some have said ...": the verb whose subject names someone
            results = [_result(ctx, subj, lemma, start) for subj, lemma in found]
            return next((r for r in results if r[0] != UNKNOWN), results[0])
    return UNKNOWN, None, "", None


def _result(ctx: QuoteContext, subj, lemma: str | None, start: int) -> tuple[str, str | None, str, str | None]:
    speaker, note = ctx.speaker(subj, start)
    return speaker, lemma, note, subj.text if subj is not None and subj.lower_ in _SAME_GENDER else None


_SAME_GENDER = {
    "he": frozenset({"he", "him", "his", "himself"}),
    "she": frozenset({"she", "her", "hers", "herself"}),
}


def _previous_speaker(ctx: QuoteContext, prev: Quote, start: int, pronoun: str) -> tuple[str, str] | None:
    """ "“…,” Ruiz said. “…,” she added.": "he"/"she" is the named person quoted just before.

    None when that quotation has no named person as speaker, is more than two
    sentences back, or another person is named in between.
    """
    if prev.speaker == UNKNOWN or ctx.people is None or prev.speaker.split()[-1].lower() in GROUP_NOUNS:
        return None  # "he" is never a group ("aides said")
    if ctx.sentence_at(start) - ctx.sentence_at(max(prev.start, prev.end - 1)) > 2:
        return None
    surname = prev.speaker.split()[-1]
    if any(e.text == prev.speaker and e.label_ != "PERSON" for e in ctx.parsed.doc.ents):
        return None  # not a person ("the Kremlin said")
    if ctx.people.rival_between(prev.end, start, {surname}, pronoun):
        return None  # someone else is a subject in between ("Akin, however, continued ..."; "she told Mr. Rose" is no rival)
    if not ctx.people.may_be(prev.speaker, pronoun):
        return None
    opening = ctx.sents[ctx.sentence_at(prev.start)].start
    lead = ctx.parsed.doc.char_span(opening, start, alignment_mode="expand")
    same = _SAME_GENDER.get(pronoun.lower(), frozenset())
    if lead is not None and any(
        t.lower_ in same and not inside(ctx.quotes, t.idx) and not (t.dep_ in SUBJECT_DEPS and is_saying(t.head, saying_verbs()))
        for t in lead
    ):
        return None  # "Crowley asked her if she could comment. She said: ...": another "she" is in play
    return prev.speaker, f"pronoun: “{pronoun}” → {prev.speaker}, the speaker of the quotation before"


def _same_document(ctx: QuoteContext, prev: Quote, start: int, end: int) -> bool:
    """ "Trump said in a statement. “…,” the statement continued.": the document's words are its author's,
    when the quotation before, at most two sentences back, is introduced by the same document."""
    k, before = ctx.sentence_at(start), ctx.sentence_at(max(prev.start, prev.end - 1))
    if prev.speaker == UNKNOWN or k - before > 2:
        return False
    spans = [ctx.sents[j].span for j in (before, ctx.sentence_at(max(start, end - 1)))]
    if any(s is None for s in spans):
        return False

    def documents(span) -> set[str]:
        return {t.lemma_.lower() for t in span if t.lemma_.lower() in DOCUMENTS and not inside(ctx.quotes, t.idx)}

    subjects = {t.lemma_.lower() for t in spans[1] if t.dep_ in SUBJECT_DEPS and t.idx >= end} & documents(spans[1])
    return bool(subjects & documents(spans[0]))


def _answers_a_question(ctx: QuoteContext, prev: Quote, start: int) -> bool:
    """ "Governor Pence? “Solid as a rock.”": an unattributed quotation right after the writer's question,
    in a run of answers whose last one has a named speaker (an interview's quick-fire answers)."""
    k = ctx.sentence_at(start)
    if prev.speaker == UNKNOWN or k == 0 or k - ctx.sentence_at(max(prev.start, prev.end - 1)) > 2:
        return False
    before = ctx.sents[k - 1]
    words = ctx.text[before.start : before.end].rstrip()
    return words.endswith("?") and not inside(ctx.quotes, before.start) and not inside(ctx.quotes, before.end - 2)


def find_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Direct quotations of an article, in reading order, with their speakers.

    Parameters
    ----------
    parsed : ParsedArticle
        From :func:`compare.parsing.parse` (needs a pipeline with a parser for
        speakers; with a blank pipeline every speaker is ``"unknown"``).

    Returns
    -------
    list of Quote
        ``start``/``end`` exclude the quotation marks; ``speaker`` comes from a
        verb of saying in the quotation's sentence(s) — or, when the quotation
        is a sentence of its own, the sentence before or after it — and is
        ``"unknown"`` otherwise.

    Examples
    --------
    >>> from compare import Story, load_nlp
    >>> from compare.parsing import parse
    >>> story = Story.from_texts({"a": "“We are in trouble,” said Cho Han bum."})
    >>> [(q.text, q.speaker, q.verb) for q in find_quotes(parse(story, progress=False)[0])]
    [('We are in trouble,', 'Cho Han bum', 'say')]
    """
    return list(parsed.derived("quotes", _quotes_of))


def _quotes_of(parsed: ParsedArticle) -> list[Quote]:
    ctx = parsed.derived("quote_context", QuoteContext)
    out: list[Quote] = []
    for start, end in ctx.quotes:
        speaker, verb, note, pronoun = _speaker_for(ctx, start, end)
        if is_news_outlet(speaker):  # "told CNN": the outlet carried the words, it did not say them
            speaker, note = UNKNOWN, f"“{speaker}” is a news outlet, not the speaker"
        if out and pronoun:
            speaker, note = _previous_speaker(ctx, out[-1], start, pronoun) or (speaker, note)
        elif out and speaker == UNKNOWN and verb is None and not note and _answers_a_question(ctx, out[-1], start):
            speaker, note = out[-1].speaker, f"an answer after a question, like the quotation before: {out[-1].speaker}"
        elif out and speaker == UNKNOWN and verb is not None and _same_document(ctx, out[-1], start, end):
            speaker, note = out[-1].speaker, f"the document the quotation before is from: {out[-1].speaker}"
        out.append(Quote(parsed.article.id, start, end, ctx.text[start:end], speaker, verb, note))
    return out
