"""What the layout promises (README, "Layout"): small functions in the app, the API never reading a view."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 60


def app_modules():
    """claims/ without the migrations (generated)."""
    for path in sorted((ROOT / "claims").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" not in relative.parts:
            yield path


def test_no_function_in_the_app_is_over_60_lines():
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in app_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def imported_modules(path):
    tree = ast.parse(path.read_text())
    return {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }


def test_the_api_and_the_sitemap_read_queries_never_views():
    for name in ("api.py", "sitemaps.py", "feeds.py"):
        modules = imported_modules(ROOT / "claims" / "public" / name)
        ours = {m for m in modules if m.startswith((".", "claims"))}
        assert not {m for m in ours if m.endswith("views") or ".views." in m}, name


def test_the_public_site_never_imports_the_desk():
    for path in sorted((ROOT / "claims" / "public").rglob("*.py")):
        assert not {m for m in imported_modules(path) if "desk" in m.split(".")}, path.name
