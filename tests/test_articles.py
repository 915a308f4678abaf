"""Loading articles and stories from every supported format, and the errors for bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import compare
from compare import Article, ArticleFormatError, Story, StoryError
from compare.articles import read_articles

from helpers import ROOT, SEEDS


def write(tmp_path, name, content, mode="w"):
    p = tmp_path / name
    if mode == "wb":
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_seed_story_loads_in_file_order(seed_story):
    assert seed_story.ids == ["aljazeera", "courier", "ledger", "wire"]
    assert seed_story["aljazeera"].outlet == "Al Jazeera"
    assert [a.constructed for a in seed_story] == [False, True, True, True]
    assert all(a.meta.get("note") for a in seed_story)


def test_founding_article_is_copied_unchanged_apart_from_front_matter(seed_story):
    original = ROOT.parent / "shared" / "seed" / "000_973540b50767dd5e.txt"
    if not original.exists():
        pytest.skip("shared/seed is not beside the repository")
    text = original.read_text(encoding="utf-8")
    body = seed_story["aljazeera"].text
    assert text.startswith(body)
    assert text[len(body) :].strip() == "Source: AlJazeera"


@pytest.mark.parametrize("folder", SEEDS, ids=[p.name for p in SEEDS])
def test_every_seed_story_has_articles_and_an_answer_key(folder):
    story = compare.load_story(folder)
    assert len(story) >= 2
    assert (folder / "answer_key.yaml").exists()


def test_source_line_becomes_the_outlet_and_leaves_the_body(tmp_path):
    p = write(tmp_path, "piece.txt", "Headline\n\nBody sentence one. Body two.\n\n\nSource: Daily Planet\n")
    (art,) = read_articles(p)
    assert art.outlet == "Daily Planet"
    assert art.id == "piece"
    assert "Source:" not in art.text
    assert art.text == "Headline\n\nBody sentence one. Body two."


def test_front_matter_fields_and_meta(tmp_path):
    p = write(
        tmp_path,
        "a.md",
        "---\noutlet: Wire\ntitle: A & B\ndate: 2019-04-24\nurl: https://example.org/a\nlanguage: en\nconstructed: true\nnote: teaching text\n---\nKim met Putin.\n",
    )
    (art,) = read_articles(p)
    assert (art.outlet, art.title, art.date, art.url) == ("Wire", "A & B", "2019-04-24", "https://example.org/a")
    assert art.constructed and art.language == "en"
    assert art.meta["note"] == "teaching text"
    assert art.text == "Kim met Putin."


def test_article_is_frozen(tmp_path):
    art = Article(id="x", outlet="X", text="t")
    with pytest.raises(AttributeError):
        art.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        art.meta["k"] = 1  # type: ignore[index]


def test_json_jsonl_and_csv(tmp_path):
    records = [
        {"outlet": "Wire", "title": "T1", "date": "2020-01-01", "url": "https://e.org/1", "text": "One. Two."},
        {"outlet": "Daily", "title": "T2", "date": "", "url": "", "text": "Three."},
    ]
    j = write(tmp_path, "s.json", json.dumps(records))
    jl = write(tmp_path, "s.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    c = tmp_path / "s.csv"
    pd.DataFrame(records).to_csv(c, index=False)
    for path in (j, jl, c):
        arts = read_articles(path)
        assert [a.outlet for a in arts] == ["Wire", "Daily"]
        assert [a.id for a in arts] == ["s-wire", "s-daily"]
        assert arts[1].date is None and arts[1].url is None
        assert arts[0].text == "One. Two."
    single = write(tmp_path, "one.json", json.dumps(records[0]))
    assert read_articles(single)[0].id == "one"


def test_html_page_is_extracted_with_trafilatura():
    (art,) = read_articles(ROOT / "tests" / "fixtures" / "saved_page.html")
    assert art.outlet == "Example Gazette"
    assert "Harbour town opens new ferry line" in (art.title or "")
    assert "regional transport fund" in art.text
    assert "Subscribe" not in art.text and "pwned" not in art.text
    assert art.meta["extracted_with"] == "trafilatura"


def test_html_with_almost_no_text_is_an_error(tmp_path):
    p = write(tmp_path, "index.html", "<html><body><nav>Home News</nav><p>Short.</p></body></html>")
    with pytest.raises(ArticleFormatError, match="index.html: no article text found"):
        read_articles(p)


@pytest.mark.parametrize(
    "name, content, mode, reason",
    [
        ("empty.txt", "", "w", "file is empty"),
        ("blank.md", "  \n\n ", "w", "file is empty"),
        ("bin.txt", b"\x00\x01\x02binary", "wb", "binary file"),
        ("latin.txt", "caf\xe9 au lait".encode("latin-1"), "wb", "not UTF-8"),
        ("bad.json", "{not json", "w", "not valid JSON"),
        ("notext.json", '{"outlet": "X"}', "w", "no text"),
        ("fm.md", "---\noutlet: [unclosed\n---\nBody.", "w", "front matter is not valid YAML"),
        ("only-fm.md", "---\noutlet: X\n---\n\n", "w", "no text after its front matter"),
        ("list.json", "[1, 2]", "w", "must be an object"),
        ("doc.pdf", "x", "w", "unsupported file type .pdf"),
    ],
)
def test_bad_files_name_the_file_and_the_reason(tmp_path, name, content, mode, reason):
    p = write(tmp_path, name, content, mode)
    with pytest.raises(ArticleFormatError) as err:
        read_articles(p)
    assert str(err.value).startswith(str(p))
    assert reason in str(err.value)
    assert isinstance(err.value, ValueError)  # callers may catch the builtin


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(ArticleFormatError, match="no such file"):
        compare.load_story(tmp_path / "nope")
    with pytest.raises(ArticleFormatError, match="holds no article files"):
        compare.load_story(tmp_path)


def test_folder_skips_answer_keys_quietly_and_warns_about_unknown_files(tmp_path, recwarn):
    write(tmp_path, "a.txt", "One sentence.\n\nSource: A")
    write(tmp_path, "b.txt", "Another sentence.\n\nSource: B")
    write(tmp_path, "answer_key.yaml", "facts: []")
    write(tmp_path, "notes.docx", "x")
    with pytest.warns(compare.CompareWarning, match="notes.docx: skipped"):
        story = compare.load_story(tmp_path)
    assert story.ids == ["a", "b"]


def test_ids_stay_unique_and_labels_tell_same_outlet_apart(tmp_path):
    a = write(tmp_path, "x.txt", "First.\n\nSource: Wire")
    b = tmp_path / "sub"
    b.mkdir()
    b2 = write(b, "x.txt", "Second.\n\nSource: Wire")
    story = compare.load_story([a, b2])
    assert story.ids == ["x", "x-2"]
    assert list(story.labels.values()) == ["Wire (x)", "Wire (x-2)"]


def test_from_texts_and_from_frame():
    s = Story.from_texts({"Wire": "Kim met Putin.", "Daily <b>": "Kim met the Russian leader."})
    assert s.ids == ["wire", "daily-b"] and len(s) == 2
    assert [a.outlet for a in s] == ["Wire", "Daily <b>"]
    df = pd.DataFrame({"outlet": ["A", "B"], "text": ["x y", "z"], "title": ["t", None], "section": ["world", "asia"]})
    s2 = Story.from_frame(df)
    assert s2["a"].title == "t" and s2["b"].title is None
    assert s2["b"].meta["section"] == "asia"
    assert list(s2.to_frame().columns) == ["id", "outlet", "title", "date", "url", "words", "constructed"]
    with pytest.raises(StoryError, match="unique"):
        Story([Article(id="a", outlet="A", text="x"), Article(id="a", outlet="B", text="y")])
