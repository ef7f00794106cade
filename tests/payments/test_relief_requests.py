"""Requests for relief and the late fee, reduction and exemption (SPEC v2 §2, §6a; Law Art. 76, 77, 79; Circular
18/2023/TT-BTC Art. 5(2)): no late fee from the request through its decision, granted or refused; what accrued before
stays owed; a reduction follows a postponement, an exemption a reduction or an installment paid."""

import re

from tests.helpers import csrf_from, sign_in
from tests.payments.money import HARDSHIP, code, delivered, figures, pay


def _post(api, did, what, body):
    return api["legal"].post(f"/decisions/{did}/{what}", body)


def test_the_fee_accrued_before_an_installment_request_stays_owed(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")  # 35,000,000, due 15/03
    schedule = [("2026-04-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000)]
    body = {
        "requested_on": "2026-03-25",
        "decided_on": "2026-03-30",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
    }
    assert _post(api, did, "installments", body).status_code == 201
    # 16/03 … 24/03: 9 days × 17,500 on the whole fine; none from the request (25/03) through its decision (30/03),
    # none before the first installment falls due. Before this rule the plan wiped the 157,500 out.
    before = figures(api, did, "2026-04-10")
    assert before["late_fee"] == 157_500 and before["status"] == "installments"
    assert figures(api, did, "2026-03-28")["late_fee"] == 157_500  # considered: nothing more


def test_a_refused_request_is_kept_and_pauses_the_fee(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")  # 5,000,000, due 11/03
    body = {"requested_on": "2026-03-15", "decided_on": "2026-03-20", "hardship": HARDSHIP, "outcome": "refused"}
    without_reason = _post(api, did, "postponement", body)
    assert without_reason.status_code == 422 and code(without_reason) == "reason_required"
    refused = _post(api, did, "postponement", {**body, "reason": "Không có xác nhận của UBND cấp xã."})
    assert refused.status_code == 201, refused.get_json()
    answer = refused.get_json()
    assert answer["outcome"] == "refused" and answer["number"] is None and answer["pdf_url"] is None
    assert answer["reason"] == "Không có xác nhận của UBND cấp xã."
    # 12/03 … 30/03 is 19 late days, less 15/03 … 20/03 considered: 13 × 2,500.
    assert pay(api, did, 5_000_000, "2026-03-31", "BL-1").status_code == 201
    assert figures(api, did, "2026-04-30")["late_fee"] == 32_500
    # Refused, it leaves no postponement: a postponement may still be granted later.
    later = {"requested_on": "2026-03-21", "hardship": HARDSHIP, "until": "2026-05-21"}
    assert _post(api, did, "postponement", later).status_code in (201, 409, 422)


def test_a_refused_installment_request_needs_no_schedule(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    body = {"requested_on": "2026-03-20", "decided_on": "2026-03-24", "hardship": HARDSHIP}
    refused = _post(api, did, "installments", {**body, "outcome": "refused", "reason": "Không đủ điều kiện."})
    assert refused.status_code == 201 and refused.get_json()["outcome"] == "refused"
    # 16/03 … 19/03 (4 days) and 25/03 … 31/03 (7 days) on 35,000,000; 20/03 … 24/03 considered.
    assert figures(api, did, "2026-04-01")["late_fee"] == 11 * 17_500
    unknown = _post(api, did, "installments", {**body, "outcome": "maybe"})
    assert unknown.status_code == 422


def test_a_reduction_follows_a_postponement_and_an_exemption_a_reduction(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")  # 5,000,000
    reduce = {"requested_on": "2026-04-01", "decided_on": "2026-04-03", "hardship": HARDSHIP, "kind": "reduce"}
    first = _post(api, did, "reduction", {**reduce, "amount": 2_000_000})
    assert first.status_code == 422 and code(first) == "reduction_not_allowed"
    assert "Điều 77" in first.get_json()["error"]["article"] and "hoãn" in first.get_json()["error"]["message"]
    postponed = {"requested_on": "2026-03-05", "hardship": HARDSHIP, "until": "2026-06-05"}
    assert _post(api, did, "postponement", postponed).status_code == 201
    too_much = _post(api, did, "reduction", {**reduce, "amount": 5_000_000})
    assert too_much.status_code == 422 and code(too_much) == "reduction_not_allowed"
    ok = _post(api, did, "reduction", {**reduce, "amount": 2_000_000})
    assert ok.status_code == 201, ok.get_json()
    body = ok.get_json()
    assert body["number"].endswith("/QĐ-GTP") and body["pdf_url"] and body["amount"] == 2_000_000
    after = figures(api, did, "2026-04-05")
    assert after["fine_total_in_force"] == 5_000_000 and after["reduced"] == 2_000_000
    assert after["outstanding"] == 3_000_000 and after["status"] == "postponed"
    exempt = {"requested_on": "2026-04-20", "decided_on": "2026-04-22", "hardship": HARDSHIP, "kind": "exempt"}
    wrong = _post(api, did, "reduction", {**exempt, "amount": 1_000_000})
    assert wrong.status_code == 422 and code(wrong) == "reduction_not_allowed"
    done = _post(api, did, "reduction", exempt)
    assert done.status_code == 201 and done.get_json()["number"].endswith("/QĐ-MTP")
    assert done.get_json()["amount"] == 3_000_000
    closed = figures(api, did, "2026-07-30")
    assert closed["outstanding"] == 0 and closed["late_fee"] == 0 and closed["status"] == "closed"


def test_an_exemption_needs_a_reduction_or_an_installment_paid(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    exempt = {"requested_on": "2026-03-10", "hardship": HARDSHIP, "kind": "exempt"}
    refused = _post(api, did, "reduction", exempt)
    assert refused.status_code == 422 and code(refused) == "reduction_not_allowed"
    schedule = [("2026-03-20", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000)]
    plan = {
        "requested_on": "2026-03-06",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
    }
    assert _post(api, did, "installments", plan).status_code == 201
    assert pay(api, did, 14_000_000, "2026-03-20", "BL-9").status_code == 201
    ok = _post(api, did, "reduction", {**exempt, "requested_on": "2026-04-01"})
    assert ok.status_code == 201 and ok.get_json()["amount"] == 21_000_000
    assert figures(api, did, "2026-09-01")["status"] == "closed"


def test_the_decision_page_records_a_refusal_and_a_reduction(client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    page = client.get(f"/decisions/{did}").get_data(as_text=True)
    # Nothing postponed: no reduction may be granted yet, only a request refused.
    assert "Chỉ giảm, miễn tiền phạt sau khi đã được hoãn thi hành" in page
    assert re.search(r'<input checked[^>]* id="g-outcome-1"[^>]*value="refused"', page)
    token = csrf_from(page)
    base = {"csrf_token": token, "h-requested_on": "05/03/2026", "h-decided_on": "06/03/2026", "h-hardship": HARDSHIP}
    no_reason = client.post(f"/decisions/{did}/postponement", data={**base, "h-outcome": "refused"})
    assert no_reason.status_code == 422 and "Phải ghi lý do không chấp nhận" in no_reason.get_data(as_text=True)
    refused = {**base, "h-outcome": "refused", "h-reason": "Chưa có xác nhận hoàn cảnh khó khăn."}
    assert client.post(f"/decisions/{did}/postponement", data=refused).status_code == 302
    granted = {**base, "h-requested_on": "07/03/2026", "h-decided_on": "07/03/2026", "h-until": "07/06/2026"}
    assert client.post(f"/decisions/{did}/postponement", data=granted).status_code == 302
    page = client.get(f"/decisions/{did}").get_data(as_text=True)
    assert "Chưa có xác nhận hoàn cảnh khó khăn." in page and "Giảm, miễn tiền phạt (mẫu MQĐ04)" in page
    reduce = {
        "csrf_token": token,
        "g-requested_on": "01/04/2026",
        "g-decided_on": "02/04/2026",
        "g-kind": "reduce",
        "g-amount": "1.500.000",
        "g-hardship": HARDSHIP,
    }
    answer = client.post(f"/decisions/{did}/reduction", data=reduce)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = client.get(f"/decisions/{did}").get_data(as_text=True)
    assert "1/QĐ-GTP" in page and re.search(r"Được giảm, miễn \(Điều 77\)</dt><dd[^>]*>1\.500\.000 đ", page)


def test_installments_after_a_reduction_go_by_the_fine_as_decided(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")  # 35,000,000
    assert (
        _post(
            api, did, "postponement", {"requested_on": "2026-03-06", "hardship": HARDSHIP, "until": "2026-04-06"}
        ).status_code
        == 201
    )
    reduce = {"requested_on": "2026-03-10", "hardship": HARDSHIP, "kind": "reduce", "amount": 21_000_000}
    assert _post(api, did, "reduction", reduce).status_code == 201
    schedule = [("2026-04-20", 7_000_000), ("2026-06-20", 7_000_000)]  # the 14,000,000 left
    plan = {
        "requested_on": "2026-03-15",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
    }
    answer = _post(api, did, "installments", plan)
    assert answer.status_code == 201, answer.get_json()  # the threshold is the 35,000,000 decided, not what is left


def test_money_paid_before_the_plan_is_no_installment_paid(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    assert pay(api, did, 10_000_000, "2026-03-06", "BL-20").status_code == 201
    schedule = [("2026-04-15", 10_000_000), ("2026-06-15", 15_000_000)]
    plan = {
        "requested_on": "2026-03-07",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
    }
    assert _post(api, did, "installments", plan).status_code == 201
    exempt = {"requested_on": "2026-03-08", "hardship": HARDSHIP, "kind": "exempt"}
    early = _post(api, did, "reduction", exempt)
    assert early.status_code == 422 and code(early) == "reduction_not_allowed"
    assert pay(api, did, 10_000_000, "2026-04-15", "BL-21").status_code == 201
    ok = _post(api, did, "reduction", {**exempt, "requested_on": "2026-04-20"})
    assert ok.status_code == 201 and ok.get_json()["amount"] == 15_000_000
