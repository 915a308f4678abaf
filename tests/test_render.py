"""HTML views: escaping of everything untrusted, self-contained reports, deterministic output."""

from __future__ import annotations

import re

import pytest

import compare
from compare import Story
from compare.render import comparison_model, safe_url

PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile(nlp):
    articles = [
        compare.Article(
            id="evil",
            outlet=f"Evil {PAYLOAD}",
            title=f"Title {PAYLOAD}",
            date='2019-04-24"><b>',
            url="javascript:alert(1)",
            text=f"Kim met Putin in Vladivostok on Thursday to discuss sanctions & aid worth $500m. {PAYLOAD} The talks ended.",
        ),
        compare.Article(
            id="fine",
            outlet="Fine & Co",
            title="Kim and Putin meet",
            url="https://example.org/a?x=1&y=2",
            text="Kim met Putin in Vladivostok on Thursday for talks on sanctions and $500m of aid. שלום and مرحبا appear here.",
        ),
    ]
    return compare.compare(Story(articles, name=f"story {PAYLOAD}"), nlp=nlp, progress=False)


def test_model_is_plain_data(seed_comparison):
    m = comparison_model(seed_comparison)
    assert m["columns"] == list(seed_comparison.story.labels.values())
    assert m["n_groups"] == len(seed_comparison.alignment)
    texts = [seg["text"] for row in m["rows"] for cell in row["cells"] for s in cell for seg in s["segments"]]
    assert "".join(texts).count("stupidity") == 1


def test_every_sentence_appears_once_in_the_view(seed_comparison):
    m = comparison_model(seed_comparison)
    shown = sum(len(cell) for row in m["rows"] for cell in row["cells"])
    assert shown == len(seed_comparison.sentences)


@pytest.mark.parametrize("render", ["fragment", "report"])
def test_untrusted_text_is_escaped(hostile, tmp_path, render):
    if render == "fragment":
        html = hostile._repr_html_()
    else:
        html = hostile.to_html(tmp_path / "r.html")
        assert (tmp_path / "r.html").read_text(encoding="utf-8") == html
    assert "<script>document" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "Fine &amp; Co" in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html
    assert '"><b>' not in html


def test_report_is_self_contained(seed_comparison, tmp_path):
    html = seed_comparison.to_html(tmp_path / "r.html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>compare: kim-putin-2019</title>" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace('href="https://', "")), "external asset"
    assert "<link" not in html and "<script" not in html
    for label in seed_comparison.story.labels.values():
        assert label in html


def test_notebook_view_scopes_css_and_ignores_dollars(seed_comparison):
    html = seed_comparison._repr_html_()
    assert html.startswith('<span class="tex2jax_ignore">')
    root = re.search(r'<div id="(cmp-[0-9a-f]+)"', html).group(1)
    css = re.sub(r"/\*.*?\*/", "", re.search(r"<style>(.*?)</style>", html, re.S).group(1), flags=re.S)
    selectors = [s.strip() for r in re.findall(r"([^{}]+)\{", css) if not r.strip().startswith("@") for s in r.split(",")]
    assert selectors and all(s.startswith(f"#{root}") for s in selectors)


def test_added_words_are_marked(seed_comparison):
    html = seed_comparison.to_html()
    # The courier's planted insertions show as added words.
    for word in ("dictator", "humiliating", "blatant", "craved", "toiling"):
        assert re.search(rf'<span class="add[^"]*"[^>]*>[^<]*{word}', html), word


def test_outlet_selection(seed_comparison):
    m = comparison_model(seed_comparison, outlets=["wire", "Al Jazeera"])
    assert m["columns"] == ["Wire (constructed)", "Al Jazeera"]
    with pytest.raises(KeyError, match="not in this story"):
        comparison_model(seed_comparison, outlets=["Nobody"])
    with pytest.raises(KeyError, match="not in this story"):
        seed_comparison.view(outlets=["Nobody"])


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://a.org/x", True),
        ("http://a.org", True),
        ("javascript:alert(1)", False),
        ("//evil.org", False),
        ("ftp://a.org", False),
        (None, False),
        ('https://a.org/"onmouseover=x', False),
    ],
)
def test_only_http_urls_become_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_long_stories_are_paged(seed_comparison, monkeypatch):
    import compare.render as render

    monkeypatch.setattr(render, "PAGE_ROWS", 20)
    fragment = seed_comparison.to_html()
    pages = re.findall(r'<details class="page"( open)?>', fragment)
    assert len(pages) >= 3 and pages[0] == " open" and not any(pages[1:])
    report = render.comparison_report(seed_comparison)
    assert all(p == " open" for p in re.findall(r'<details class="page"( open)?>', report))
    assert fragment.count('<table class="sbs">') == len(pages)
