"""The package tree is the architecture: dependencies run one way, and the core never draws.

Layers, top to bottom: ``cli → terminal → stats → scheduling → progress →
instances``, with ``checking`` and the foundations (``bank``, ``ratings``, ``labs``, ``labkit``,
``paths``) underneath, ``sanitising`` (which they all may use) below them, and
``version`` at the very bottom. A module may import its own package and
any layer below its own, never one above; and no two modules may import each
other, directly or round a loop (function-level imports count: a lazy import
is still a dependency). ruff's TID251 bans rich and typer outside ``terminal``
and ``cli``; the fresh-interpreter test below checks what really gets loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "penpaper"
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__main__"}),
    frozenset({"cli"}),
    frozenset({"terminal"}),
    frozenset({"stats"}),
    frozenset({"scheduling"}),
    frozenset({"progress"}),
    frozenset({"instances"}),
    frozenset({"checking"}),
    frozenset({"bank", "ratings", "labs", "labkit", "paths"}),
    frozenset({"sanitising"}),
    frozenset({"version"}),
)
# The root package re-exports check_answer lazily for scripts: it is the public
# facade, above every layer, and nothing inside the package imports it.
FACADE = "penpaper"


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Every module of ``modules`` that ``path`` imports, at any depth of the file.

    ``from penpaper.checking import feedback`` depends on the module
    ``penpaper.checking.feedback``, not on the package's ``__init__``.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & modules
            found |= submodules or {node.module}
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in SOURCE.rglob("*.py")}
    return {name: imported_modules(path, set(paths)) - {name} for name, path in paths.items()}


def component(module: str) -> str:
    """``penpaper.stats.figures`` → ``stats``; ``penpaper.labs`` → ``labs``."""
    return module.split(".")[1] if module != FACADE else FACADE


def layer(module: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if component(module) in names)


def test_every_module_belongs_to_a_layer() -> None:
    placed = set().union(*LAYERS)
    unplaced = [module for module in import_graph() if component(module) not in placed | {FACADE}]
    assert unplaced == [], "add these to LAYERS (and to README's module map)"


def test_imports_run_down_the_layers_only() -> None:
    graph = import_graph()
    against = sorted(
        f"{importer} imports {imported}"
        for importer, imports in graph.items()
        for imported in imports
        if importer != FACADE
        and (
            imported == FACADE
            or (component(imported) != component(importer) and layer(imported) <= layer(importer))
        )
    )
    assert against == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert [" → ".join(cycle) for cycle in cycles] == []


def test_the_layer_test_sees_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a core module importing the terminal is caught."""
    fake = tmp_path / "penpaper"
    for package in ("progress", "terminal"):
        (fake / package).mkdir(parents=True)
        (fake / package / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "progress" / "store.py").write_text("from penpaper.terminal import view\n")
    (fake / "terminal" / "view.py").write_text("import penpaper.progress.store\n")
    monkeypatch.setattr(sys.modules[__name__], "SOURCE", fake)
    violation = r"penpaper\.progress\.store imports penpaper\.terminal"
    with pytest.raises(AssertionError, match=violation):
        test_imports_run_down_the_layers_only()
    with pytest.raises(AssertionError, match=r"progress\.store → penpaper\.terminal\.view"):
        test_no_import_cycles()


CORE_MODULES = {
    # package: (its modules to import, libraries that must stay unloaded)
    "bank": ("bank.loading bank.cache bank.schema", {"rich", "typer", "sympy", "numpy", "fsrs"}),
    "progress": ("progress.store progress.history", {"rich", "typer", "sympy", "numpy"}),
    "scheduling": (
        "scheduling.recording scheduling.queues",
        {"rich", "typer", "sympy", "numpy"},
    ),
    "stats": ("stats.figures", {"rich", "typer", "sympy", "numpy"}),
    "ratings": ("ratings", {"rich", "typer", "sympy", "numpy", "fsrs"}),
    "labs": ("labs", {"rich", "typer", "sympy", "numpy"}),
    # the checker loads sympy in its worker process, never on import
    "checking": ("checking checking.exercise_keys", {"rich", "typer", "sympy", "numpy"}),
    # showing an instance is a read path: exact arithmetic, no maths library
    "instances": (
        "instances.instantiate instances.expressions instances.validation",
        {"rich", "typer", "sympy", "numpy", "fsrs"},
    ),
}


@pytest.mark.parametrize("package", sorted(CORE_MODULES))
def test_core_packages_load_no_terminal_or_heavy_libraries(package: str) -> None:
    modules, banned = CORE_MODULES[package]
    imports = "; ".join(f"import penpaper.{module}" for module in modules.split())
    completed = subprocess.run(
        [sys.executable, "-c", f"import sys; {imports}; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {name.split(".")[0] for name in completed.stdout.split()}
    assert loaded & banned == set()


def test_only_the_cli_parses_arguments() -> None:
    """typer belongs to ``cli``; ``terminal`` draws with rich but takes no arguments."""
    parsing = sorted(
        module_name(path)
        for path in (SOURCE / "terminal").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        and any(
            name.split(".")[0] == "typer"
            for name in (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
        )
    )
    assert parsing == []
