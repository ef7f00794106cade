"""The administrative map by date (SPEC v2 §0, issue 12 point 3): dated units and their successors in the API and
the CLI, no record or decision by a unit not in force, a successor carrying on, headers and addresses as on the
document's day, statistics crossing 01/07/2025, the demo data as Hà Nội is now, the migration."""

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from penalties.extensions import db
from tests.cases.test_api_cases import case_body
from tests.helpers import Api, make_user, token_for

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def hanoi(app, units, users, acts):
    """The test wards end on 30/06/2025: Phú Thượng → Phú Thượng (new); Nhật Tân → Hồng Hà, then Tây Hồ."""
    from penalties.units.operations import UnitInput, create_unit, update_unit
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        for code, name in (
            ("HN-PHUTHUONG", "Phường Phú Thượng"),
            ("HN-HONGHA", "Phường Hồng Hà"),
            ("HN-TAYHO", "Phường Tây Hồ"),
        ):
            create_unit(UnitInput(code, name, "commune", "HN", valid_from=AFTER), actor=None)
        get_unit_by_code("HN-TH").valid_to = BEFORE  # as migration e6b2d9a4c1f3 ends every district
        for code, name, successors in (
            ("HN-TH-PT", "Phường Phú Thượng", ["HN-PHUTHUONG"]),
            ("HN-TH-NT", "Phường Nhật Tân", ["HN-HONGHA", "HN-TAYHO"]),
        ):
            update_unit(
                get_unit_by_code(code),
                UnitInput(code, name, "commune", "HN-TH", valid_to=BEFORE, successors=successors),
                actor=None,
            )
        db.session.commit()
        ids = {
            "new_officer": make_user("canbo.moi", "officer", "HN-PHUTHUONG"),
            "new_chair": make_user(
                "chutich.moi", "legal", "HN-PHUTHUONG", position="chu_tich_ubnd_xa", title="Chủ tịch"
            ),
            "hh_chair": make_user("chutich.hh", "legal", "HN-HONGHA", position="chu_tich_ubnd_xa", title="Chủ tịch"),
            "th_chair": make_user("chutich.th", "legal", "HN-TAYHO", position="chu_tich_ubnd_xa", title="Chủ tịch"),
            "nt_officer": make_user("canbo.nt", "officer", "HN-TH-NT"),
        }
        return {name: token_for(user_id) for name, user_id in ids.items()} | {
            "old_officer": token_for(users["officer"])
        }


def api(client, tokens, who):
    return Api(client, tokens[who])


def test_units_api_lists_and_creates_dated_units_with_successors(app, client, hanoi, users):
    with app.app_context():
        admin = Api(client, token_for(users["admin"]))
    items = {u["code"]: u for u in admin.get("/units").get_json()["items"]}
    expected = {"valid_from": None, "valid_to": "2025-06-30", "successors": ["HN-HONGHA", "HN-TAYHO"]}
    assert expected.items() <= items["HN-TH-NT"].items()
    assert items["HN-PHUTHUONG"]["valid_from"] == "2025-07-01" and items["HN-PHUTHUONG"]["valid_to"] is None
    assert items["HN"]["successors"] == [] and items["HN"]["valid_from"] is None
    body = {"code": "HN-X1", "name": "Phường X", "level": "commune", "parent_code": "HN-TH", "valid_to": "2025-06-30"}
    created = admin.post("/units", body | {"successor_code": "HN-TAYHO"})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["successors"] == ["HN-TAYHO"] and created.get_json()["valid_to"] == "2025-06-30"


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"successors": ["HN-NOPE"], "valid_to": "2025-06-30"}, "successor_unknown", "successors"),
        ({"successors": ["HN-TAYHO"]}, "valid_to_required", "valid_to"),
        ({"valid_from": "2025-07-01", "valid_to": "2025-06-30"}, "date_order", "valid_to"),
        ({"successors": ["HN-TAYHO"], "valid_to": "2025-07-05"}, "successor_dates", "successors"),
    ],
)
def test_units_api_refusals(app, client, hanoi, users, extra, code, field):
    with app.app_context():
        admin = Api(client, token_for(users["admin"]))
    answer = admin.post(
        "/units", {"code": "HN-X2", "name": "Phường Y", "level": "commune", "parent_code": "HN", **extra}
    )
    assert answer.status_code == 422 and answer.get_json()["error"]["code"] == code
    assert field in answer.get_json()["error"]["fields"]
    assert "HN-X2" not in {u["code"] for u in admin.get("/units").get_json()["items"]}


def test_no_district_is_created_from_july_2025_and_successors_make_no_cycle(app, client, hanoi, users):
    with app.app_context():
        admin = Api(client, token_for(users["admin"]))
    district = {
        "code": "HN-Q",
        "name": "Quận Mới",
        "level": "district",
        "parent_code": "HN",
        "valid_from": "2025-07-01",
    }
    answer = admin.post("/units", district)
    assert answer.status_code == 422 and answer.get_json()["error"]["code"] == "district_abolished"
    from penalties.units.operations import UnitInput, update_unit
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        tay_ho = get_unit_by_code("HN-TAYHO")
        with pytest.raises(Exception) as err:  # Nhật Tân → Tây Hồ already: Tây Hồ may not be succeeded by it
            update_unit(
                tay_ho,
                UnitInput(
                    "HN-TAYHO",
                    "Phường Tây Hồ",
                    "commune",
                    "HN",
                    valid_from=AFTER,
                    valid_to=date(2030, 1, 1),
                    successors=["HN-TH-NT"],
                ),
                actor=None,
            )
        assert getattr(err.value, "code", "") in {"successor_cycle", "successor_dates"}


def test_cli_units_create_with_dates_and_successors(app, hanoi):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "units",
            "create",
            "HN-OLD",
            "--name",
            "Phường Cũ",
            "--level",
            "commune",
            "--parent",
            "HN-TH",
            "--valid-to",
            "2025-06-30",
            "--successor",
            "HN-HONGHA",
            "--successor",
            "HN-TAYHO",
        ]
    )
    assert result.exit_code == 0, result.output
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        unit = get_unit_by_code("HN-OLD")
        assert unit.valid_to == BEFORE and [s.code for s in unit.successors] == ["HN-HONGHA", "HN-TAYHO"]
    bad = runner.invoke(
        args=[
            "units",
            "create",
            "HN-OLD2",
            "--name",
            "X",
            "--level",
            "commune",
            "--parent",
            "HN",
            "--successor",
            "HN-TAYHO",
        ]
    )
    assert bad.exit_code != 0 and "hết hiệu lực" in bad.output


def test_an_ended_ward_records_nothing(client, hanoi):
    answer = api(client, hanoi, "old_officer").post("/cases", case_body(["GT-7-2h"], "2026-03-02"))
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "unit_not_in_force" and "30/06/2025" in error["message"] and "88/2025" in error["article"]
    # The new ward records, also a violation that happened in the former ward before the merger.
    body = case_body(["GT-7-2h"], "2026-03-02", unit="HN-PHUTHUONG")
    assert api(client, hanoi, "new_officer").post("/cases", body).status_code == 201
    body = case_body(["GT-7-2h"], "2026-03-02", unit="HN-PHUTHUONG") | {
        "location": {"unit": "HN-TH-PT", "address": "Số 5 đường Âu Cơ"}
    }
    assert api(client, hanoi, "new_officer").post("/cases", body).status_code == 201
    # Nor does a new ward record before it began.
    early = api(client, hanoi, "new_officer").post("/cases", case_body(["GT-7-2h"], "2025-06-27", unit="HN-PHUTHUONG"))
    assert early.status_code == 422 and early.get_json()["error"]["code"] == "unit_not_in_force"


def _old_case(client, tokens, unit="HN-TH-PT", who="old_officer"):
    answer = api(client, tokens, who).post("/cases", case_body(["GT-7-2h"], "2025-06-27", unit=unit))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def test_the_successor_decides_a_case_of_the_former_ward(app, client, hanoi):
    case_id = _old_case(client, hanoi)
    # The former ward's case is in the new ward's lists (it carries it on).
    listed = api(client, hanoi, "new_officer").get("/cases").get_json()["items"]
    assert case_id in [c["id"] for c in listed]
    answer = api(client, hanoi, "new_chair").post(f"/cases/{case_id}/decision", {"issued_on": "2025-07-03"})
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["number"] == "1/QĐ-XPHC"
    from penalties.decisions.documents import decision_data
    from penalties.decisions.models import Decision

    with app.app_context():
        decision = db.session.get(Decision, answer.get_json()["id"])
        assert decision.unit.code == "HN-PHUTHUONG"  # numbered and issued by the successor
        data = decision_data(decision)
    assert data["agency"]["parent_short"] == "UBND thành phố Hà Nội"
    assert data["agency"]["name"] == "Ủy ban nhân dân phường Phú Thượng"
    assert data["violation_place"] == "Số 5 đường Âu Cơ, phường Phú Thượng, thành phố Hà Nội"
    assert "quận" not in data["violation_place"]


def test_a_decision_of_june_2025_is_headed_by_the_district(app, client, hanoi, users):
    case_id = _old_case(client, hanoi)
    with app.app_context():
        chair = Api(client, token_for(users["chair"]))  # the former ward's chairman, before the merger
    answer = chair.post(f"/cases/{case_id}/decision", {"issued_on": "2025-06-30"})
    assert answer.status_code == 201, answer.get_json()
    from penalties.decisions.documents import decision_data
    from penalties.decisions.models import Decision

    with app.app_context():
        data = decision_data(db.session.get(Decision, answer.get_json()["id"]))
    assert data["agency"]["parent_short"] == "UBND quận Tây Hồ"
    assert data["violation_place"].endswith("phường Phú Thượng, quận Tây Hồ, thành phố Hà Nội")


def test_a_split_ward_hands_its_case_to_the_successor_that_holds_it(app, client, hanoi):
    first = _old_case(client, hanoi, "HN-TH-NT", "nt_officer")
    second = _old_case(client, hanoi, "HN-TH-NT", "nt_officer")
    from penalties.cases.models import Case
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        db.session.get(Case, second).carried_by = get_unit_by_code("HN-TAYHO")
        db.session.commit()
    # Without a choice, the first successor (Hồng Hà, most of the territory); Tây Hồ for the one handed to it.
    by_hh = api(client, hanoi, "hh_chair").post(f"/cases/{first}/decision", {"issued_on": "2025-07-02"})
    assert by_hh.status_code == 201, by_hh.get_json()
    wrong = api(client, hanoi, "hh_chair").post(f"/cases/{second}/decision", {"issued_on": "2025-07-02"})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["code"] == "signer_outside_unit"
    by_th = api(client, hanoi, "th_chair").post(f"/cases/{second}/decision", {"issued_on": "2025-07-02"})
    assert by_th.status_code == 201, by_th.get_json()
    from penalties.decisions.models import Decision

    with app.app_context():
        units = {d.case_id: d.unit.code for d in db.session.scalars(sa.select(Decision))}
    assert units == {first: "HN-HONGHA", second: "HN-TAYHO"}


def test_a_unit_ended_without_successor_decides_nothing(app, client, hanoi, users):
    from penalties.units.operations import UnitInput, update_unit
    from penalties.units.queries import get_unit_by_code

    case_id = _old_case(client, hanoi)
    with app.app_context():
        update_unit(
            get_unit_by_code("HN-TH-PT"),
            UnitInput("HN-TH-PT", "Phường Phú Thượng", "commune", "HN-TH", valid_to=BEFORE),
            actor=None,
        )
        db.session.commit()
        chair = Api(client, token_for(users["chair"]))
    answer = chair.post(f"/cases/{case_id}/decision", {"issued_on": "2025-07-02"})
    assert answer.status_code == 422 and answer.get_json()["error"]["code"] == "unit_not_in_force"
    assert answer.get_json()["error"]["fields"].keys() == {"issued_on"}


def test_statistics_crossing_july_2025_count_the_former_ward_under_its_successor(app, client, hanoi, users):
    _old_case(client, hanoi)
    api(client, hanoi, "new_officer").post("/cases", case_body(["GT-7-2h"], "2025-07-02", unit="HN-PHUTHUONG"))
    from penalties.reports.queries import stats
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        hn = get_unit_by_code("HN").id
        crossing = {row["code"]: row["cases"] for row in stats(date(2025, 6, 1), date(2025, 7, 31), hn)["by_unit"]}
        before = {row["code"]: row["cases"] for row in stats(date(2025, 6, 1), date(2025, 6, 30), hn)["by_unit"]}
        ward = stats(date(2025, 6, 1), date(2025, 7, 31), get_unit_by_code("HN-PHUTHUONG").id)
        same = stats(date(2025, 6, 1), date(2025, 7, 31), hn, from_facts=True)
    assert crossing.get("HN-PHUTHUONG") == 2 and "HN-TH" not in crossing  # the ended district has nothing left
    assert before == {"HN-TH": 1}  # before the merger, as it was
    assert ward["cases"] == 2
    assert {row["code"]: row["cases"] for row in same["by_unit"]} == crossing  # the summary and the raw facts agree


def test_hand_over_a_split_wards_case_from_the_cli(app, client, hanoi):
    case_id = _old_case(client, hanoi, "HN-TH-NT", "nt_officer")
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["units", "hand-over", str(case_id), "HN-PHUTHUONG"])
    assert refused.exit_code != 0 and "kế thừa" in refused.output
    done = runner.invoke(args=["units", "hand-over", str(case_id), "HN-TAYHO"])
    assert done.exit_code == 0, done.output
    answer = api(client, hanoi, "th_chair").post(f"/cases/{case_id}/decision", {"issued_on": "2025-07-02"})
    assert answer.status_code == 201, answer.get_json()


def test_hand_over_a_split_wards_case_from_its_page(app, client, hanoi):
    from penalties.auth.models import User
    from penalties.cases.models import Case
    from tests.helpers import csrf_from, sign_in

    case_id = _old_case(client, hanoi, "HN-TH-NT", "nt_officer")
    with app.app_context():
        chair = db.session.scalar(sa.select(User.id).where(User.username == "chutich.hh"))
    sign_in(client, chair)
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Chuyển cho đơn vị kế thừa" in page and 'value="HN-TAYHO">Phường Tây Hồ</option>' in page
    answer = client.post(f"/cases/{case_id}/hand-over", data={"csrf_token": csrf_from(page), "successor": "HN-TAYHO"})
    assert answer.status_code == 302
    with app.app_context():
        assert db.session.get(Case, case_id).carried_by.code == "HN-TAYHO"
    unknown = client.post(f"/cases/{case_id}/hand-over", data={"csrf_token": csrf_from(page), "successor": "HN-TH"})
    assert unknown.status_code == 302  # refused with a message, nothing changed
    with app.app_context():
        assert db.session.get(Case, case_id).carried_by.code == "HN-TAYHO"


def test_demo_data_are_hanoi_as_it_is_now(app, reference):
    from penalties.auth.models import User
    from penalties.cases.models import Case
    from penalties.decisions.models import Decision
    from penalties.law import territory
    from penalties.seeds.demo import seed_demo
    from penalties.units.queries import get_unit_by_code

    with app.app_context():
        first = seed_demo(app.instance_path)
        assert seed_demo(app.instance_path) == {"units": 0, "users": [], "acts": 0, "cases": 0}  # idempotent
        today = date(2026, 12, 8)
        for user in db.session.scalars(sa.select(User).where(User.unit_id.is_not(None))):
            assert territory.in_force(user.unit, today), user.username  # the board user too
        assert get_unit_by_code("HN-TAYHO").parent.code == "HN"
        assert get_unit_by_code("HN-TH").valid_to == BEFORE
        assert [s.code for s in get_unit_by_code("HN-TH-PT").successors] == ["HN-PHUTHUONG", "HN-TAYHO"]
        assert [s.code for s in get_unit_by_code("HN-TH-BUOI").successors] == ["HN-TAYHO"]
        from penalties.core.formatting import LEGAL_TZ

        july = datetime(2025, 7, 1, tzinfo=LEGAL_TZ)
        recent = db.session.scalars(sa.select(Case).where(Case.recorded_at >= july)).all()
        assert recent and all(territory.in_force(c.unit, today) for c in recent)
        old = db.session.scalar(sa.select(Decision))
        assert old.unit.code == "HN-TH-PT" and old.issued_on == date(2025, 6, 20)
        assert first["cases"] == len(recent) + 1


def test_the_migration_carries_a_database_over(tmp_path):
    """An SQLite database at the revision before (a district, its ward, a case and its number) comes through
    e6b2d9a4c1f3 with nothing lost or renumbered, the district ended on 30/06/2025."""
    from flask_migrate import upgrade

    from penalties import create_app

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    application = create_app({"ENV_NAME": "testing", "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": url})
    with application.app_context():
        upgrade(revision="a7c3e91d5f20")
        engine = db.engine
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO units (id, code, name, level, parent_id, active, created_at) VALUES "
                    "(1, 'HN', 'Thành phố Hà Nội', 'province', NULL, 1, '2024-01-01 00:00:00'),"
                    "(2, 'HN-TH', 'Quận Tây Hồ', 'district', 1, 1, '2024-01-01 00:00:00'),"
                    "(3, 'HN-TH-PT', 'Phường Phú Thượng', 'commune', 2, 1, '2024-01-01 00:00:00')"
                )
            )
            before = conn.execute(sa.text("SELECT * FROM units ORDER BY id")).all()
        upgrade()
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT id, code, name, parent_id, valid_from, valid_to FROM units ORDER BY id")
            ).all()
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        db.session.remove()
        engine.dispose()
    assert [(r.id, r.code, r.name, r.parent_id) for r in rows] == [(b.id, b.code, b.name, b.parent_id) for b in before]
    assert [(r.code, r.valid_from, r.valid_to) for r in rows] == [
        ("HN", None, None),
        ("HN-TH", None, "2025-06-30"),
        ("HN-TH-PT", None, None),
    ]


def test_the_record_form_offers_only_wards_in_force(app, client, hanoi):
    from penalties.auth.models import User
    from tests.helpers import sign_in

    with app.app_context():
        officer = db.session.scalar(sa.select(User.id).where(User.username == "canbo.moi"))
    sign_in(client, officer)
    page = client.get("/cases/new").get_data(as_text=True)
    assert 'value="HN-PHUTHUONG">Phường Phú Thượng</option>' in page
    assert 'value="HN-TH-PT"' not in page  # the former ward, ended 30/06/2025, is carried on by the new one
