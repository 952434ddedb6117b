"""Imports run down the house and never in a circle (docs/architecture.md).

Read from the source with `ast`, every import, those inside functions too: a late import still
ties the two modules together, it only hides it.
"""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Top first: a package may import the ones after it, never one before it.
LAYERS = ["portal", "indicators", "policy", "places", "volunteering", "toolbox", "intake", "core"]
# May import anything; nothing in the product imports them.
OUTSIDE = ["bench", "tests"]


def module_name(path: Path) -> str:
    parts = path.relative_to(BASE_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    found = {}
    for package in LAYERS + OUTSIDE:
        for path in (BASE_DIR / package).rglob("*.py"):
            found[module_name(path)] = path
    return found


def imports(path: Path, name: str, modules: dict) -> set[str]:
    """The project modules this one imports (`from a import b` is a.b where b is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports(path, name, modules) for name, path in modules.items()}


def rank(module: str) -> int | None:
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def arrows_back_up(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in edges.items():
        if rank(source) is None:
            continue  # bench and tests may import anything
        found += [f"{source} -> {target}" for target in targets
                  if rank(target) is None or rank(target) < rank(source)]
    return sorted(found)


def test_no_import_runs_back_up_the_layers():
    assert arrows_back_up(graph()) == []


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_between_or_inside_apps():
    assert circles(graph()) == []


def test_the_checks_see_an_arrow_back_up_and_a_circle():
    """The two checks above would fail on what they are there to catch."""
    edges = {"core.a": {"toolbox.b"}, "toolbox.b": {"core.a"}, "portal.c": {"bench.d"},
             "bench.d": {"portal.c"}, "tests.e": {"portal.c"}}
    assert arrows_back_up(edges) == ["core.a -> toolbox.b", "portal.c -> bench.d"]
    assert circles(edges) == [["core.a", "toolbox.b"], ["bench.d", "portal.c"]]
    # and it reads real imports, relative ones and those inside functions included
    assert {"toolbox.models", "core.markdown"} <= graph()["toolbox.views"]
