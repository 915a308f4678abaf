"""Time and peak memory of hostile inputs, each run in a subprocess of its own.

Cases (issue 14):

- ``20mb``: a 20 MB article through ``news-compare report`` under the default
  limits (expected: one clear size error naming ``COMPARE_MAX_CHARS``, fast);
- ``2mb``: a 2 MB article (twice spaCy's ``max_length``) parsed in pieces with
  the trained pipeline (API ``parse``);
- ``token``: ``news-compare report`` on two articles, one holding a single
  200,000-character token (a base64 blob);
- ``report2000``: ``news-compare report`` over a folder of 2,000 small generated
  articles (``report:N`` for N articles; ``analysis:N`` runs ``compare()`` and
  its alignment table only, without the views and the facts stage).

Each case runs as ``python -c ...`` or ``python -m compare ...``; wall time is
measured around it and peak memory is the child's ``ru_maxrss`` from
``os.wait4`` (its own peak resident set, not the parent's). Generated inputs
go to a temporary folder and are deleted; nothing here is article text from
any outlet. Run ``python benchmarks/bench_hostile.py [case ...]``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A case still running after this many seconds is stopped and reported as such.
TIMEOUT_SECONDS = int(os.environ.get("BENCH_TIMEOUT", "900"))

_SUBJECTS = ["The council", "A spokesperson", "The minister", "Local officials", "The company", "Residents", "Analysts"]
_VERBS = ["said", "announced", "reported", "confirmed", "denied", "warned", "argued"]
_OBJECTS = [
    "that the bridge would reopen next month",
    "a review of the water contract",
    "that talks with the union had stalled",
    "new figures on school funding",
    "that the harbour project was over budget",
    "a plan to expand the bus network",
    "that the storm damaged dozens of homes",
]


def sentence(rng: random.Random) -> str:
    """One generated news-like sentence (our own words, no outlet's text)."""
    n = rng.randint(2, 9_999)
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, citing {n:,} cases."


def article_text(rng: random.Random, chars: int) -> str:
    """Paragraphs of generated sentences, about ``chars`` characters long."""
    paras, size = [], 0
    while size < chars:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)


def run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, float, float, str]:
    """Run ``python args``; return (exit status, seconds, peak RSS in MB, last line of stderr or stdout)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_CACHE_DIR": str(cwd / "cache"), **(env or {})}
    with open(cwd / "stdout.txt", "wb") as out, open(cwd / "stderr.txt", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], cwd=cwd, env=full_env, stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT_SECONDS:
                proc.kill()
                timed_out = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if timed_out:
        last = f"killed after {TIMEOUT_SECONDS} s (did not finish); cpu {usage.ru_utime + usage.ru_stime:.1f} s"
        return proc.returncode, seconds, usage.ru_maxrss / 1024, last
    lines = []
    for name in ("stdout.txt", "stderr.txt"):
        lines += [ln for ln in (cwd / name).read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, seconds, usage.ru_maxrss / 1024, f"cpu {cpu:.1f} s | " + (lines[-1] if lines else "")[:200]


def case_20mb(tmp: Path) -> tuple[int, float, float, str]:
    rng = random.Random(20)
    (tmp / "big.md").write_text("---\noutlet: Big\n---\n" + article_text(rng, 20_000_000), encoding="utf-8")
    (tmp / "other.md").write_text("---\noutlet: Other\n---\n" + article_text(rng, 2_000), encoding="utf-8")
    return run(["-m", "compare", "report", "big.md", "other.md", "-o", "big.html", "--no-progress"], cwd=tmp)


def case_2mb(tmp: Path) -> tuple[int, float, float, str]:
    rng = random.Random(2)
    (tmp / "two.txt").write_text(article_text(rng, 2_000_000), encoding="utf-8")
    code = (
        "from pathlib import Path; from compare import Article, load_nlp; from compare.parsing import parse\n"
        "t = Path('two.txt').read_text(encoding='utf-8')\n"
        "(p,) = parse([Article(id='two', outlet='Two', text=t)], nlp=load_nlp(), cache=False, progress=False)\n"
        "assert p.doc.text == t\n"
        "print(f'{len(t):,} characters, {len(p.doc):,} tokens, {len(p.sentences):,} sentences')\n"
    )
    return run(["-c", code], cwd=tmp)


def case_token(tmp: Path) -> tuple[int, float, float, str]:
    rng = random.Random(200)
    blob = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(200_000))
    body = article_text(rng, 3_000)
    (tmp / "blob.md").write_text(f"---\noutlet: Blob\n---\n{body}\n\nAttachment: {blob}\n\n{body[:500]}", encoding="utf-8")
    (tmp / "plain.md").write_text("---\noutlet: Plain\n---\n" + body, encoding="utf-8")
    return run(["-m", "compare", "report", "blob.md", "plain.md", "-o", "token.html", "--no-progress"], cwd=tmp)


def case_report2000(tmp: Path, articles: int = 2_000) -> tuple[int, float, float, str]:
    rng = random.Random(2000)
    folder = tmp / "many"
    folder.mkdir()
    for n in range(articles):
        text = article_text(rng, 600)
        (folder / f"a{n:04d}.md").write_text(f"---\noutlet: Outlet {n:04d}\n---\n{text}\n", encoding="utf-8")
    return run(["-m", "compare", "report", "many", "-o", "many.html", "--no-progress"], cwd=tmp)


def case_analysis(tmp: Path, articles: int = 2_000) -> tuple[int, float, float, str]:
    """``compare()`` and its alignment table over N generated articles: the analysis without the views."""
    rng = random.Random(2000)
    folder = tmp / "many"
    folder.mkdir()
    for n in range(articles):
        (folder / f"a{n:04d}.md").write_text(f"---\noutlet: Outlet {n:04d}\n---\n{article_text(rng, 600)}\n", encoding="utf-8")
    code = (
        "import compare\n"
        "c = compare.compare(compare.load_story('many'), progress=False)\n"
        "print(f'{len(c.story)} articles, {len(c.alignment)} alignment rows')\n"
    )
    return run(["-c", code], cwd=tmp)


CASES = {"20mb": case_20mb, "2mb": case_2mb, "token": case_token, "report2000": case_report2000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", metavar="CASE", help=f"cases to run (default: all of {', '.join(CASES)})")
    args = parser.parse_args()
    print(f"{'case':<11} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last line")
    for name in args.cases or CASES:
        count = None
        kind = name.split(":", 1)[0]
        if kind in ("report", "analysis") and ":" in name:  # report:N / analysis:N over N generated articles
            count = int(name.split(":", 1)[1])
        if count is None and name not in CASES:
            parser.error(f"unknown case {name!r}; choose from {', '.join(CASES)} or report:N")
        with tempfile.TemporaryDirectory(prefix=f"bench-hostile-{name}-") as tmp:
            if count is None:
                code, seconds, peak, last = CASES[name](Path(tmp))
            elif kind == "report":
                code, seconds, peak, last = case_report2000(Path(tmp), count)
            else:
                code, seconds, peak, last = case_analysis(Path(tmp), count)
        print(f"{name:<11} {code:>4} {seconds:>8.1f} {peak:>8.0f}  {last}", flush=True)


if __name__ == "__main__":
    main()
