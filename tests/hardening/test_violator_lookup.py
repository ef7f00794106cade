"""The violator look-up stays within the user's units (issue: hardening, point 9): an officer of another ward
learns that a possible repeat offence exists — the unit and day of the last decision — not the person."""

import pytest

from tests.hardening.world import build_other_ward
from tests.helpers import built_once, post_form, sign_in


@pytest.fixture
def world(app, client, users, acts):
    return built_once("other-ward", app, lambda: build_other_ward(app, client))


def _lookup(app, user_id, id_number):
    client = app.test_client()
    sign_in(client, user_id)
    return client.get(f"/cases/violators/lookup?kind=individual&id_number={id_number}").get_json()


def test_another_wards_person_is_not_shown_only_the_last_decision(app, users, world):
    seen = _lookup(app, users["officer"], world.id_number)
    assert seen["found"] is False
    assert seen["elsewhere"] == {"unit": "Phường Nhật Tân", "issued_on": "04/03/2026"}
    assert not {"name", "birth_date", "address", "representative", "cases", "decisions"} & set(seen)
    assert "Lê Thị Hoa" not in str(seen)


def test_the_persons_own_ward_and_the_district_above_see_them(app, users, world):
    from tests.helpers import make_user

    with app.app_context():
        district = make_user("canbo.quan", "officer", "HN-TH")
    for user_id in (world.legal_id, district):
        seen = _lookup(app, user_id, world.id_number)
        assert seen["found"] is True and seen["name"] == "Lê Thị Hoa" and seen["birth_date"] == "03/02/1990"
        assert len(seen["cases"]) == 1 and seen["decisions"]


def test_a_person_without_decisions_elsewhere_is_simply_not_found(app, client, users, acts):
    from tests.cases.test_api_cases import case_body, person
    from tests.hardening.world import OTHER
    from tests.helpers import Api, make_user, token_for

    with app.app_context():
        other = Api(client, token_for(make_user("canbo.nt", "officer", OTHER)))
    violator = person(name="Phạm Văn Cường")
    assert other.post("/cases", case_body(["GT-7-2h"], "2026-03-02", unit=OTHER, violator=violator)).status_code == 201
    assert _lookup(app, users["officer"], violator["id_number"]) == {"found": False}


def test_the_record_form_names_the_other_unit_not_the_person(app, users, world):
    client = app.test_client()
    sign_in(client, users["officer"])
    page = post_form(client, "/cases/new", {"kind": "individual", "id_number": world.id_number}, page="/cases/new")
    body = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Phường Nhật Tân" in body and "04/03/2026" in body
    assert "Lê Thị Hoa" not in body and "03/02/1990" not in body
