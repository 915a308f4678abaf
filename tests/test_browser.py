"""The HTML report in a real browser (Debian's headless Chromium).

Skips locally when Chromium is missing; in CI (``CI=true``) a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import compare
from compare import Story

from helpers import ROOT

PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed")
    return exe


def browse(html_path, tmp_path, *extra):
    cmd = [chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, html_path.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def hostile_report(nlp, tmp_path_factory):
    base = "Kim met Putin in Vladivostok on Thursday to talk about sanctions and $500m of aid."
    story = Story(
        [
            compare.Article(
                id="evil",
                outlet="Evil Times",
                title=f"Pwn {PAYLOAD}",
                text=f"{base} {PAYLOAD} They said the talks were very useful.",
            ),
            compare.Article(
                id="calm", outlet="Calm Post", title="Kim and Putin meet", text=f"{base} Officials said the talks were useful."
            ),
        ],
        name="hostile",
    )
    out = tmp_path_factory.mktemp("browser") / "hostile.html"
    compare.compare(story, nlp=nlp, progress=False).to_html(out, title="Hostile story report")
    return out


def test_script_payloads_render_as_text(hostile_report, tmp_path):
    proc = browse(hostile_report, tmp_path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<title>Hostile story report</title>" in dom
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert '<img src="x"' not in dom and "<script>document" not in dom


def test_report_sections_render_and_a_screenshot_is_written(seed_comparison, tmp_path):
    out_dir = ROOT / "tests" / "output"
    out_dir.mkdir(exist_ok=True)
    page = out_dir / "kim-putin-report.html"
    seed_comparison.to_html(page)
    proc = browse(page, tmp_path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'class="sbs"' in dom
    ids = re.findall(r'<section id="cmp-[0-9a-f]+-([a-z-]+)"', dom)
    expected = [
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
        "method",
    ]
    assert ids == expected
    assert dom.count('<img class="chart"') == 2 and "data:image/png;base64," in dom
    shot = out_dir / "kim-putin-report.png"
    shot.unlink(missing_ok=True)
    proc = browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000")
    assert proc.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000
