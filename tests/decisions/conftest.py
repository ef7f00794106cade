"""Fixtures of the decision tests."""

import pytest

from tests.helpers import Api, token_for


@pytest.fixture
def api(app, client, users, acts):
    """API clients signed in as officer, legal, chair (commune chairman) and board."""
    with app.app_context():
        return {role: Api(client, token_for(users[role])) for role in ("officer", "legal", "chair", "board")}
