"""The imports of reintegration/ point down: core/ imports no domain, no two modules of
different domains import each other (directly or round a loop, function-local imports
included, since a local import is how a loop gets hidden), and the domains' own graph has
no loop beyond the few named below, each with its reason.

Read from the source with ``ast``, so the test sees every import, run or not."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from reintegration import PACKAGE_DIR

# What core/ may import from the package: itself and the extension objects.
CORE_MAY_IMPORT = {"core", "extensions"}
# Domain-to-domain imports that close a loop today, and why they are still there. Each must
# still exist (the test says when one is gone, so the list only shrinks); any other loop fails.
KNOWN_LOOP_EDGES = {
    ("people", "casework"): "registering a case schedules its follow-ups and the case file "
    "shows transfers; casework reads people's cases",
    ("casework", "imports"): "the province officer's start page counts release lists waiting",
    ("casework", "reports"): "the province officer's start page counts reports to approve",
    ("geo", "accounts"): "the administrative units' pages are for some roles only",
    ("accounts", "notifications"): "a password reset tells the user; a notice is for a user",
}


def module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """module → the package's modules it imports (``from a import b`` counts a.b when b is
    a module)."""
    modules = {module_name(path, package_dir): path for path in package_dir.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            graph[module].update(t for t in targets if t in modules and t != module)
    return graph


def domain(module: str) -> str:
    """reintegration.loans.services.workflow → loans; reintegration → the root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(root)"


def loops(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in list(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


def domain_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    domains: dict[str, set[str]] = defaultdict(set)
    for module, imported in graph.items():
        for other in imported:
            if domain(module) != domain(other) and "(root)" not in (domain(module), domain(other)):
                domains[domain(module)].add(domain(other))
    return domains


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_core_imports_no_domain(graph):
    upward = sorted(
        f"{module} imports {other}"
        for module, imported in graph.items()
        if domain(module) == "core"
        for other in imported
        if domain(other) not in CORE_MAY_IMPORT
    )
    assert upward == []


def test_no_module_loop_crosses_domains(graph):
    crossing = [sorted(c) for c in loops(graph) if len({domain(m) for m in c}) > 1]
    assert crossing == []


def test_the_only_loop_inside_a_domain_is_its_blueprint(graph):
    """A views package defines its blueprint and imports the modules that add routes to
    it, as Flask means it; any other loop is a tangle."""
    tangles = [
        sorted(component)
        for component in loops(graph)
        if not all(".views" in module or module.endswith(".views") for module in component)
    ]
    assert tangles == []


def test_views_import_no_other_domains_views(graph):
    """What two domains' pages share lives in core/ (core/views.py) or in a domain's
    forms and services, not in another domain's views."""
    borrowed = sorted(
        f"{module} imports {other}"
        for module, imported in graph.items()
        if ".views" in module
        for other in imported
        if ".views" in other and domain(other) not in (domain(module), "core")
    )
    assert borrowed == []


def test_domains_form_no_loop_but_the_known_ones(graph):
    domains = domain_graph(graph)
    gone = sorted(edge for edge in KNOWN_LOOP_EDGES if edge[1] not in domains.get(edge[0], ()))
    assert gone == [], f"no longer imported: take {gone} off KNOWN_LOOP_EDGES"
    without_known = {
        name: {other for other in imported if (name, other) not in KNOWN_LOOP_EDGES}
        for name, imported in domains.items()
    }
    assert [sorted(c) for c in loops(without_known)] == []


def test_the_check_sees_a_loop(tmp_path):
    """The checks above are not blind: a made-up package with an upward import from core and a
    loop between two domains is caught."""
    package = tmp_path / "reintegration"
    for name, source in {
        "__init__.py": "",
        "core/__init__.py": "",
        "core/auth.py": "from reintegration.accounts.models import Role\n",
        "accounts/__init__.py": "",
        "accounts/models.py": "from reintegration.loans import rules\n",
        "loans/__init__.py": "",
        "loans/rules.py": "def f():\n    from reintegration.accounts import models\n",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(source, encoding="utf-8")
    made_up = import_graph(package)
    assert "reintegration.accounts.models" in made_up["reintegration.core.auth"]
    assert [sorted(c) for c in loops(made_up)] == [
        ["reintegration.accounts.models", "reintegration.loans.rules"]
    ]
    assert [sorted(c) for c in loops(domain_graph(made_up))] == [["accounts", "loans"]]
