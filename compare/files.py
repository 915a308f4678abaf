"""Reading users' files: one reader, one limit.

Every file is read by :func:`read_bytes`: only regular files (never a FIFO, a
device such as ``/dev/zero``, or a link to one), and at most
:data:`MAX_FILE_BYTES` bytes (``COMPARE_MAX_FILE_BYTES`` overrides it).
:func:`decode_text` turns the bytes into text (UTF-8, or UTF-16/32 with a BOM).
Every failure is one :class:`~compare.errors.ArticleFormatError` naming the file.
"""

from __future__ import annotations

import codecs
import os
import stat
import warnings
from os import PathLike
from pathlib import Path
from typing import Any

from .errors import ArticleFormatError, CompareWarning, UsageError, UsageTypeError, one_line
from .fields import shown

__all__ = [
    "MAX_CHARS",
    "MAX_FILE_BYTES",
    "as_path",
    "decode_text",
    "file_kind",
    "max_chars",
    "max_file_bytes",
    "os_reason",
    "read_bytes",
    "stat_path",
    "warn_about",
]

#: Largest file read, in bytes; the environment variable ``COMPARE_MAX_FILE_BYTES`` overrides it.
MAX_FILE_BYTES = 50_000_000
#: Longest article text parsed, in characters; the environment variable ``COMPARE_MAX_CHARS``
#: overrides it. Texts over spaCy's ``max_length`` but under this are parsed in pieces.
MAX_CHARS = 5_000_000


def max_file_bytes() -> int:
    """:data:`MAX_FILE_BYTES`, or the environment variable ``COMPARE_MAX_FILE_BYTES`` when set."""
    env = os.environ.get("COMPARE_MAX_FILE_BYTES", "").strip()
    if not env:
        return MAX_FILE_BYTES
    try:
        value = int(env.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise UsageError(
            "COMPARE_MAX_FILE_BYTES",
            f"must be a positive whole number of bytes (default {MAX_FILE_BYTES}), not {shown(env)}",
        )
    return value


def max_chars() -> int:
    """:data:`MAX_CHARS`, or the environment variable ``COMPARE_MAX_CHARS`` when set."""
    return _env_limit("COMPARE_MAX_CHARS", MAX_CHARS, "characters")


def _env_limit(name: str, default: int, unit: str) -> int:
    """A positive whole number from the environment variable ``name``, else ``default``."""
    env = os.environ.get(name, "").strip()
    if not env:
        return default
    try:
        value = int(env.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise UsageError(name, f"must be a positive whole number of {unit} (default {default}), not {shown(env)}")
    return value


def _too_large(path: object, size: str, limit: int) -> ArticleFormatError:
    return ArticleFormatError(
        path,
        f"file is {size} bytes, over the limit of {limit:,} bytes (set COMPARE_MAX_FILE_BYTES to read larger files)",
    )


def file_kind(mode: int) -> str:
    """What a non-regular file is ("a FIFO (named pipe)", "a character device", ...)."""
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "a special file"


def os_reason(e: OSError, what: str = "file") -> str:
    """A short reason for an operating-system error reading a file or folder."""
    if isinstance(e, PermissionError):
        return f"permission denied: cannot read this {what}"
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read this {what} ({e.strerror or type(e).__name__})"


def stat_path(path: Path) -> os.stat_result:
    """``os.stat(path)`` (following links); any failure is an ArticleFormatError naming ``path``."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleFormatError(path, "is a link to a file that does not exist") from None
        raise ArticleFormatError(path, "no such file or folder") from None
    except OSError as e:
        raise ArticleFormatError(path, os_reason(e)) from None
    except ValueError:  # a NUL character in the path
        raise ArticleFormatError(path, "is not a valid path (it holds a NUL character)") from None


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``: never a FIFO or device, never more than the limit.

    The file is checked with ``os.stat`` (after following links) before it is
    opened, opened non-blocking, checked again on the open descriptor (it may
    have been swapped), and read in chunks up to the limit plus one byte.
    """
    limit = max_file_bytes()
    st = stat_path(path)
    if stat.S_ISDIR(st.st_mode):
        raise ArticleFormatError(path, "is a folder; use load_story() for a folder")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleFormatError(path, f"is {file_kind(st.st_mode)}, not a regular file; only regular files are read")
    if st.st_size > limit:
        raise _too_large(path, f"{st.st_size:,}", limit)
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise ArticleFormatError(path, os_reason(e)) from None
    chunks: list[bytes] = []
    size = 0
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ArticleFormatError(path, f"is {file_kind(mode)}, not a regular file; only regular files are read")
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise ArticleFormatError(path, os_reason(e)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(path, f"more than {limit:,}", limit)
    return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes, source: Path) -> str:
    """Text of a file: UTF-8 (BOM optional), or UTF-16/UTF-32 with a BOM; newlines made ``\\n``."""
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
    if encoding is None:
        if not raw.strip():
            raise ArticleFormatError(source, "file is empty")
        if b"\x00" in raw[:8192]:
            raise ArticleFormatError(source, "binary file, not text")
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise ArticleFormatError(source, f"not {name} text (undecodable byte at position {e.start}); save it as UTF-8") from None
    if not text.strip():
        raise ArticleFormatError(source, "file is empty")
    if "\x00" in text[:8192]:
        raise ArticleFormatError(source, "binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def as_path(value: Any, argument: str) -> Path:
    """``value`` as a Path, or a UsageTypeError/UsageError naming ``argument``."""
    if isinstance(value, PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise UsageTypeError(argument, f"must be a file or folder path (a str or pathlib.Path), not {type(value).__name__}")
    if not value.strip():
        raise UsageError(argument, "is an empty path; give a file or folder")
    return Path(value)


def warn_about(source: object, reason: str) -> None:
    """A :class:`CompareWarning` ``"<source>: <reason>"`` pointing at the caller's caller."""
    warnings.warn(f"{one_line(source)}: {reason}", CompareWarning, stacklevel=3)
