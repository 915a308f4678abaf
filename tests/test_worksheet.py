"""The classroom worksheet: prompts from the analysis, a student sheet and a teacher key, from any articles."""

from __future__ import annotations

import copy
import re

import pandas as pd
import pytest

import compare
from compare import Story
from compare.classroom import worksheet, worksheet_page, worksheet_prompts
from compare.cli import main

from helpers import SEED

CHOSEN = ["wire", "courier", "ledger"]
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }}"


def test_prompts_come_from_the_analysis(seed_comparison):
    prompts = worksheet_prompts(seed_comparison, CHOSEN)
    kinds = [p.kind for p in prompts]
    assert {"omission", "wording", "quotation", "saying"} <= set(kinds)
    saying = next(p for p in prompts if p.kind == "saying")
    assert "claimed" in saying.question and "Daily Courier" in saying.answer
    for p in prompts:
        assert p.question and p.answer and p.lines >= 3
        for cite in p.cites:
            assert cite.line >= 1 and cite.outlet in seed_comparison.story.labels.values()
    # the chosen articles only
    assert not any(c.outlet == "Al Jazeera" for p in prompts for c in p.cites)


def test_student_sheet_numbers_every_line_and_leaves_room(seed_comparison):
    html = worksheet(seed_comparison, CHOSEN)
    n_lines = sum(len(p.sentences) for p in seed_comparison.parsed if p.article.id in CHOSEN)
    assert html.count('<span class="ln">') == n_lines
    n = html.count('<li class="prompt')
    assert n >= 4 and html.count('class="answer-space"') == n
    assert 'class="fr ' not in html and 'class="add' not in html  # no highlights for students
    assert "Answers" not in html and "From the story's answer key" not in html
    # each headline once: as the heading, not again as the first line of text
    assert html.count("Isolated Kim runs to Putin after humiliating Trump flop") == 1


def test_teacher_key_cites_sentences_and_the_answer_key(seed_comparison):
    html = worksheet(seed_comparison, CHOSEN, teacher=True)
    assert re.search(r"line \d+: “", html)
    assert "From the story&#39;s answer key" in html or "From the story's answer key" in html
    assert "tonnes of wheat" in html and "claimed" in html
    assert 'class="answer-space"' not in html


def test_missing_columns_and_empty_tables_are_tolerated(seed_comparison):
    c = copy.copy(seed_comparison)
    c.__dict__.update(
        missing=pd.DataFrame({"something_else": [1]}),
        conflicts=pd.DataFrame(),
        quotes=pd.DataFrame(columns=["outlet", "text"]),
        wording=pd.DataFrame({"group": [1]}),
    )
    prompts = worksheet_prompts(c, CHOSEN)
    assert any(p.kind == "omission" for p in prompts)  # from the aligned groups instead
    assert worksheet(c, CHOSEN, teacher=True)


def test_any_articles_and_hostile_text(nlp):
    story = Story.from_texts(
        {
            f"Harbour {PAYLOAD}": "The council opened the ferry line on Monday, officials said. Ferries will run four times a day.",
            "Coast Courier": "A ferry line finally opened on Monday after years of council delays, officials claimed. "
            "The boats will run six times a day.",
        }
    )
    c = compare.compare(story, nlp=nlp, progress=False)
    for teacher in (False, True):
        page = worksheet_page(worksheet(c, teacher=teacher), title=f"Sheet {PAYLOAD}")
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page and "{{ 7*7 }}" in page


def test_cli_writes_sheet_and_key(tmp_path, capsys):
    sheet, key = tmp_path / "sheet.html", tmp_path / "key.html"
    assert main(["worksheet", str(SEED), "-o", str(sheet), "--key", str(key), "--no-progress"]) == 0
    assert sheet.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "teacher key" in key.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/a.html", "--key", "{tmp}/a.html"], "same file"),
        (["-o", "{tmp}/nowhere/a.html"], "does not exist"),
    ],
)
def test_cli_mistakes_exit_2(tmp_path, capsys, args, message):
    argv = ["worksheet", str(SEED), *[a.format(tmp=tmp_path) for a in args], "--no-progress"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and message in err and "Traceback" not in err


def test_one_article_is_a_clear_error(tmp_path, capsys):
    assert main(["worksheet", str(SEED / "wire.md"), "-o", str(tmp_path / "s.html"), "--no-progress"]) == 2
    assert "at least two articles" in capsys.readouterr().err
