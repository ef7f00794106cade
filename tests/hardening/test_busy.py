"""When the embedded database stays locked past its wait, the answer is 503 `busy` with Retry-After — never a 500
(issue: hardening, point 7) — nothing of the request is kept, and readers never wait for the writer."""

import sqlite3

import pytest

from tests.cases.test_api_cases import case_body
from tests.helpers import Api, token_for


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["officer"]))


@pytest.fixture
def locked(app, database_url, monkeypatch):
    """Another writer holds the suite's SQLite database; our connections wait a tenth of a second for it."""
    if not database_url.startswith("sqlite"):
        pytest.skip("a write lock outliving the busy timeout is SQLite's; PostgreSQL waits on rows")
    from penalties.extensions import db

    monkeypatch.setattr("penalties.core.db.SQLITE_BUSY_MS", 100)
    with app.app_context():
        db.engine.dispose()  # new connections take the short wait
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    yield
    holder.execute("ROLLBACK")
    holder.close()
    with app.app_context():
        db.engine.dispose()


def test_a_write_that_cannot_get_the_lock_answers_busy_and_keeps_nothing(officer, locked):
    response = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02"))
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "busy" and response.headers["Retry-After"] == "2"
    listed = officer.get("/cases")  # a reader does not wait for the writer
    assert listed.status_code == 200 and listed.get_json()["items"] == []


@pytest.fixture
def officer_page(app, users, acts):
    from tests.helpers import sign_in

    client = app.test_client()
    sign_in(client, users["officer"])
    return client


def test_the_page_says_busy_in_words(officer_page, locked):
    from tests.helpers import post_form

    page = post_form(officer_page, "/cases/new", {"kind": "individual", "id_number": "001085012345"})
    assert page.status_code == 503 and page.headers["Retry-After"] == "2"
    assert "chưa có gì được lưu" in page.get_data(as_text=True)
