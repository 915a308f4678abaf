"""Sentence spans: nothing lost, headings stand alone, offsets point into the article."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from compare.parsing import split_sentences


def covered(text, sents):
    mask = [False] * len(text)
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        for i in range(s.start, s.end):
            assert not mask[i], "sentences overlap"
            mask[i] = True
    return all(mask[i] for i, ch in enumerate(text) if not ch.isspace())


def test_every_seed_sentence_is_accounted_for(seed_comparison):
    for p in seed_comparison.parsed:
        assert covered(p.article.text, p.sentences), p.article.id
    s = seed_comparison.sentences
    assert len(s) == sum(len(p.sentences) for p in seed_comparison.parsed)


def test_headings_are_their_own_sentences(seed_comparison):
    s = seed_comparison.sentences
    texts = s[s.article == "aljazeera"].text.tolist()
    assert "Why Russia?" in texts
    assert "What’s on the agenda?" in texts


words = st.text(alphabet="abcdefghij KLM.?!\n\"'“”,$", min_size=0, max_size=200)


@settings(max_examples=60, deadline=None)
@given(words)
def test_nothing_is_lost_on_any_text(blank_nlp, text):
    doc = blank_nlp(text)
    assert covered(text, list(split_sentences(doc)))


def test_paragraph_break_cuts_a_sentence(blank_nlp):
    doc = blank_nlp("Why Russia\n\nRussia's ties date back decades. Moscow helped.")
    assert [s.text for s in split_sentences(doc)] == ["Why Russia", "Russia's ties date back decades.", "Moscow helped."]


def test_a_lone_closing_quote_joins_its_sentence(seed_comparison):
    s = seed_comparison.sentences
    assert not s.text.str.fullmatch(r"\W+").any()
    ledger = s[s.article == "ledger"].text.tolist()
    assert any(t.endswith('trade war with the US."') for t in ledger)
