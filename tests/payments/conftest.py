"""Fixtures of the money tests: the decision tests' API clients."""

from tests.decisions.conftest import api  # noqa: F401 (a fixture)
