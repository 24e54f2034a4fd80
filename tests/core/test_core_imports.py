"""``core`` imports no feature app: the apps plug themselves in from ``AppConfig.ready``."""

import ast
from pathlib import Path

import verbund.core

FEATURE_APPS = {
    "networks",
    "courses",
    "needs",
    "advice",
    "exams",
    "events",
    "economy",
    "apprenticeship",
    "mobility",
}
CORE = Path(verbund.core.__file__).parent


def _imported_modules(tree: ast.AST, package: str) -> set[str]:
    """Every module an ``import`` or ``from ... import`` names, anywhere in the file."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _imports_by_name(node):
            found.add(str(node.args[0].value))
    return found


def _imports_by_name(call: ast.Call) -> bool:
    """``__import__("verbund.x")`` or ``import_module("verbund.x")`` with a literal name."""
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
    literal = bool(call.args) and isinstance(call.args[0], ast.Constant)
    return name in {"__import__", "import_module"} and literal


def _feature_app(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "verbund" and parts[1] in FEATURE_APPS:
        return parts[1]
    return None


def core_modules():
    for path in sorted(CORE.rglob("*.py")):
        if "migrations" in path.relative_to(CORE).parts:
            continue
        yield path


def test_the_import_graph_of_core_names_no_feature_app():
    offending = []
    for path in core_modules():
        relative = path.relative_to(CORE.parent.parent)
        package = ".".join(relative.with_suffix("").parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for module in sorted(_imported_modules(tree, package)):
            if _feature_app(module):
                offending.append(f"{relative}: {module}")
    assert offending == []


def test_the_check_sees_imports_inside_functions_and_relative_ones():
    source = (
        "def f():\n"
        "    from verbund.exams.models import Claim\n"
        "from ...networks import models\n"
        "import verbund.courses.services\n"
        "importlib.import_module('verbund.mobility.models')\n"
    )
    found = _imported_modules(ast.parse(source), "verbund.core.services")
    apps = {_feature_app(module) for module in found} - {None}
    assert apps == {"exams", "networks", "courses", "mobility"}
    assert list(core_modules())
