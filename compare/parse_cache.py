"""The on-disk cache of parsed documents, and the checks an entry must pass to be used.

One file per article and pipeline: ``<folder>/<pipeline key>/<2 hex>/<sha256 of text>.spacy``
under :func:`cache_dir` (``COMPARE_CACHE_DIR`` or ``~/.cache/compare``). The
pipeline key (:func:`pipeline_key`) covers the pipeline's name, version,
enabled components and config, so another model gets other entries.

An entry is one header line ``compare-parse-cache <format> <checksum>`` and the
spaCy ``DocBin`` bytes. The checksum is a SHA-256 HMAC of the bytes keyed by the
article's text and the pipeline key. Before an entry is used (:func:`read_entry`)
it must:

- carry the checksum of its bytes for this text and this pipeline (catches
  truncated, corrupt, hand-edited or copied entries, and bytes written by
  anything else);
- hold exactly one document whose text is the article's text;
- carry the annotations of every enabled component it can be checked for
  (sentence boundaries for a parser, senter or sentencizer; entity tags for
  ``ner``; tags, lemmas, dependencies, morphology for the others).

Anything else is parsed again, with a :class:`~compare.errors.CompareWarning`
naming the entry; a cache entry is never trusted into the results. The
checksum is not a secret: someone who can write the cache folder and knows the
scheme can still forge an entry, so keep the cache folder private (the
default is in the user's own cache folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import tempfile
import warnings
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Union

from .errors import CompareWarning

__all__ = ["CACHE_FORMAT", "cache_dir", "entry_path", "model_id", "pipeline_key", "read_entry", "resolve_cache", "write_entry"]

#: ``cache=`` values: on (default folder), off, or a folder.
CacheArg = Union[bool, str, "PathLike[str]", None]
#: Bumped when the layout of cache entries or the way they are made changes (2: header line with a
#: checksum; 3: the loaded pipeline starts a sentence at each paragraph break before parsing).
CACHE_FORMAT = 3
_MAGIC = b"compare-parse-cache"
_WARNED_UNWRITABLE = False

#: Annotations a component must leave on every non-empty document it processed.
_COMPONENT_ANNOTATIONS = {
    "parser": ("DEP", "SENT_START"),
    "senter": ("SENT_START",),
    "sentencizer": ("SENT_START",),
    "ner": ("ENT_IOB",),
    "tagger": ("TAG",),
    "morphologizer": ("MORPH",),
    "lemmatizer": ("LEMMA",),
}


def model_id(nlp) -> str:
    """``lang_name-version`` of a loaded pipeline (part of cache keys and reports)."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def cache_dir() -> Path:
    """Folder of the parse cache: ``COMPARE_CACHE_DIR``, else the user cache folder.

    The default is ``$XDG_CACHE_HOME/compare`` (``~/.cache/compare``), or
    ``%LOCALAPPDATA%\\compare\\Cache`` on Windows. Delete the folder to clear the cache.
    """
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "compare" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "compare"


def pipeline_key(nlp, disable: Sequence[str] = ()) -> str:
    """What a cached document depends on besides its text.

    The pipeline's name and version (:func:`model_id`), the spaCy version, the
    enabled components and a fingerprint of the pipeline config: a new model,
    a retrained one or a pipeline with other components gets other entries.
    """
    import spacy

    try:
        config = nlp.config.to_str()
    except Exception:  # pragma: no cover - a pipeline without a serialisable config
        config = ""
    enabled = [n for n in nlp.pipe_names if n not in disable]
    parts = [model_id(nlp), spacy.__version__, ",".join(enabled), config, str(CACHE_FORMAT)]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{_safe(model_id(nlp))}-{digest}"


def resolve_cache(cache: CacheArg, nlp, disable: Sequence[str] = ()) -> Path | None:
    """The folder of this pipeline's entries for a ``cache=`` argument, or None when caching is off."""
    if cache is False or cache is None:
        return None
    base = cache_dir() if cache is True else Path(cache).expanduser()
    return base / pipeline_key(nlp, disable)


def entry_path(folder: Path, text: str) -> Path:
    """Where the entry of ``text`` lives in a pipeline's cache folder."""
    h = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / h[:2] / f"{h}.spacy"


def checksum(payload: bytes, text: str, folder: Path) -> str:
    """HMAC-SHA-256 of an entry's ``DocBin`` bytes, keyed by the text and the pipeline key (``folder.name``)."""
    key = hashlib.sha256(folder.name.encode("utf-8") + b"\x1f" + text.encode("utf-8", "surrogatepass")).digest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _check_doc(doc, text: str, enabled: Sequence[str]) -> None:
    """Raise ValueError when ``doc`` is not what the enabled pipeline makes of ``text``."""
    if doc.text != text:
        raise ValueError("entry does not hold this article's text")
    if len(doc) == 0:
        return
    for name in enabled:
        for attr in _COMPONENT_ANNOTATIONS.get(name, ()):
            if not doc.has_annotation(attr):
                what = "sentence boundaries" if attr == "SENT_START" else f"{attr} annotations"
                raise ValueError(f"entry has no {what} although the pipeline's '{name}' sets them")


def read_entry(path: Path, nlp, text: str, disable: Sequence[str] = ()):
    """The cached ``Doc`` for ``text`` when the entry passes every check, else None (with a warning)."""
    from spacy.tokens import DocBin

    try:
        data = path.read_bytes()
        header, sep, payload = data.partition(b"\n")
        fields = header.split(b" ")
        if not sep or len(fields) != 3 or fields[0] != _MAGIC:
            raise ValueError("no compare cache header (an entry of an older version, or not written by compare)")
        if fields[1] != str(CACHE_FORMAT).encode():
            raise ValueError(f"cache format {fields[1][:8]!r}, expected {CACHE_FORMAT}")
        if not hmac.compare_digest(fields[2], checksum(payload, text, path.parent.parent).encode()):
            raise ValueError("checksum does not match: the entry was truncated, changed or copied")
        docs = list(DocBin().from_bytes(payload).get_docs(nlp.vocab))
        if len(docs) != 1:
            raise ValueError(f"entry holds {len(docs)} documents, not 1")
        _check_doc(docs[0], text, [n for n in nlp.pipe_names if n not in disable])
        return docs[0]
    except Exception as e:  # any unusable entry: warn, parse again, never crash
        warnings.warn(
            f"{path}: ignoring unreadable parse-cache entry ({type(e).__name__}: {e}); parsing again",
            CompareWarning,
            stacklevel=4,
        )
        return None


def write_entry(path: Path, doc) -> None:
    """Store ``doc`` atomically with its checksum; a cache that cannot be written is only a warning."""
    from spacy.tokens import DocBin

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = DocBin(store_user_data=False, docs=[doc]).to_bytes()
        header = b" ".join([_MAGIC, str(CACHE_FORMAT).encode(), checksum(payload, doc.text, path.parent.parent).encode()])
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(header + b"\n" + payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        global _WARNED_UNWRITABLE
        if not _WARNED_UNWRITABLE:
            _WARNED_UNWRITABLE = True
            warnings.warn(
                f"{path.parent}: cannot write the parse cache ({e}); set COMPARE_CACHE_DIR "
                "to a writable folder or pass cache=False",
                CompareWarning,
                stacklevel=4,
            )


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s)
