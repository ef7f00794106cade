"""Fixtures of the statistics tests: the decision tests' API clients, the hand-built dataset."""

import pytest

from tests.decisions.conftest import api  # noqa: F401 (a fixture)
from tests.reports.dataset import build


@pytest.fixture
def dataset(app, client, api):  # noqa: F811 (the fixture imported above)
    return build(app, client, api)
