"""Every class of hostile input of issue 14 through the command line, under time and memory limits, and the API.

Each case is a small input written by the test. Through the CLI (a subprocess
with ``resource.setrlimit`` on address space and CPU time, and a wall-clock
timeout) a user's mistake must give exit status 2 and exactly one line on
stderr, starting ``error:`` and naming the file or flag, never a traceback.
Through the API the same input raises a :class:`~compare.errors.CompareError`
subclass. Inputs that are odd but valid must succeed, within the same limits,
and keep every character of every article in some sentence.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import compare
from compare import CompareError, load_story
from compare.parsing import parse

from helpers import ROOT, covered

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs rlimits, FIFOs and /dev")

GB = 1024**3
MEMORY = 3 * GB  # address space: the trained pipeline and the embeddings fit, a runaway allocation does not
CPU_SECONDS = 90
WALL_SECONDS = 240  # generous: the machine may be shared


def _limits() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def cli(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m compare args`` under the limits; a hang or a kill by a limit fails the test."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "compare", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limits,
            env={**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_CACHE_DIR": str(cwd / ".cache"), **(env or {})},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"news-compare {' '.join(args)} did not finish in {WALL_SECONDS} s")
    assert done.returncode >= 0, f"killed by signal {-done.returncode} (a resource limit?): {done.stderr[-2000:]}"
    return done


def one_error_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
    errors = [ln for ln in done.stderr.splitlines() if not ln.startswith("warning:")]
    assert len(errors) == 1 and errors[0].startswith("error: "), done.stderr
    return errors[0]


OTHER = "---\noutlet: Other\n---\nKim Jong Un met Vladimir Putin in Vladivostok on Thursday.\n"


@dataclass(frozen=True)
class Case:
    """One hostile file: its name, how to make it, and what the one error line must say after the file name."""

    name: str
    make: Callable[[Path], None]
    reason: str
    env: tuple[tuple[str, str], ...] = ()


def _text(content: str) -> Callable[[Path], None]:
    return lambda p: p.write_text(content, encoding="utf-8")


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _link(target: str) -> Callable[[Path], None]:
    return lambda p: p.symlink_to(target)


LAUGHS = "\n".join(
    ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
)
DEEP = "[" * 20_000 + "]" * 20_000

CASES = [
    Case("deep.md", _text(f"---\noutlet: A\nx: {DEEP}\n---\nText.\n"), "front matter is nested too deeply"),
    Case("laughs.md", _text(f"---\noutlet: A\n{LAUGHS}\n---\nText.\n"), "front matter (line 3) defines an anchor"),
    Case("number.md", _text("---\noutlet: A\nn: " + "1" * 5001 + "\n---\nText.\n"), "front matter holds a number with more than"),
    Case("notmap.md", _text("---\n- a\n- b\n---\nText.\n"), "front matter must be a mapping"),
    Case("badyaml.md", _text("---\noutlet: [unclosed\n---\nText.\n"), "front matter is not valid YAML"),
    Case("both.md", _text("---\noutlet: A\ntext: x\n---\nBody.\n"), "has both a 'text' field in its front matter and a body"),
    Case("maybe.md", _text("---\noutlet: A\nconstructed: maybe\n---\nText.\n"), "field 'constructed' must be true or false"),
    Case("deep.json", _text("[" * 100_000 + "]" * 100_000), "not valid JSON (line 1: nested too deeply)"),
    Case("digits.json", _text('{"outlet": "A", "text": "x", "n": ' + "9" * 5001 + "}"), "a number has more than"),
    Case("broken.jsonl", _text('{"outlet": "A", "text": "x"}\n{"outlet": \n'), "line 2 is not valid JSON"),
    Case("notext.csv", _text("outlet,title\nA,Hello\n"), "article has no text"),
    Case("empty.md", _text(""), "file is empty"),
    Case("binary.txt", _bytes(b"\x00\x01\x02PK\x03\x04" * 100), "binary file, not text"),
    Case("latin1.txt", _bytes("Caf\xe9 au lait.\n\nSource: Wire".encode("latin-1")), "not UTF-8 text"),
    Case("index.html", _text("<html><body><a href='/'>Home</a></body></html>"), "no article text found in the HTML"),
    Case("pipe.md", _fifo, "is a FIFO (named pipe), not a regular file"),
    Case("zero.txt", _link("/dev/zero"), "is a character device, not a regular file"),
    Case("random.md", _link("/dev/urandom"), "is a character device, not a regular file"),
    Case("gone.md", _link("/nonexistent/target.md"), "is a link to a file that does not exist"),
    Case("sheet.ods", _text("x"), "unsupported file type .ods"),
    Case(
        "big.txt",
        _text("Kim met Putin. " * 100 + "\n\nSource: Wire"),
        "over the limit of 500 bytes",
        (("COMPARE_MAX_FILE_BYTES", "500"),),
    ),
    Case(
        "long.md",
        _text(OTHER + "More words here. " * 200),
        "over the limit of 1,000 characters",
        (("COMPARE_MAX_CHARS", "1000"),),
    ),
    Case("line\nbreak.md", _text("---\noutlet: [\n---\nText.\n"), "front matter is not valid YAML"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name.replace("\n", "\\n") for c in CASES])
def test_hostile_file_is_one_error_line_in_the_cli_and_a_compare_error_in_the_api(tmp_path, case, monkeypatch):
    path = tmp_path / case.name
    case.make(path)
    (tmp_path / "other.md").write_text(OTHER, encoding="utf-8")
    line = one_error_line(cli(["align", case.name, "other.md", "--no-progress"], tmp_path, dict(case.env)))
    shown = case.name.replace("\n", "\\n")  # a newline in a file name cannot split the line
    assert line.startswith(f"error: {shown}"), line
    assert case.reason in line, line
    for key, value in case.env:
        monkeypatch.setenv(key, value)
    with pytest.raises(CompareError) as err:
        load_story([path, tmp_path / "other.md"])
    assert case.reason in str(err.value) and "\n" not in str(err.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod does not stop root")
def test_unreadable_file_is_one_error_line(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(OTHER, encoding="utf-8")
    (tmp_path / "other.md").write_text(OTHER.replace("Other", "Second"), encoding="utf-8")
    secret.chmod(0)
    try:
        line = one_error_line(cli(["align", "secret.md", "other.md"], tmp_path))
        assert line == "error: secret.md: permission denied: cannot read this file"
    finally:
        secret.chmod(0o644)


# ---------------------------------------------------------------------------
# Options and outputs: the flag is named


@pytest.fixture
def two(tmp_path):
    (tmp_path / "a.md").write_text(OTHER.replace("Other", "First"), encoding="utf-8")
    (tmp_path / "b.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "archive.csv").write_text("outlet,text\nA,Kim met Putin.\nB,Kim met the Russian leader.\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "readonly").mkdir()
    (tmp_path / "readonly").chmod(0o555)
    yield tmp_path
    (tmp_path / "readonly").chmod(0o755)


OPTION_CASES = [
    (["report", "a.md", "b.md", "-o", "folder"], "error: -o folder: is a folder"),
    (["report", "a.md", "b.md", "-o", "missing/report.html"], "error: -o missing/report.html: the folder missing does not exist"),
    (["align", "a.md", "b.md", "--score-cutoff", "nan"], "error: --score-cutoff: must be a number from 0 to 1, not nan"),
    (["align", "a.md", "b.md", "--score-cutoff", "2"], "error: --score-cutoff: must be a number from 0 to 1"),
    (["align", "a.md", "b.md", "--score-cutoff", "-1"], "error: --score-cutoff: must be a number from 0 to 1"),
    (["stories", "archive.csv", "-o", "missing/s.csv"], "error: -o missing/s.csv: the folder missing does not exist"),
    (["stories", "archive.csv", "--reports", "a.md"], "error: --reports a.md: is a file; give a folder"),
    (["stories", "archive.csv", "--n-process", "0"], "error: --n-process: must be at least 1, not 0"),
    (["stories", "archive.csv", "--threshold", "nan"], "error: --threshold: must be a number from 0 to 1, not nan"),
    (["stories", "archive.csv", "--threshold", "5"], "error: --threshold: must be a number from 0 to 1"),
    (["stories", "archive.csv", "--threshold", "-1"], "error: --threshold: must be a number from 0 to 1"),
    (["stories", "archive.csv", "--window-days", "nan"], "error: --window-days: must be a number of days, 0 or more"),
    (["stories", "archive.csv", "--window-days", "-5"], "error: --window-days: must be a number of days, 0 or more"),
    (["align", "missing.md", "b.md"], "error: missing.md: no such file or folder"),
]


@pytest.mark.parametrize(("args", "expected"), OPTION_CASES, ids=[" ".join(a[:1] + a[-2:]) for a, _ in OPTION_CASES])
def test_bad_options_and_outputs_are_one_error_line(two, args, expected):
    line = one_error_line(cli(args, two))
    assert line.startswith(expected), line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_one_error_line(two):
    line = one_error_line(cli(["report", "a.md", "b.md", "-o", "readonly/r.html"], two))
    assert line.startswith("error: -o readonly/r.html: the folder readonly is not writable"), line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_disk_is_one_error_line(two):
    line = one_error_line(cli(["report", "a.md", "b.md", "-o", "/dev/full", "--no-progress"], two))
    assert line.startswith("error: /dev/full: cannot be written"), line


def test_option_mistakes_are_compare_errors_in_the_api(blank_nlp):
    from compare.clustering import cluster_stories

    story = compare.Story.from_texts({"A": "Kim met Putin.", "B": "Kim met the Russian leader."})
    for bad in (math.nan, -1, 2):
        with pytest.raises(CompareError, match="score_cutoff"):
            compare.Settings(score_cutoff=bad)
        with pytest.raises(CompareError, match="threshold: must be a number from 0 to 1"):
            cluster_stories(story, threshold=bad, nlp=blank_nlp, cache=False, progress=False)
    for bad in (math.nan, -5, math.inf):
        with pytest.raises(CompareError, match="window_days: must be a number of days"):
            cluster_stories(story, window_days=bad, nlp=blank_nlp, cache=False, progress=False)


# ---------------------------------------------------------------------------
# Odd but valid input: succeeds within the limits, nothing lost


BLOB = "QUJD" * 10_000  # one 40,000-character token (took 36 s with the old quadratic normalisation)


VALID = {
    "mathtext": {"a.md": "---\noutlet: $\\frac{1}{$\n---\nKim met Putin in Vladivostok.\n", "b.md": OTHER},
    "huge-outlet": {"a.md": "---\noutlet: " + "W" * 100_000 + "\n---\nKim met Putin in Vladivostok.\n", "b.md": OTHER},
    "escape-outlet": {"a.md": '---\noutlet: "Evil\\e[31m\\nRed"\n---\nKim met Putin in Vladivostok.\n', "b.md": OTHER},
    "utf16": {"a.txt": "Kim met Putin in Vladivostok.\n\nSource: Wire".encode("utf-16"), "b.md": OTHER},
    "blob": {"a.md": f"---\noutlet: Blob\n---\nKim met Putin.\n\nAttachment: {BLOB}\n\nThey talked.\n", "b.md": OTHER},
    "jsonl-u2028": {"a.jsonl": '{"outlet": "A", "text": "Kim met Putin.\u2028They talked."}\n', "b.md": OTHER},
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_odd_but_valid_input_succeeds_in_bounds_and_loses_nothing(tmp_path, name, blank_nlp):
    files = VALID[name]
    for file, content in files.items():
        p = tmp_path / file
        p.write_bytes(content) if isinstance(content, bytes) else p.write_text(content, encoding="utf-8")
    done = cli(["report", *files, "-o", "out.html", "--no-progress"], tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr + done.stdout
    assert (tmp_path / "out.html").stat().st_size < 20_000_000
    story = load_story([tmp_path / f for f in files])
    for p in parse(story, nlp=blank_nlp, cache=tmp_path / "api-cache", progress=False):
        assert p.sentences and covered(p.article.text, p.sentences), p.article.id
    for p in parse(story, nlp=blank_nlp, cache=tmp_path / "api-cache", progress=False):  # after a cache hit
        assert p.sentences and covered(p.article.text, p.sentences), p.article.id
