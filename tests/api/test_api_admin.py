"""Admin endpoints for units, users and acts (API.md); bad input gets a field error and saves nothing."""

import pytest
import sqlalchemy as sa

from penalties.auth.models import User
from penalties.catalogue.models import Act
from penalties.extensions import db
from penalties.units.models import Unit
from tests.helpers import Api, token_for


@pytest.fixture
def admin(app, client, users, reference):
    with app.app_context():
        return Api(client, token_for(users["admin"]))


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


ACT = {
    "code": "GT-7-7c",
    "sector": "giao_thong_duong_bo",
    "legal_basis": "Điểm c khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP",
    "description": "Không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
    "fine_min": 4_000_000,
    "fine_max": 6_000_000,
    "valid_from": "2025-01-01",
    "warning_allowed": False,
    "additional_sanctions": [],
    "remedial_measures": [],
}


def test_create_unit_and_list_the_tree(admin):
    created = admin.post(
        "/units", {"code": "HN-TH-BUOI", "name": "Phường Bưởi", "level": "commune", "parent_code": "HN-TH"}
    )
    assert created.status_code == 201
    assert {"code": "HN-TH-BUOI", "level": "commune", "parent_code": "HN-TH"}.items() <= created.get_json().items()
    items = admin.get("/units").get_json()["items"]
    assert {"code": "HN-TH-BUOI", "name": "Phường Bưởi", "level": "commune", "parent_code": "HN-TH"}.items() <= next(
        u for u in items if u["code"] == "HN-TH-BUOI"
    ).items()


def test_create_user_with_position_and_delegation(app, admin):
    body = {
        "username": "pho.chutich",
        "password": "Mat-khau-2026",
        "role": "legal",
        "unit": "HN-TH-PT",
        "position": "chu_tich_ubnd_xa",
        "full_name": "Vũ Văn Phó",
        "delegation": {"number": "12/QĐ-UBND", "date": "2026-01-05"},
    }
    response = admin.post("/users", body)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["delegation"] == {"number": "12/QĐ-UBND", "date": "2026-01-05"}
    assert admin.post("/users", body).status_code == 409


def test_create_act_defaults_organisation_to_double(admin):
    response = admin.post("/acts", ACT)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["org_fine_min"], body["org_fine_max"], body["valid_to"]) == (8_000_000, 12_000_000, None)
    listed = admin.get("/acts?sector=giao_thong_duong_bo&q=den tin hieu").get_json()
    assert [a["code"] for a in listed["items"]] == ["GT-7-7c"] and listed["next_cursor"] is None


def test_acts_valid_from_defaults_to_2022(admin):
    body = {k: v for k, v in ACT.items() if k != "valid_from"}
    assert admin.post("/acts", body).get_json()["valid_from"] == "2022-01-01"


BAD = [
    ("/units", {"code": "", "name": "X", "level": "commune", "parent_code": "HN"}, 422, "code"),
    ("/units", {"code": "X" * 33, "name": "X", "level": "commune", "parent_code": "HN"}, 422, "code"),
    ("/units", {"code": "HN-Y", "name": "X", "level": "hamlet", "parent_code": "HN"}, 422, "level"),
    ("/units", {"code": "HN-Y", "name": "X", "level": "commune", "parent_code": "NOPE"}, 422, "parent_code"),
    ("/units", {"code": "HN", "name": "Trùng", "level": "province"}, 409, "code"),
    ("/units", {"code": 5, "name": "X", "level": "commune"}, 400, "code"),
    ("/users", {"username": "u1", "password": "Mat-khau-2026", "role": "chief", "unit": "HN-TH-PT"}, 422, "role"),
    ("/users", {"username": "u1", "password": "Mat-khau-2026", "role": "legal", "unit": "NOPE"}, 422, "unit"),
    (
        "/users",
        {"username": "u1", "password": "Mat-khau-2026", "role": "legal", "unit": "HN-TH-PT", "position": "vua"},
        422,
        "position",
    ),
    ("/users", {"username": "u1", "password": "Mat-khau-2026", "role": "legal"}, 422, "unit"),
    (
        "/users",
        {"username": "admin", "password": "Mat-khau-2026", "role": "legal", "unit": "HN-TH-PT"},
        409,
        "username",
    ),
    ("/users", {"username": "u1", "password": "short", "role": "legal", "unit": "HN-TH-PT"}, 422, "password"),
    ("/users", {"username": "u1", "password": "Mat-khau-2026", "role": ["legal"], "unit": "HN-TH-PT"}, 400, "role"),
    ("/users", {"username": "u1", "role": "legal", "unit": "HN-TH-PT"}, 422, "password"),
    ("/acts", {**ACT, "fine_min": 7_000_000}, 422, "fine_min"),
    ("/acts", {**ACT, "org_fine_min": 9, "org_fine_max": 1}, 422, "org_fine_min"),
    ("/acts", {**ACT, "sector": "no_such_sector"}, 422, "sector"),
    ("/acts", {**ACT, "fine_min": "4000000"}, 400, "fine_min"),
    ("/acts", {**ACT, "fine_min": -1}, 422, "fine_min"),
    ("/acts", {**ACT, "fine_max": 1.5}, 400, "fine_max"),
    ("/acts", {**ACT, "valid_from": "01/01/2025"}, 400, "valid_from"),
    ("/acts", {**ACT, "valid_to": "2024-01-01"}, 422, "valid_to"),
    ("/acts", {**ACT, "description": ""}, 422, "description"),
    ("/acts", {**ACT, "legal_basis": "x" * 301}, 422, "legal_basis"),
    ("/acts", {**ACT, "warning_allowed": "yes"}, 400, "warning_allowed"),
    ("/acts", {**ACT, "remedial_measures": "Buộc phá dỡ"}, 400, "remedial_measures"),
]


@pytest.mark.parametrize(("path", "body", "status", "field"), BAD, ids=[f"{b[0]}-{b[3]}-{b[2]}" for b in BAD])
def test_bad_input_names_the_field_and_saves_nothing(app, admin, path, body, status, field):
    before = [_count(app, m) for m in (Unit, User, Act)]
    response = admin.post(path, body)
    assert response.status_code == status, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] and error["message"]
    assert field in error.get("fields", {}), error
    assert [_count(app, m) for m in (Unit, User, Act)] == before


def test_malformed_json_and_non_object_bodies_get_400(admin):
    assert admin.post("/units", raw=b"{not json").status_code == 400
    assert admin.post("/units", raw=b"[1, 2]").status_code == 400
    assert admin.post("/units", raw=b'"text"').status_code == 400


def test_unknown_path_gets_404_json(admin):
    response = admin.get("/no-such-thing")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
