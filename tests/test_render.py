"""HTML views: escaping of everything untrusted, self-contained reports, deterministic output."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from markupsafe import escape

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
    assert fragment.count('<table class="sbs"') == len(pages)


# -- layouts, added words, possible counterparts, charts, student tables ------------------------------


def test_added_words_ignore_other_forms_and_near_synonyms(nlp):
    from compare.marks import added_marks

    a = "The armoured convoy arrived in the capital on Monday, officials said, and workers cheered."
    b = "The armored convoys arrive in the capital on Monday, officials said, and labourers cheered a brutal invasion."
    c = compare.compare(Story.from_texts({"Plain Post": a, "Loud Daily": b}), nlp=nlp, progress=False)
    ka, kb = (c.aligned.article_sentences(i)[0] for i in (0, 1))
    text = c.aligned.sentences[kb].text
    added = {text[lo:hi] for lo, hi, _, _ in added_marks(c.aligned, kb, [ka])}
    assert {"brutal", "invasion"} <= added
    assert not added & {"armored", "convoys", "arrive", "labourers"}  # spelling, plural, tense, near-synonym


def test_added_words_are_a_light_style(seed_comparison):
    html = seed_comparison.to_html()
    css = re.search(r"\.add \{([^}]*)\}", html).group(1)
    assert "dotted" in css and "#fbf3a6" not in css  # no longer the heavy yellow


def _every_sentence_in_cards(m):
    n = 0
    for card in m["cards"]:
        if card["kind"] == "group":
            n += 1 + len(card["versions"]) + len(card["same"]) + sum(len(v["also"]) for v in card["versions"])
        else:
            n += len(card["lines"])
    return n


def test_cards_layout_accounts_for_every_sentence(seed_comparison):
    from compare.render import view_model

    m = view_model(seed_comparison, layout="cards", reference="wire")
    assert m["layout"] == "cards" and m["columns"][0] == "Wire (constructed)"
    assert _every_sentence_in_cards(m) == len(seed_comparison.sentences)
    for card in m["cards"]:
        if card["kind"] == "group" and any(v["outlet"] == "Wire (constructed)" for v in [card["reference"], *card["versions"]]):
            assert card["reference"]["outlet"] == "Wire (constructed)"
    assert len(m["matrix"]["rows"]) == 4 and 1 <= len(m["matrix"]["facts"]) <= 12
    html = seed_comparison.view(layout="cards").to_html()
    assert html.count('<article class="card') == len(m["cards"])


def test_layout_choice(seed_comparison):
    from compare.render import default_layout, view_model

    assert default_layout(4) == "columns" and default_layout(5) == "cards"
    assert view_model(seed_comparison)["layout"] == "columns"
    with pytest.raises(compare.UsageError, match="layout"):
        seed_comparison.view(layout="grid")
    with pytest.raises(KeyError, match="not in this story"):
        seed_comparison.view(reference="Nobody")


def test_possible_counterparts_are_shown_faded_with_their_score(seed_comparison):
    import copy
    import dataclasses

    a = seed_comparison.aligned
    single = next(k for kind, k in a.rows if kind == "s")
    art = a.sentences[single].article
    group = next(g for g in a.groups if all(a.sentences[m].article != art for m in g.members))
    pair = tuple(sorted((single, group.members[0])))
    c = copy.copy(seed_comparison)
    c.aligned = dataclasses.replace(a, possible=((*pair, 0.41),))
    for layout in ("columns", "cards"):
        html = c.view(layout=layout).to_html()
        assert html.count("possible counterpart, 0.41") >= 2, layout  # the legend and the sentence
        assert re.search(r'class="[^"]*possible[^"]*"', html)


def test_report_draws_charts_in_html_without_matplotlib(tmp_path):
    out = tmp_path / "r.html"
    code = (
        "import sys\nfrom compare.cli import main\n"
        f"assert main(['report', '-o', {str(out)!r}, '--no-progress']) == 0\n"
        "print('matplotlib' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("False")
    html = out.read_text(encoding="utf-8")
    assert "<img" not in html and "data:image/png" not in html
    assert html.count('<figure class="chart') == 2


def test_student_tables_are_formatted(seed_comparison):
    from compare.classroom import reveal, table

    frame = seed_comparison.framing[["outlet", "text", "category", "voice", "speaker", "reason"]]
    assert frame["speaker"].isna().any()
    html = table(frame)
    assert "NaN" not in html and "<th></th>" not in html and ">0<" not in html.split("<tbody>")[0]
    longest = max(frame["reason"], key=len)
    assert str(escape(longest)) in html  # reasons in full, never cut
    missing = table(seed_comparison.facts[["label", "outlets"]].head(3))
    assert "[&#39;" not in missing and "['" not in missing
    nested = reveal("Outer", reveal("Inner", frame))
    assert "&lt;details" not in nested and nested.count("<details") == 2


def test_article_cards_and_summary_agree_on_words(seed_comparison):
    from compare.render import comparison_model

    m = comparison_model(seed_comparison)
    summary = seed_comparison.framing_summary.set_index("outlet")["words"]
    for a in m["articles"]:
        assert a["words"] == f"{summary[a['label']]:,} words"
        assert not a["sentences"].startswith("1 sentences")


def test_story_view_names_constructed_once(seed_story):
    html = seed_story._repr_html_()
    assert "(constructed) (constructed)" not in html


def test_cli_report_layout(tmp_path):
    from compare.cli import main

    out = tmp_path / "cards.html"
    assert main(["report", "-o", str(out), "--layout", "cards", "--no-progress"]) == 0
    html = out.read_text(encoding="utf-8")
    assert '<article class="card"' in html and '<table class="matrix">' in html


def _section(c, name):
    from compare.tables import report_sections

    return next(s for s in report_sections(c) if s["id"] == name)


def test_findings_say_why_each_row_is_shown(seed_comparison):
    """A judging verb of saying scored 0.07 is shown by rule, next to rows over the threshold: the view says which."""
    from compare.framing import default_min_score

    s = _section(seed_comparison, "findings")
    t = s["table"]
    assert "shown because" in t["columns"] and not t["transposed"]
    col = t["columns"].index("shown because")
    score = t["columns"].index("score")
    why = {r[col] for r in t["rows"]}
    assert why == {f"score ≥ {default_min_score():g}", "by rule: judging verb of saying outside quotation marks"}
    for r in t["rows"]:
        assert (float(r[score]) >= default_min_score()) == r[col].startswith("score")
    assert "by rule" in s["lead"] and f"{default_min_score():g}" in s["lead"]


def test_missing_matrix_marks_what_the_summary_counts(seed_comparison):
    """The summary's denominator is the rows marked "counted"; every · in them is listed or has a counterpart."""
    s = _section(seed_comparison, "missing")
    summary = seed_comparison.missing_summary()
    counted = [r for r in s["matrix"]["rows"] if r["list"].startswith("counted")]
    assert len(counted) == summary["of"].iloc[0] == 10
    assert s["matrix"]["rows"][: len(counted)] == counted  # counted facts come first
    outlets = s["matrix"]["columns"]
    for r in counted:
        for o, v in zip(outlets, r["cells"]):
            if not v:
                assert o in r["list"] and ("left out by" in r["list"] or f"not listed for {o}: " in r["list"])
    left = summary.set_index("outlet")["left_out"]
    for o in outlets:  # the summary's k is the counted rows that name the outlet as leaving the fact out
        assert sum(1 for r in counted if re.search(r"left out by [^;]*" + re.escape(o), r["list"])) == left[o]
    assert left.sum() > 0
    assert summary["summary"].iloc[0].endswith("of the 10 facts that at least 3 of the 4 outlets state")
    assert "fewer than most sources" in s["table"]["caption"]
    assert "a sentence of its own" in s["matrix"]["caption"]


def test_report_labels_drop_doubtful_ner_kinds(seed_comparison):
    """Readers see "Kim Jong Un", not "Kim Jong Un (PERSON)"; a number says what it counts: "10,000 (of: laborer)"."""
    from compare.tables import reader_label

    assert reader_label("entity", "Politico (PERSON)") == "Politico"
    assert reader_label("number", "13 (path)") == "13 (of: path)"
    assert reader_label("number", "4 years") == "4 years"
    assert reader_label("claim", "He said (ORG)") == "He said (ORG)"
    from compare.render import comparison_report

    assert "Kim Jong Un (PERSON)" in set(seed_comparison.facts.label)  # the DataFrame keeps its labels
    html = comparison_report(seed_comparison)
    assert not re.search(r"\((PERSON|ORG|GPE|LOC|NORP)\)", html)
    assert "10,000 (of: laborer)" in html


def test_conflicts_section_is_titled_by_its_rows(seed_comparison):
    import copy

    s = _section(seed_comparison, "conflicts")
    assert s["title"] == "Numbers that disagree" and s["lead"].startswith("2 pairs of numbers disagree")
    c = copy.copy(seed_comparison)
    conflicts = seed_comparison.conflicts
    c.__dict__["conflicts"] = conflicts[conflicts.status == "agreement"]
    s = _section(c, "conflicts")
    assert s["title"] == "Numbers: none disagree"
    assert s["lead"] == "No numbers disagree; 1 pair agrees after rounding, a qualifier or reading a date. The note says how."
    assert "agree" in s["table"]["caption"] and "disagree" not in s["table"]["caption"]
    c.__dict__["conflicts"] = conflicts.head(0)
    s = _section(c, "conflicts")
    assert s["empty"].startswith("No numbers disagree") and not s["lead"]


def test_evidence_is_readable_text(seed_comparison):
    """Evidence records (dicts) show as "outlet: “sentence”", never as a Python repr."""
    from compare.tables import table_model

    for frame in (seed_comparison.facts, seed_comparison.conflicts, seed_comparison.unique, seed_comparison.missing):
        t = table_model(frame, columns=["evidence"], transpose=False)
        cells = [r[0] for r in t["rows"]]
        assert cells and not any("{'" in v or "'text':" in v for v in cells)
    t = table_model(seed_comparison.facts, columns=["evidence"], transpose=False)
    assert any(re.match(r"^[^:]+: “", v) for v in (r[0] for r in t["rows"]))
