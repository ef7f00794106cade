"""The bootstrap CLI of API.md: seed reference|demo, units create, users create|token."""

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.cases.models import Case
from penalties.catalogue.models import Act, Circumstance, Sector
from penalties.extensions import db
from penalties.units.models import Unit
from tests.helpers import Api


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_reference_holds_spec_5_and_is_idempotent(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed", "reference"]).exit_code == 0
    assert runner.invoke(args=["seed", "reference"]).exit_code == 0
    with app.app_context():
        assert _count(Sector) == 10 and _count(Circumstance) == 8 + 12
        road = db.session.scalar(sa.select(Sector).where(Sector.code == "giao_thong_duong_bo"))
        assert (road.limitation_years, road.max_fine_individual) == (1, 75_000_000)
        codes = set(db.session.scalars(sa.select(Circumstance.code)))
        assert {"gn_1", "gn_8", "tn_a", "tn_b", "tn_dd", "tn_i", "tn_m"} <= codes


def test_seed_demo_prints_passwords_once_and_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0 and "quantri" in first.output
    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0 and "quantri" not in second.output
    with app.app_context():
        # Hà Nội as it is now (SPEC §0): the city, three wards, the former district and its eight wards.
        assert _count(User) == 7 and _count(Unit) == 13 and _count(Act) == 9
        assert _count(Case) == 9  # with the former Phú Thượng ward's decision of June 2025
        helmet = db.session.scalar(sa.select(Act).where(Act.code == "GT-7-2h"))
        assert (helmet.fine_min, helmet.fine_max) == (400_000, 600_000)
        house = db.session.scalar(sa.select(Act).where(Act.code == "XD-16-7a"))
        assert (house.org_fine_min, house.org_fine_max) == (60_000_000, 80_000_000)


def test_units_and_users_create_then_token_works_on_the_api(app, client, reference):
    runner = app.test_cli_runner()
    steps = [
        ["units", "create", "SM-HN", "--name", "Thành phố Hà Nội", "--level", "province"],
        ["units", "create", "SM-PT", "--name", "Phường Phú Thượng", "--level", "commune", "--parent", "SM-HN"],
        ["users", "create", "sm_admin", "--password", "Adm1n-smoke!", "--role", "admin"],
        [
            "users",
            "create",
            "sm_chair",
            "--password",
            "Chair-pass-1",
            "--role",
            "legal",
            "--unit",
            "SM-PT",
            "--position",
            "chu_tich_ubnd_xa",
            "--full-name",
            "Phạm Quốc Hùng",
        ],
    ]
    for args in steps:
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    result = runner.invoke(args=["users", "token", "sm_admin"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert Api(client, token).get("/units").status_code == 200


def test_cli_refusals_exit_non_zero_with_a_message(app, reference):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "x1", "--password", "Mat-khau-2026", "--role", "officer"])
    assert result.exit_code != 0 and "Phải chọn đơn vị" in result.output
    result = runner.invoke(args=["units", "create", "HN-X", "--name", "X", "--level", "commune", "--parent", "NOPE"])
    assert result.exit_code != 0 and "NOPE" in result.output
    assert runner.invoke(args=["users", "token", "nobody"]).exit_code != 0
