"""Fixtures of the statistics tests: the decision tests' API clients, the hand-built dataset."""

import pytest

from tests.decisions.conftest import api  # noqa: F401 (a fixture)
from tests.helpers import built_once
from tests.reports.dataset import build


@pytest.fixture
def dataset(app, client, api):  # noqa: F811 (the fixture imported above)
    """The hand-built dataset: made through the API by the first test of a process, put back for the others."""
    return built_once("reports-dataset", app, lambda: build(app, client, api))


@pytest.fixture
def no_documents(monkeypatch):
    """The PDFs of the decisions and reliefs are not what the statistics' tests test: they are not rendered."""
    monkeypatch.setattr("penalties.decisions.documents.issue_document", lambda *a, **k: None)
    monkeypatch.setattr("penalties.payments.documents.issue_relief_document", lambda *a, **k: None)
