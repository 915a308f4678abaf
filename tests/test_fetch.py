"""fetch_article against hostile servers.

Every server here is started by this file on 127.0.0.1 only and stops itself.
Tests that need a *public* host use the ``public_dns`` fixture: it makes the
name ``news.example`` resolve to a public address and turns a connection to
that address into one to the loopback server, so no traffic leaves the machine.
Tests that must not connect at all use ``no_network``, which fails the test on
any connection attempt.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
import urllib.parse

import pytest

import compare
from compare import FetchError
from compare.errors import UsageError
from compare.fetch import USER_AGENT, fetch_article

PAGE = b"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ferry line opens between the two harbours</title>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ferry line opens between the two harbours</h1>
<p>A new ferry line between the north and south harbours carried its first
passengers on Monday, cutting the crossing from three hours by road to forty
minutes on the water, the port authority said.</p>
<p>The two boats will run every hour from six in the morning until midnight.
Officials said tickets would cost the same as the bus for the first year while
the operator measures demand on the route.</p>
<p>Residents of the southern district, who had campaigned for the link for a
decade, welcomed the opening but asked for later evening sailings.</p>
</article>
<footer>Copyright the Harbour Courier</footer>
</body>
</html>
"""

#: A public (globally routable) address that ``public_dns`` hands out for test names.
PUBLIC_IP = "93.184.215.14"
#: Seconds after which a test server shuts itself down even if nobody stops it.
SERVER_LIFETIME = 120


# ---------------------------------------------------------------------------
# The hostile server


def _send(sock, status: str, headers: list[tuple[str, str]], body: bytes = b"") -> None:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    sock.sendall(head.encode("latin-1") + body)


def _redirect(sock, location: str) -> None:
    _send(sock, "302 Found", [("Location", location), ("Content-Length", "0"), ("Connection", "close")])


def _drip(sock, server, data: bytes) -> None:
    """Send ``data`` one byte every 0.5 s (bounded; stops when the server stops or the client leaves)."""
    for byte in data[:40]:
        if server.stopping.is_set():
            return
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return
        time.sleep(0.5)


def _hold(server, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not server.stopping.is_set():
        time.sleep(0.05)


def _route(sock, server, path: str) -> None:
    port = server.port
    html = [("Content-Type", "text/html; charset=utf-8"), ("Connection", "close")]
    if path == "/article":
        _send(sock, "200 OK", [*html, ("Content-Length", str(len(PAGE)))], PAGE)
    elif path == "/drip-head":
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        _drip(sock, server, b"X-Slow: " + b"a" * 60)
    elif path == "/drip-body":
        _send(sock, "200 OK", [*html, ("Content-Length", "5000")])
        _drip(sock, server, PAGE)
    elif path == "/to-ftp":
        _redirect(sock, f"ftp://127.0.0.1:{port}/article")
    elif path == "/to-file":
        _redirect(sock, "file:///etc/passwd")
    elif path == "/to-loopback":
        _redirect(sock, f"http://127.0.0.1:{port}/article")
    elif path == "/to-localhost":
        _redirect(sock, f"http://localhost:{port}/article")
    elif path == "/to-metadata":
        _redirect(sock, "http://169.254.169.254/latest/meta-data/")
    elif path.startswith("/hop/"):  # an endless chain of new URLs
        _redirect(sock, f"/hop/{int(path[5:]) + 1}")
    elif path.startswith("/chain/"):  # /chain/N reaches /article after N redirects
        n = int(path[7:])
        _redirect(sock, "/article" if n <= 1 else f"/chain/{n - 1}")
    elif path == "/loop":
        _redirect(sock, "/loop")
    elif path == "/no-location":
        _send(sock, "302 Found", [("Content-Length", "0"), ("Connection", "close")])
    elif path == "/short":
        _send(sock, "200 OK", [*html, ("Content-Length", "5000")], PAGE[:300])
    elif path == "/big":  # no Content-Length: the size is only known by reading
        _send(sock, "200 OK", html, PAGE + b"<!-- " + b"x" * 4000 + b" -->")
    elif path == "/huge-declared":  # says 1 GB, then sends nothing for a while
        _send(sock, "200 OK", [*html, ("Content-Length", str(10**9))])
        _hold(server, 5)
    elif path == "/bad-status":
        sock.sendall(b"HTTP/1.1 abc\r\nContent-Length: 0\r\n\r\n")
    elif path == "/long-header":
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n" + PAGE)
    elif path == "/garbage":
        sock.sendall(b"\x00\xff\xfeSSH-2.0-nonsense\x13\x37\r\n\x00\r\n\r\n")
    elif path == "/silent":
        return  # close without a word
    elif path == "/missing":
        _send(sock, "404 Not Found", [*html, ("Content-Length", "9")], b"not found")
    elif path == "/pdf":
        _send(sock, "200 OK", [("Content-Type", "application/pdf"), ("Content-Length", "8")], b"%PDF-1.7")
    elif path == "/gzip":
        _send(sock, "200 OK", [*html, ("Content-Encoding", "gzip"), ("Content-Length", "4")], b"\x1f\x8b\x08\x00")
    else:
        _send(sock, "404 Not Found", [("Content-Length", "0")])


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server = self.server
        sock = self.request
        sock.settimeout(5)
        if server.tls_context is not None:
            try:
                sock = server.tls_context.wrap_socket(sock, server_side=True)
            except OSError:
                return
        reader = sock.makefile("rb")
        try:
            if reader.peek(1)[:1] == b"\x16":  # a TLS handshake sent to this plain HTTP server
                sock.sendall(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
                return
            request_line = reader.readline(8192).decode("latin-1").split()
            headers = {}
            for _ in range(100):
                line = reader.readline(8192)
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            if len(request_line) != 3:
                return
            server.requests.append((request_line[1], headers))
            _route(sock, server, request_line[1])
        except OSError:
            pass
        finally:
            reader.close()
            if sock is not self.request:
                sock.close()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self, tls_context: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.tls_context = tls_context
        self.port = self.server_address[1]
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self._stop_lock = threading.Lock()
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self._timer = threading.Timer(SERVER_LIFETIME, self.stop)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        with self._stop_lock:
            if self.stopping.is_set():
                return
            self.stopping.set()
        self._timer.cancel()
        self.shutdown()
        self.server_close()

    def url(self, path: str, host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


@pytest.fixture(scope="module")
def http_server():
    server = _Server()
    yield server
    server.stop()


@pytest.fixture
def server(http_server):
    http_server.requests.clear()
    return http_server


class _FakeNetwork:
    """Records name lookups and connections made while a test runs."""

    def __init__(self) -> None:
        self.lookups: list[str] = []
        self.connects: list[tuple] = []
        self.rebind_to: str | None = None  # later lookups of a name answer this address


@pytest.fixture
def public_dns(monkeypatch):
    """``news.example`` and ``other.example`` resolve to PUBLIC_IP; connecting there reaches 127.0.0.1.

    Any connection to an address that is neither PUBLIC_IP nor loopback fails the test.
    """
    net = _FakeNetwork()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host in ("news.example", "other.example"):
            answer = net.rebind_to if (net.rebind_to and host in net.lookups) else PUBLIC_IP
            net.lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (answer, port))]
        net.lookups.append(host)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def fake_connect(sock, address):
        net.connects.append(tuple(address[:2]))
        if address[0] == PUBLIC_IP:
            address = ("127.0.0.1", address[1])
        elif address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"the test tried to connect to {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", fake_connect)
    return net


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test on any connection attempt; record name lookups."""
    net = _FakeNetwork()
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        net.lookups.append(host)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def fake_connect(sock, address):
        net.connects.append(tuple(address[:2]))
        raise AssertionError(f"fetch_article connected to {address}")

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", fake_connect)
    return net


def _assert_one_line(err: FetchError) -> None:
    message = str(err)
    assert "\n" not in message and "Traceback" not in message
    assert err.__cause__ is None and (err.__suppress_context__ or err.__context__ is None)


# ---------------------------------------------------------------------------
# A normal page


def test_fetches_and_extracts_a_normal_page(server):
    url = server.url("/article")
    article = fetch_article(url, allow_private=True, timeout=10)
    assert "forty minutes on the water" in article.text
    assert "later evening sailings" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Ferry line opens between the two harbours"
    assert article.url == url
    assert article.id == f"127-0-0-1-{server.port}-article"
    ((path, headers),) = server.requests
    assert path == "/article"
    assert headers["user-agent"] == USER_AGENT == "compare/0.1 (news comparison toolkit)"
    assert headers["host"] == f"127.0.0.1:{server.port}"
    assert fetch_article(url, allow_private=True, id="ferry").id == "ferry"
    assert compare.fetch_article is fetch_article


def test_public_host_connects_to_the_checked_address_with_its_own_host_header(server, public_dns):
    article = fetch_article(f"http://news.example:{server.port}/article", timeout=10)
    assert "forty minutes on the water" in article.text
    assert public_dns.lookups == ["news.example"]  # one lookup, no second answer used
    assert public_dns.connects == [(PUBLIC_IP, server.port)]
    assert server.requests[0][1]["host"] == f"news.example:{server.port}"


def test_a_second_dns_answer_cannot_redirect_the_connection(server, public_dns):
    # Rebinding: the name answers a public address once, loopback afterwards.
    public_dns.rebind_to = "127.0.0.2"
    fetch_article(f"http://news.example:{server.port}/article", timeout=10)
    assert public_dns.connects == [(PUBLIC_IP, server.port)]
    # ... and every hop is looked up and checked again.
    public_dns.lookups.clear()
    with pytest.raises(
        FetchError, match=r"after a redirect to .*/article: refused: news.example resolves to 127\.0\.0\.2, a loopback"
    ):
        fetch_article(f"http://news.example:{server.port}/chain/1", timeout=10)
    assert server.paths() == ["/article", "/chain/1"]


# ---------------------------------------------------------------------------
# Deadlines


@pytest.mark.parametrize("path", ["/drip-head", "/drip-body"])
def test_a_dripping_server_cannot_outlast_the_total_timeout(server, path):
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as err:
        fetch_article(server.url(path), allow_private=True, timeout=2)
    elapsed = time.monotonic() - start
    assert 1.5 < elapsed < 4
    assert "timeout=2 s" in str(err.value)
    _assert_one_line(err.value)


# ---------------------------------------------------------------------------
# Schemes and addresses


def test_fetch_article_refuses_non_http_and_reports_offline(no_network):
    with pytest.raises(FetchError, match="only http"):
        compare.fetch_article("file:///etc/passwd")
    assert no_network.lookups == [] and no_network.connects == []


def test_connection_refused_reports_offline(server):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(FetchError, match="could not fetch .*are you offline"):
        fetch_article(f"http://127.0.0.1:{port}/article", timeout=2, allow_private=True)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http:// and https:// URLs can be fetched, not file://"),
        ("ftp://example.org/news.html", "not ftp://"),
        ("javascript:alert(1)", "not javascript://"),
        ("example.org/news", "without a scheme"),
        ("http:///news", "names no host"),
        ("http://exa mple.org/news", "spaces or control characters"),
        ("http://example.org/news\r\nX-Injected: 1", "spaces or control characters"),
        ("http://user:secret@example.org/", "user name or password"),
        ("http://example.org:99999/", "port"),
        ("http://[::1/", "invalid URL"),
        ("http://[::1/#part", "invalid URL"),
    ],
)
def test_urls_that_are_not_plain_http_are_refused_before_any_traffic(no_network, url, message):
    with pytest.raises(FetchError, match=message) as err:
        fetch_article(url)
    _assert_one_line(err.value)
    assert no_network.lookups == [] and no_network.connects == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:9/article", "127.0.0.1 is a loopback address"),
        ("http://[::1]:9/article", "::1 is a loopback address"),
        ("http://localhost:9/article", "localhost resolves to .*, a loopback address"),
        ("http://10.0.0.1/article", "10.0.0.1 is a private address"),
        ("http://192.168.1.1/article", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[fe80::1]/", "a link-local address"),
        ("http://[::ffff:127.0.0.1]/", "a loopback address"),
        ("http://[::ffff:10.0.0.1]/", "a private address"),
        ("http://[::ffff:a9fe:a9fe]/", "a link-local address"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://224.0.0.1/", "a multicast address"),
        ("http://240.0.0.1/", "a reserved address"),
        ("http://100.64.0.1/", "not a public internet address"),
        ("http://2130706433/", "resolves to 127.0.0.1, a loopback address"),  # 127.0.0.1 as one number
    ],
)
def test_non_public_addresses_are_refused_without_connecting(no_network, url, message):
    start = time.monotonic()
    with pytest.raises(FetchError, match=message) as err:
        fetch_article(url, timeout=5)
    assert time.monotonic() - start < 1
    assert "allow_private=True" in str(err.value)
    assert no_network.connects == []
    if _is_address_literal(url):
        assert no_network.lookups == []  # an address is checked before anything else happens
    _assert_one_line(err.value)


def _is_address_literal(url: str) -> bool:
    try:
        ipaddress.ip_address(urllib.parse.urlsplit(url).hostname)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(("path", "scheme"), [("/to-ftp", "ftp://"), ("/to-file", "file://")])
def test_redirect_to_another_scheme_is_refused(server, path, scheme):
    with pytest.raises(FetchError, match=f"after a redirect to {scheme}.*only http:// and https://"):
        fetch_article(server.url(path), allow_private=True, timeout=5)
    assert server.paths() == [path]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-loopback", r"127\.0\.0\.1 is a loopback address"),
        ("/to-localhost", "localhost resolves to .*, a loopback address"),
        ("/to-metadata", r"169\.254\.169\.254 is a link-local address"),
    ],
)
def test_redirect_from_a_public_host_to_a_private_address_is_refused(server, public_dns, path, message):
    url = f"http://news.example:{server.port}{path}"
    with pytest.raises(FetchError, match=f"after a redirect to .*: refused: {message}"):
        fetch_article(url, timeout=5)
    assert server.paths() == [path]  # the private target was never requested
    assert public_dns.connects == [(PUBLIC_IP, server.port)]


def test_redirect_to_loopback_is_followed_when_private_addresses_are_allowed(server, public_dns):
    url = f"http://news.example:{server.port}/to-loopback"
    article = fetch_article(url, timeout=5, allow_private=True)
    assert "forty minutes on the water" in article.text
    assert article.url == url
    assert server.paths() == ["/to-loopback", "/article"]


# ---------------------------------------------------------------------------
# Redirect limits


def test_redirects_are_capped(server):
    with pytest.raises(FetchError, match=r"too many redirects \(more than max_redirects=3\)"):
        fetch_article(server.url("/hop/0"), allow_private=True, timeout=5, max_redirects=3)
    assert server.paths() == ["/hop/0", "/hop/1", "/hop/2", "/hop/3"]
    server.requests.clear()
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_article(server.url("/hop/0"), allow_private=True, timeout=5)  # default: 5
    assert len(server.paths()) == 6


def test_redirects_within_the_cap_are_followed(server):
    article = fetch_article(server.url("/chain/2"), allow_private=True, timeout=5, max_redirects=2)
    assert "forty minutes on the water" in article.text
    assert server.paths() == ["/chain/2", "/chain/1", "/article"]
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_article(server.url("/chain/2"), allow_private=True, timeout=5, max_redirects=1)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_article(server.url("/chain/1"), allow_private=True, timeout=5, max_redirects=0)


def test_a_redirect_loop_is_stopped(server):
    with pytest.raises(FetchError, match="redirect loop"):
        fetch_article(server.url("/loop"), allow_private=True, timeout=5)
    assert server.paths() == ["/loop"]


def test_a_redirect_without_location_fails(server):
    with pytest.raises(FetchError, match="HTTP 302 .*without saying where"):
        fetch_article(server.url("/no-location"), allow_private=True, timeout=5)


# ---------------------------------------------------------------------------
# Bodies


def test_a_body_shorter_than_its_content_length_is_refused(server):
    with pytest.raises(FetchError, match="after 300 of 5,000 bytes .*incomplete"):
        fetch_article(server.url("/short"), allow_private=True, timeout=5)


def test_a_body_over_max_bytes_is_refused(server):
    with pytest.raises(FetchError, match="larger than max_bytes=1,000 bytes"):
        fetch_article(server.url("/big"), allow_private=True, timeout=5, max_bytes=1000)
    # The same page fits when the limit allows it.
    assert "forty minutes" in fetch_article(server.url("/big"), allow_private=True, timeout=5).text


def test_a_declared_content_length_over_max_bytes_is_refused_before_reading(server):
    with pytest.raises(FetchError, match=f"{len(PAGE):,} bytes \\(Content-Length\\), more than max_bytes"):
        fetch_article(server.url("/article"), allow_private=True, timeout=5, max_bytes=len(PAGE) - 1)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"1,000,000,000 bytes \(Content-Length\)"):
        fetch_article(server.url("/huge-declared"), allow_private=True, timeout=5)
    assert time.monotonic() - start < 2  # did not wait for the body


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bad-status", "malformed HTTP answer: bad status line"),
        ("/long-header", r"malformed HTTP answer: over-long header line \(more than 65,536 bytes\)"),
        ("/garbage", "malformed HTTP answer"),
        ("/silent", "closed the connection without answering"),
        ("/missing", "HTTP 404 Not Found"),
        ("/pdf", r"not an HTML page \(Content-Type: application/pdf\)"),
        ("/gzip", r"compressed content \(gzip\)"),
    ],
)
def test_malformed_or_unusable_answers_give_one_line_fetch_errors(server, path, message):
    with pytest.raises(FetchError, match=message) as err:
        fetch_article(server.url(path), allow_private=True, timeout=5)
    assert err.value.source == server.url(path)
    _assert_one_line(err.value)


def test_bad_arguments_are_usage_errors():
    for kwargs in ({"timeout": 0}, {"timeout": float("nan")}, {"max_bytes": 0}, {"max_redirects": -1}):
        with pytest.raises(UsageError):
            fetch_article("http://example.org/", **kwargs)
    with pytest.raises(TypeError):
        fetch_article(None)


# ---------------------------------------------------------------------------
# HTTPS: the connection goes to the checked address, TLS uses the host name


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(d / "key.pem"),
            "-out",
            str(d / "cert.pem"),
            "-days",
            "2",
            "-subj",
            "/CN=news.example",
            "-addext",
            "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return d / "cert.pem", d / "key.pem"


@pytest.fixture(scope="module")
def tls_server(tls_files):
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []

    def remember_sni(_sock, name, _context):
        names.append(name)

    context.sni_callback = remember_sni
    server = _Server(tls_context=context)
    server.sni = names
    yield server
    server.stop()


@pytest.fixture
def trust_test_cert(monkeypatch, tls_files):
    cert, _ = tls_files
    real = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: real(cafile=str(cert)))


def test_https_sends_the_host_name_as_sni_and_checks_the_certificate(tls_server, public_dns, trust_test_cert):
    tls_server.requests.clear()
    tls_server.sni.clear()
    url = f"https://news.example:{tls_server.port}/article"
    article = fetch_article(url, timeout=10)
    assert "forty minutes on the water" in article.text
    assert tls_server.sni == ["news.example"]
    assert public_dns.connects == [(PUBLIC_IP, tls_server.port)]
    assert tls_server.requests[0][1]["host"] == f"news.example:{tls_server.port}"
    # A name the certificate does not cover is refused, though it reaches the same server.
    with pytest.raises(FetchError, match="TLS certificate is not valid") as err:
        fetch_article(f"https://other.example:{tls_server.port}/article", timeout=10)
    _assert_one_line(err.value)


def test_https_to_a_plain_http_server_fails_cleanly(server, public_dns, trust_test_cert):
    start = time.monotonic()
    with pytest.raises(FetchError, match="the TLS connection failed") as err:
        fetch_article(f"https://news.example:{server.port}/article", timeout=5)
    assert time.monotonic() - start < 2
    _assert_one_line(err.value)
