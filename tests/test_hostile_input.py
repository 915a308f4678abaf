"""Hostile and broken input: every user mistake is one clear error naming the file, never a hang or a traceback.

Each test here fails if the fix it guards is reverted. Loads that could hang
or exhaust memory (a FIFO, ``/dev/zero``) run in a subprocess with a timeout
and a 2 GB address-space limit.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import subprocess
import sys
import textwrap
import warnings

import pandas as pd
import pytest

import compare
from compare import Article, ArticleFormatError, CompareError, CompareWarning, Story
from compare import files as files_module
from compare.articles import load_story, read_articles
from compare.errors import StoryError, UnknownNameError, UsageError, UsageTypeError

from helpers import ROOT

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs FIFOs, /dev and rlimits")
TWO_GB = 2 * 1024**3


def write(folder, name, content):
    p = folder / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def _limit_memory():  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (TWO_GB, TWO_GB))


def run_bounded(args, cwd):
    """Run ``python args...`` with a 20 s timeout and a 2 GB address-space limit; a hang fails the test."""
    try:
        return subprocess.run(
            [sys.executable, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=20,
            preexec_fn=_limit_memory,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"python {' '.join(map(str, args))} did not finish in 20 s (it blocked or read without bound)")


LOAD_SCRIPT = textwrap.dedent(
    """
    import sys, warnings
    from compare import load_story, ArticleFormatError
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            story = load_story(sys.argv[1] if len(sys.argv) == 2 else sys.argv[1:])
        except ArticleFormatError as e:
            print("ArticleFormatError:", e)
            sys.exit(3)
    for w in caught:
        print("warning:", w.message)
    print("ids:", ",".join(story.ids))
    """
)


def single_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr
    assert "Traceback" not in stderr
    return lines[0]


# ---------------------------------------------------------------------------
# 1. Only regular files, and never more than MAX_FILE_BYTES


@pytest.fixture
def special_files(tmp_path):
    """A FIFO and links to endless devices, each named like an article."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    urandom = tmp_path / "random.md"
    urandom.symlink_to("/dev/urandom")
    return {"fifo": fifo, "zero": zero, "urandom": urandom}


@posix_only
@pytest.mark.parametrize("kind, expected", [("fifo", "FIFO"), ("zero", "character device"), ("urandom", "character device")])
def test_fifo_and_devices_are_refused_not_read(special_files, tmp_path, kind, expected):
    path = special_files[kind]
    done = run_bounded(["-c", LOAD_SCRIPT, str(path)], cwd=tmp_path)
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"ArticleFormatError: {path}: is a {expected}" in done.stdout
    assert "not a regular file" in done.stdout


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_cli_refuses_fifo_and_devices_with_one_error_line(special_files, tmp_path, kind):
    other = write(tmp_path, "other.md", "---\noutlet: Other\n---\nKim met Putin.\n")
    done = run_bounded(["-m", "compare", "align", str(special_files[kind]), str(other)], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    line = single_error_line(done.stderr)
    assert line.startswith(f"error: {special_files[kind]}: is a ")


@posix_only
def test_fifo_inside_a_folder_is_skipped_with_a_warning_not_opened(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    write(folder, "a.md", "---\noutlet: A\n---\nKim met Putin.\n")
    write(folder, "b.md", "---\noutlet: B\n---\nKim met the Russian leader.\n")
    os.mkfifo(folder / "c.md")
    (folder / "d.txt").symlink_to("/dev/zero")
    done = run_bounded(["-c", LOAD_SCRIPT, str(folder)], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"warning: {folder / 'c.md'}: skipped, a FIFO (named pipe) is not a regular file" in done.stdout
    assert f"warning: {folder / 'd.txt'}: skipped, a character device is not a regular file" in done.stdout
    assert "ids: a,b" in done.stdout


def test_file_over_the_size_limit_is_an_error_naming_the_limit(tmp_path, monkeypatch):
    p = write(tmp_path, "long.txt", "Kim met Putin. " * 20 + "\n\nSource: Wire")
    monkeypatch.setenv("COMPARE_MAX_FILE_BYTES", "100")
    with pytest.raises(ArticleFormatError, match=r"long\.txt: file is \d+ bytes, over the limit of 100 bytes"):
        read_articles(p)
    monkeypatch.delenv("COMPARE_MAX_FILE_BYTES")
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 100)
    with pytest.raises(ArticleFormatError, match="over the limit of 100 bytes"):
        load_story(p)
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 10_000)
    assert read_articles(p)[0].outlet == "Wire"


def test_the_reader_stops_one_byte_past_the_limit_even_if_the_file_grew(tmp_path, monkeypatch):
    """A file that was small when checked but is large when read (or lies about its size)."""
    p = write(tmp_path, "growing.txt", b"x" * 5_000_000)
    monkeypatch.setenv("COMPARE_MAX_FILE_BYTES", "1000")
    real_stat, real_read = os.stat, os.read
    read_sizes = []

    def small_stat(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(p):
            fields = list(st)
            fields[6] = 10  # st_size
            return os.stat_result(fields)
        return st

    def counting_read(fd, n):
        data = real_read(fd, n)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "stat", small_stat)
    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(ArticleFormatError, match="more than 1,000 bytes, over the limit of 1,000 bytes"):
        read_articles(p)
    assert sum(read_sizes) <= 1001


def test_a_bad_size_limit_setting_is_a_usage_error(tmp_path, monkeypatch):
    p = write(tmp_path, "a.txt", "Kim met Putin.\n\nSource: Wire")
    monkeypatch.setenv("COMPARE_MAX_FILE_BYTES", "lots")
    with pytest.raises(UsageError, match="COMPARE_MAX_FILE_BYTES: must be a positive whole number"):
        read_articles(p)


# ---------------------------------------------------------------------------
# 2. Unreadable files and folders


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod does not stop root (or non-POSIX)")
def test_unreadable_file_and_folder_name_themselves(tmp_path):
    p = write(tmp_path, "secret.md", "---\noutlet: A\n---\nText.\n")
    folder = tmp_path / "locked"
    folder.mkdir()
    write(folder, "a.md", "---\noutlet: A\n---\nText.\n")
    p.chmod(0)
    folder.chmod(0)
    try:
        with pytest.raises(ArticleFormatError, match=r"secret\.md: permission denied"):
            load_story(p)
        with pytest.raises(ArticleFormatError, match=r"locked: permission denied: cannot read this folder"):
            load_story(folder)
    finally:
        p.chmod(0o644)
        folder.chmod(0o755)


def test_permission_and_io_errors_while_opening_or_reading_are_article_errors(tmp_path, monkeypatch):
    p = write(tmp_path, "secret.md", "---\noutlet: A\n---\nText.\n")
    real_open, real_read = os.open, os.read

    def refusing_open(path, *args, **kwargs):
        if os.fspath(path) == str(p):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(ArticleFormatError, match=r"secret\.md: permission denied: cannot read this file") as err:
        load_story(p)
    assert not isinstance(err.value, PermissionError)
    monkeypatch.setattr(os, "open", real_open)

    def failing_read(fd, n):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "read", failing_read)
    with pytest.raises(ArticleFormatError, match=r"secret\.md: cannot read this file \(Input/output error\)"):
        read_articles(p)
    monkeypatch.setattr(os, "read", real_read)


def test_unreadable_folder_is_an_article_error(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    write(folder, "a.md", "---\noutlet: A\n---\nText.\n")

    def refusing_scandir(path="."):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    monkeypatch.setattr(type(folder), "iterdir", lambda self: refusing_scandir(self))
    with pytest.raises(ArticleFormatError, match=r"locked: permission denied: cannot read this folder"):
        load_story(folder)


# ---------------------------------------------------------------------------
# 3. YAML: one loader, no aliases, dates as written, deep nesting refused

BILLION_LAUGHS = "\n".join(
    ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
)


def test_yaml_aliases_are_refused_in_front_matter_and_answer_keys(tmp_path):
    p = write(tmp_path, "laughs.md", f"---\noutlet: A\n{BILLION_LAUGHS}\n---\nText.\n")
    with pytest.raises(
        ArticleFormatError,
        match=r"laughs\.md: front matter \(line 3\) defines an anchor \(&l0\); aliases and anchors are not allowed",
    ):
        read_articles(p)
    alias_only = write(tmp_path, "alias.md", "---\noutlet: A\nnote: *x\n---\nText.\n")
    with pytest.raises(ArticleFormatError, match=r"alias\.md: front matter \(line 3\) uses an alias \(\*x\)"):
        read_articles(alias_only)
    folder = tmp_path / "story"
    folder.mkdir()
    write(folder, "a.md", "---\noutlet: A\n---\nText.\n")
    write(folder, "answer_key.yaml", BILLION_LAUGHS)
    with pytest.raises(ArticleFormatError, match=r"answer_key\.yaml: answer key \(line 1\) defines an anchor"):
        load_story(folder)


@pytest.mark.parametrize(
    "written", ["2019-02-30", "2019-13-45", "0000-01-01", "2019-04-24T10:00:00+99:00", "2019-04-24 10:00:00", "10:30"]
)
def test_impossible_or_odd_dates_stay_as_written(tmp_path, written):
    p = write(tmp_path, "a.md", f"---\noutlet: A\ndate: {written}\n---\nText.\n")
    assert read_articles(p)[0].date == written


def test_valid_dates_give_the_same_string_as_before_and_answer_key_dates_stay_text(tmp_path):
    p = write(tmp_path, "a.md", "---\noutlet: A\ndate: 2019-04-25\nlogged: 2019-02-30\n---\nText.\n")
    (art,) = read_articles(p)
    assert art.date == "2019-04-25"
    assert art.meta["logged"] == "2019-02-30"
    folder = tmp_path / "story"
    folder.mkdir()
    write(folder, "a.md", "---\noutlet: A\n---\nText.\n")
    write(folder, "answer_key.yaml", "story: x\ndate: 2019-02-30\n")
    assert load_story(folder).answer_key == {"story": "x", "date": "2019-02-30"}


def test_front_matter_text_fields_keep_unquoted_values_as_written(tmp_path):
    p = write(tmp_path, "a.md", "---\nid: 007\noutlet: ON\ntitle: 1.10\n---\nText.\n")
    (art,) = read_articles(p)
    assert (art.id, art.outlet, art.title) == ("007", "ON", "1.10")


@pytest.mark.parametrize("where", ["front matter", "answer key"])
def test_deeply_nested_yaml_is_an_article_error(tmp_path, where):
    deep = "[" * 20_000 + "]" * 20_000
    if where == "front matter":
        p = write(tmp_path, "deep.md", f"---\noutlet: A\nx: {deep}\n---\nText.\n")
        with pytest.raises(ArticleFormatError, match=r"deep\.md: front matter is nested too deeply"):
            read_articles(p)
    else:
        write(tmp_path, "a.md", "---\noutlet: A\n---\nText.\n")
        write(tmp_path, "answer_key.yaml", f"x: {deep}\n")
        with pytest.raises(ArticleFormatError, match=r"answer_key\.yaml: answer key is nested too deeply"):
            load_story(tmp_path)


def test_huge_front_matter_and_huge_yaml_numbers_are_article_errors(tmp_path):
    big = write(tmp_path, "big.md", "---\noutlet: A\nnote: " + "x" * 1_100_000 + "\n---\nText.\n")
    with pytest.raises(ArticleFormatError, match=r"big\.md: front matter is longer than the limit of 1,000,000 characters"):
        read_articles(big)
    number = write(tmp_path, "number.md", "---\noutlet: A\ncount: " + "1" * 5001 + "\n---\nText.\n")
    with pytest.raises(ArticleFormatError, match=r"number\.md: front matter holds a number with more than"):
        read_articles(number)


# ---------------------------------------------------------------------------
# 4. JSON and JSONL


def test_deeply_nested_json_and_jsonl_name_the_file_and_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    j = write(tmp_path, "deep.json", deep)
    with pytest.raises(ArticleFormatError, match=r"deep\.json: not valid JSON \(line 1: nested too deeply\)"):
        read_articles(j)
    jl = write(tmp_path, "deep.jsonl", json.dumps({"outlet": "A", "text": "x"}) + "\n" + deep + "\n")
    with pytest.raises(ArticleFormatError, match=r"deep\.jsonl: line 2 is not valid JSON \(nested too deeply\)"):
        read_articles(jl)


def test_overlong_integers_in_json_and_jsonl_name_the_file_and_line(tmp_path):
    digits = "9" * 5001
    j = write(tmp_path, "n.json", '{"outlet": "A",\n "text": "x",\n "words": ' + digits + "}")
    with pytest.raises(ArticleFormatError, match=r"n\.json: not valid JSON \(line 3: a number has more than"):
        read_articles(j)
    jl = write(tmp_path, "n.jsonl", '{"outlet": "A", "text": "x"}\n\n{"outlet": "B", "text": "y", "n": ' + digits + "}\n")
    with pytest.raises(ArticleFormatError, match=r"n\.jsonl: line 3 is not valid JSON \(a number has more than"):
        read_articles(jl)


def test_jsonl_with_line_separators_inside_strings_loads(tmp_path):
    records = [{"outlet": "A", "text": "One.\u2028Two.\u2029Three."}, {"outlet": "B", "text": "Four."}]
    p = write(tmp_path, "s.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    arts = read_articles(p)
    assert [a.text for a in arts] == ["One.\u2028Two.\u2029Three.", "Four."]


# ---------------------------------------------------------------------------
# 5. Front matter: text, Source lines, .txt blocks, booleans


def test_front_matter_text_never_silently_replaces_the_body(tmp_path):
    both = write(tmp_path, "both.md", "---\noutlet: A\ntext: From the front matter.\n---\nFrom the body.\n")
    with pytest.raises(
        ArticleFormatError, match=r"both\.md: has both a 'text' field in its front matter and a body after it; remove one"
    ):
        read_articles(both)
    only = write(tmp_path, "only.md", "---\noutlet: A\ntext: From the front matter.\n---\n\n")
    assert read_articles(only)[0].text == "From the front matter."


@pytest.mark.parametrize(
    "last_line",
    [
        "Source: Reuters and AP contributed reporting.",
        "Source: Reuters",
        "Source: interviews by our staff in Moscow and Vladivostok",
    ],
)
def test_source_line_stays_in_the_body_when_front_matter_names_another_outlet(tmp_path, last_line):
    p = write(tmp_path, "a.md", f"---\noutlet: Wire\n---\nKim met Putin.\n\n{last_line}\n")
    (art,) = read_articles(p)
    assert art.outlet == "Wire"
    assert art.text == f"Kim met Putin.\n\n{last_line}"


def test_source_line_leaves_the_body_only_when_it_is_the_outlet(tmp_path):
    plain = write(tmp_path, "plain.txt", "Kim met Putin.\n\nSource: Daily Planet\n")
    assert (read_articles(plain)[0].outlet, read_articles(plain)[0].text) == ("Daily Planet", "Kim met Putin.")
    same = write(tmp_path, "same.md", "---\noutlet: Al Jazeera\n---\nKim met Putin.\n\nSource: AlJazeera\n")
    (art,) = read_articles(same)
    assert art.text == "Kim met Putin." and art.meta["source_line"] == "Source: AlJazeera"
    sentence = write(tmp_path, "sentence.txt", "Kim met Putin.\n\nSource: Reuters contributed reporting.\n")
    (art,) = read_articles(sentence)
    assert art.text.endswith("Source: Reuters contributed reporting.") and art.outlet == "sentence"


def test_txt_dash_block_is_front_matter_only_with_a_known_field(tmp_path):
    prose = "---\nA note before the article.\n---\nKim met Putin.\n\nSource: Wire\n"
    p = write(tmp_path, "prose.txt", prose)
    with pytest.warns(CompareWarning, match=r"prose\.txt: starts with a '---' block that is not front matter"):
        (art,) = read_articles(p)
    assert art.text == "---\nA note before the article.\n---\nKim met Putin."
    unknown = write(tmp_path, "unknown.txt", "---\nmood: grim\n---\nKim met Putin.\n\nSource: Wire\n")
    with pytest.warns(CompareWarning, match="not front matter"):
        assert read_articles(unknown)[0].text.startswith("---\nmood: grim\n---\n")
    real = write(tmp_path, "real.txt", "---\noutlet: Wire\nmood: grim\n---\nKim met Putin.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (art,) = read_articles(real)
    assert (art.outlet, art.text, art.meta["mood"]) == ("Wire", "Kim met Putin.", "grim")


@pytest.mark.parametrize(
    "value, expected",
    [("'no'", False), ("'yes'", True), ("no", False), ("true", True), ("'False'", False), ("'1'", True), ("0", False)],
)
def test_constructed_is_parsed_strictly(tmp_path, value, expected):
    p = write(tmp_path, "a.md", f"---\noutlet: A\nconstructed: {value}\n---\nText.\n")
    assert read_articles(p)[0].constructed is expected


def test_constructed_from_json_csv_and_article_and_bad_values(tmp_path):
    j = write(tmp_path, "a.json", json.dumps({"outlet": "A", "text": "x", "constructed": "false"}))
    assert read_articles(j)[0].constructed is False
    c = tmp_path / "a.csv"
    pd.DataFrame([{"outlet": "A", "text": "x", "constructed": "0"}, {"outlet": "B", "text": "y", "constructed": "1"}]).to_csv(
        c, index=False
    )
    assert [a.constructed for a in read_articles(c)] == [False, True]
    assert Article(id="a", outlet="A", text="x", meta={"constructed": "no"}).constructed is False
    bad = write(tmp_path, "bad.md", "---\noutlet: A\nconstructed: maybe\n---\nText.\n")
    with pytest.raises(ArticleFormatError, match=r"bad\.md: field 'constructed' must be true or false"):
        read_articles(bad)
    with pytest.raises(UsageError, match="'constructed' must be true or false"):
        Article(id="a", outlet="A", text="x", meta={"constructed": 2})


# ---------------------------------------------------------------------------
# 6. Encodings and lone surrogates


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_files_with_a_byte_order_mark_decode(tmp_path, encoding):
    text = "---\noutlet: Zeitung\n---\nDer Gipfel in Wladiwostok begann am Donnerstag.\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    p = write(tmp_path, "a.md", bom + text.encode(encoding))
    (art,) = read_articles(p)
    assert (art.outlet, art.text) == ("Zeitung", "Der Gipfel in Wladiwostok begann am Donnerstag.")


def test_broken_utf16_is_an_error_not_binary_garbage(tmp_path):
    p = write(tmp_path, "a.txt", b"\xff\xfe" + "Hi".encode("utf-16-le") + b"\x00\xd8")  # lone high surrogate
    with pytest.raises(ArticleFormatError, match=r"a\.txt: not UTF-16 text"):
        read_articles(p)


def test_lone_surrogates_are_refused_when_the_article_is_made(tmp_path):
    with pytest.raises(UsageError, match=r"Story.from_texts\(texts\['A'\]\): holds a lone surrogate \(\\ud800\)"):
        Story.from_texts({"A": "\ud800"})
    with pytest.raises(UsageError, match=r"Article\(text=...\): field 'text' holds a lone surrogate"):
        Article(id="a", outlet="A", text="ok \udc80")
    with pytest.raises(UsageError, match=r"meta\['note'\] holds a lone surrogate"):
        Article(id="a", outlet="A", text="ok", meta={"note": ["fine", "\udfff"]})
    p = write(tmp_path, "a.json", '{"outlet": "A", "text": "x \\ud800 y"}')
    with pytest.raises(ArticleFormatError, match=r"a\.json: field 'text' holds a lone surrogate"):
        read_articles(p)


# ---------------------------------------------------------------------------
# 7. HTML that keeps a tiny share of a large page


def test_large_html_page_with_little_article_text_warns(tmp_path):
    para = "<p>" + "The harbour town opened a new ferry line on Monday, officials said, after years of delay. " * 3 + "</p>"
    page = (
        "<html><head><title>Ferry</title><script>var blob = '" + "a" * 1_200_000 + "';</script></head>"
        f"<body><article><h1>Ferry line opens</h1>{para}</article></body></html>"
    )
    p = write(tmp_path, "big.html", page)
    with pytest.warns(
        CompareWarning, match=r"big\.html: only [\d,]+ bytes of article text were extracted from a 1,2\d\d,\d\d\d-byte page"
    ) as record:
        (art,) = read_articles(p)
    assert "ferry line" in art.text
    assert len(record) == 1
    small = write(tmp_path, "small.html", page.replace("a" * 1_200_000, "a"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", CompareWarning)
        read_articles(small)


# ---------------------------------------------------------------------------
# 8. One-line error messages


def test_error_messages_escape_control_characters_in_file_names():
    err = ArticleFormatError("evil\nname\x1b[2J.md", "reason\rhere")
    assert "\n" not in str(err) and "\x1b" not in str(err) and "\r" not in str(err)
    assert str(err) == "evil\\nname\\x1b[2J.md: reason\\rhere"
    assert err.source == "evil\nname\x1b[2J.md" and err.reason == "reason\rhere"
    for cls in (StoryError, UsageError, UsageTypeError, UnknownNameError, compare.FetchError):
        e = cls("a\nb", "c")
        assert str(e) == "a\\nb: c" and e.source == "a\nb"
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is cls and str(again) == str(e)
    assert str(ArticleFormatError("bad\udcff.md", "r")) == "bad\\udcff.md: r"


def test_cli_prints_one_line_for_a_file_name_with_a_newline(tmp_path, capsys):
    from compare.cli import main

    evil = tmp_path / "no\nsuch\x1b[2J.md"
    assert main(["align", str(evil), str(evil)]) == 2
    line = single_error_line(capsys.readouterr().err)
    assert "\x1b" not in line and "no\\nsuch\\x1b[2J.md" in line


# ---------------------------------------------------------------------------
# 9. API misuse


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: Story.from_texts("text"),
            UsageTypeError,
            r"Story.from_texts\(texts\): must be a mapping of outlet name to article text",
        ),
        (lambda: Story.from_texts({"A": 123}), UsageTypeError, r"texts\['A'\]\): must be the article's text \(a str\), not int"),
        (lambda: Story.from_texts({1: "x"}), UsageTypeError, "each key must be an outlet name"),
        (lambda: Story.from_texts({}), UsageError, "is empty"),
        (
            lambda: Article(id="a", outlet="A", text=123),
            UsageTypeError,
            r"Article\(text=...\): field 'text' must be a str, not int",
        ),
        (
            lambda: Article(id="a", outlet=None, text="x"),
            UsageTypeError,
            r"Article\(outlet=...\): field 'outlet' must be a str, not NoneType",
        ),
        (lambda: Article(id=7, outlet="A", text="x"), UsageTypeError, r"Article\(id=...\): field 'id' must be a str, not int"),
        (lambda: Article(id="a", outlet="A", text="x", title=5), UsageTypeError, "'title' must be a str or None"),
        (lambda: Article(id=" ", outlet="A", text="x"), UsageError, "'id' must not be blank"),
        (lambda: Story(["text"]), UsageTypeError, r"Story\(articles\): item 1 is a str, not an Article"),
        (lambda: Story("text"), UsageTypeError, r"Story\(articles\): must be an iterable of Article, not str"),
        (lambda: Story(None), UsageTypeError, "not NoneType"),
        (lambda: Story.from_frame({"outlet": ["A"]}), UsageTypeError, "must be a pandas DataFrame"),
        (lambda: load_story(None), UsageTypeError, r"load_story\(path\): must be a file or folder path .* not NoneType"),
        (lambda: load_story(123), UsageTypeError, "not int"),
        (lambda: load_story(["a.md", 5]), UsageTypeError, r"load_story\(path\[1\]\): must be a file or folder path"),
        (lambda: load_story(""), UsageError, "is an empty path"),
        (lambda: load_story("x.md", name=3), UsageTypeError, r"load_story\(name=...\)"),
    ],
)
def test_api_misuse_is_a_compare_error_naming_the_argument(call, error, message):
    with pytest.raises(error, match=message) as err:
        call()
    assert isinstance(err.value, CompareError)


def test_unknown_article_id_is_a_key_error_listing_the_ids():
    story = Story.from_texts({"Wire": "Kim met Putin.", "Daily": "Kim met the Russian leader."})
    with pytest.raises(UnknownNameError) as err:
        story["missing-id"]
    assert isinstance(err.value, KeyError) and isinstance(err.value, CompareError)
    assert str(err.value) == "story['missing-id']: no article with this id; the ids are wire, daily"
    with pytest.raises(UsageTypeError, match="index by article id"):
        story[1.5]
    assert story[1].outlet == "Daily" and story["wire"].outlet == "Wire"


# ---------------------------------------------------------------------------
# 10. The same file twice


def test_same_file_twice_is_read_once_with_a_warning(tmp_path):
    a = write(tmp_path, "a.md", "---\noutlet: A\n---\nKim met Putin.\n")
    b = write(tmp_path, "b.md", "---\noutlet: B\n---\nKim met the Russian leader.\n")
    link = tmp_path / "link.md"
    link.symlink_to(a)
    with pytest.warns(CompareWarning) as record:
        story = load_story([a, b, str(a), link])
    assert story.ids == ["a", "b"]
    messages = [str(w.message) for w in record]
    assert f"{a}: given twice; read once" in messages
    assert f"{link}: the same file as {a}; read once" in messages
