"""Property tests of hostile input: front matter, CSV and JSONL rows, URLs and HTTP answers.

Whatever hypothesis writes, reading it either succeeds, keeping the text as
written and losing no character when parsed (also after a cache hit), or
raises a :class:`~compare.errors.CompareError` with a one-line message, never
another exception. URLs are checked with :func:`compare.fetch.fetch_article`
with the network cut off; HTTP answers come from a server this file starts on
127.0.0.1 only.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import socketserver
import threading

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import Article, CompareError
from compare.articles import FRONT_MATTER_FIELDS, article_from_text, read_articles
from compare.errors import FetchError
from compare.fetch import fetch_article
from compare.parsing import parse

from helpers import covered

# Characters that mean something to YAML, CSV, JSON, HTML or a terminal, and some Unicode.
HOSTILE = "abc XYZ 019-:#&*!|>%@`'\"[]{},=+\t\n\r\\$<>/;\x1b\x00\u2028\u2029\u0085\u00a0\u200bé中🙂"
hostile_text = st.text(alphabet=st.sampled_from(list(HOSTILE)), max_size=60)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
field_value = st.one_of(hostile_text, any_text)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def nlp():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def nothing_lost(articles: list[Article], nlp, folder) -> None:
    """Every non-space character of every article is in exactly one sentence, fresh and after a cache hit."""
    for _ in range(2):
        for p in parse(articles, nlp=nlp, cache=folder, progress=False):
            assert p.doc.text == p.article.text
            assert covered(p.article.text, p.sentences), p.article.id


def one_line_error(err: CompareError) -> None:
    assert "\n" not in str(err) and "\r" not in str(err) and "\x1b" not in str(err)


# ---------------------------------------------------------------------------
# Front matter

front_matter = st.dictionaries(
    st.one_of(st.sampled_from([*FRONT_MATTER_FIELDS, "text", "source_line", "tags"]), hostile_text), field_value, max_size=6
)


def yaml_block(fields: dict[str, str], raw: bool) -> str:
    if raw:  # values written as they are: YAML syntax in them is hostile
        return "\n".join(f"{k}: {v}" for k, v in fields.items())
    return "\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in fields.items())


@SETTINGS
@given(fields=front_matter, raw=st.booleans(), body=field_value, txt=st.booleans())
def test_any_front_matter_reads_or_is_one_clear_error(nlp, tmp_path_factory, fields, raw, body, txt):
    content = f"---\n{yaml_block(fields, raw)}\n---\n{body}"
    try:
        art = article_from_text(content, source="hostile.md", default_id="hostile", optional_front_matter=txt)
    except CompareError as e:
        one_line_error(e)
        return
    assert art.text.strip() and art.outlet.strip()
    if body.strip() and not txt:
        assert art.text in content  # the body as written, never the front matter's 'text'
    nothing_lost([art], nlp, tmp_path_factory.mktemp("cache"))


# ---------------------------------------------------------------------------
# CSV and JSONL rows

row = st.fixed_dictionaries(
    {"outlet": field_value, "text": field_value},
    optional={"id": field_value, "title": field_value, "date": field_value, "url": field_value, "constructed": field_value},
)
rows = st.lists(row, min_size=1, max_size=4)


def newline_normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(records=rows)
def test_any_csv_rows_read_or_are_one_clear_error(nlp, tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("csv")
    columns = sorted({k for r in records for k in r})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(records)
    path = folder / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        articles = read_articles(path)
    except CompareError as e:
        one_line_error(e)
        return
    assert [a.text for a in articles] == [newline_normalised(r["text"]) for r in records]
    assert len({a.id for a in articles}) == len(articles)
    nothing_lost(articles, nlp, folder / "cache")


@SETTINGS
@given(records=st.lists(st.one_of(row, st.dictionaries(hostile_text, field_value, max_size=3)), min_size=1, max_size=4))
def test_any_jsonl_rows_read_or_are_one_clear_error(nlp, tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    try:
        articles = read_articles(path)
    except CompareError as e:
        one_line_error(e)
        return
    assert [a.text for a in articles] == [r["text"] for r in records]  # U+2028 and friends kept
    nothing_lost(articles, nlp, folder / "cache")


# ---------------------------------------------------------------------------
# URLs: validated before any traffic, the network cut off


@pytest.fixture
def no_network(monkeypatch):
    """Name lookups fail and any connection attempt fails the test."""

    def no_lookup(host, port, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def no_connect(sock, address):
        raise AssertionError(f"fetch_article connected to {address}")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    monkeypatch.setattr(socket.socket, "connect", no_connect)


hosts = st.one_of(
    st.sampled_from(
        ["127.0.0.1", "localhost", "10.0.0.1", "[::1]", "169.254.169.254", "0.0.0.0", "2130706433", "[::ffff:127.0.0.1]"]
    ),
    st.sampled_from(["example.org", "news.example", "xn--nxasmq6b.example", "a..b", "-bad-.org", "exa mple.org"]),
    hostile_text,
)
urls = st.one_of(
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "file://", "javascript:", "", "http:/", "//"]),
        st.sampled_from(["", "user:pw@", "@"]),
        hosts,
        st.sampled_from(["", ":80", ":0", ":99999", ":-1", ":x"]),
        st.one_of(st.just("/article"), hostile_text.map(lambda s: "/" + s)),
    ),
    any_text,
)


@SETTINGS
@given(url=urls)
def test_any_url_is_an_article_or_one_fetch_error_and_never_connects(no_network, url):
    with pytest.raises(FetchError) as err:
        fetch_article(url, timeout=2)
    one_line_error(err.value)


# ---------------------------------------------------------------------------
# Hostile HTTP answers from a server on 127.0.0.1


class _Answer(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(2)
        try:
            self.request.recv(65536)
            self.request.sendall(self.server.answer)  # type: ignore[attr-defined]
        except OSError:
            pass


@pytest.fixture(scope="module")
def answering_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Answer)
    server.daemon_threads = True
    server.answer = b""  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


PAGE = (
    "<html><head><title>Ferry opens</title></head><body><article><p>"
    + "The new ferry line between the two harbours opened on Monday with forty minutes on the water. " * 4
    + "</p></article></body></html>"
).encode()
header_line = st.one_of(
    st.sampled_from(
        [
            b"Content-Type: text/html; charset=utf-8",
            b"Content-Type: text/html; charset=nonsense",
            b"Content-Length: 5",
            b"Content-Length: 999999",
            b"Content-Length: -1",
            b"Transfer-Encoding: chunked",
            b"Location: ftp://127.0.0.1/x",
            b"Location: http://127.0.0.1:1/",
            b"Content-Encoding: gzip",
            b"X-Long: " + b"a" * 70_000,
        ]
    ),
    st.binary(max_size=40),
)
answers = st.builds(
    lambda status, headers, body, cut: (status + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body)[:cut],
    st.sampled_from(
        [b"HTTP/1.1 200 OK", b"HTTP/1.1 301 Moved", b"HTTP/1.1 500 Oops", b"HTTP/1.0 200", b"HTTP/9 200 OK", b"garbage", b""]
    ),
    st.lists(header_line, max_size=4),
    st.one_of(st.just(PAGE), st.binary(max_size=300), st.just(b"0\r\n\r\n"), st.just(b"zz\r\nxx")),
    st.integers(0, 100_000),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=answers)
def test_any_http_answer_is_an_article_or_one_compare_error(answering_server, answer):
    answering_server.answer = answer
    url = f"http://127.0.0.1:{answering_server.server_address[1]}/article"
    try:
        article = fetch_article(url, timeout=3, allow_private=True, max_redirects=2)
    except CompareError as e:
        one_line_error(e)
        return
    assert "ferry line" in article.text
