"""Fixtures: one throw-away database per run (and per xdist worker), SQLite or PostgreSQL.

TEST_DATABASE=sqlite (default) or postgresql; PostgreSQL is reached at TEST_PG_URL
(default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) and a database is created for the run.
The schema is built by the migrations, as in production; every test starts from empty tables.
"""

import os
import re
import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import settings

from tests import helpers

# Property tests check the law, not the machine's speed: no per-example deadline (never assert a timing).
settings.register_profile("penalties", deadline=None)
settings.load_profile("penalties")

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
RUN_ID = os.environ.get("TEST_RUN_ID") or uuid.uuid4().hex[:8]


def _postgres_url(tmp_path_factory) -> tuple[str, callable]:
    admin_url = os.environ.get("TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    name = f"penalties_test_{RUN_ID}_{WORKER}".lower()
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return re.sub(r"/[^/]*$", f"/{name}", admin_url), drop


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgresql":
        url, drop = _postgres_url(tmp_path_factory)
        yield url
        drop()
    else:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ["DATABASE_URL"] = database_url
    os.environ["PENALTIES_INSTANCE"] = str(tmp_path_factory.mktemp("instance"))
    from flask_migrate import upgrade

    from penalties import create_app

    application = create_app({"ENV_NAME": "testing", "SECRET_KEY": "test-secret"})
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        from penalties.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after a test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        helpers.empty_tables()


@pytest.fixture
def ctx(app):
    """An application context for tests that call operations directly."""
    with app.app_context():
        yield
        from penalties.extensions import db

        db.session.rollback()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def reference(app):
    """The reference seed of SPEC §5: sectors, circumstances."""
    with app.app_context():
        from penalties.seeds.reference import seed_reference

        seed_reference()
    return True


@pytest.fixture
def units(app):
    """A province, a district and two wards; returns their codes."""
    with app.app_context():
        return helpers.make_units()


@pytest.fixture
def users(app, units):
    """One user of each role (username = role); the legal user is a commune chairman."""
    with app.app_context():
        return helpers.make_users()


@pytest.fixture
def today() -> date:
    return date(2026, 3, 2)


def pytest_report_header(config):
    return f"database: {os.environ.get('TEST_DATABASE', 'sqlite')}"


@pytest.fixture
def acts(app, reference):
    """The acts of SPEC §3 with their real ranges (the demo catalogue)."""
    with app.app_context():
        from penalties.catalogue.operations import create_act
        from penalties.extensions import db
        from penalties.seeds.demo import ACTS

        for data in ACTS:
            create_act(data, actor=None)
        db.session.commit()
    return {a.code: a for a in ACTS}
