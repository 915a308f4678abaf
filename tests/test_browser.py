"""What a person sees, in a real browser (Debian's headless Chromium driven by Selenium).

The bundled report, a 25-outlet story in cards and in columns, and the
worksheet are opened in Chromium: no element's text overflows its box, no
visible text shows markup, ``NaN`` or a Python repr, every section is there,
hostile text stays text, and the printed PDF stays within a page count and
the page width. Screenshots go to ``tests/output/`` for a human to look at.
Skips locally without Chromium and chromedriver; fails in CI.
"""

from __future__ import annotations

import re

import pytest

import compare
from compare.worksheet import worksheet, worksheet_page

from browsing import (
    chrome,
    leaks,
    many_outlet_story,
    open_page,
    overflowing,
    pdf_pages,
    print_layout,
    print_pdf,
    require_browser,
    screenshot,
    visible_text,
)
from helpers import ROOT

OUT = ROOT / "tests" / "output"
SECTIONS = [
    "articles",
    "sbs",
    "framing",
    "findings",
    "wording",
    "missing",
    "unique",
    "conflicts",
    "quotes",
    "sources",
    "copies",
    "method",
]
#: Printed pages allowed: the bundled report (four articles, every table) and the worksheet.
REPORT_PAGES = 45
WORKSHEET_PAGES = 8
#: The 25-outlet report in cards: 25 articles of ~13 sentences each.
CARDS_PAGES = 160


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with chrome() as d:
        yield d


@pytest.fixture(scope="module")
def report_page(seed_comparison):
    OUT.mkdir(exist_ok=True)
    page = OUT / "kim-putin-report.html"
    seed_comparison.to_html(page)
    return page


@pytest.fixture(scope="module")
def many(nlp):
    return compare.compare(many_outlet_story(25), nlp=nlp, progress=False)


@pytest.fixture(scope="module")
def many_cards(many):
    page = OUT / "many-outlets-cards.html"
    many.view().to_html(page, title="Twenty-five outlets")
    return page


@pytest.fixture(scope="module")
def sheet_pages(seed_comparison):
    OUT.mkdir(exist_ok=True)
    sheet, key = OUT / "kim-putin-worksheet.html", OUT / "kim-putin-key.html"
    sheet.write_text(worksheet_page(worksheet(seed_comparison), title="Worksheet"), encoding="utf-8")
    key.write_text(worksheet_page(worksheet(seed_comparison, teacher=True), title="Key"), encoding="utf-8")
    return sheet, key


def test_report_sections_charts_and_screenshot(browser, report_page):
    open_page(browser, report_page)
    ids = browser.execute_script(
        "return [...document.querySelectorAll('section[id]')].map(s => s.id.replace(/^cmp-[0-9a-f]+-/, ''))"
    )
    assert ids == SECTIONS
    # the charts are HTML with their numbers as text, not pictures
    assert browser.execute_script("return document.querySelectorAll('figure.chart').length") == 2
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    text = visible_text(browser)
    assert not leaks(text), leaks(text)
    assert "Which outlet states which fact" in text and "Framing findings per outlet" in text
    assert not overflowing(browser), overflowing(browser)
    screenshot(browser, OUT / "kim-putin-report.png")
    assert (OUT / "kim-putin-report.png").stat().st_size > 50_000


def test_25_outlets_default_to_readable_cards(browser, many, many_cards):
    open_page(browser, many_cards)
    assert browser.execute_script("return document.querySelectorAll('article.card').length") > 5
    rows = browser.execute_script("return document.querySelectorAll('table.matrix tbody tr').length")
    assert rows == 25
    assert not overflowing(browser), overflowing(browser)
    # outlet names are never squeezed to a word per line
    narrow = browser.execute_script(
        "return [...document.querySelectorAll('.card .who, table.matrix th.outlet')]"
        ".filter(e => e.getClientRects().length && e.clientWidth < 90).length"
    )
    assert narrow == 0
    # every matrix cell links to a card that exists
    missing = browser.execute_script(
        "return [...document.querySelectorAll('table.matrix td a')]"
        ".filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length"
    )
    assert missing == 0
    text = visible_text(browser)
    assert not leaks(text), leaks(text)
    screenshot(browser, OUT / "many-outlets-cards.png")


def test_25_outlets_in_columns_stay_readable(browser, many, tmp_path):
    page = tmp_path / "columns.html"
    many.view(layout="columns").to_html(page)
    open_page(browser, page)
    widths = browser.execute_script("return [...document.querySelectorAll('table.sbs thead th')].map(th => th.clientWidth)")
    assert len(widths) == 26 and min(widths[1:]) >= 120  # ~12em per outlet; the table scrolls sideways instead
    assert not overflowing(browser), overflowing(browser)


def test_hostile_text_stays_text(browser, many_cards):
    open_page(browser, many_cards)
    assert "pwned" not in browser.title
    assert browser.execute_script("return document.querySelectorAll('img, script').length") == 0
    text = visible_text(browser)
    assert "<script>document.title='pwned'</script>" in text
    assert "{{ 7*7 }}" in text


def test_worksheet_and_key(browser, sheet_pages):
    sheet, key = sheet_pages
    open_page(browser, sheet)
    text = visible_text(browser)
    assert "Questions" in text and "Name:" in text
    n = browser.execute_script("return document.querySelectorAll('li.prompt').length")
    assert n >= 4
    assert browser.execute_script("return document.querySelectorAll('li.prompt .answer-space').length") == n
    assert browser.execute_script("return document.querySelectorAll('.fr, .add').length") == 0  # no highlights
    assert not leaks(text), leaks(text)
    assert not overflowing(browser), overflowing(browser)
    screenshot(browser, OUT / "kim-putin-worksheet.png")
    open_page(browser, key)
    text = visible_text(browser)
    assert re.search(r"line \d+: “", text)  # answers cite sentences
    assert "From the story's answer key" in text and "3,000" in text
    assert not leaks(text), leaks(text)


@pytest.mark.parametrize("which, bound", [("report", REPORT_PAGES), ("worksheet", WORKSHEET_PAGES), ("cards", CARDS_PAGES)])
def test_prints_within_pages_and_page_width_without_splitting_charts(browser, report_page, sheet_pages, many_cards, which, bound):
    page = {"report": report_page, "worksheet": sheet_pages[0], "cards": many_cards}[which]
    open_page(browser, page)
    pdf = print_pdf(browser)
    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert 1 <= pages <= bound, pages
    width, wide, tall = print_layout(browser)
    assert not wide, (width, wide)
    assert not tall, tall
    browser.set_window_size(1280, 1600)


def _section_text(d, name: str) -> str:
    return d.execute_script(
        "const s = [...document.querySelectorAll('section[id]')].find(s => s.id.endsWith('-' + arguments[0]));"
        "s.scrollIntoView(); return s.innerText;",
        name,
    )


def test_report_says_what_each_section_counts(browser, report_page):
    """Framing rows say why they are shown; the matrix, summary and list agree on what they count; no NER kinds."""
    open_page(browser, report_page)
    findings = _section_text(browser, "findings")
    assert "shown because" in findings.lower()
    from compare.framing import default_min_score

    assert "by rule: judging verb of saying outside quotation marks" in findings
    assert f"score ≥ {default_min_score():g}" in findings
    missing = _section_text(browser, "missing")
    assert "in a sentence of its own" in missing and "In the missing-facts list" in missing
    assert "leaves out 3 of the 10 facts that at least 3 of the 4 outlets state" in missing
    assert "first the 10 the summary below counts" in missing
    # each counterpart that keeps a fact off the list is named, with the sentence a reader can check
    assert re.search(r"counted; not listed for \S[^:]*: “[^”]+” \(score [0-9.]+\)", missing)
    assert "counted; left out by" in missing
    assert not re.search(r"\((PERSON|ORG|GPE|LOC|NORP)\)", missing + _section_text(browser, "unique"))
    conflicts = _section_text(browser, "conflicts")
    assert conflicts.startswith("Numbers that disagree") and "2 pairs of numbers disagree" in conflicts
    assert not leaks(visible_text(browser)), leaks(visible_text(browser))


def test_report_without_conflicts_or_omissions_says_so(browser, seed_comparison, tmp_path):
    import copy

    c = copy.copy(seed_comparison)
    conflicts = seed_comparison.conflicts
    c.__dict__["conflicts"] = conflicts[conflicts.status == "agreement"]
    c.__dict__["missing"] = seed_comparison.missing.head(0)
    page = tmp_path / "calm.html"
    c.to_html(page)
    open_page(browser, page)
    conflicts = _section_text(browser, "conflicts")
    assert conflicts.startswith("Numbers: none disagree")
    assert "No numbers disagree; 1 pair agrees after rounding, a qualifier or reading a date." in conflicts
    assert "Pairs that agree after rounding" in conflicts
    missing = _section_text(browser, "missing")
    assert "The list is empty: no outlet leaves out any of the 10 counted facts." in missing
    toc = browser.execute_script("return document.querySelector('nav.toc').innerText")
    assert "Numbers: none disagree" in toc and "Numbers that disagree" not in toc
    assert not leaks(visible_text(browser)), leaks(visible_text(browser))
