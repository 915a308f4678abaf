"""Errors and warnings raised by ``compare``.

Every error derives from :class:`CompareError`; each subclass also derives from
the builtin it refines, so ``except ValueError`` keeps working for callers who
do not know this package. Messages name the file or argument and the reason.

A message is always one printable line: the file name or argument and the
reason pass through :func:`compare.escape.terminal`, so a newline or an escape
sequence in a file name cannot split or colour the ``error: <file>: <reason>``
line the command line prints. The ``source`` and ``reason`` attributes keep the
raw values.
"""

from __future__ import annotations

from .escape import terminal


def one_line(text: object) -> str:
    """``text`` as one printable line: :func:`~compare.escape.terminal`, plus lone surrogates escaped.

    Examples
    --------
    >>> one_line("a\\nb\\x1b[31m\\udc80")
    'a\\\\nb\\\\x1b[31m\\\\udc80'
    """
    return terminal(text).encode("utf-8", "backslashreplace").decode("utf-8")


def _message(err: BaseException, source: object, reason: object) -> str:
    """Set ``err.source`` and ``err.reason`` (raw) and return the one-line ``"<source>: <reason>"``."""
    err.source = str(source)  # type: ignore[attr-defined]
    err.reason = str(reason)  # type: ignore[attr-defined]
    return f"{one_line(err.source)}: {one_line(err.reason)}"  # type: ignore[attr-defined]


class CompareError(Exception):
    """Base class of every error this package raises on purpose."""


class _Located:
    """Mixin: ``(source, reason)`` errors that survive pickling (Dask workers send them back)."""

    source: str
    reason: str

    def __reduce__(self):
        return (type(self), (self.source, self.reason))


class ArticleFormatError(_Located, CompareError, ValueError):
    """An input file or record cannot be read as an article.

    ``source`` names the file (or record) and ``reason`` says what is wrong;
    ``str(err)`` is ``"<source>: <reason>"``, the form the command line prints.
    """

    def __init__(self, source: object, reason: str) -> None:
        super().__init__(_message(self, source, reason))


class StoryError(_Located, CompareError, ValueError):
    """A story is unusable as a whole (for example, fewer articles than needed)."""

    def __init__(self, source: object, reason: str) -> None:
        super().__init__(_message(self, source, reason))


class UsageError(_Located, CompareError, ValueError):
    """An argument or option has a value the function cannot use.

    ``str(err)`` is ``"<argument>: <reason>"`` and says what would be valid.
    """

    def __init__(self, argument: object, reason: str) -> None:
        super().__init__(_message(self, argument, reason))


class UsageTypeError(_Located, CompareError, TypeError):
    """An argument has the wrong type (``compare(None)``, ``Article(text=123)``)."""

    def __init__(self, argument: object, reason: str) -> None:
        super().__init__(_message(self, argument, reason))


class UnknownNameError(_Located, CompareError, KeyError):
    """A name or id that does not exist (``story["missing-id"]``); also a :class:`KeyError`.

    ``str(err)`` is ``"<argument>: <reason>"`` without the quotes ``KeyError`` adds.
    """

    def __init__(self, argument: object, reason: str) -> None:
        super().__init__(_message(self, argument, reason))

    def __str__(self) -> str:
        return str(self.args[0])


class ModelNotFoundError(CompareError, ImportError):
    """No usable spaCy pipeline is installed; the message names the install command."""


class FetchError(_Located, CompareError, OSError):
    """A URL could not be fetched (offline, timeout, too large, not HTML)."""

    def __init__(self, source: object, reason: str) -> None:
        super().__init__(_message(self, source, reason))


class CompareWarning(UserWarning):
    """A result is usable but degraded (a skipped file, an unsupported language, ...)."""
