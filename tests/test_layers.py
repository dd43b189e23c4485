"""The layers of the style guide, read from the source with ``ast`` (imports inside functions too).

``test_privacy_guards.test_engine_packages_never_import_qt`` imports the engine and looks at
``sys.modules``; it cannot see an import that sits inside a function nobody called. These tests
read every ``import`` and ``from ... import`` node of every module, wherever it sits.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sa_testing import REPO

SRC = REPO / "src"
PACKAGE = "session_assistant"
ENGINE_PACKAGES = ("vault", "audio", "transcribe", "drafting", "documents", "jobs", "chart")
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
ABOVE_ENGINE = ("services", "ui", "commands", "app", "cli", "selfcheck", "__main__")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, int]]:
    """Every module ``name`` imports, as (dotted name, line), at any depth of its code.

    ``from pkg import x`` names ``pkg.x`` when that is a module of ours, else ``pkg``.
    ``importlib.import_module("...")`` with a constant name counts as an import too.
    """
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in MODULES else target, node.lineno))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.args[0].value, node.lineno))
    return found


def _ours(target: str) -> str | None:
    """The module of this package that ``target`` names (itself or the nearest enclosing one)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def test_the_reader_sees_imports_inside_functions():
    # A check of the check: session_pipeline imports draft_chart inside a method, not at the top.
    targets = {t for t, _ in _imports(f"{PACKAGE}.services.session_pipeline")}
    assert f"{PACKAGE}.services.draft_chart" in targets


def test_engine_packages_import_neither_qt_nor_the_layers_above():
    wrong = []
    for name in MODULES:
        layer = name.split(".")[1] if "." in name else ""
        if layer not in ENGINE_PACKAGES:
            continue
        for target, line in _imports(name):
            top = target.split(".")
            if top[0] in QT or (top[0] == PACKAGE and len(top) > 1 and top[1] in ABOVE_ENGINE):
                wrong.append(f"{MODULES[name].relative_to(REPO)}:{line} imports {target}")
    assert not wrong, "engine packages must not import Qt or services/ui/commands:\n" + "\n".join(wrong)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for target, _ in _imports(name):
            module = _ours(target) if target.startswith(PACKAGE) else None
            if module and module != name:
                graph[name].add(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_between_modules():
    cycles = _cycles(_graph())
    assert not cycles, "import cycles (each line: modules that import each other, directly or around):\n" + \
        "\n".join(" <-> ".join(c) for c in cycles)


def test_services_are_built_only_in_the_composition_root():
    """Only ``app.Practice`` builds services; the window and the commands are handed them."""
    service_classes = set()
    for name, path in MODULES.items():
        if name.startswith(f"{PACKAGE}.services."):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            service_classes |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)
                                and (n.name.endswith("Service") or n.name == "SessionPipeline")}
    assert {"RecordingService", "DocumentService", "ClientService"} <= service_classes
    built = []
    for name, path in MODULES.items():
        if name.startswith(f"{PACKAGE}.services") or name == f"{PACKAGE}.app":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if called in service_classes:
                    built.append(f"{path.relative_to(REPO)}:{node.lineno} builds {called}")
    assert not built, "\n".join(built)


_SQL_ALLOWED_FOR_NOW: set[str] = set()  # none left: the chart tabs read through the chart services


def test_no_sql_above_the_services():
    """The window and the commands read and write through services, never with SQL of their own."""
    found = []
    for name, path in MODULES.items():
        layer = name.split(".")[1] if "." in name else ""
        if layer not in ("ui", "commands", "cli", "app") or name in _SQL_ALLOWED_FOR_NOW:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript"):
                found.append(f"{path.relative_to(REPO)}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.Attribute) and node.attr == "db" and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "vault":
                found.append(f"{path.relative_to(REPO)}:{node.lineno} reaches vault.db")
    assert not found, "\n".join(found)


def test_the_window_code_is_grouped_by_screen():
    """ui/ holds packages, one per screen (and shell/common for what they share), no loose modules."""
    ui = SRC / PACKAGE / "ui"
    loose = [p.name for p in ui.glob("*.py") if p.name != "__init__.py"]
    packages = [p.name for p in ui.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert not loose, f"ui modules outside a screen package: {loose}"
    assert {"agenda", "chart", "session", "note", "summary", "settings"} <= set(packages)
