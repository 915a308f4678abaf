"""Errors and warnings raised by ``compare``.

Every error derives from :class:`CompareError`; each subclass also derives from
the builtin it refines, so ``except ValueError`` keeps working for callers who
do not know this package. Messages name the file or argument and the reason.
"""

from __future__ import annotations


class CompareError(Exception):
    """Base class of every error this package raises on purpose."""


class ArticleFormatError(CompareError, ValueError):
    """An input file or record cannot be read as an article.

    ``source`` names the file (or record) and ``reason`` says what is wrong;
    ``str(err)`` is ``"<source>: <reason>"``, the form the command line prints.
    """

    def __init__(self, source: object, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class StoryError(CompareError, ValueError):
    """A story is unusable as a whole (for example, fewer articles than needed)."""

    def __init__(self, source: object, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class UsageError(CompareError, ValueError):
    """An argument or option has a value the function cannot use.

    ``str(err)`` is ``"<argument>: <reason>"`` and says what would be valid.
    """

    def __init__(self, argument: object, reason: str) -> None:
        self.source = str(argument)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class UsageTypeError(CompareError, TypeError):
    """An argument has the wrong type (``compare(None)``, ``Article(text=123)``)."""

    def __init__(self, argument: object, reason: str) -> None:
        self.source = str(argument)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class ModelNotFoundError(CompareError, ImportError):
    """No usable spaCy pipeline is installed; the message names the install command."""


class FetchError(CompareError, OSError):
    """A URL could not be fetched (offline, timeout, too large, not HTML)."""

    def __init__(self, source: object, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class CompareWarning(UserWarning):
    """A result is usable but degraded (a skipped file, an unsupported language, ...)."""
