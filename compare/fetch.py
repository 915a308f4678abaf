"""Fetching one article page from a URL, safely.

:func:`fetch_article` treats the URL and everything the server sends back as
hostile: it only speaks HTTP(S), follows redirects itself (re-checking every
hop), refuses addresses on the local machine or a private network, bounds the
whole download by one deadline and one size limit, and turns every failure
into a one-line :class:`~compare.errors.FetchError`.

Only the standard library is used (:mod:`http.client`, :mod:`socket`,
:mod:`ssl`, :mod:`ipaddress`). Environment proxies (``HTTP_PROXY`` ...) are not
used: the connection goes straight to the address that was checked.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import math
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from .articles import Article, article_from_html
from .errors import FetchError, UsageError, UsageTypeError
from .snippets import shorten

__all__ = [
    "FETCH_MAX_BYTES",
    "FETCH_MAX_REDIRECTS",
    "FETCH_TIMEOUT",
    "USER_AGENT",
    "fetch_article",
]

#: Seconds the whole of :func:`fetch_article` may take (lookup, connect, redirects, reads).
FETCH_TIMEOUT = 15.0
#: Largest page body :func:`fetch_article` accepts, in bytes.
FETCH_MAX_BYTES = 5_000_000
#: Redirects :func:`fetch_article` follows before giving up.
FETCH_MAX_REDIRECTS = 5
#: The ``User-Agent`` header sent with every request.
USER_AGENT = "compare/0.1 (news comparison toolkit)"

_CHUNK = 64 * 1024
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_OFFLINE_HINT = "are you offline? Save the page as .html and load the file instead"
_ALLOW_HINT = "pass allow_private=True to fetch from your own machine or network"
# Whitespace and control characters have no place in a URL; refusing them stops
# header injection through the request line and confusing URL parsing.
_BAD_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_HOST_CHARS = re.compile(r"[a-z0-9_.-]+")
_DIGITS = re.compile(r"[0-9]+")
# Characters left as they are when percent-encoding a request target.
_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _Refused(Exception):
    """An expected failure; ``reason`` is the one-line message for :class:`FetchError`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Target:
    """One URL taken apart into what a request needs."""

    scheme: str
    host: str  # ASCII host name or IP literal, without brackets
    ip: IPAddress | None  # set when the URL names an address instead of a name
    port: int
    host_header: str
    request_target: str


@dataclass(frozen=True)
class _Redirect:
    location: str
    status: int


# ---------------------------------------------------------------------------
# Public entry point


def fetch_article(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT,
    max_bytes: int = FETCH_MAX_BYTES,
    id: str | None = None,
    allow_private: bool = False,
    max_redirects: int = FETCH_MAX_REDIRECTS,
) -> Article:
    """Download one article page and extract its text with trafilatura.

    The page is only parsed, never executed. Because the URL and the server's
    answers may be hostile, the download is fenced in:

    - only ``http://`` and ``https://`` URLs are fetched, and that is checked
      again on every redirect (no ``file://``, ``ftp://``, ...);
    - redirects are followed by this function, at most ``max_redirects`` of
      them, and a redirect loop is stopped;
    - the host name is resolved once per hop and every address it resolves to
      must be a public internet address: loopback, private, link-local (this
      includes cloud metadata services at 169.254.169.254), multicast,
      reserved and unspecified addresses are refused, IPv4 and IPv6 alike,
      IPv4-mapped IPv6 included, so that a URL (or a redirect) cannot make
      this program read services on your own machine or network. The
      connection goes to the very address that was checked, so a second DNS
      answer cannot swap it; HTTPS certificates are still verified against
      the host name;
    - ``timeout`` bounds the whole call, not each read, so a server sending one
      byte at a time cannot hold it for longer;
    - the body may not exceed ``max_bytes`` (refused at once when the
      ``Content-Length`` header already says so), must not be shorter than its
      ``Content-Length``, and must not be compressed or declared as something
      other than text/HTML.

    Parameters
    ----------
    url : str
        The article page, ``http://`` or ``https://``.
    timeout : float, default FETCH_TIMEOUT
        Budget in seconds for the whole call: name lookups, connections, TLS,
        every redirect and every read.
    max_bytes : int, default FETCH_MAX_BYTES
        Largest body accepted.
    id : str, optional
        The article's id; by default a slug of the URL.
    allow_private : bool, default False
        Allow loopback, private, link-local and other non-public addresses, to
        fetch from a server on your own machine or intranet.
    max_redirects : int, default FETCH_MAX_REDIRECTS
        Redirects followed before giving up; ``0`` follows none.

    Returns
    -------
    Article
        Extracted from the page, with ``url`` set to the URL asked for.

    Raises
    ------
    FetchError
        The page could not be fetched or was refused: not an HTTP(S) URL,
        offline or unresolvable host, a non-public address, timed out, too
        many redirects, an HTTP status other than 2xx, a body that is too
        large, incomplete, empty or not HTML, or a malformed HTTP answer.
        ``str(err)`` is one line, ``"<url>: <reason>"``.
    ArticleFormatError
        The page was fetched but holds no article text.
    UsageError, UsageTypeError
        ``url`` is not a string, or ``timeout``, ``max_bytes`` or
        ``max_redirects`` is not a usable number.
    """
    if not isinstance(url, str):
        raise UsageTypeError("url", f"must be a string, not {type(url).__name__}")
    _check_limits(timeout, max_bytes, max_redirects)
    url = url.strip()
    raw = _download(
        url,
        timeout=float(timeout),
        max_bytes=max_bytes,
        allow_private=allow_private,
        max_redirects=max_redirects,
    )
    return article_from_html(raw, source=url, default_id=id or _url_slug(url), url=url)


def _check_limits(timeout: object, max_bytes: object, max_redirects: object) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        raise UsageError("timeout", f"must be a positive number of seconds, not {timeout!r}")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise UsageError("max_bytes", f"must be a positive whole number of bytes, not {max_bytes!r}")
    if isinstance(max_redirects, bool) or not isinstance(max_redirects, int) or max_redirects < 0:
        raise UsageError("max_redirects", f"must be a whole number >= 0, not {max_redirects!r}")


def _url_slug(url: str) -> str:
    bare = re.sub(r"(?i)^https?://", "", url)
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")[:60].strip("-") or "article"


# ---------------------------------------------------------------------------
# The redirect loop


def _download(url: str, *, timeout: float, max_bytes: int, allow_private: bool, max_redirects: int) -> bytes:
    deadline = time.monotonic() + timeout
    current = url
    seen: set[str] = set()
    redirects = 0
    while True:
        reason: str | None
        try:
            seen.add(urllib.parse.urldefrag(current).url)
            target = _parse_url(current)
            outcome = _one_request(target, deadline=deadline, allow_private=allow_private, max_bytes=max_bytes)
        except _Refused as e:
            reason = e.reason
        except TimeoutError:
            reason = f"timed out: the whole download must finish within timeout={timeout:g} s"
        except (http.client.HTTPException, OSError, ValueError) as e:  # UnicodeError is a ValueError
            reason = _describe(e)
        else:
            reason = None
        if reason is not None:
            if redirects:
                reason = f"after a redirect to {_short(current)}: {reason}"
            raise FetchError(_short(url, 300), _one_line(reason))
        if isinstance(outcome, bytes):
            return outcome

        redirects += 1
        try:
            nxt = urllib.parse.urldefrag(urllib.parse.urljoin(current, _decode_location(outcome.location))).url
        except ValueError:
            raise FetchError(_short(url, 300), f"the server redirected to an invalid URL {_short(outcome.location)!r}") from None
        if redirects > max_redirects:
            raise FetchError(
                _short(url, 300),
                f"too many redirects (more than max_redirects={max_redirects}); the last one was to {_short(nxt)}",
            )
        if nxt in seen:
            raise FetchError(_short(url, 300), f"redirect loop: the server redirected back to {_short(nxt)}")
        seen.add(nxt)
        current = nxt


def _decode_location(location: str) -> str:
    # http.client decodes headers as Latin-1; servers that send UTF-8 get it back.
    location = location.strip()
    try:
        return location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return location


def _parse_url(url: str) -> _Target:
    if _BAD_URL_CHARS.search(url):
        raise _Refused("the URL contains spaces or control characters")
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        got = f"{scheme}://" if scheme else "a URL without a scheme"
        raise _Refused(f"only http:// and https:// URLs can be fetched, not {got}")
    if parts.username is not None or parts.password is not None:
        raise _Refused("URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise _Refused("the URL names no host")
    try:
        explicit_port = parts.port
    except ValueError:
        raise _Refused("the URL's port is not a number from 0 to 65535") from None
    default_port = 443 if scheme == "https" else 80
    port = default_port if explicit_port is None else explicit_port

    ip: IPAddress | None
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is None:
        if "[" in parts.netloc:
            raise _Refused("the URL's IPv6 address is not valid")
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise _Refused(f"the host name {_short(host, 80)!r} is not valid") from None
        if not _HOST_CHARS.fullmatch(ascii_host):
            raise _Refused(f"the host name {_short(host, 80)!r} is not valid")
        host = ascii_host
        shown = host
    else:
        shown = f"[{host}]" if ip.version == 6 else host
    host_header = shown if explicit_port is None or explicit_port == default_port else f"{shown}:{explicit_port}"

    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    target = urllib.parse.quote(target, safe=_TARGET_SAFE)  # only non-ASCII and a few unsafe characters
    return _Target(scheme, host, ip, port, host_header, target)


# ---------------------------------------------------------------------------
# Addresses


def _refusal(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address, or None when it is."""
    candidates: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address reach that address.
        if ip.ipv4_mapped is not None:
            candidates.insert(0, ip.ipv4_mapped)
        if ip.sixtofour is not None:
            candidates.append(ip.sixtofour)
        if ip in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    for c in candidates:
        if c.is_unspecified:
            return "an unspecified address"
        if c.is_loopback:
            return "a loopback address (this machine)"
        if c.is_link_local:
            return "a link-local address (local network, cloud metadata services)"
        if c.is_multicast:
            return "a multicast address"
        if c.is_reserved:
            return "a reserved address"
        if c.is_private:
            return "a private address (local network)"
        if not c.is_global:
            return "not a public internet address"
    return None


def _check_address(ip: IPAddress, target: _Target) -> None:
    why = _refusal(ip)
    if why is None:
        return
    if target.ip is not None:
        where = f"{target.host} is {why}"
    else:
        where = f"{target.host} resolves to {ip}, {why}"
    raise _Refused(f"refused: {where}; {_ALLOW_HINT}")


def _resolve(target: _Target, *, deadline: float, allow_private: bool) -> list[tuple]:
    """Addresses to connect to, each already checked."""
    if target.ip is not None:
        # Check the literal before anything touches the network.
        if not allow_private:
            _check_address(target.ip, target)
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    else:
        infos = _getaddrinfo_until(target.host, target.port, deadline)
    infos = [i for i in infos if i[0] in (socket.AF_INET, socket.AF_INET6)]
    if not infos:
        raise _Refused(f"could not fetch ({target.host} has no IPv4 or IPv6 address); {_OFFLINE_HINT}")
    if not allow_private:
        for info in infos:
            _check_address(ipaddress.ip_address(info[4][0]), target)
    return infos


def _getaddrinfo_until(host: str, port: int, deadline: float) -> list[tuple]:
    """``socket.getaddrinfo`` bounded by the deadline (it has no timeout of its own)."""
    box: list[tuple[bool, object]] = []

    def lookup() -> None:
        try:
            box.append((True, socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        except (OSError, ValueError) as e:  # handed to the caller's thread
            box.append((False, e))

    worker = threading.Thread(target=lookup, name="compare-fetch-resolve", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if not box:
        if worker.is_alive():
            raise TimeoutError(f"looking up {host} timed out")
        raise _Refused(f"could not fetch (looking up {host} failed); {_OFFLINE_HINT}")
    ok, value = box[0]
    if ok:
        return value  # type: ignore[return-value]
    if isinstance(value, socket.gaierror):
        raise _Refused(f"could not fetch (cannot resolve {host}: {value.strerror}); {_OFFLINE_HINT}")
    raise value  # type: ignore[misc]


# ---------------------------------------------------------------------------
# One request


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    return left


def _connect(target: _Target, infos: list[tuple], deadline: float) -> socket.socket:
    """Connect to the first reachable checked address; TLS for https."""
    last: OSError | None = None
    for family, socktype, proto, _, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            sock.settimeout(_remaining(deadline))
            sock.connect(sockaddr)
        except TimeoutError:
            sock.close()
            raise
        except OSError as e:
            sock.close()
            last = e
            continue
        except BaseException:
            sock.close()
            raise
        if target.scheme == "https":
            try:
                context = ssl.create_default_context()
                sock.settimeout(_remaining(deadline))
                # SNI and certificate check use the host name, not the address.
                sock = context.wrap_socket(sock, server_hostname=target.host.rstrip("."))
            except BaseException:
                sock.close()
                raise
        return sock
    assert last is not None
    raise last


class _DeadlineReader(io.RawIOBase):
    """Reads a socket, giving every read only the time left before the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._sock.settimeout(_remaining(self._deadline))
        return self._sock.recv_into(buffer)


class _DeadlineSocket:
    """Stands in for the socket inside :mod:`http.client`.

    Every write and read first sets the socket timeout to the time left, so the
    deadline bounds the whole exchange (status line and headers included) and
    not each read. The real socket is closed by :func:`_one_request`.
    """

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_remaining(self._deadline))
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args, **kwargs) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline), _CHUNK)

    def close(self) -> None:
        pass


def _one_request(target: _Target, *, deadline: float, allow_private: bool, max_bytes: int) -> bytes | _Redirect:
    infos = _resolve(target, deadline=deadline, allow_private=allow_private)
    sock = _connect(target, infos, deadline)
    conn = http.client.HTTPConnection(target.host, target.port)
    try:
        conn.sock = _DeadlineSocket(sock, deadline)
        conn.putrequest("GET", target.request_target, skip_host=True)  # adds Accept-Encoding: identity
        conn.putheader("Host", target.host_header)
        conn.putheader("User-Agent", USER_AGENT)
        conn.putheader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        conn.putheader("Connection", "close")
        conn.endheaders()
        response = conn.getresponse()
        try:
            status = response.status
            if status in _REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location or not location.strip():
                    raise _Refused(f"the server answered HTTP {status} (a redirect) without saying where to")
                return _Redirect(location, status)
            if not 200 <= status < 300:
                reason = _short(_one_line(response.reason or ""), 60)
                raise _Refused(f"the server answered HTTP {status} {reason}".rstrip())
            return _read_body(response, deadline=deadline, max_bytes=max_bytes)
        finally:
            response.close()
    finally:
        conn.close()
        sock.close()


def _read_body(response: http.client.HTTPResponse, *, deadline: float, max_bytes: int) -> bytes:
    transfer = response.getheader("Transfer-Encoding")
    chunked = transfer is not None and transfer.strip().lower() == "chunked"
    if transfer is not None and not chunked:
        raise _Refused(f"unsupported Transfer-Encoding {_short(transfer, 40)!r}")
    encoding = response.getheader("Content-Encoding")
    if encoding and encoding.strip().lower() != "identity":
        raise _Refused(f"the server sent compressed content ({_short(encoding, 40)}) although none was asked for")
    ctype = response.getheader("Content-Type")
    if ctype:
        media = ctype.split(";", 1)[0].strip().lower()
        if media and not (media.startswith("text/") or "html" in media or "xml" in media):
            raise _Refused(f"not an HTML page (Content-Type: {_short(media, 60)})")

    expected = None
    if not chunked:
        values = {v.strip() for v in response.headers.get_all("Content-Length") or []}
        if values:
            if len(values) > 1 or not all(_DIGITS.fullmatch(v) for v in values):
                raise _Refused("the server sent an invalid Content-Length header")
            expected = int(values.pop())
            if expected > max_bytes:
                raise _Refused(f"the page is {expected:,} bytes (Content-Length), more than max_bytes={max_bytes:,}")

    chunks: list[bytes] = []
    total = 0
    while True:
        _remaining(deadline)
        chunk = response.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _Refused(f"the page is larger than max_bytes={max_bytes:,} bytes")
    if expected is not None and total < expected:
        raise _Refused(f"the connection closed after {total:,} of {expected:,} bytes (Content-Length); the page is incomplete")
    if total == 0:
        raise _Refused("the server sent an empty page")
    return b"".join(chunks)


# ---------------------------------------------------------------------------
# Messages


def _describe(e: BaseException) -> str:
    """A one-line reason for a low-level failure."""
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"the site's TLS certificate is not valid ({e.verify_message or e.reason or e})"
    if isinstance(e, ssl.SSLError):
        return f"the TLS connection failed ({e.reason or type(e).__name__})"
    if isinstance(e, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(e, http.client.IncompleteRead):
        more = f", {e.expected:,} more expected" if e.expected is not None else ""
        return f"the connection closed before the whole page arrived ({len(e.partial):,} bytes read{more})"
    if isinstance(e, http.client.LineTooLong):
        # str(e) is "got more than 65536 bytes when reading header line"
        found = re.search(r"(\d+) bytes when reading (.+)$", str(e))
        what, limit = (found.group(2), f" (more than {int(found.group(1)):,} bytes)") if found else ("line", "")
        return f"malformed HTTP answer: over-long {_short(what, 40)}{limit}"
    if isinstance(e, http.client.BadStatusLine):
        return f"malformed HTTP answer: bad status line {_short(repr(getattr(e, 'line', '')), 60)}"
    if isinstance(e, http.client.InvalidURL):
        return f"invalid URL ({_short(str(e), 80)})"
    if isinstance(e, http.client.HTTPException):
        return f"malformed HTTP answer ({type(e).__name__}: {_short(str(e), 80)})"
    if isinstance(e, ConnectionRefusedError):
        return f"could not fetch (connection refused); {_OFFLINE_HINT}"
    if isinstance(e, OSError):
        detail = e.strerror or str(e) or type(e).__name__
        return f"could not fetch ({_short(detail, 80)}); {_OFFLINE_HINT}"
    if isinstance(e, UnicodeError):
        return "invalid URL (a host name or path that cannot be encoded)"
    return f"invalid URL ({_short(str(e), 80)})"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", _BAD_URL_CHARS.sub(" ", text)).strip()


def _short(text: str, limit: int = 120) -> str:
    """A URL or server message for an error: on one line, unsafe characters out, then :func:`~compare.snippets.shorten`."""
    return shorten(_one_line(text), limit)
