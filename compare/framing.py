"""Framing: loaded language, divergent wording, and whose voice each finding is in.

For one article, :func:`framing` points at words that frame the story rather
than report it — emotive or pejorative wording, name-calling, intensifiers,
hedges, judging verbs of saying and added blame — and says whose voice each is
in: the article's own (``editorial``), a direct quotation (``quoted``, with the
speaker) or indirect speech (``reported``, with the speaker).

For several aligned articles, :func:`comparison_framing` adds the evaluative
words one outlet adds to a sentence the others word plainly, quoting the others'
wording in ``reason``, and :func:`wording` lists word swaps between aligned
sentences ("said"/"claimed", "Pyongyang"/"the regime").

Signals: the packaged lexicon ``lexicons/framing.txt`` (extendable per call
with ``extra_lexicon=``), the verbs of saying in ``lexicons/saying_verbs.txt``,
spaCy part-of-speech and dependencies, and VADER valence as one signal among
others (never alone for words the lexicon marks ``literal``).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .alignment import AlignedStory
from .articles import Article
from .diffs import word_ops
from .errors import CompareWarning
from .lexicons import Lexicon, lemma, load_lexicon, saying_verbs, valence
from .normalize import norm_word
from .parsing import ParsedArticle, Sentence, parse
from .quotes import Quote, find_quotes, find_reported
from .syntax import is_agent, subject
from .vocab import AGENT_LABELS, NAME_LABELS

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "framing",
    "comparison_framing",
    "framing_summary",
    "load_lexicon",
    "FRAMING_COLUMNS",
    "SUMMARY_COLUMNS",
    "CATEGORIES",
    "VOICES",
    "VALENCE_EVALUATIVE",
]

#: Columns of :func:`framing` and :attr:`Comparison.framing`.
FRAMING_COLUMNS = ["article", "outlet", "sent", "start", "end", "text", "category", "voice", "speaker", "score", "reason"]
#: Finding categories, in display order.
CATEGORIES = ["loaded", "name_calling", "intensifier", "hedge", "attribution", "blame"]
#: Voices, in display order.
VOICES = ["editorial", "quoted", "reported"]
#: Columns of :func:`framing_summary`.
SUMMARY_COLUMNS = ["article", "outlet", "words", "findings", *CATEGORIES, *VOICES, "per_1000_words"]

#: VADER valence at or above which an adjective or adverb is loaded without a lexicon entry.
VALENCE_ALONE = 3.0
#: VADER valence at or above which an adjective or adverb judging a person or group, or what
#: they do ("a dishonest senator", "Smith was cruel", "Smith angrily refused"), is loaded.
VALENCE_AGENT = 2.0
#: VADER valence at or above which a word is "evaluative" for comparison and intensifiers.
VALENCE_EVALUATIVE = 1.5
_CONTENT_POS = {"ADJ", "ADV", "VERB", "NOUN"}
_EN_FUNCTION = frozenset(
    "the of and to in a is that for it as was with be by on not he i this are or his from at which but have an they "
    "you were her she there been one all we their has would when who will more no if out so said what up its about".split()
)


# -- one article -------------------------------------------------------------------------------


@dataclass
class _Finding:
    start: int
    end: int
    category: str
    score: float
    reason: str


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in FRAMING_COLUMNS})
    return df.astype({"sent": "int64", "start": "int64", "end": "int64", "score": "float64"})


def _looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return True
    ascii_share = sum(w.isascii() for w in words) / len(words)
    function_share = sum(w in _EN_FUNCTION for w in words) / len(words)
    return ascii_share > 0.6 and function_share > 0.08


def _unsupported(article: Article) -> bool:
    if article.language.lower().split("-")[0] != "en" or not _looks_english(article.text):
        warnings.warn(
            f"{article.id}: framing is supported for English text only (language {article.language!r}); returning no findings",
            CompareWarning,
            stacklevel=3,
        )
        return True
    return False


def _match_phrase(tokens, i: int, lex: Lexicon) -> tuple[int, str] | None:
    """Longest lexicon phrase starting at token ``i``: (number of tokens, category).

    Every word matches as written or by its lemma ("lashed out" matches "lash out").
    """
    best = None
    first = tokens[i]
    cands = lex.by_first.get(first.lower_, [])
    if lemma(first) != first.lower_:
        cands = cands + lex.by_first.get(lemma(first), [])
    for phrase, cat in cands:
        n = len(phrase)
        if i + n > len(tokens):
            continue
        words = tokens[i : i + n]
        if all(p in (w.lower_, lemma(w)) for w, p in zip(words, phrase)) and (best is None or n > best[0]):
            best = (n, cat)
    return best


def _next_content(tok):
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc), tok.i + 3)):
        if doc[j].pos_ in _CONTENT_POS:
            return doc[j]
    return None


def _evaluative(tok, lex: Lexicon) -> bool:
    """An opinion-bearing word: in the loaded/name-calling lexicon or strongly valenced and not literal."""
    cat = lex.token_category(tok)
    if cat in ("loaded", "name_calling"):
        return True
    if cat == "literal" or tok.ent_type_:
        return False
    return max(abs(valence(tok.lower_)), abs(valence(lemma(tok)))) >= VALENCE_EVALUATIVE


def _names_agent(tokens) -> bool:
    return any(t.ent_type_ in AGENT_LABELS or t.pos_ == "PROPN" for t in tokens)


def _object_tokens(tokens, n: int):
    """Tokens governed by a phrase of ``n`` tokens that follow it (the cause or agent, for blame)."""
    phrase = {t.i for t in tokens[:n]}
    last = tokens[n - 1].i
    found = {d.i: d for t in tokens[:n] for d in t.subtree if d.i not in phrase and d.i > last}
    return [found[i] for i in sorted(found)]


def _find_in_sentence(sent: Sentence, lex: Lexicon) -> list[_Finding]:
    span = sent.span
    if span is None:
        return []
    toks = list(span)
    verbs = saying_verbs()
    out: list[_Finding] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.is_punct or tok.is_space or tok.like_num:
            i += 1
            continue
        phrase = _match_phrase(toks, i, lex)
        if phrase is not None:
            n, cat = phrase
            f = _phrase_finding(toks, i, n, cat)
            if f is not None:
                out.append(f)
            i += n
            continue
        f = _word_finding(tok, lex, verbs)
        if f is not None:
            out.append(f)
        i += 1
    return out


def _phrase_finding(toks, i: int, n: int, cat: str) -> _Finding | None:
    first, last = toks[i], toks[i + n - 1]
    start, end = first.idx, last.idx + len(last)
    text = " ".join(t.text for t in toks[i : i + n])
    if cat == "blame":
        obj = _object_tokens(toks[i:], n)
        if not _names_agent(obj):
            return None  # causal wording about a thing, not an agent: comparative stage only
        end = max(end, max(t.idx + len(t) for t in obj))
        return _Finding(start, end, "blame", 0.7, f"causal framing that names an agent (“{text} …”), lexicon")
    if cat == "literal":
        return None
    return _Finding(start, end, cat, 0.9, f"{_LABEL.get(cat, cat)} phrase “{text}”, lexicon")


_LABEL = {
    "loaded": "emotive or pejorative",
    "name_calling": "label or insult",
    "intensifier": "intensifier",
    "hedge": "hedge",
    "attribution": "judging verb of saying",
    "blame": "blame",
}


def _word_finding(tok, lex: Lexicon, verbs: dict[str, str]) -> _Finding | None:
    cat = lex.token_category(tok)
    start, end = tok.idx, tok.idx + len(tok)
    val = valence(tok.lower_) or valence(lemma(tok))
    if cat == "attribution" or (cat is None and verbs.get(lemma(tok)) == "attribution"):
        if tok.pos_ == "VERB" and _introduces_speech(tok):
            return _Finding(start, end, "attribution", 0.8, f"judging verb of saying “{tok.text}” where neutral “said” would do")
        return None
    if cat == "intensifier":
        nxt = _next_content(tok)
        if tok.pos_ in ("ADV", "ADJ") and nxt is not None and _evaluative(nxt, lex):
            return _Finding(start, end, "intensifier", 0.6, f"intensifier before the evaluative word “{nxt.text}”")
        return None
    if cat == "hedge":
        return _Finding(start, end, "hedge", 0.6, "hedge that distances the writer from the claim, lexicon")
    if cat == "name_calling":
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        end = _extend_target(tok, end)
        return _Finding(start, end, "name_calling", 0.9 if abs(val) < 1 else 1.0, _reason("pejorative label or insult", val))
    if cat == "loaded":
        if tok.pos_ in ("PROPN", "NUM", "DET", "PRON") or tok.ent_type_ in NAME_LABELS:
            return None
        kind = {"ADJ": "adjective", "ADV": "adverb", "VERB": "verb", "NOUN": "noun"}.get(tok.pos_, "word")
        return _Finding(start, end, "loaded", 0.9 if abs(val) < 1 else 1.0, _reason(f"emotive or pejorative {kind}", val))
    if cat is None and tok.pos_ in ("ADJ", "ADV") and not tok.ent_type_:
        if abs(val) >= VALENCE_ALONE:
            return _Finding(
                start,
                end,
                "loaded",
                round(min(1.0, abs(val) / 4) * 0.6, 2),
                f"strongly evaluative {tok.pos_.lower()} (VADER valence {val:+.1f})",
            )
        if abs(val) >= VALENCE_AGENT and _judges_agent(tok):
            return _Finding(
                start,
                end,
                "loaded",
                round(min(1.0, abs(val) / 4) * 0.6, 2),
                f"evaluative {tok.pos_.lower()} judging a person or group or what they do (VADER valence {val:+.1f})",
            )
    return None


def _judges_agent(tok) -> bool:
    """An adjective or adverb that judges a person or group, or their action, by the parse.

    "dishonest Smith", "Smith's dishonest answer", "Smith angrily refused"; not
    "a bad harvest", "prices fell sharply", nor a predicate adjective ("Smith was
    confident"), which mostly reports how the person feels.
    """
    head = tok.head
    if tok.pos_ == "ADJ":
        if tok.dep_ == "amod":
            return is_agent(head) or any(c.dep_ == "poss" and is_agent(c) for c in head.children)
        return False  # "Smith was confident": a predicate adjective mostly reports a feeling
    if tok.dep_ == "advmod" and head.pos_ == "VERB":
        subj = subject(head)
        return subj is not None and is_agent(subj)
    return False


def _reason(what: str, val: float) -> str:
    return f"{what}, lexicon" + (f"; VADER valence {val:+.1f}" if abs(val) >= 1 else "")


def _extend_target(tok, end: int) -> int:
    """'stupidity of Donald Trump': extend an insult to the person it names."""
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None and (obj.ent_type_ in AGENT_LABELS or obj.pos_ == "PROPN"):
        return max(t.idx + len(t) for t in obj.subtree)
    return end


def _introduces_speech(tok) -> bool:
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True
    doc = tok.doc
    window = doc[max(0, tok.i - 3) : min(len(doc), tok.i + 4)]
    return any(t.is_quote or t.text in '“”‘’"' for t in window)


def _voice_of(start: int, quotes: Sequence[Quote], reported: Sequence[Quote]) -> tuple[str, str | None]:
    for q in quotes:
        if q.start <= start < q.end:
            return "quoted", q.speaker
    for r in reported:
        if r.start <= start < r.end:
            return "reported", r.speaker
    return "editorial", None


def _article_findings(parsed: ParsedArticle, outlet: str, lex: Lexicon) -> list[dict]:
    quotes, reported = find_quotes(parsed), find_reported(parsed)
    text = parsed.article.text
    rows = []
    for sent in parsed.sentences:
        for f in _find_in_sentence(sent, lex):
            voice, speaker = _voice_of(f.start, quotes, reported)
            rows.append(
                dict(
                    article=parsed.article.id,
                    outlet=outlet,
                    sent=sent.index,
                    start=f.start,
                    end=f.end,
                    text=text[f.start : f.end],
                    category=f.category,
                    voice=voice,
                    speaker=speaker,
                    score=f.score,
                    reason=f.reason,
                )
            )
    return rows


def _frame(rows: list[dict], order: dict[str, int]) -> pd.DataFrame:
    if not rows:
        return _empty()
    df = pd.DataFrame(rows, columns=FRAMING_COLUMNS)
    df["_o"] = df["article"].map(order)
    df = df.sort_values(["_o", "start", "end", "category"], kind="mergesort").drop(columns="_o")
    df = df.drop_duplicates(subset=["article", "start", "end", "category"]).reset_index(drop=True)
    return df.astype({"sent": "int64", "start": "int64", "end": "int64", "score": "float64"})


def framing(
    article_or_text: Article | ParsedArticle | str,
    *,
    nlp: Language | None = None,
    extra_lexicon: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Framing findings in one article.

    Parameters
    ----------
    article_or_text : Article, ParsedArticle or str
        A plain string becomes an article with id and outlet ``"text"``.
        A ``ParsedArticle`` is used as parsed (no second parse).
    nlp : spaCy Language, optional
        Pipeline for parsing; defaults to :func:`compare.load_nlp`.
    extra_lexicon : path, optional
        A user lexicon file (``category word-or-phrase`` per line) added to the
        packaged one.

    Returns
    -------
    pandas.DataFrame
        One row per finding, sorted by ``start``, with columns

        - ``article``, ``outlet``: article id and outlet;
        - ``sent``: sentence index in the article;
        - ``start``, ``end``: character offsets in ``Article.text``
          (``text == article.text[start:end]``);
        - ``text``: the words found;
        - ``category``: ``loaded``, ``name_calling``, ``intensifier``, ``hedge``,
          ``attribution`` or ``blame``;
        - ``voice``: ``editorial`` (the article's own words), ``quoted`` (inside
          quotation marks) or ``reported`` (indirect speech);
        - ``speaker``: who is quoted or reported (``"unknown"`` when the text
          names nobody), None for editorial findings;
        - ``score``: strength of the evidence, 0–1;
        - ``reason``: why the words were flagged.

    Warns
    -----
    CompareWarning
        For non-English text (``article.language`` or detected): framing is
        unsupported and the frame is empty.

    Examples
    --------
    >>> df = framing("The infamous regime reportedly said it was very angry.")
    >>> df[["text", "category", "voice"]].values.tolist()  # doctest: +SKIP
    [['infamous', 'loaded', 'editorial'], ['regime', 'name_calling', 'editorial'], ...]
    """
    lex = load_lexicon(extra_lexicon)
    if isinstance(article_or_text, ParsedArticle):
        parsed = article_or_text
    else:
        article = (
            article_or_text
            if isinstance(article_or_text, Article)
            else Article(id="text", outlet="text", text=str(article_or_text))
        )
        if not article.text.strip() or _unsupported(article):
            return _empty()
        parsed = parse([article], nlp=nlp, progress=False)[0]
    if not parsed.article.text.strip() or not parsed.sentences or _unsupported(parsed.article):
        return _empty()
    rows = _article_findings(parsed, parsed.article.outlet, lex)
    return _frame(rows, {parsed.article.id: 0})


# -- several aligned articles -------------------------------------------------------------------


def _sentence_tokens(sent: Sentence):
    return [t for t in sent.span if not (t.is_punct or t.is_space)] if sent.span is not None else []


def _covered_equal(other: Sentence, sent: Sentence) -> list[tuple[int, int]]:
    """Character spans of ``sent`` (article offsets) that equal words of ``other``."""
    spans = []
    for op in word_ops(other.text, sent.text):
        if op.op == "equal":
            spans.append((sent.start + op.b_start, sent.start + op.b_end))
    return spans


def _causal(tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """Indices (i, n) of blame phrases in a token list."""
    found = []
    for i in range(len(tokens)):
        m = _match_phrase(tokens, i, lex)
        if m is not None and m[1] == "blame":
            found.append((i, m[0]))
        elif lex.token_category(tokens[i]) == "blame":
            found.append((i, 1))
    return found


def _quote_other(aligned: AlignedStory, others: list[Sentence], limit: int = 3) -> str:
    parts = []
    for o in others[:limit]:
        label = aligned.labels[o.article]
        words = o.text if len(o.text) <= 90 else o.text[:87] + "…"
        parts.append(f"{label}: “{words}”")
    return "; ".join(parts)


def _comparative_findings(aligned: AlignedStory, lex: Lexicon, voices: dict[str, tuple]) -> list[dict]:
    rows = []
    for group in aligned.groups:
        members = aligned.group_sentences(group.number)
        arts = {s.article for s in members}
        if len(arts) < 2:
            continue
        for sent in members:
            others = [o for o in members if o.article != sent.article]
            other_arts = {o.article for o in others}
            covered: dict[int, list[tuple[int, int]]] = {a: [] for a in other_arts}
            for o in others:
                covered[o.article].extend(_covered_equal(o, sent))
            toks = _sentence_tokens(sent)
            art = aligned.parsed[sent.article].article
            outlet = aligned.labels[sent.article]
            quotes, reported = voices[art.id]
            plural = "s" if len(others) != 1 else ""
            absent = f"absent from the {len(others)} aligned sentence{plural} in other outlets ({_quote_other(aligned, others)})"
            for tok in toks:
                listed = lex.token_category(tok) in ("loaded", "name_calling")
                if tok.like_num or not (listed or (tok.pos_ in _CONTENT_POS and not tok.ent_type_)):
                    continue
                if any(any(s <= tok.idx < e for s, e in covered[a]) for a in other_arts):
                    continue
                in_others = any(norm_word(tok.text) in {norm_word(t.text) for t in _sentence_tokens(o)} for o in others)
                if in_others or not _evaluative(tok, lex):
                    continue
                cat = lex.token_category(tok)
                cat = cat if cat in CATEGORIES else "loaded"
                voice, speaker = _voice_of(tok.idx, quotes, reported)
                why = f"evaluative word {absent}"
                if voice == "reported":  # a paraphrase's added word is the outlet's own wording
                    why += f"; inside speech reported from {speaker}, but the outlet's own wording"
                    voice, speaker = "editorial", None
                rows.append(_row(art.id, outlet, sent, tok.idx, tok.idx + len(tok), art.text, cat, voice, speaker, 0.8, why))
            other_causal = any(_causal(_sentence_tokens(o), lex) for o in others)
            if not other_causal:
                for i, n in _causal(toks, lex):
                    s, e = toks[i].idx, toks[i + n - 1].idx + len(toks[i + n - 1])
                    voice, speaker = _voice_of(s, quotes, reported)
                    rows.append(
                        _row(
                            art.id, outlet, sent, s, e, art.text, "blame", voice, speaker, 0.7, f"causal framing added: {absent}"
                        )
                    )
    return rows


def _row(article, outlet, sent, start, end, text, category, voice, speaker, score, reason) -> dict:
    return dict(
        article=article,
        outlet=outlet,
        sent=sent.index,
        start=start,
        end=end,
        text=text[start:end],
        category=category,
        voice=voice,
        speaker=speaker,
        score=score,
        reason=reason,
    )


def _merge(single: list[dict], comparative: list[dict]) -> list[dict]:
    """Comparative evidence strengthens a single-article finding at the same place, else adds a row."""
    by_pos = {(r["article"], r["start"]): r for r in single}
    out = list(single)
    for c in comparative:
        hit = by_pos.get((c["article"], c["start"]))
        if hit is None:
            hit = next((r for r in single if r["article"] == c["article"] and r["start"] <= c["start"] < r["end"]), None)
        if hit is not None:
            if "absent from" not in hit["reason"]:
                hit["reason"] += "; " + c["reason"].replace("evaluative word ", "").replace("causal framing added: ", "")
                hit["score"] = min(1.0, round(hit["score"] + 0.1, 2))
                if hit["voice"] == "reported" and c["voice"] == "editorial":
                    hit["voice"], hit["speaker"] = "editorial", None
            continue
        out.append(c)
        by_pos[(c["article"], c["start"])] = c
    return out


def comparison_framing(aligned: AlignedStory, *, extra_lexicon: str | os.PathLike | None = None) -> pd.DataFrame:
    """Framing findings of every article of an aligned story, plus comparative ones.

    Single-article findings (see :func:`framing`) for each article, and words an
    outlet adds to an aligned sentence that are evaluative rather than factual
    (lexicon, VADER valence, part of speech), with the other outlets' wording
    quoted in ``reason``. Uses the parsed documents of the aligned story.

    Parameters
    ----------
    aligned : AlignedStory
    extra_lexicon : path, optional
        A user lexicon file added to the packaged one.

    Returns
    -------
    pandas.DataFrame
        Columns ``FRAMING_COLUMNS`` (see :func:`framing`), ``outlet`` being the
        story's display label; sorted by article order then ``start``.
    """
    lex = load_lexicon(extra_lexicon)
    labels = aligned.story.labels
    order = {p.article.id: k for k, p in enumerate(aligned.parsed)}
    single: list[dict] = []
    voices: dict[str, tuple] = {}
    skip: set[str] = set()
    for parsed in aligned.parsed:
        art = parsed.article
        if not art.text.strip() or not parsed.sentences or _unsupported(art):
            skip.add(art.id)
            voices[art.id] = ([], [])
            continue
        voices[art.id] = (find_quotes(parsed), find_reported(parsed))
        single.extend(_article_findings(parsed, labels[art.id], lex))
    comparative = [r for r in _comparative_findings(aligned, lex, voices) if r["article"] not in skip]
    return _frame(_merge(single, comparative), order)


# -- summary -------------------------------------------------------------------------------------


def framing_summary(aligned: AlignedStory, findings: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: framing findings per category and voice, and per 1,000 words.

    Parameters
    ----------
    aligned : AlignedStory
    findings : DataFrame
        The story's framing findings (:func:`comparison_framing`).

    Returns
    -------
    pandas.DataFrame
        One row per article in story order with columns ``article``,
        ``outlet``, ``words`` (word count of the body), ``findings`` (total),
        one count column per category (``loaded``, ``name_calling``,
        ``intensifier``, ``hedge``, ``attribution``, ``blame``), one per voice
        (``editorial``, ``quoted``, ``reported``) and ``per_1000_words``.
    """
    df = findings
    rows = []
    for parsed in aligned.parsed:
        art = parsed.article
        mine = df[df["article"] == art.id]
        words = sum(1 for t in parsed.doc if not (t.is_punct or t.is_space)) if parsed.doc is not None else 0
        row = {"article": art.id, "outlet": aligned.story.labels[art.id], "words": words, "findings": len(mine)}
        row.update({c: int((mine["category"] == c).sum()) for c in CATEGORIES})
        row.update({v: int((mine["voice"] == v).sum()) for v in VOICES})
        row["per_1000_words"] = round(1000 * len(mine) / words, 2) if words else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
