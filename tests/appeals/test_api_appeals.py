"""Complaints and lawsuits through the API (API.md "Appeals"; SPEC §2; issue 5 acceptance)."""

from tests.payments.money import code, delivered, figures, pay

GROUNDS = "Không đồng ý mức phạt"


def complain(api, did, filed_on, **extra):
    body = {"kind": "complaint", "level": 1, "filed_on": filed_on, "grounds": GROUNDS, **extra}
    return api["legal"].post(f"/decisions/{did}/appeals", body)


def test_spec_complaint_ninety_days_then_the_working_day_after(api):
    """SPEC v2 §2: delivered 01/03/2026, 90 days end Sat 30/05 → on time up to Mon 01/06 (Civil Code Art. 148(5))."""
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    late = complain(api, did, "2026-06-02")
    assert late.status_code == 422 and code(late) == "appeal_time_barred"
    assert "01/06/2026" in late.get_json()["error"]["message"] and "Điều 9" in late.get_json()["error"]["article"]
    ok = complain(api, did, "2026-06-01")
    assert ok.status_code == 201, ok.get_json()
    body = ok.get_json()
    # Filed 01/06/2026, before 01/07/2026: accepted within 10 days (Thu 11/06), resolved within 30 days of
    # acceptance: Sat 11/07, so Mon 13/07.
    assert body["status"] == "pending" and body["accept_due"] == "2026-06-11" and body["resolve_due"] == "2026-07-13"
    again = complain(api, did, "2026-06-01")
    assert again.status_code == 409 and code(again) == "appeal_pending"


def test_resolution_amended_issues_a_linked_decision_and_paid_money_counts(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    assert pay(api, did, 10_000_000, "2026-03-10", "BL-A1").status_code == 201
    appeal = complain(api, did, "2026-03-20").get_json()
    resolved = api["legal"].post(
        f"/appeals/{appeal['id']}/resolution",
        {"outcome": "amended", "resolved_on": "2026-04-10", "new_fine_total": 31_000_000},
    )
    assert resolved.status_code == 200, resolved.get_json()
    body = resolved.get_json()
    assert body["status"] == "amended" and body["new_fine_total"] == 31_000_000 and body["amending_decision_id"]
    assert body["resolved_on_time"] is True
    original = figures(api, did, "2026-04-11")
    assert original["replaced_by"] == body["amending_decision_id"] and original["fine_total_in_force"] == 31_000_000
    assert original["outstanding"] == 21_000_000 + original["late_fee"]
    amending = api["legal"].get(f"/decisions/{body['amending_decision_id']}").get_json()
    assert amending["kind"] == "amendment" and amending["number"].endswith("/QĐ-SĐBS")
    twice = api["legal"].post(f"/appeals/{appeal['id']}/resolution", {"outcome": "upheld", "resolved_on": "2026-04-11"})
    assert twice.status_code == 409 and code(twice) == "appeal_resolved"


def test_resolution_annulled_owes_nothing_and_refunds_what_was_paid(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert pay(api, did, 2_000_000, "2026-03-05", "BL-A2").status_code == 201
    appeal = complain(api, did, "2026-03-06").get_json()
    resolved = api["legal"].post(
        f"/appeals/{appeal['id']}/resolution", {"outcome": "annulled", "resolved_on": "2026-03-20"}
    )
    assert resolved.status_code == 200, resolved.get_json()
    assert resolved.get_json()["refund_due"] == 2_000_000
    after = figures(api, did, "2026-04-30")
    assert after["status"] == "annulled" and after["outstanding"] == 0 and after["refund_due"] == 2_000_000
    assert code(pay(api, did, 1, "2026-03-21", "BL-A3")) == "decision_annulled"


def test_suspension_stops_the_late_fee_until_the_resolution(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    appeal = complain(api, did, "2026-03-05", suspended_on="2026-03-06").get_json()
    assert appeal["suspended_on"] == "2026-03-06"
    during = figures(api, did, "2026-03-30")
    assert during["late_fee"] == 0 and during["execution_suspended"] is True
    refused = api["legal"].post(f"/decisions/{did}/enforcement", {"decided_on": "2026-03-30", "measure": "distraint"})
    assert refused.status_code == 409
    api["legal"].post(f"/appeals/{appeal['id']}/resolution", {"outcome": "upheld", "resolved_on": "2026-04-01"})
    after = figures(api, did, "2026-04-05")  # late again from 01/04: 01, 02, 03, 04
    assert after["late_fee"] == 4 * 2_500 and after["status"] == "overdue"


def test_second_complaint_and_lawsuit_deadlines(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    no_first = complain(api, did, "2026-03-05", level=2)
    assert no_first.status_code == 422 and code(no_first) == "appeal_level_invalid"
    first = complain(api, did, "2026-03-05").get_json()
    api["legal"].post(f"/appeals/{first['id']}/resolution", {"outcome": "upheld", "resolved_on": "2026-03-25"})
    assert code(complain(api, did, "2026-04-25", level=2)) == "appeal_time_barred"  # 30 days: to 24/04
    assert complain(api, did, "2026-04-24", level=2).status_code == 201
    suit = {"kind": "lawsuit", "filed_on": "2026-04-20", "grounds": GROUNDS}
    answer = api["legal"].post(f"/decisions/{did}/appeals", suit)
    assert answer.status_code == 201 and answer.get_json()["accept_due"] is None
    assert api["legal"].post(f"/decisions/{did}/appeals", {**suit, "level": 1}).status_code == 422


def test_bad_input_is_a_clear_4xx(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert (
        api["legal"]
        .post(f"/decisions/{did}/appeals", {"kind": "petition", "filed_on": "2026-03-05", "grounds": "x"})
        .status_code
        == 422
    )
    assert complain(api, did, "2099-01-01").status_code == 422
    assert complain(api, did, "05/03/2026").status_code == 400
    appeal = complain(api, did, "2026-03-05").get_json()
    assert (
        api["legal"]
        .post(f"/appeals/{appeal['id']}/resolution", {"outcome": "maybe", "resolved_on": "2026-03-06"})
        .status_code
        == 422
    )
    assert (
        api["legal"]
        .post(f"/appeals/{appeal['id']}/resolution", {"outcome": "upheld", "resolved_on": "2026-03-01"})
        .status_code
        == 422
    )
    assert (
        api["legal"]
        .post(f"/appeals/{appeal['id']}/resolution", {"outcome": "amended", "resolved_on": "2026-03-06"})
        .status_code
        == 422
    )
    assert (
        api["board"]
        .post(f"/appeals/{appeal['id']}/resolution", {"outcome": "upheld", "resolved_on": "2026-03-06"})
        .status_code
        == 403
    )
    assert (
        api["legal"].post("/appeals/987654/resolution", {"outcome": "upheld", "resolved_on": "2026-03-06"}).status_code
        == 404
    )
