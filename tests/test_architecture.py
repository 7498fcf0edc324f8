"""The import graph of ``blogtool``: no cycles between modules, counting the imports made
inside functions (a cycle hidden in a function is still a cycle)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "blogtool"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every blogtool module ``path`` imports, wherever the import statement stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from .x import y` imports module x.y when y is a module, else x
            targets = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules
                       else prefix for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # a package's __init__ re-exporting its modules is not a dependency of theirs
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checker_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    assert "blogtool.build.site" in graph["blogtool.cli.build"]      # imported inside command()


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


# Layers, top to bottom: a module may import its own layer and the layers below it, never a
# layer above. Commands use the build; the build uses the engines; engines use only the shared
# vocabulary (errors, dates, URLs, models, labels).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("cli", ("blogtool.cli",)),
    ("commands", ("blogtool.commands",)),
    ("build", ("blogtool.build",)),
    ("engines", ("blogtool.markup", "blogtool.liquid", "blogtool.theme", "blogtool.filters",
                 "blogtool.search")),
    ("shared", ("blogtool.errors", "blogtool.labels", "blogtool.models", "blogtool.timeutil",
                "blogtool.rubytime", "blogtool.urls")),
]


def layer_of(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in sorted(graph.items()):
        rank = layer_of(module)
        for target in sorted(targets):
            other = layer_of(target)
            if rank is not None and other is not None and other < rank:
                found.append(f"{module} ({LAYERS[rank][0]}) imports {target} "
                             f"({LAYERS[other][0]})")
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in import_graph() if m != "blogtool" and layer_of(m) is None
                and not m.startswith("blogtool.templates")]
    assert unplaced == []


def test_the_layer_checker_finds_an_upward_import() -> None:
    graph = {"blogtool.markup.code": {"blogtool.build.site"},
             "blogtool.build.site": {"blogtool.markup.code", "blogtool.errors"}}
    assert layer_violations(graph) == [
        "blogtool.markup.code (engines) imports blogtool.build.site (build)"]


def test_no_layer_imports_a_layer_above_it() -> None:
    assert layer_violations(import_graph()) == []
