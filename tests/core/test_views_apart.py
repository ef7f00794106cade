"""No view module imports another feature's views (STYLE, "the house"): a page that shows several features' parts
asks each for its panel (decisions.page.panel), and a feature posts its forms through decisions.page.submit."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "penalties"
VIEWS = sorted(PACKAGE.glob("*/views.py"))


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):  # imports inside functions count too: a deferred import is still a dependency
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.parent.name)
def test_a_view_module_imports_no_other_features_views(path):
    feature = path.parent.name
    imported = _imported(ast.parse(path.read_text(encoding="utf-8")))
    others = {name for name in imported if name.endswith(".views") and name != f"penalties.{feature}.views"}
    assert not others, f"{feature}/views.py imports {sorted(others)}"


def test_the_decision_page_has_every_features_panel(app):
    from penalties.decisions import page

    assert {panel.__module__ for panel in page.panels()} >= {
        "penalties.decisions.views",
        "penalties.payments.views",
        "penalties.appeals.views",
    }
