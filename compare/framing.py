"""Framing: loaded language, divergent wording, and whose voice each finding is in.

For one article, :func:`framing` points at words that frame the story rather
than report it — emotive or pejorative wording, name-calling, intensifiers,
hedges, judging verbs of saying and added blame — and says whose voice each is
in: the article's own (``editorial``), a direct quotation (``quoted``, with the
speaker) or indirect speech (``reported``, with the speaker).

Three steps, one code path for one article and for a comparison:

1. candidates from explainable rules (:mod:`compare.framing_rules`: the
   packaged lexicon ``lexicons/framing.txt``, extendable with
   ``extra_lexicon=``, verbs of saying, VADER valence, the spaCy parse);
2. for a comparison, what the aligned sentences of the other outlets say in
   the same place (the same word, another word in the same slot, nothing);
3. a score: the probability, from a small logistic regression trained on
   BASIL lexical-bias spans (:mod:`compare.framing_score`), that a careful
   reader would call the words framing. The default view shows findings at or
   above the model's threshold; ``min_score=0`` shows every candidate.

:func:`compare.wording.wording` lists the word swaps between aligned sentences.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .alignment import AlignedStory
from .articles import Article
from .diffs import word_ops
from .errors import CompareWarning, UsageError
from .framing_rules import VALENCE_EVALUATIVE, Candidate, DocFacts, causal_phrases, sentence_candidates, slot_swap
from .framing_score import (
    FEATURES,
    ArticleContext,
    Evidence,
    feature_rows,
    load_model,
    probabilities,
    reason,
    semantic_candidates,
)
from .language import language_problem
from .lexicons import Lexicon, lemma, load_lexicon
from .parsing import ParsedArticle, Sentence, parse
from .quotes import Quote, find_quotes
from .reported import find_reported

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "framing",
    "comparison_framing",
    "framing_candidates",
    "framing_summary",
    "default_min_score",
    "RULE_CATEGORIES",
    "slot_swap",
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


# -- candidates, voices and the other outlets' wording ------------------------------------------


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in FRAMING_COLUMNS})
    return df.astype({"sent": "int64", "start": "int64", "end": "int64", "score": "float64"})


def _unsupported(article: Article) -> bool:
    problem = language_problem(article.language, article.text)  # a bounded sample, see compare.language
    if problem:
        warnings.warn(f"{article.id}: no framing findings: {problem}", CompareWarning, stacklevel=4)
        return True
    return False


def _inserted(text: str, start: int, q: Quote) -> bool:
    """Whether ``start`` lies in brackets the outlet put inside a quotation ("it looks like (Libyan strongman X) …")."""
    before = text[q.start : start]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _voice_of(start: int, quotes: Sequence[Quote], reported: Sequence[Quote], text: str = "") -> tuple[str, Quote | None]:
    for q in quotes:
        if q.start <= start < q.end:
            if text and _inserted(text, start, q):
                return "editorial", None
            return "quoted", q
    for r in reported:
        if r.start <= start < r.end:
            return "reported", r
    return "editorial", None


def _charged(f: DocFacts) -> np.ndarray:
    """Verbs and nouns, not names, evaluative by valence: what another outlet's swap can make a candidate."""
    return f.is_pos("VERB", "NOUN") & ~f.gap & ~f.entity & (np.abs(f.valence) >= VALENCE_EVALUATIVE)


class _LazyOps(dict):
    """``id(other) -> word_ops(other.text, sent.text)``, each diff computed when first asked for."""

    def __init__(self, sent: Sentence, others: list[Sentence]) -> None:
        super().__init__()
        self._sent, self._others = sent, {id(o): o for o in others}

    def __missing__(self, key: int) -> list:
        ops = self[key] = word_ops(self._others[key].text, self._sent.text)
        return ops


class _Story:
    """The articles being read, their quotations and their candidates (one code path for one or many)."""

    def __init__(self, parsed: Sequence[ParsedArticle], labels: Sequence[str], lex: Lexicon) -> None:
        self.parsed, self.labels, self.lex = list(parsed), list(labels), lex
        self.skip = {
            k for k, p in enumerate(self.parsed) if not p.article.text.strip() or not p.sentences or _unsupported(p.article)
        }
        self.voices: list[tuple[list[Quote], list[Quote]]] = [
            ([], []) if k in self.skip else (find_quotes(p), find_reported(p)) for k, p in enumerate(self.parsed)
        ]
        self.contexts = [ArticleContext.of(p) for p in self.parsed]
        self.cands: list[tuple[int, Candidate, Evidence]] = []
        self._lemma_sets: dict[tuple[int, int], set[str]] = {}
        self._causal_of: dict[tuple[int, int], list[tuple[int, int]]] = {}
        #: per article (not skipped), which tokens the rules need to look at
        read = [k for k in range(len(self.parsed)) if k not in self.skip]
        self.facts = dict(zip(read, DocFacts.of_docs([self.parsed[k].doc for k in read], lex)))
        pending, article_of = [], {}
        for k, p in enumerate(self.parsed):
            if k in self.skip:
                continue
            for s in p.sentences:
                found = sentence_candidates(s, lex, self.facts[k])
                self.cands.extend((k, c, Evidence()) for c in found)
                pending.append((s, {t.idx for c in found for t in s.span if c.start <= t.idx < c.end} if s.span else set()))
                article_of[id(s)] = k
        by_doc = {id(self.parsed[k].doc): f for k, f in self.facts.items()}
        self.cands.extend((article_of[id(c.sent)], c, Evidence()) for c in semantic_candidates(pending, lex, by_doc))

    @staticmethod
    def _words(sent: Sentence) -> list:
        """The sentence's tokens without punctuation and spaces (made when needed, not kept: few sentences need them)."""
        return [t for t in sent.span if not (t.is_punct or t.is_space)] if sent.span is not None else []

    def _causal(self, sent: Sentence) -> list[tuple[int, int]]:
        key = (sent.article, sent.index)
        if key not in self._causal_of:
            facts, span = self.facts.get(sent.article), sent.span
            if facts is None or span is None:
                self._causal_of[key] = causal_phrases(self._words(sent), self.lex)
            else:  # only the words that begin a blame look-up are tried (positions among the sentence's words)
                words = ~facts.gap[span.start : span.end]
                starts = np.flatnonzero(facts.blame[span.start : span.end][words]).tolist()
                self._causal_of[key] = causal_phrases(self._words(sent), self.lex, starts) if starts else []
        return self._causal_of[key]

    def _lemmas(self, sent: Sentence) -> set[str]:
        key = (sent.article, sent.index)
        if key not in self._lemma_sets:
            facts, span = self.facts.get(sent.article), sent.span
            if span is None:
                self._lemma_sets[key] = set()
            elif facts is not None:
                self._lemma_sets[key] = set(facts.lemmas[span.start : span.end])
            else:
                self._lemma_sets[key] = {lemma(t) for t in span}
        return self._lemma_sets[key]

    def voice(self, k: int, start: int, category: str | None = None) -> tuple[str, str | None]:
        """Voice and speaker of the words at ``start`` of article ``k``.

        Indirect speech hung on nobody in particular ("..., analysts say";
        "officials said ...") is the outlet's own wording: ``editorial``. So is
        a judging verb of saying (``attribution``) outside quotation marks,
        even inside someone's reported words ("..., which he claimed ..."):
        how speech is introduced is the writer's choice.
        """
        voice, q = _voice_of(start, *self.voices[k], self.parsed[k].article.text)
        if voice == "reported" and (q is None or q.generic or category == "attribution"):
            return "editorial", None
        return voice, (q.speaker if q is not None else None)

    def compare_outlets(self, aligned: AlignedStory) -> None:
        """Fill each candidate's :class:`Evidence` from the aligned sentences, and add comparative candidates."""
        by_sent: dict[tuple[int, int], list[tuple[int, Candidate, Evidence]]] = {}
        for item in self.cands:
            by_sent.setdefault((item[0], item[1].sent.index), []).append(item)
        for group in aligned.groups:
            members = aligned.group_sentences(group.number)
            if len({s.article for s in members}) < 2:
                continue
            for sent in members:
                if sent.article in self.skip or sent.span is None:
                    continue
                others = [o for o in members if o.article != sent.article]
                ops = _LazyOps(sent, others)
                labels = sorted({self.labels[o.article] for o in others})
                mine = by_sent.get((sent.article, sent.index), [])
                for _, c, ev in mine:
                    self._fill(ev, c.tok, sent, others, ops, labels, c)
                self._comparative(sent, others, ops, labels, {c.start for _, c, _ in mine})

    def _fill(self, ev: Evidence, tok, sent: Sentence, others, ops, labels, c: Candidate | None = None) -> None:
        ev.aligned, ev.others = True, labels
        phrase = self.parsed[sent.article].article.text[c.start : c.end].lower() if c is not None else tok.lower_
        same = set()
        for o in others:
            words = self._lemmas(o)
            if lemma(tok) in words or (" " in phrase and phrase in o.text.lower()):
                same.add(o.article)
            elif ev.swap is None:
                hit = slot_swap(tok, sent, o, ops[id(o)])
                if hit is not None:
                    ev.swap, ev.swap_outlet = hit.text, self.labels[o.article]
        n_other = len({o.article for o in others})
        ev.same = len(same) / n_other if n_other else 0.0
        ev.lack = not same and ev.swap is None
        ev.without = sorted({self.labels[o.article] for o in others if not self.contexts[o.article].counts.get(tok.lemma)})

    def _comparative(self, sent: Sentence, others, ops, labels, taken: set[int]) -> None:
        """Candidates only the comparison shows: a charged verb or noun swapped for another word, added blame."""
        k = sent.article
        f, doc = self.facts[k], sent.span.doc
        for i in f.where(f.mask("charged", _charged), sent.span.start, sent.span.end):
            tok = doc[i]
            if tok.idx in taken or (f.known[i] and self.lex.token_category(tok) is not None):
                continue
            if self.voice(k, tok.idx)[0] == "quoted":
                continue
            ev = Evidence()
            self._fill(ev, tok, sent, others, ops, labels)
            if ev.swap is not None:
                self.cands.append((k, Candidate(tok.idx, tok.idx + len(tok), "loaded", "comparative", tok, sent), ev))
        if any(self._causal(o) for o in others):
            return
        toks = self._words(sent)
        for i, n in self._causal(sent):
            s, e = toks[i].idx, toks[i + n - 1].idx + len(toks[i + n - 1])
            if s in taken or self.voice(k, s)[0] == "quoted":
                continue
            c = Candidate(s, e, "blame", "comparative", toks[i], sent, words=sent.text[s - sent.start : e - sent.start])
            ev = Evidence(aligned=True, lack=True, others=labels)
            self.cands.append((k, c, ev))

    def table(self, with_features: bool = False) -> pd.DataFrame:
        """Every candidate with its voice, score and reason (and its features, for training)."""
        if not self.cands:
            return _empty()
        cands = [c for _, c, _ in self.cands]
        voices = [self.voice(k, c.start, c.category) for k, c, _ in self.cands]
        x = feature_rows(
            cands, [v for v, _ in voices], [self.contexts[k] for k, _, _ in self.cands], [e for _, _, e in self.cands]
        )
        scores = probabilities(x, load_model())
        rows = []
        for (k, c, ev), (voice, speaker), score in zip(self.cands, voices, scores):
            art = self.parsed[k].article
            words = art.text[c.start : c.end]
            rows.append(
                dict(
                    article=art.id,
                    outlet=self.labels[k],
                    sent=c.sent.index,
                    start=c.start,
                    end=c.end,
                    text=words,
                    category=c.category,
                    voice=voice,
                    speaker=speaker,
                    score=round(float(score), 3),
                    reason=reason(c, words, ev),
                )
            )
        df = pd.DataFrame(rows, columns=FRAMING_COLUMNS)
        if with_features:
            df = pd.concat([df, pd.DataFrame(x, columns=list(FEATURES))], axis=1)
            df["source"] = [c.source for c in cands]
        order = {p.article.id: k for k, p in enumerate(self.parsed)}
        df["_o"] = df["article"].map(order)
        df = df.sort_values(["_o", "start", "end", "category"], kind="mergesort").drop(columns="_o")
        df = df.drop_duplicates(subset=["article", "start", "end", "category"]).reset_index(drop=True)
        return df.astype({"sent": "int64", "start": "int64", "end": "int64", "score": "float64"})


#: The category the default view shows by its rule rather than by the model's threshold: a
#: verb of saying that judges the claim or the speaker ("claimed", "insisted") where "said"
#: would do, outside quotations. BASIL annotates loaded word choice and rarely marks these
#: verbs, so a threshold learned on BASIL says little about them.
RULE_CATEGORIES = ("attribution",)


def default_min_score() -> float:
    """The score at or above which findings are shown by default (judging verbs of saying aside).

    The model's threshold, chosen for precision on the training parts of an
    event-grouped cross-validation on BASIL (``training/train_framing.py``).
    """
    model = load_model()
    return float(model["threshold"]) if model is not None else 0.0


def _shown(df: pd.DataFrame, min_score: float | None) -> pd.DataFrame:
    if min_score is None:
        by_rule = df["category"].isin(RULE_CATEGORIES)
        keep = (~by_rule & (df["score"] >= default_min_score())) | (by_rule & (df["voice"] != "quoted"))
        return df[keep].reset_index(drop=True)
    if isinstance(min_score, bool) or not isinstance(min_score, (int, float)) or not 0.0 <= float(min_score) <= 1.0:
        raise UsageError("min_score", f"must be a number between 0 and 1, not {min_score!r}")
    return df[df["score"] >= float(min_score)].reset_index(drop=True)


def framing(
    article_or_text: Article | ParsedArticle | str,
    *,
    nlp: Language | None = None,
    extra_lexicon: str | os.PathLike | None = None,
    min_score: float | None = None,
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
    min_score : float, optional
        Show findings scored at or above this (0–1); ``0`` shows every
        candidate. Default: findings at or above :func:`default_min_score`
        (the model's threshold, chosen for precision in event-grouped
        cross-validation on BASIL), and judging verbs of saying
        (``attribution``) outside quotations, which BASIL does not annotate,
        by their rule.

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
        - ``score``: probability (0–1) that a careful reader would call the
          words framing, from the packaged model;
        - ``reason``: what the words do, in plain words.

    Raises
    ------
    TypeError
        For anything but one article (every article of a comparison:
        ``Comparison.framing``).

    Warns
    -----
    CompareWarning
        For non-English text (``article.language`` or detected): framing is
        unsupported and the frame is empty.

    Examples
    --------
    >>> df = framing("The infamous regime supposedly said it was utterly furious.")
    >>> df[["text", "category", "voice"]].values.tolist()  # doctest: +SKIP
    [['infamous', 'loaded', 'editorial'], ['regime', 'name_calling', 'editorial'], ...]
    """
    if not isinstance(article_or_text, (Article, ParsedArticle, str)):
        raise TypeError(
            f"framing() reads one article (an Article, a ParsedArticle or a string), not a {type(article_or_text).__name__}; "
            "for every article of a comparison use Comparison.framing"
        )
    lex = load_lexicon(extra_lexicon)
    if isinstance(article_or_text, ParsedArticle):
        parsed = article_or_text
    else:
        article = (
            article_or_text if isinstance(article_or_text, Article) else Article(id="text", outlet="text", text=article_or_text)
        )
        if not article.text.strip() or _unsupported(article):
            return _empty()
        parsed = parse([article], nlp=nlp, progress=False)[0]
    return _shown(_Story([parsed], [parsed.article.outlet], lex).table(), min_score)


def framing_candidates(aligned: AlignedStory, *, extra_lexicon: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every candidate of an aligned story with its features (``FEATURES`` columns and ``source``): training data."""
    story = _Story(aligned.parsed, aligned.labels, load_lexicon(extra_lexicon))
    story.compare_outlets(aligned)
    return story.table(with_features=True)


def comparison_framing(
    aligned: AlignedStory, *, extra_lexicon: str | os.PathLike | None = None, min_score: float | None = None
) -> pd.DataFrame:
    """Framing findings of every article of an aligned story, scored with the other outlets' wording.

    The same candidates, voices and speakers as :func:`framing` gives for each
    article alone (one code path); the aligned sentences of the other outlets
    add evidence — whether they use the same word, another word in the same
    slot (quoted in ``reason``), or none — and a few candidates only a
    comparison shows (a charged verb swapped for a plain one, added blame).

    Parameters
    ----------
    aligned : AlignedStory
    extra_lexicon : path, optional
        A user lexicon file added to the packaged one.
    min_score : float, optional
        As in :func:`framing`; ``0`` shows every candidate.

    Returns
    -------
    pandas.DataFrame
        Columns ``FRAMING_COLUMNS`` (see :func:`framing`), ``outlet`` being the
        story's display label; sorted by article order then ``start``.
    """
    story = _Story(aligned.parsed, aligned.labels, load_lexicon(extra_lexicon))
    story.compare_outlets(aligned)
    return _shown(story.table(), min_score)


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
