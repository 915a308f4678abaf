"""Sentence and word vectors from a model that ships inside a PyPI wheel.

The semantic signal of the toolkit: :func:`embed` turns texts into unit
vectors with `wordllama <https://github.com/dleemiller/WordLlama>`_ (static
token embeddings, weights inside the wheel, numpy inference). Nothing is
downloaded: the model is loaded from the package's own folder with downloads
disabled, once per process, lazily.

Static sentence vectors share one dominant direction, so raw cosines are all
high. :func:`centred` removes it: vectors are centred on the story's mean
(blended with the model's own mean vector when a story is too small for its
mean to be trusted) and normalised again. :func:`nearest` finds each row's best
neighbours in blocks, so memory stays linear in the number of sentences.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelNotFoundError

#: Rows needed before a story's own mean is used alone to centre its vectors.
FULL_MEAN_ROWS = 24
#: Rows per block of the blocked matrix products in :func:`nearest` (memory about ``BLOCK_ROWS × keys × 20`` bytes).
BLOCK_ROWS = 256


@functools.lru_cache(maxsize=1)
def load_embedder() -> Any:
    """The wordllama model, loaded once from its wheel with downloads disabled."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModelNotFoundError("the 'wordllama' package is not installed; install news-compare again") from exc
    folder = Path(wordllama.__file__).parent
    try:
        # WordLlama looks for its tokenizer under "tokenizer/" but the wheel has
        # "tokenizers/"; giving the package folder as the cache finds both.
        return WordLlama.load(cache_dir=folder, disable_download=True)
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise ModelNotFoundError(f"wordllama's bundled model could not be loaded from {folder}: {exc}") from exc


@functools.lru_cache(maxsize=1)
def background() -> np.ndarray:
    """The model's mean token direction: the centre used when a story is too small."""
    table = np.asarray(load_embedder().embedding, dtype=np.float32)
    rows = table / np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-9)
    mean = rows.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-9)).astype(np.float32)


@functools.lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries, found once (a scan of the process each time)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


def _blas_limit() -> Any:
    """A context that keeps BLAS to one thread (spaCy's and OpenBLAS's threads fight)."""
    controller = _blas_controller()
    if controller is None:  # pragma: no cover - a declared dependency
        import contextlib

        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


#: Characters of a text that are embedded. wordllama pads a batch to its longest text, so one
#: 200,000-character "sentence" (a base64 blob) in a batch of 64 would need 10 GB; no sentence
#: needs more than its first thousand characters to be placed.
MAX_EMBED_CHARS = 1_000
_EMBED_BATCH = 32


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, one row per text; zero rows for empty texts).

    Only the first :data:`MAX_EMBED_CHARS` characters of a text count, so memory
    stays bounded whatever the text's length.
    """
    dim = int(load_embedder().embedding.shape[1])
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    capped = [t[:MAX_EMBED_CHARS] for t in texts]
    with _blas_limit():
        vectors = np.asarray(load_embedder().embed(capped, norm=False, batch_size=_EMBED_BATCH), dtype=np.float32)
    return _normalised(vectors)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 1e-9)


def centred(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` minus their shared direction, normalised again.

    With fewer than :data:`FULL_MEAN_ROWS` rows the story's mean is blended with
    :func:`background` in proportion to the rows there are.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) == 0:
        return vectors
    weight = min(1.0, len(vectors) / FULL_MEAN_ROWS)
    centre = weight * vectors.mean(axis=0) + (1.0 - weight) * background() * float(np.mean(vectors @ background()))
    return _normalised(vectors - centre)


def nearest(queries: np.ndarray, keys: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` most similar rows of ``keys`` for each row of ``queries`` (indices, cosines), best first.

    Computed block by block (memory ``O(BLOCK_ROWS * len(keys))``, never
    ``len(queries) * len(keys)`` at once) with a partial sort, so time stays
    about ``queries × keys × dim``. Cosines are rounded to six decimals before
    ranking and ties break by the lower index, so the result is the same on
    every machine; BLAS is kept to one thread.
    """
    k = max(0, min(k, len(keys)))
    index = np.zeros((len(queries), k), dtype=np.int64)
    score = np.zeros((len(queries), k), dtype=np.float32)
    if k == 0 or len(queries) == 0:
        return index, score
    n = len(keys)
    with _blas_limit():
        for start in range(0, len(queries), BLOCK_ROWS):
            sims = np.round(queries[start : start + BLOCK_ROWS] @ keys.T, 6)
            part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(sims), 1))
            top = np.take_along_axis(sims, part, axis=1)
            order = np.lexsort((part, -top), axis=1)
            index[start : start + len(sims)] = np.take_along_axis(part, order, axis=1)
            score[start : start + len(sims)] = np.take_along_axis(top, order, axis=1)
    return index, score
