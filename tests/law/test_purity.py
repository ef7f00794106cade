"""`penalties.law` stays pure: stdlib and `holidays` only, no framework, no clock (STYLE, law as code)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

LAW_DIR = Path(__file__).resolve().parents[2] / "penalties" / "law"
LAW_PACKAGE = "penalties.law"
ALLOWED_THIRD_PARTY = {"holidays"}
FORBIDDEN_PREFIXES = ("flask", "sqlalchemy", "wtforms", "werkzeug")
# Reading the clock inside a rule hides an input: every date is an argument.
CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("time", "time"),
}
CLOCK_FUNCTIONS = {("time", "time"), ("time", "time_ns")}


def _package_of(path: Path) -> str:
    """Return the dotted package a law file belongs to (penalties.law, penalties.law.sub, ...)."""
    folders = path.relative_to(LAW_DIR).parts[:-1]
    return ".".join([LAW_PACKAGE, *folders])


def _resolve(node: ast.ImportFrom, package: str) -> str:
    """Turn a (possibly relative) `from ... import` into an absolute module name."""
    if node.level == 0:
        return node.module or ""
    base = package.split(".")
    if node.level - 1 >= len(base):
        return "<outside the top-level package>"
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _import_problem(module: str) -> str | None:
    """Say why importing module is not allowed in law/, or None when it is."""
    top = module.split(".", 1)[0]
    if module == LAW_PACKAGE or module.startswith(LAW_PACKAGE + "."):
        return None
    if top.startswith(FORBIDDEN_PREFIXES) or top == "penalties":
        return f"imports {module}"
    if top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
        return None
    return f"imports {module}, neither stdlib nor {sorted(ALLOWED_THIRD_PARTY)}"


def _dotted(node: ast.expr) -> tuple[str, ...]:
    """Return the name chain of an attribute access (datetime.date.today → datetime, date, today)."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return tuple(reversed(names))


def problems_in(source: str, package: str = LAW_PACKAGE) -> list[str]:
    """List the purity problems of one module's source."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            problems += filter(None, (_import_problem(alias.name) for alias in node.names))
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(node, package)
            problems += filter(None, [_import_problem(module)])
            problems += [
                f"imports the clock {module}.{alias.name}"
                for alias in node.names
                if (module, alias.name) in CLOCK_FUNCTIONS
            ]
        elif isinstance(node, ast.Attribute) and _dotted(node)[-2:] in CLOCK_CALLS:
            problems.append(f"reads the clock: {'.'.join(_dotted(node))} (line {node.lineno})")
    return problems


LAW_FILES = sorted(LAW_DIR.rglob("*.py"))


def test_law_package_has_the_expected_modules() -> None:
    names = {path.name for path in LAW_FILES}
    assert {"__init__.py", "calendar.py", "errors.py", "words.py"} <= names


@pytest.mark.parametrize("path", LAW_FILES, ids=lambda p: str(p.relative_to(LAW_DIR)))
def test_law_module_is_pure(path: Path) -> None:
    assert problems_in(path.read_text(encoding="utf-8"), _package_of(path)) == []


@pytest.mark.parametrize(
    "source",
    [
        "import flask",
        "from flask import current_app",
        "import flask_login",
        "from sqlalchemy.orm import Session",
        "import wtforms",
        "from werkzeug.exceptions import NotFound",
        "from penalties.extensions import db",
        "import penalties.cases.models",
        "from .. import config",
        "from ..core import db",
        "import requests",
        "from datetime import date\nx = date.today()",
        "import datetime\nx = datetime.datetime.now()",
        "from datetime import datetime\nx = datetime.utcnow()",
        "import time\nx = time.time()",
        "from time import time",
        "from datetime import date\nfrom dataclasses import field\nf = field(default_factory=date.today)",
    ],
)
def test_checker_catches(source: str) -> None:
    assert problems_in(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "from datetime import date, timedelta",
        "import holidays",
        "from holidays import country_holidays",
        "from penalties.law.errors import RuleViolation",
        "from .errors import RuleViolation",
        "from . import calendar",
        "from __future__ import annotations",
        "import calendar\nx = calendar.monthrange(2026, 2)",
    ],
)
def test_checker_allows(source: str) -> None:
    assert problems_in(source) == []


def test_relative_import_from_a_subpackage_may_stay_inside_law() -> None:
    assert problems_in("from ..errors import RuleViolation", "penalties.law.sub") == []
    assert problems_in("from ...core import db", "penalties.law.sub") != []
