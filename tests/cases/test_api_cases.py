"""Cases through the API: SPEC §2–3 vectors (proposed_fines, deadlines), search, access, bad input."""

import itertools

import pytest
import sqlalchemy as sa

from penalties.cases.models import Case, Violator
from penalties.core.documents import StoredDocument
from penalties.extensions import db
from tests.helpers import Api, token_for

_ids = itertools.count(100000)


def person(name="Nguyễn Văn An", birth="1985-04-12", kind="individual"):
    body = {"kind": kind, "name": name, "id_number": f"00108500{next(_ids)}", "address": "12 ngõ 52 Phú Thượng"}
    if kind == "individual":
        body["birth_date"] = birth
    else:
        body["representative"] = "Trần Thị Bình"
    return body


def case_body(acts, recorded, detected=None, ended="same", violator=None, mit=(), agg=(), unit="HN-TH-PT", **extra):
    detected = detected or recorded
    return {
        "unit": unit,
        "violator": violator or person(),
        "violations": [{"act": a, "ended_on": detected if ended == "same" else ended} for a in acts],
        "detected_at": f"{detected}T08:30:00+07:00",
        "recorded_at": f"{recorded}T09:45:00+07:00",
        "location": {"unit": unit, "address": "Số 5 đường Âu Cơ"},
        "description": "Phát hiện khi kiểm tra trên địa bàn.",
        "mitigating": list(mit),
        "aggravating": list(agg),
        "needs_explanation": False,
        "very_complex": False,
        **extra,
    }


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["officer"]))


@pytest.fixture
def legal(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["legal"]))


ORG = "organization"
VECTORS = [  # SPEC §3 test vectors: act, party, circumstances, expected total
    ("XD-16-7a", "individual", (), (), 35_000_000),
    ("XD-16-7a", ORG, (), (), 70_000_000),
    ("XD-16-7a", "individual", ("gn_1", "gn_2"), (), 30_000_000),
    ("XD-16-7a", ORG, ("gn_1", "gn_2"), (), 60_000_000),
    ("XD-16-7a", "individual", (), ("tn_a", "tn_i"), 40_000_000),
    ("XD-16-7a", ORG, (), ("tn_a", "tn_i"), 80_000_000),
    ("XD-16-7a", "individual", ("gn_1",), (), 32_500_000),
    ("XD-16-7a", "individual", ("gn_1",), ("tn_i",), 35_000_000),
    ("GT-7-7c", "individual", (), (), 5_000_000),
    ("GT-7-7c", "individual", ("gn_1", "gn_2"), (), 4_000_000),
    ("GT-7-7c", "individual", (), ("tn_a", "tn_i"), 6_000_000),
    ("GT-6-9b", "individual", (), (), 19_000_000),
    ("GT-6-9b", "individual", ("gn_1", "gn_2"), (), 18_000_000),
    ("GT-6-9b", "individual", (), ("tn_a", "tn_i"), 20_000_000),
    ("GT-7-2h", "individual", (), (), 500_000),
    ("GT-7-2h", "individual", ("gn_1", "gn_2"), (), 400_000),
    ("GT-7-2h", "individual", (), ("tn_a", "tn_i"), 600_000),
    ("GT-12-7", "individual", (), (), 2_500_000),
    ("GT-12-7", ORG, (), (), 5_000_000),
    ("GT-12-7", "individual", ("gn_1", "gn_2"), (), 2_000_000),
    ("GT-12-7", ORG, ("gn_1", "gn_2"), (), 4_000_000),
    ("GT-12-7", "individual", (), ("tn_a", "tn_i"), 3_000_000),
    ("GT-12-7", ORG, (), ("tn_a", "tn_i"), 6_000_000),
    ("MT-25-2c", "individual", (), (), 750_000),
    ("MT-25-2c", ORG, (), (), 1_500_000),
    ("MT-25-2c", "individual", ("gn_1", "gn_2"), (), 500_000),
    ("MT-25-2c", ORG, ("gn_1", "gn_2"), (), 1_000_000),
    ("MT-25-2c", "individual", (), ("tn_a", "tn_i"), 1_000_000),
    ("MT-25-2c", ORG, (), ("tn_a", "tn_i"), 2_000_000),
]


@pytest.mark.parametrize(("act", "party", "mit", "agg", "total"), VECTORS)
def test_spec_fine_vectors_through_the_api(officer, act, party, mit, agg, total):
    violator = person("Công ty TNHH Hồ Tây", kind=ORG) if party == ORG else person()
    response = officer.post("/cases", case_body([act], "2026-03-02", violator=violator, mit=mit, agg=agg))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["proposed_total"] == total
    line = body["proposed_fines"][0]
    assert line["act"] == act and line["amount"] == total and line["basis"]
    assert line["fine_min"] <= total <= line["fine_max"]


def test_created_case_has_number_status_and_deadlines(officer):
    body = officer.post("/cases", case_body(["GT-7-7c"], "2026-03-02")).get_json()
    assert body["status"] == "recorded" and body["number"] == "1/BB-VPHC"
    assert body["deadlines"]["decision_due"] == "2026-03-11"  # SPEC §2: record + 7 working days
    assert body["repeat_offender"] is False
    second = officer.post("/cases", case_body(["GT-7-7c"], "2026-03-02")).get_json()
    assert second["number"] == "2/BB-VPHC"


def test_minor_of_seventeen_pays_half(officer):
    body = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02", violator=person("Lê Minh Khôi", "2009-01-01")))
    line = body.get_json()["proposed_fines"][0]
    assert (line["fine_min"], line["fine_max"], line["amount"]) == (200_000, 300_000, 250_000)


def test_limitation_last_day_allowed_day_after_refused(officer):
    ok = officer.post("/cases", case_body(["GT-7-7c"], "2026-06-10", detected="2026-06-09", ended="2025-06-10"))
    assert ok.status_code == 201 and ok.get_json()["deadlines"]["limitation_expires"] == "2026-06-10"
    late = officer.post("/cases", case_body(["GT-7-7c"], "2026-06-11", detected="2026-06-11", ended="2025-06-10"))
    assert late.status_code == 422 and late.get_json()["error"]["code"] == "limitation_expired"
    assert "Điều 6" in late.get_json()["error"]["article"]


def test_explanation_gives_one_month_ending_on_a_working_day(officer):
    """SPEC v2 worked example: record 31/01/2026 with an explanation → 1 month → Sat 28/02 → due Mon 02/03."""
    body = officer.post("/cases", case_body(["XD-16-7a"], "2026-01-31", needs_explanation=True)).get_json()
    assert body["deadlines"]["decision_due"] == "2026-03-02"


def test_ongoing_violation_counts_from_detection(officer):
    body = officer.post("/cases", case_body(["XD-16-7a"], "2026-03-02", ended=None)).get_json()
    assert body["deadlines"]["limitation_expires"] == "2028-03-02"  # construction: 2 years


def _count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


BAD = [
    ("future date", {"recorded": "2099-01-01"}, 422, "recorded_at"),
    ("act not valid then", {"acts": ["GT-7-7c"], "recorded": "2024-06-03"}, 422, "violations.0.act"),
    ("unknown act", {"acts": ["NO-SUCH-ACT"]}, 422, "violations.0.act"),
    ("unknown ward", {"location_unit": "HN-XX"}, 422, "location.unit"),
    ("ward outside unit", {"location_unit": "HN-TH-NT"}, 422, "location.unit"),
    ("missing ID number", {"violator": {"id_number": ""}}, 422, "violator.id_number"),
    ("unknown circumstance", {"mit": ["gn_99"]}, 422, "mitigating"),
    ("aggravating used as mitigating", {"mit": ["tn_a"]}, 422, "mitigating"),
]


@pytest.mark.parametrize(("label", "change", "status", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field_and_stores_nothing(app, officer, label, change, status, field):
    body = case_body(change.get("acts", ["GT-7-2h"]), change.get("recorded", "2026-03-02"), mit=change.get("mit", ()))
    if "location_unit" in change:
        body["location"]["unit"] = change["location_unit"]
    body["violator"].update(change.get("violator", {}))
    before = (_count(app, Case), _count(app, Violator), _count(app, StoredDocument))
    response = officer.post("/cases", body)
    assert response.status_code == status, response.get_json()
    assert field in response.get_json()["error"].get("fields", {}), response.get_json()
    assert (_count(app, Case), _count(app, Violator), _count(app, StoredDocument)) == before


def test_wrong_types_and_malformed_json_get_400(officer):
    body = case_body(["GT-7-2h"], "2026-03-02")
    body["needs_explanation"] = "yes"
    assert officer.post("/cases", body).status_code == 400
    assert officer.post("/cases", raw=b"{not json").status_code == 400
    body = case_body(["GT-7-2h"], "2026-03-02")
    body["detected_at"] = "hôm qua"
    assert officer.post("/cases", body).status_code == 400


def test_search_ignores_diacritics_and_case(officer):
    officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02", violator=person("Đặng Văn Đức")))
    officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02", violator=person("Nguyễn Văn An")))
    found = officer.get("/cases?q=dang van duc").get_json()["items"]
    assert [c["violator"]["name"] for c in found] == ["Đặng Văn Đức"]
    assert len(officer.get("/cases?q=NGUYEN").get_json()["items"]) == 1
    assert len(officer.get("/cases?q=1/BB-VPHC").get_json()["items"]) == 1


def test_list_filters_and_keyset_pages(officer):
    for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
        officer.post("/cases", case_body(["GT-7-2h"], day))
    officer.post("/cases", case_body(["MT-25-2c"], "2026-03-04"))
    first = officer.get("/cases?limit=2").get_json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = officer.get(f"/cases?limit=2&cursor={first['next_cursor']}")
    assert second.status_code == 200, second.get_json()
    second = second.get_json()
    ids = [c["id"] for c in first["items"] + second["items"]]
    assert len(set(ids)) == 4 and second["next_cursor"] is None
    assert [c["number"] for c in officer.get("/cases?sector=moi_truong").get_json()["items"]] == ["4/BB-VPHC"]
    assert len(officer.get("/cases?from=2026-03-03&to=2026-03-03").get_json()["items"]) == 1
    assert len(officer.get("/cases?act=GT-7-2h&status=recorded").get_json()["items"]) == 3


def test_case_detail_and_dismissal(officer, legal):
    case = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02")).get_json()
    detail = officer.get(f"/cases/{case['id']}").get_json()
    assert detail["violations"][0]["act"] == "GT-7-2h" and detail["timeline"][0]["action"] == "create"
    assert officer.post(f"/cases/{case['id']}/dismiss", {"reason": "no_violation"}).status_code == 403
    done = legal.post(f"/cases/{case['id']}/dismiss", {"reason": "no_violation", "dismissed_on": "2026-03-03"})
    assert done.status_code == 200 and done.get_json()["status"] == "dismissed"
    again = legal.post(f"/cases/{case['id']}/dismiss", {"reason": "no_violation"})
    assert again.status_code == 409


def test_cases_of_another_unit_are_not_visible(app, client, officer, users):
    from tests.helpers import make_user

    case = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02")).get_json()
    with app.app_context():
        other = Api(client, token_for(make_user("nt.officer", "officer", "HN-TH-NT")))
        board = Api(client, token_for(users["board"]))
    assert other.get(f"/cases/{case['id']}").status_code == 404
    assert other.get("/cases").get_json()["items"] == []
    assert board.get(f"/cases/{case['id']}").status_code == 200
    assert board.post("/cases", case_body(["GT-7-2h"], "2026-03-02")).status_code == 403


def test_repeat_offender_is_flagged_not_applied(app, officer):
    from datetime import date

    from penalties.decisions.models import Decision

    violator = person("Phạm Thị Lặp")
    first = officer.post("/cases", case_body(["GT-7-2h"], "2026-01-05", violator=violator)).get_json()
    with app.app_context():
        case = db.session.get(Case, first["id"])
        db.session.add(
            Decision(
                case_id=case.id,
                unit_id=case.unit_id,
                year=2026,
                series="QĐ-XPHC",
                seq=1,
                number="1/QĐ-XPHC",
                issued_on=date(2026, 1, 6),
                signer_id=case.created_by_id,
                created_by_id=case.created_by_id,
                fine_total=500_000,
            )
        )
        db.session.commit()
    second = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02", violator=violator)).get_json()
    assert second["repeat_offender"] is True
    assert second["proposed_total"] == 500_000 and second["aggravating"] == []
