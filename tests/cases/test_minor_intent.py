"""A violator aged 14 to under 16 is sanctioned only for an intentional violation (SPEC v2 §3; Law Art. 5(1)(a)):
each violation says whether it was (422 `intent_required`), an unintentional one carries no sanction, and a case
with only such violations is refused a decision (422 `not_sanctionable`) and may be dismissed citing Art. 5(1)(a)."""

from datetime import date

import pytest

from penalties.law import fines
from penalties.law.errors import RuleViolation
from tests.cases.test_api_cases import case_body, person
from tests.helpers import Api, post_form, sign_in, token_for

RECORDED = "2026-03-02"
AGED_15 = "2010-09-01"  # 15 on 02/03/2026
AGED_16 = "2010-01-15"  # 16


@pytest.fixture
def legal(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["legal"]))


def _body(birth, intentional="absent", acts=("GT-7-2h",)):
    body = case_body(list(acts), RECORDED, violator=person(name="Trần Văn Nhỏ", birth=birth))
    if intentional != "absent":
        for violation in body["violations"]:
            violation["intentional"] = intentional
    return body


def test_a_fifteen_year_old_must_say_whether_the_act_was_intentional(legal):
    refused = legal.post("/cases", _body(AGED_15))
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "intent_required" and "violations.0.intentional" in error["fields"]
    assert "Điều 5" in error["article"]
    assert legal.post("/cases", _body(AGED_16)).status_code == 201  # 16 and over: not asked


def test_an_intentional_act_of_a_fifteen_year_old_is_a_warning(legal):
    case = legal.post("/cases", _body(AGED_15, True)).get_json()
    assert case["proposed_fines"][0]["warning_only"] is True and case["proposed_fines"][0]["intentional"] is True
    decision = legal.post(
        f"/cases/{case['id']}/decision", {"signer": "chair", "issued_on": "2026-03-04", "warning": True}
    )
    assert decision.status_code == 201, decision.get_json()
    assert decision.get_json()["fine_total"] == 0


def test_only_unintentional_acts_cannot_be_sanctioned_and_the_case_is_dismissed(legal):
    case = legal.post("/cases", _body(AGED_15, False)).get_json()
    line = case["proposed_fines"][0]
    assert line["no_sanction"] is True and "không cố ý" in line["basis"]
    refused = legal.post(f"/cases/{case['id']}/decision", {"signer": "chair", "issued_on": "2026-03-04"})
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "not_sanctionable"
    dismissed = legal.post(f"/cases/{case['id']}/dismiss", {"reason": "minor_not_sanctionable"})
    assert dismissed.status_code == 200, dismissed.get_json()
    assert "điểm a khoản 1 Điều 5" in dismissed.get_json()["dismissal_reason"]


def test_the_record_form_asks_the_intent(app, client, users, acts):
    sign_in(client, users["officer"])
    data = {
        "kind": "individual",
        "id_number": "001210012345",
        "name": "Trần Văn Nhỏ",
        "birth_date": "01/09/2010",
        "address": "12 ngõ 52 Phú Thượng",
        "acts": "GT-7-2h",
        "location_unit": "HN-TH-PT",
        "location_address": "Số 5 đường Âu Cơ",
        "detected_at": "02/03/2026 08:30",
        "recorded_at": "02/03/2026 09:45",
        "description": "Không đội mũ bảo hiểm.",
    }
    refused = post_form(client, "/cases/new", data)
    assert refused.status_code == 422 and "cố ý hay vô ý" in refused.get_data(as_text=True)
    assert post_form(client, "/cases/new", {**data, "intent": "unintentional"}).status_code == 302


@pytest.mark.parametrize(
    ("birth", "intentional", "warning_only", "no_sanction"),
    [
        (date(2010, 9, 1), True, True, False),
        (date(2010, 9, 1), False, False, True),
        (date(2012, 9, 1), True, False, True),  # under 14: nothing, intent or not
        (date(2010, 1, 15), False, False, False),  # 16: fined (at most half), intent not asked
    ],
)
def test_the_law_of_the_line(birth, intentional, warning_only, no_sanction):
    act = fines.ActRange("GT-7-2h", 400_000, 600_000, legal_basis="Điểm h khoản 2 Điều 7 Nghị định 168/2024/NĐ-CP")
    line = fines.fine_for_act(act, "individual", date(2026, 3, 2), birth, intentional=intentional)
    assert (line.warning_only, line.no_sanction) == (warning_only, no_sanction)


def test_intent_is_required_only_from_14_to_under_16():
    day = date(2026, 3, 2)
    with pytest.raises(RuleViolation):
        fines.check_intent("individual", date(2010, 9, 1), day, None)
    fines.check_intent("individual", date(2012, 9, 1), day, None)  # under 14: not sanctioned anyway
    fines.check_intent("individual", date(2010, 1, 15), day, None)
    fines.check_intent("organization", None, day, None)
