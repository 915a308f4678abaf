"""A real browser for the tests that look at what a person sees.

Selenium drives Debian's Chromium through Debian's ``chromium-driver`` (both
found on PATH; nothing is ever downloaded). Locally a missing browser skips;
in CI (``CI=true``) it fails, since ``.ci/run`` installs both packages.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Text a reader must never see: escaped markup, HTML source, missing values, Python reprs.
LEAKS = [
    re.compile(r"<details"),
    re.compile(r"&lt;|&gt;|&amp;"),
    re.compile(r"\bNaN\b|<NA>|\bNone\b"),
    re.compile(r"\[\s*'[^'\]]*'\s*(,\s*'[^'\]]*'\s*)*\]"),  # ['a', 'b']
    re.compile(r"\{\s*'[^']+'\s*:"),  # {'key': ...
]

#: Elements whose text must stay inside their box.
BOXES = (
    "table.sbs td, table.sbs th, .card .who, .card .text, .chip, table.matrix th, table.matrix td, "
    ".bar-label, table.data td, table.data th, table.cov th, .ws-article, .ws-article h3, .prompt, .article-card"
)

OVERFLOW_JS = """
const sel = arguments[0];
const out = [];
for (const el of document.querySelectorAll(sel)) {
  if (!el.getClientRects().length) continue;          // not displayed (closed <details>)
  if (el.scrollWidth > el.clientWidth + 1) {
    out.push(el.tagName + '.' + el.className + ': ' + (el.innerText || '').slice(0, 60));
  }
}
return out;
"""

WIDER_THAN_PAGE_JS = """
const width = document.documentElement.clientWidth;
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width && r.right > width + 1) out.push(el.tagName + '.' + el.className + ' right=' + Math.round(r.right));
}
const tall = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const h = el.getBoundingClientRect().height;
  if (h > arguments[1]) tall.push(el.tagName + '.' + el.className + ' height=' + Math.round(h));
}
return [width, out.slice(0, 10), tall.slice(0, 10)];
"""
#: Printable height of an A4 page with print_page's 1 cm margins, in CSS pixels (27.7 cm at 96 dpi).
PAGE_HEIGHT = 1047
#: What must never split across pages: charts, fact cards, worksheet questions.
UNSPLIT = "figure.chart, li.prompt, .overview table"


def driver_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    return None


def require_browser() -> tuple[str, str]:
    paths = driver_paths()
    if paths is None:
        if os.environ.get("CI"):
            pytest.fail("chromium or chromedriver is missing; .ci/run installs Debian's chromium and chromium-driver")
        pytest.skip("chromium and chromedriver are not installed")
    return paths


@contextmanager
def chrome(width: int = 1280, height: int = 1600) -> Iterator:
    """A headless Chromium session (offline: Selenium Manager is never asked for a driver)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    browser, driver = require_browser()
    os.environ.setdefault("SE_OFFLINE", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(flag)
    d = webdriver.Chrome(options=opts, service=Service(executable_path=driver))
    try:
        yield d
    finally:
        d.quit()


def open_page(d, path: Path) -> None:
    d.get(path.resolve().as_uri())


def visible_text(d) -> str:
    return d.execute_script("return document.body.innerText")


def leaks(text: str) -> list[str]:
    return [m.group(0) for rx in LEAKS for m in [rx.search(text)] if m]


def overflowing(d, selector: str = BOXES) -> list[str]:
    return d.execute_script(OVERFLOW_JS, selector)


def screenshot(d, path: Path, *, max_height: int = 7000) -> None:
    """A full-page screenshot (up to ``max_height`` pixels tall)."""
    height = int(d.execute_script("return document.documentElement.scrollHeight"))
    width = int(d.execute_script("return window.innerWidth")) or 1280
    d.set_window_size(width, min(height + 120, max_height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    d.save_screenshot(str(path))


def print_pdf(d) -> bytes:
    """The page printed to PDF by Chromium (A4, the page's own print CSS)."""
    from selenium.webdriver.common.print_page_options import PrintOptions

    opts = PrintOptions()
    opts.page_width = 21.0
    opts.page_height = 29.7
    return base64.b64decode(d.print_page(opts))


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF: its page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_layout(d) -> tuple[int, list[str], list[str]]:
    """With print styles at an A4 page's printable width: elements wider than the page,
    and charts, cards or questions taller than a page (they could not help splitting)."""
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.set_window_size(718, 1000)  # A4 at 96 dpi (794 px) less print_page's 1 cm margins
    try:
        width, out, tall = d.execute_script(WIDER_THAN_PAGE_JS, UNSPLIT, PAGE_HEIGHT)
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return int(width), list(out), list(tall)


PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> {{ 7*7 }}"

#: Outlet names of the many-outlet story: short, long, one long unbroken word, and one hostile.
OUTLETS = [
    "Harbour Herald",
    "The Extraordinarily Long-Named Provincial Morning Chronicle and Advertiser",
    "Supercalifragilisticexpialidociousnewsnetworkdaily",
    f"Evil {PAYLOAD}",
    *[f"Outlet {n:02d} {w}" for n, w in zip(range(5, 26), ["Times", "Post", "Daily", "Wire", "Gazette", "Star", "Mail"] * 3)],
]
_VERBS = ["said", "stated", "told reporters", "claimed", "said"]


def many_outlet_story(n: int = 25):
    """``n`` articles made from the seed story's three constructed articles, re-labelled and edited.

    Each outlet drops one paragraph and words its verbs of saying its own way,
    so facts are reported by some outlets and not others. Seed text only.
    """
    import compare

    from helpers import SEED

    seed = compare.load_story(SEED)
    bases = [seed["wire"], seed["courier"], seed["ledger"]]
    articles = []
    for i in range(n):
        base = bases[i % 3]
        paras = [p for p in re.split(r"\n\s*\n", base.text) if p.strip()]
        if i >= 3 and len(paras) > 3:
            del paras[1 + (i % (len(paras) - 1))]
        text = "\n\n".join(paras).replace(" said", " " + _VERBS[i % len(_VERBS)])
        outlet = OUTLETS[i] if i < len(OUTLETS) else f"Outlet {i + 1:02d}"
        title = base.title or ""
        if "Evil" in outlet:
            title = f"Pwn {PAYLOAD}"
            text = text.replace("\n\n", f"\n\n{PAYLOAD} It was a sentence.\n\n", 1)
        articles.append(compare.Article(id=f"a{i:02d}", outlet=outlet, title=title, date=base.date, text=text))
    return compare.Story(articles, name="twenty-five outlets")
