"""Story clustering: grouping a corpus's articles into stories about one event each.

:func:`load_corpus` reads a folder of article files (any format
:func:`compare.load_story` reads, searched recursively), one CSV/JSONL/JSON file
with one article per row (``outlet, title, date, url, text``), or a DataFrame,
into a :class:`Corpus`. :func:`cluster_stories` groups its articles into stories
about one event each, ready for :func:`compare.compare`.

How stories are found:

1. **Profiles.** Each article (title and body) is run through the named-entity
   recogniser only (tagger and parser skipped, ``nlp.pipe`` streaming, cached
   on disk) and reduced to an :class:`ArticleProfile`: counts of entity tokens
   (``e:``), numbers (``n:``) and content words (``w:``). Profiles are small,
   so a corpus of any size can be profiled in bounded memory, or on a Dask
   cluster (:mod:`compare.distributed`).
2. **Similarities.** Profiles become TF-IDF vectors (entities weigh double);
   candidate pairs are articles published at most ``window_days`` apart that
   share a feature rarer than ``max_df`` articles (an inverted index, so the
   cost grows with the number of articles, not its square). Their cosine
   similarity is summed feature by feature with numpy.
3. **Stories.** Pairs are taken most similar first and merged with greedy
   average linkage: two stories merge only while the average similarity
   between their articles stays above ``threshold`` and all their articles fit
   in ``window_days``. Articles about the same people at different events
   (two summits of the same leaders years apart) therefore stay apart.

Everything is deterministic: ties are broken by article order.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .alignment import number_feature
from .articles import Article
from .corpus import Corpus
from .errors import CompareWarning, UsageError, UsageTypeError, one_line
from .normalize import norm_word
from .parsing import CacheArg, ParsedArticle, load_nlp, parse_stream
from .vocab import ENTITY_LABELS

__all__ = [
    "ArticleProfile",
    "article_profile",
    "profile_articles",
    "profile_disable",
    "cluster_profiles",
    "cluster_stories",
    "with_title",
    "STORY_COLUMNS",
    "DEFAULT_WINDOW_DAYS",
    "STORY_THRESHOLD",
]

#: Columns of the frame :func:`cluster_stories` returns.
STORY_COLUMNS = ["article", "outlet", "title", "date", "story"]
#: Most days between the first and last article of one story.
DEFAULT_WINDOW_DAYS = 3
#: Least average cosine similarity between the articles of one story.
STORY_THRESHOLD = 0.12
#: Pipeline components a profile needs; the others are skipped for speed.
PROFILE_COMPONENTS = ("ner",)

_WEIGHTS = {"e": 2.0, "n": 1.0, "w": 1.0}


# ---------------------------------------------------------------------------
# Profiles


@dataclass(frozen=True)
class ArticleProfile:
    """What story clustering needs to know of one article.

    Attributes
    ----------
    article, outlet, title, date : str or None
        From the :class:`~compare.Article` (``date`` as given).
    features : tuple of (str, int)
        Feature counts, sorted: ``e:`` entity tokens, ``n:`` numbers, ``w:`` content words.
    """

    article: str
    outlet: str
    title: str | None
    date: str | None
    features: tuple[tuple[str, int], ...]


def article_profile(parsed: ParsedArticle) -> ArticleProfile:
    """The :class:`ArticleProfile` of a parsed article (needs entities; lemmas not used).

    Examples
    --------
    >>> import spacy
    >>> from compare.parsing import parse
    >>> doc = parse([Article(id="a", outlet="W", text="Kim met Putin in 2019.")],
    ...             nlp=spacy.blank("en"), cache=False, progress=False)[0]
    >>> article_profile(doc).features
    (('n:2019', 1), ('w:kim', 1), ('w:met', 1), ('w:putin', 1))
    """
    counts: Counter[str] = Counter()
    for tok in parsed.doc:
        if tok.is_punct or tok.is_space:
            continue
        if tok.like_num and any(c.isdigit() for c in tok.text):
            key = number_feature(tok)
            if key:
                counts[key] += 1
            continue
        if not tok.is_alpha or tok.is_stop or len(tok.text) < 2:
            continue
        word = norm_word(tok.text)
        counts[("e:" if tok.ent_type_ in ENTITY_LABELS else "w:") + word] += 1
    a = parsed.article
    return ArticleProfile(article=a.id, outlet=a.outlet, title=a.title, date=a.date, features=tuple(sorted(counts.items())))


def with_title(article: Article) -> Article:
    """The article with its title as a first paragraph (the title names the event)."""
    title = (article.title or "").strip()
    if not title or article.text.lstrip().startswith(title):
        return article
    return replace(article, text=f"{title}\n\n{article.text}")


def profile_articles(
    articles: Iterable[Article],
    *,
    nlp=None,
    n_process: int = 1,
    batch_size: int = 64,
    cache: CacheArg = True,
    progress: bool = True,
    total: int | None = None,
) -> Iterator[ArticleProfile]:
    """Profile articles lazily with the entity recogniser only; memory stays bounded.

    Parameters
    ----------
    articles : iterable of Article
    nlp : spaCy Language, optional
        Defaults to :func:`compare.load_nlp`; all components but
        :data:`PROFILE_COMPONENTS` (and what they listen to) are skipped.
    n_process, batch_size, cache, progress, total
        As in :func:`compare.parsing.parse_stream`.

    Yields
    ------
    ArticleProfile
        In input order; each ``Doc`` is dropped once profiled.
    """
    nlp = nlp if nlp is not None else load_nlp()
    disable = profile_disable(nlp)
    if total is None and hasattr(articles, "__len__"):
        total = len(articles)  # type: ignore[arg-type]
    originals: deque[Article] = deque()  # parse_stream yields in input order

    def titled() -> Iterator[Article]:
        for a in articles:
            originals.append(a)
            yield with_title(a)

    for parsed in parse_stream(
        titled(),
        nlp=nlp,
        n_process=n_process,
        batch_size=batch_size,
        cache=cache,
        progress=progress,
        total=total,
        disable=disable,
    ):
        original = originals.popleft()
        yield article_profile(ParsedArticle(article=original, doc=parsed.doc, sentences=()))


def profile_disable(nlp) -> list[str]:
    """Components of ``nlp`` that profiles do not need (kept: NER and what it listens to)."""
    keep = set(PROFILE_COMPONENTS)
    for name in list(keep):
        if name in nlp.pipe_names:
            for other in nlp.pipe_names:
                listeners = getattr(nlp.get_pipe(other), "listening_components", None) or []
                if name in listeners:
                    keep.add(other)
    if not keep & set(nlp.pipe_names):
        return []
    return [n for n in nlp.pipe_names if n not in keep]


# ---------------------------------------------------------------------------
# Clustering


def cluster_profiles(
    profiles: Iterable[ArticleProfile],
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    threshold: float = STORY_THRESHOLD,
    max_df: int = 200,
) -> pd.DataFrame:
    """Group article profiles into stories (see the module docstring).

    Parameters
    ----------
    profiles : iterable of ArticleProfile
    window_days : float
        Most days between the first and the last article of one story.
        Articles without a readable date join on similarity alone.
    threshold : float
        Least average cosine similarity (0–1) between the articles of a story.
    max_df : int
        Features found in more articles than this do not propose pairs.

    Returns
    -------
    pandas.DataFrame
        One row per article, in input order, with columns

        - ``article``: article id;
        - ``outlet``, ``title``: as given;
        - ``date``: publication date (``datetime64``, ``NaT`` when unknown);
        - ``story``: story number, 1, 2, ... in order of each story's first
          article; an article alone is a story of its own.
    """
    check_story_options(window_days=window_days, threshold=threshold)
    profs = list(profiles)
    n = len(profs)
    dates = publication_dates(profs)
    day = np.array([d.value // 86_400_000_000_000 if not pd.isna(d) else np.iinfo(np.int64).min for d in dates], dtype=np.int64)
    known = day != np.iinfo(np.int64).min
    sim = _similarities(profs, day, known, window_days=window_days, max_df=max_df)

    # Greedy average linkage, most similar pairs first.
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    root = list(range(n))
    lo = np.where(known, day, np.iinfo(np.int64).max).tolist()
    hi = np.where(known, day, np.iinfo(np.int64).min).tolist()
    for _, i, j in sorted(
        ((v, i, j) for (i, j), v in sim.items() if v >= threshold), key=lambda e: (-round(e[0], 9), e[1], e[2])
    ):
        ri, rj = root[i], root[j]
        if ri == rj:
            continue
        if max(hi[ri], hi[rj]) - min(lo[ri], lo[rj]) > window_days and known[members[ri]].any() and known[members[rj]].any():
            continue
        cross = [sim.get((min(x, y), max(x, y)), 0.0) for x in members[ri] for y in members[rj]]
        if sum(cross) / len(cross) < threshold:
            continue
        keep, drop = (ri, rj) if ri < rj else (rj, ri)
        members[keep] = sorted(members[keep] + members.pop(drop))
        lo[keep], hi[keep] = min(lo[keep], lo[drop]), max(hi[keep], hi[drop])
        for k in members[keep]:
            root[k] = keep
    number = {r: s for s, r in enumerate(sorted(members), 1)}
    frame = pd.DataFrame(
        {
            "article": [p.article for p in profs],
            "outlet": [p.outlet for p in profs],
            "title": [p.title for p in profs],
            "date": dates.dt.tz_localize(None).dt.normalize() if n else pd.Series([], dtype="datetime64[ns]"),
            "story": pd.Series([number[root[k]] for k in range(n)], dtype="int64"),
        },
        columns=STORY_COLUMNS,
    )
    return frame


def check_story_options(*, window_days: object, threshold: object, flags: bool = False) -> None:
    """Raise a :class:`UsageError` unless ``threshold`` is in 0–1 and ``window_days`` is a finite number ≥ 0.

    With ``flags`` the messages name the command-line flags (``--threshold``,
    ``--window-days``) instead of the arguments.
    """
    for name, value, low, high in (("threshold", threshold, 0.0, 1.0), ("window_days", window_days, 0.0, math.inf)):
        shown = f"--{name.replace('_', '-')}" if flags else name
        wanted = "a number from 0 to 1" if high == 1.0 else "a number of days, 0 or more"
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise UsageTypeError(shown, f"must be {wanted}, not {value!r}")
        if not (low <= float(value) <= high) or math.isinf(float(value)):
            raise UsageError(shown, f"must be {wanted}, not {value!r}")


def publication_dates(profiles: list[ArticleProfile]) -> pd.Series:
    """Each profile's date as a UTC ``datetime64[ns]`` Series, ``NaT`` when unknown.

    A date that cannot be read is unknown. A date pandas can read but not hold
    in nanoseconds (before 1677-09-22 or after 2262-04-11, such as
    ``0001-01-01`` or ``9999-12-31``) is unknown too, with a
    :class:`~compare.errors.CompareWarning` naming the article; the article
    keeps the date as written.
    """
    raw = pd.to_datetime(pd.Series([p.date for p in profiles], dtype=object), errors="coerce", utc=True, format="mixed")
    lo, hi = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
    inside = raw.isna() | ((raw >= lo) & (raw <= hi))
    for k in np.flatnonzero(~inside.to_numpy()):
        p = profiles[k]
        warnings.warn(
            f"{one_line(p.article)}: date {one_line(p.date)!r} is outside the range of dates that can be "
            f"compared ({lo.date()} to {hi.date()}); kept as written, treated as unknown when grouping by date",
            CompareWarning,
            stacklevel=4,
        )
    return raw.where(inside).astype("datetime64[ns, UTC]")


def _similarities(
    profs: list[ArticleProfile], day: np.ndarray, known: np.ndarray, *, window_days: float, max_df: int
) -> dict[tuple[int, int], float]:
    """Cosine similarity of TF-IDF profiles for candidate pairs ``(i, j)``, ``i < j``."""
    n = len(profs)
    if n < 2:
        return {}
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, p in enumerate(profs):
        for f, c in p.features:
            postings[f].append((k, c))
    norms = np.zeros(n)
    entries: list[tuple[np.ndarray, np.ndarray]] = []
    for f in sorted(postings):
        post = postings[f]
        idf = math.log((1 + n) / (1 + len(post))) + 1.0  # smoothed: a feature every article shares still counts
        docs = np.array([k for k, _ in post], dtype=np.int64)
        vals = np.array([(1 + math.log(c)) * idf * _WEIGHTS[f[0]] for _, c in post])
        np.add.at(norms, docs, vals**2)
        if 2 <= len(post) <= max_df and idf > 0:
            entries.append((docs, vals))
    norms = np.sqrt(norms)
    keys, contrib = [], []
    for docs, vals in entries:
        a, b = np.triu_indices(len(docs), 1)
        da, db = docs[a], docs[b]
        near = ~(known[da] & known[db]) | (np.abs(day[da] - day[db]) <= window_days)
        if near.any():
            keys.append(da[near] * n + db[near])
            contrib.append(vals[a][near] * vals[b][near])
    if not keys:
        return {}
    cand, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    dot = np.bincount(inverse, weights=np.concatenate(contrib), minlength=len(cand))
    ia, ib = cand // n, cand % n
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = np.where((norms[ia] > 0) & (norms[ib] > 0), dot / (norms[ia] * norms[ib]), 0.0)
    return {(i, j): v for i, j, v in zip(ia.tolist(), ib.tolist(), cos.tolist()) if v > 0}


def cluster_stories(
    corpus: Corpus | Iterable[Article],
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    threshold: float = STORY_THRESHOLD,
    nlp=None,
    n_process: int = 1,
    batch_size: int = 64,
    cache: CacheArg = True,
    progress: bool = True,
) -> pd.DataFrame:
    """Group a corpus's articles into stories about one event each.

    Parameters
    ----------
    corpus : Corpus or iterable of Article
        For example from :func:`load_corpus`.
    window_days : float
        Most days between the first and last article of one story; articles
        about the same people further apart land in different stories.
    threshold : float
        Least average similarity (0–1) between a story's articles; higher
        gives more, smaller stories.
    nlp : spaCy Language, optional
        Defaults to :func:`compare.load_nlp`; only its entity recogniser runs.
    n_process, batch_size : int
        Passed to ``nlp.pipe``; documents are streamed, never all held.
    cache : bool or path
        Parse cache, as in :func:`compare.parsing.parse`.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per article in corpus order, columns ``article, outlet, title,
        date, story`` (see :func:`cluster_profiles`).

    Examples
    --------
    >>> stories = cluster_stories(load_corpus("seeds"), progress=False)  # doctest: +SKIP
    >>> stories["story"].nunique()  # doctest: +SKIP
    1
    """
    check_story_options(window_days=window_days, threshold=threshold)
    articles = list(corpus)
    profs = profile_articles(articles, nlp=nlp, n_process=n_process, batch_size=batch_size, cache=cache, progress=progress)
    return cluster_profiles(profs, window_days=window_days, threshold=threshold)
