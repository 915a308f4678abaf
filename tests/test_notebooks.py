"""Every notebook runs from top to bottom (so the notebooks cannot rot)."""

from __future__ import annotations

import os
import re

import pytest

from browsing import chrome, driver_paths, leaks, open_page, overflowing
from helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    html = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert html, "the notebook shows no HTML view"
    _look_at_export(nb, path.stem)


def _look_at_export(nb, stem: str) -> None:
    """The executed notebook exported to HTML, opened in Chromium: outputs show no markup, NaN or reprs."""
    nbconvert = pytest.importorskip("nbconvert")
    body, _ = nbconvert.HTMLExporter().from_notebook_node(nb)
    out = ROOT / "tests" / "output" / "notebooks" / f"{stem}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    if driver_paths() is None and not os.environ.get("CI"):
        return  # no browser here; CI has one
    with chrome() as d:
        open_page(d, out)
        text = d.execute_script(
            "return [...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.innerText).join('\\n')"
        )
        assert text.strip()
        assert not leaks(text), leaks(text)
        assert not overflowing(d, "table.sbs td, .card .text, .card .who, table.data td, .ws-article"), stem


def _run_worksheet(teacher: bool):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "notebooks" / "04-classroom-worksheet.ipynb"
    nb = nbformat.read(path, as_version=4)
    flag = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("TEACHER ="))
    flag.source = f"TEACHER = {teacher}"
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return [
        o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})
    ]


def test_worksheet_student_mode_hides_the_findings():
    html = _run_worksheet(False)
    sheet = html[0]
    assert "compare-worksheet" in sheet and 'class="fr ' not in sheet and 'class="add' not in sheet
    assert sheet.count('class="answer-space"') >= 4 and "compare-key" not in sheet
    reveals = [h for h in html if "compare-reveal" in h]
    assert len(reveals) >= 5
    assert not any('<details class="compare-reveal" open' in h for h in reveals)
    assert "Answer key" in html[-1]


def test_worksheet_teacher_mode_shows_everything():
    html = "".join(_run_worksheet(True))
    assert html.count('<details class="compare-reveal" open') >= 6
    assert "3,000 tonnes" in html and "claimed" in html
    assert re.search(r"line \d+: “", html)  # the key cites sentences
