"""Decisions through the API: the scenario of API.md, authority on both sides of 2025-07-01, refusals."""

import hashlib

from tests.cases.test_api_cases import case_body
from tests.helpers import Api


def recorded(api, acts, day, **kw):
    response = api["officer"].post("/cases", case_body(acts, day, **kw))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def issue(api, case_id, issued_on, **body):
    return api["legal"].post(f"/cases/{case_id}/decision", {"signer": "chair", "issued_on": issued_on, **body})


def test_api_scenario_issue_pdf_verify_deliver(client, api):
    case = recorded(api, ["XD-16-7a"], "2026-03-02")
    response = issue(api, case["id"], "2026-03-04")
    assert response.status_code == 201, response.get_json()
    decision = response.get_json()
    assert decision["number"] == "1/QĐ-XPHC" and decision["fine_total"] == 35_000_000
    assert decision["status"] == "issued" and decision["payment_due"] is None and decision["signer"] == "chair"
    assert decision["lines"][0]["fine_min"] == 30_000_000 and decision["lines"][0]["basis"]
    first = api["legal"].get(f"/decisions/{decision['id']}/pdf")
    second = api["legal"].get(f"/decisions/{decision['id']}/pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF") and first.data == second.data
    assert hashlib.sha256(first.data).hexdigest() == decision["sha256"]
    verified = Api(client, None).get(f"/verify/{decision['sha256']}")
    assert verified.status_code == 200 and verified.get_json()["number"] == decision["number"]
    assert set(verified.get_json()) == {"number", "issued_on", "unit", "status"}
    assert Api(client, None).get("/verify/" + "0" * 64).status_code == 404
    by_qr = client.get(f"/verify/{decision['verification_code']}")
    assert by_qr.status_code == 200 and "1/QĐ-XPHC" in by_qr.get_data(as_text=True)
    delivered = api["legal"].post(
        f"/decisions/{decision['id']}/delivery", {"delivered_on": "2026-03-06", "method": "in_person"}
    )
    assert delivered.status_code == 200, delivered.get_json()
    later = api["legal"].get(f"/decisions/{decision['id']}?on=2026-03-07").get_json()
    assert later["payment_due"] == "2026-03-16" and later["status"] == "delivered"
    case_after = api["officer"].get(f"/cases/{case['id']}").get_json()
    assert case_after["status"] == "decided"


def test_commune_chairman_2024_refused_2026_allowed(api):
    old = recorded(api, ["XD-16-7a"], "2025-02-25")
    refused = issue(api, old["id"], "2025-03-03")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "authority_exceeded"
    assert refused.get_json()["error"]["article"]
    new = recorded(api, ["XD-16-7a"], "2026-03-02")
    assert issue(api, new["id"], "2026-03-04").status_code == 201


def test_amount_outside_the_lawful_range_is_refused(api):
    case = recorded(api, ["XD-16-7a"], "2026-03-02")
    low = issue(api, case["id"], "2026-03-04", fines=[{"act": "XD-16-7a", "amount": 29_000_000, "reason": "x"}])
    assert low.status_code == 422 and low.get_json()["error"]["code"] == "fine_out_of_range"
    no_reason = issue(api, case["id"], "2026-03-04", fines=[{"act": "XD-16-7a", "amount": 36_000_000}])
    assert no_reason.status_code == 422 and no_reason.get_json()["error"]["code"] in (
        "reason_required",
        "fine_out_of_range",
    )


def test_one_mitigating_allows_an_amount_below_the_average_with_a_reason(api):
    case = recorded(api, ["XD-16-7a"], "2026-03-02", mit=["gn_1"])
    unexplained = issue(api, case["id"], "2026-03-04", fines=[{"act": "XD-16-7a", "amount": 31_000_000}])
    assert unexplained.status_code == 422 and unexplained.get_json()["error"]["code"] == "reason_required"
    ok = issue(
        api,
        case["id"],
        "2026-03-04",
        fines=[{"act": "XD-16-7a", "amount": 31_000_000, "reason": "Đã tự nguyện khắc phục một phần"}],
    )
    assert ok.status_code == 201 and ok.get_json()["fine_total"] == 31_000_000


def test_second_decision_and_time_bar(api):
    case = recorded(api, ["GT-7-7c"], "2026-03-02")
    assert issue(api, case["id"], "2026-03-04").status_code == 201
    again = issue(api, case["id"], "2026-03-05")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "decision_exists"
    late_case = recorded(api, ["GT-7-7c"], "2026-03-02")
    late = issue(api, late_case["id"], "2026-03-12")  # decision due 2026-03-11 (7 working days)
    assert late.status_code == 422 and late.get_json()["error"]["code"] == "decision_time_barred"
    on_time = issue(api, late_case["id"], "2026-03-11")
    assert on_time.status_code == 201


def test_warning_only_where_the_law_allows_it(api):
    vendor = recorded(api, ["GT-12-2e"], "2026-03-02", mit=["gn_6"])
    ok = issue(api, vendor["id"], "2026-03-03", warning=True)
    assert ok.status_code == 201 and ok.get_json()["fine_total"] == 0 and ok.get_json()["warning"] is True
    helmet = recorded(api, ["GT-7-2h"], "2026-03-02", mit=["gn_6"])
    refused = issue(api, helmet["id"], "2026-03-03", warning=True)
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "warning_not_allowed"


def test_roles_and_bad_input(api):
    case = recorded(api, ["GT-7-7c"], "2026-03-02")
    assert api["officer"].post(f"/cases/{case['id']}/decision", {"issued_on": "2026-03-03"}).status_code == 403
    assert api["board"].post(f"/cases/{case['id']}/decision", {"issued_on": "2026-03-03"}).status_code == 403
    assert issue(api, case["id"], "2099-01-01").status_code == 422
    assert issue(api, case["id"], "03/03/2026").status_code == 400
    assert (
        api["legal"].post(f"/cases/{case['id']}/decision", {"signer": "legal", "issued_on": "2026-03-03"}).status_code
        == 403
    )
    assert api["legal"].post("/cases/987654/decision", {"issued_on": "2026-03-03"}).status_code == 404
    assert api["legal"].get("/decisions/987654").status_code == 404


def test_undelivered_decisions_past_their_delivery_due_show_on_my_deadlines(app, client, api, users):
    from tests.helpers import sign_in

    case = recorded(api, ["GT-7-7c"], "2026-03-02")
    decision = issue(api, case["id"], "2026-03-04").get_json()
    sign_in(client, users["legal"])
    html = client.get("/cases/deadlines").get_data(as_text=True)
    assert decision["number"] in html and "quá hạn" in html
    api["legal"].post(f"/decisions/{decision['id']}/delivery", {"delivered_on": "2026-03-05", "method": "post"})
    assert decision["number"] not in client.get("/cases/deadlines").get_data(as_text=True)
