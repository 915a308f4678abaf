"""Settings for every test run from the repository root, doctests in ``compare/`` included.

The shared fixtures are in ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests parse into their own cache folder, never the user's ~/.cache/compare."""
    import os

    old = os.environ.get("COMPARE_CACHE_DIR")
    os.environ["COMPARE_CACHE_DIR"] = str(tmp_path_factory.mktemp("compare-cache"))
    yield
    if old is None:
        os.environ.pop("COMPARE_CACHE_DIR", None)
    else:
        os.environ["COMPARE_CACHE_DIR"] = old
