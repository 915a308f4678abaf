"""The public API is small, exported and documented."""

from __future__ import annotations

import inspect

import compare


def test_every_public_name_has_a_docstring():
    for name in compare.__all__:
        obj = getattr(compare, name)
        assert inspect.getdoc(obj), f"compare.{name} has no docstring"
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and callable(member):
                    assert inspect.getdoc(member), f"compare.{name}.{attr} has no docstring"


def test_no_stdlib_sequence_matcher_anywhere():
    """rapidfuzz does all matching and diffs; the standard library's diff module is not used."""
    from helpers import ROOT

    banned = "diff" + "lib"  # spelled in two parts so this file does not match itself
    for path in [
        *ROOT.joinpath("compare").rglob("*.py"),
        *ROOT.joinpath("tests").rglob("*.py"),
        *ROOT.joinpath("benchmarks").rglob("*.py"),
    ]:
        assert banned not in path.read_text(encoding="utf-8"), path


def test_model_is_not_loaded_at_import():
    import subprocess
    import sys

    code = "import sys, compare; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
