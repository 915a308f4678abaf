"""One place for the options of an analysis, checked once.

:class:`Settings` is a frozen dataclass carried by every
:class:`~compare.Comparison`; :func:`compare.compare` takes its fields as
keyword arguments and the command line builds one from its flags, so the API
and the CLI accept and refuse exactly the same values. Each stage reads only
the fields it uses.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Union

from .errors import UsageError, UsageTypeError

__all__ = ["Settings", "SCORE_CUTOFF", "MAX_BLOCK_DF"]


def _trained(name: str, default: float) -> float:
    """A default chosen with the pair model on the training part (``compare/models/pair_score.json``)."""
    try:
        return float(json.loads((Path(__file__).parent / "models" / "pair_score.json").read_text(encoding="utf-8"))[name])
    except (OSError, ValueError, KeyError, TypeError):  # pragma: no cover - the file ships with the package
        return default


#: Default minimum pair score (a probability) for two sentences to be linked: chosen on training data.
SCORE_CUTOFF = _trained("cutoff", 0.5)
#: Default most sentences one article may bring to a group: chosen on training data.
MAX_PER_ARTICLE = int(_trained("max_per_article", 2))
#: Features in more sentences than this do not propose candidate pairs (see :func:`compare.alignment.align`).
MAX_BLOCK_DF = 100

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Settings:
    """Options of one analysis.

    Attributes
    ----------
    score_cutoff : float
        Minimum pair score (0–1) for two sentences to be aligned; higher is stricter.
    link_cutoff : float or None
        Minimum average score between two groups for them to merge (default
        ``None``: ``score_cutoff`` × the group ratio chosen with the pair model
        on training data; :attr:`effective_link_cutoff`, 0.8 × ``score_cutoff``,
        is what the old hand-set alignment used).
    max_per_article : int
        Most sentences one article may contribute to an aligned group (≥ 1).
    clauses : bool
        Also compare clauses cut from the dependency parse.
    max_block_df : int or None
        Features found in more sentences than this still count in scores but do
        not propose candidate pairs (keeps alignment about linear); ``None``
        compares every pair that shares a feature.
    min_outlets : int or None
        How many other outlets must state a fact before an outlet is said to
        leave it out (``None``: half of the other outlets, at least 2 once a
        story has three outlets; see :func:`compare.facts.missing_facts`).
    extra_lexicon : path or None
        A framing lexicon file added to the packaged one (``category word``
        per line).

    Raises
    ------
    UsageError
        When a value is out of range (``score_cutoff=2``, ``nan``, ``max_per_article=0``,
        a lexicon file that does not exist, ...); the message names the option.

    Examples
    --------
    >>> Settings(score_cutoff=0.5).effective_link_cutoff
    0.4
    >>> Settings(score_cutoff=2)
    Traceback (most recent call last):
    ...
    compare.errors.UsageError: score_cutoff: must be a number from 0 to 1, not 2
    """

    score_cutoff: float = SCORE_CUTOFF
    link_cutoff: float | None = None
    max_per_article: int = MAX_PER_ARTICLE
    clauses: bool = True
    max_block_df: int | None = MAX_BLOCK_DF
    min_outlets: int | None = None
    extra_lexicon: PathLike | None = None

    def __post_init__(self) -> None:
        _unit_interval("score_cutoff", self.score_cutoff)
        if self.link_cutoff is not None:
            _unit_interval("link_cutoff", self.link_cutoff)
        _positive_int("max_per_article", self.max_per_article)
        if not isinstance(self.clauses, bool):
            raise UsageTypeError("clauses", f"must be True or False, not {self.clauses!r}")
        if self.max_block_df is not None:
            _positive_int("max_block_df", self.max_block_df, minimum=2)
        if self.min_outlets is not None:
            _positive_int("min_outlets", self.min_outlets)
        if self.extra_lexicon is not None:
            if not isinstance(self.extra_lexicon, (str, os.PathLike)):
                raise UsageTypeError("extra_lexicon", f"must be a file path, not {type(self.extra_lexicon).__name__}")
            if not Path(self.extra_lexicon).is_file():
                raise UsageError("extra_lexicon", f"{os.fspath(self.extra_lexicon)}: no such file")

    @property
    def effective_link_cutoff(self) -> float:
        """``link_cutoff``, or 0.8 × ``score_cutoff`` when it is not set."""
        return 0.8 * self.score_cutoff if self.link_cutoff is None else self.link_cutoff

    @classmethod
    def from_options(cls, base: Settings | None = None, **options: Any) -> Settings:
        """``base`` (or the defaults) with some fields replaced; unknown names are a :class:`UsageError`."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise UsageError(unknown[0], f"is not an option; valid options are {', '.join(sorted(known))}")
        values = {f.name: getattr(base, f.name) for f in fields(cls)} if base is not None else {}
        values.update(options)
        return cls(**values)


def _unit_interval(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageTypeError(name, f"must be a number from 0 to 1, not {value!r}")
    if math.isnan(value) or not 0 <= value <= 1:
        raise UsageError(name, f"must be a number from 0 to 1, not {value!r}")


def _positive_int(name: str, value: object, *, minimum: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageTypeError(name, f"must be a whole number of at least {minimum}, not {value!r}")
    if value < minimum:
        raise UsageError(name, f"must be at least {minimum}, not {value!r}")
