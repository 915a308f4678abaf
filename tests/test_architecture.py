"""The package's layers: imports point down only, no cycles, no private names across modules.

Layers (see the README's tour):

- L0 text and data: errors, vocab, settings, escape, lexicons, speaker_words, normalize, numbers, diffs, syntax, embeddings, language, datelines, snippets, quotemarks
- L1 documents: articles (records, readers, frontmatter, files, fields), corpus, parsing (pieces, parse_cache), fetch
- L2 analyses: alignment, quotes, reported, speakers, people, copies, framing, wording, clustering, facts.*
- L3 facade and views: comparison, render, plots, classroom
- L4 entry points: cli, distributed, __main__

A module may import its own layer or lower ones. The one exception: an
``_repr_html_`` method may import the view layer lazily (an article renders
itself through :mod:`compare.render`). Imports under ``if TYPE_CHECKING:`` are
for type checkers only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "compare"
LAYERS = {
    0: {
        "errors",
        "vocab",
        "settings",
        "escape",
        "lexicons",
        "normalize",
        "numbers",
        "diffs",
        "syntax",
        "embeddings",
        "language",
        "datelines",
        "dates",
        "snippets",
        "disjoint",
        "quotemarks",
        "speaker_words",
    },
    1: {
        "articles",
        "records",
        "readers",
        "frontmatter",
        "files",
        "fields",
        "pieces",
        "parse_cache",
        "corpus",
        "parsing",
        "fetch",
    },
    2: {
        "alignment",
        "pairs",
        "pairs_legacy",
        "quotes",
        "reported",
        "framing",
        "framing_rules",
        "framing_score",
        "wording",
        "clustering",
        "facts",
        "copies",
        "speakers",
        "people",
    },
    3: {"comparison", "render", "plots", "classroom", "marks", "cards", "charts", "tables", "templating", "prompts", "worksheet"},
    4: {"cli", "distributed", "__main__"},
}
LAYER_OF = {name: layer for layer, names in LAYERS.items() for name in names}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts) if parts else "__init__"


def top(name: str) -> str:
    return name.split(".")[0]


def _resolve(module: str, node: ast.ImportFrom) -> list[str]:
    """Package-relative module names an ``ImportFrom`` node reads (``facts.units``, ...)."""
    if node.level == 0:
        if not (node.module or "").startswith("compare"):
            return []
        base = (node.module or "").removeprefix("compare").lstrip(".")
    else:
        here = module.split(".") if module != "__init__" else []
        is_package = (PACKAGE / Path(*here) / "__init__.py").exists() if here else True
        anchor = here if is_package else here[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, node.module] if node.module else anchor)
    if base:
        return [base]
    return [alias.name for alias in node.names]  # "from . import facts"


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.found: list[tuple[str, int, str, bool]] = []  # (target, line, names, lazy-in-repr)
        self._in_repr = False
        self._in_type_checking = False

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if test in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            return  # imports for type checkers only
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        was = self._in_repr
        self._in_repr = node.name == "_repr_html_"
        self.generic_visit(node)
        self._in_repr = was

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for target in _resolve(self.module, node):
            names = ",".join(a.name for a in node.names)
            self.found.append((target, node.lineno, names, self._in_repr))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith("compare."):
                self.found.append((alias.name.removeprefix("compare."), node.lineno, "", self._in_repr))


def all_imports() -> dict[str, list[tuple[str, int, str, bool]]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        visitor = _Imports(module)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        out[module] = visitor.found
    return out


IMPORTS = all_imports()


def test_every_module_has_a_layer():
    unplaced = sorted({top(m) for m in IMPORTS} - set(LAYER_OF) - {"__init__"})
    assert not unplaced, f"place these modules in a layer (tests/test_architecture.py): {unplaced}"


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if m != "__init__"))
def test_imports_point_down(module):
    mine = LAYER_OF[top(module)]
    upward = [
        f"line {line}: {target} (layer {LAYER_OF.get(top(target))})"
        for target, line, _, lazy_repr in IMPORTS[module]
        if top(target) in LAYER_OF and LAYER_OF[top(target)] > mine and not (lazy_repr and LAYER_OF[top(target)] == 3)
    ]
    assert not upward, f"{module} (layer {mine}) imports upward: {upward}"


def test_no_cycles():
    graph: dict[str, set[str]] = {m: set() for m in IMPORTS}
    for module, found in IMPORTS.items():
        for target, _, _, lazy_repr in found:
            if lazy_repr or target == module:
                continue
            # a package's __init__ re-exports its modules: importing it means importing them
            if target in graph:
                graph[module].add(target)
            elif top(target) in graph:
                graph[module].add(top(target))
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt == "__init__":
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node != "__init__" and state.get(node) is None:
            visit(node)


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_no_private_names_across_modules(module):
    private = [
        f"line {line}: from {target} import {name}"
        for target, line, names, _ in IMPORTS[module]
        for name in names.split(",")
        if name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert not private, f"{module} imports private names: {private}"


def test_the_checker_sees_an_upward_import(tmp_path):
    """The rules above must be able to fail: an L0 module importing the facade is caught."""
    tree = ast.parse("from .comparison import Comparison\nfrom ._x import _hidden\n")
    visitor = _Imports("vocab")
    visitor.visit(tree)
    targets = [t for t, *_ in visitor.found]
    assert targets == ["comparison", "_x"]
    assert LAYER_OF["comparison"] > LAYER_OF["vocab"]
    assert visitor.found[1][2] == "_hidden"


def test_facts_is_a_package_of_small_modules():
    assert not (PACKAGE / "facts.py").exists()
    modules = sorted((PACKAGE / "facts").glob("*.py"))
    assert len(modules) >= 6
    for path in modules:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
