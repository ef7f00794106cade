"""Money through the API (API.md "Money"; SPEC §2 and §6b worked examples; issue 5 acceptance)."""

from tests.payments.money import HARDSHIP, code, delivered, figures, pay


def test_spec_late_fee_nine_days_then_paid_in_full(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    before = figures(api, did, "2026-03-21")
    assert before["payment_due"] == "2026-03-11" and before["status"] == "overdue"
    assert before["late_fee"] == 22_500 and before["outstanding"] == 5_022_500
    answer = pay(api, did, 5_022_500, "2026-03-21", "BL-1")
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert body["payment"]["principal"] == 5_000_000 and body["payment"]["late_fee"] == 22_500
    after = figures(api, did, "2026-03-25")
    assert after["outstanding"] == 0 and after["late_fee"] == 0 and after["status"] == "paid"
    assert after["paid_total"] == 5_022_500 and after["principal_paid"] == 5_000_000
    # As of a day before the payment, the figures are those of that day.
    assert figures(api, did, "2026-03-15")["outstanding"] == 5_000_000 + 5_000_000 * 3 // 2000


def test_partial_payment_goes_to_the_fine_first_and_the_fee_runs_on_the_rest(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert pay(api, did, 2_000_000, "2026-03-05", "BL-2").status_code == 201
    on_time = figures(api, did, "2026-03-08")
    assert on_time["status"] == "partially_paid" and on_time["outstanding"] == 3_000_000
    late = figures(api, did, "2026-03-21")  # 9 late days on the 3,000,000 left
    assert late["late_fee"] == 13_500 and late["outstanding"] == 3_013_500 and late["status"] == "overdue"
    # The fine paid on 21/03 but not the fee: the fee accrued stays owed, and grows no more.
    assert pay(api, did, 3_000_000, "2026-03-21", "BL-3").status_code == 201
    rest = figures(api, did, "2026-04-30")
    # The fine is paid: only its late fee is left, owed but not "overdue" (SPEC §7: a part of the fine past due).
    assert rest["late_fee"] == 13_500 and rest["outstanding"] == 13_500 and rest["status"] == "partially_paid"


def test_refusals_create_nothing(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    too_much = pay(api, did, 5_000_001, "2026-03-05", "BL-4")
    assert too_much.status_code == 422 and code(too_much) == "amount_invalid"
    assert "5.000.000" in too_much.get_json()["error"]["message"]
    assert code(pay(api, did, 0, "2026-03-05", "BL-4")) == "amount_invalid"
    assert code(pay(api, did, -5, "2026-03-05", "BL-4")) == "amount_invalid"
    future = pay(api, did, 1_000, "2099-01-01", "BL-4")
    assert future.status_code == 422 and future.get_json()["error"]["fields"].get("paid_on")
    assert pay(api, did, "1000", "2026-03-05", "BL-4").status_code == 400
    bad_method = api["legal"].post(
        f"/decisions/{did}/payments", {"amount": 1, "paid_on": "2026-03-05", "method": "gold", "receipt_no": "X"}
    )
    assert bad_method.status_code == 422
    listed = api["legal"].get(f"/decisions/{did}/payments").get_json()
    assert listed["items"] == [] and figures(api, did, "2026-03-05")["outstanding"] == 5_000_000


def test_double_submit_of_the_same_receipt_is_refused(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert pay(api, did, 1_000_000, "2026-03-05", "BL-9").status_code == 201
    again = pay(api, did, 1_000_000, "2026-03-05", "BL-9")
    assert again.status_code == 409 and code(again) == "duplicate_receipt"
    assert figures(api, did, "2026-03-06")["principal_paid"] == 1_000_000
    assert len(api["legal"].get(f"/decisions/{did}/payments").get_json()["items"]) == 1


def test_reversal_is_a_linked_negative_entry(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    payment = pay(api, did, 5_000_000, "2026-03-05", "BL-10").get_json()["payment"]
    no_reason = api["legal"].post(f"/payments/{payment['id']}/reversal", {"reason": ""})
    assert no_reason.status_code == 422
    reversal = api["legal"].post(f"/payments/{payment['id']}/reversal", {"reason": "Ghi nhầm quyết định"})
    assert reversal.status_code == 201, reversal.get_json()
    assert reversal.get_json()["amount"] == -5_000_000 and reversal.get_json()["reverses"] == payment["id"]
    twice = api["legal"].post(f"/payments/{payment['id']}/reversal", {"reason": "Lần nữa"})
    assert twice.status_code == 409 and code(twice) == "payment_reversed"
    items = api["legal"].get(f"/decisions/{did}/payments").get_json()["items"]
    assert [i["amount"] for i in items] == [5_000_000, -5_000_000]
    assert figures(api, did, "2026-03-06")["outstanding"] == 5_000_000
    assert api["board"].post(f"/payments/{payment['id']}/reversal", {"reason": "x"}).status_code == 403


def test_spec_installments_first_share_count_and_threshold(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    rows = [("2026-03-15", 13_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 11_000_000)]

    def plan(schedule):
        body = {
            "requested_on": "2026-03-06",
            "hardship": HARDSHIP,
            "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
        }
        return api["legal"].post(f"/decisions/{did}/installments", body)

    low = plan(rows)
    assert low.status_code == 422 and code(low) == "installment_not_allowed"
    assert "40" in low.get_json()["error"]["message"] and "Điều 79" in low.get_json()["error"]["article"]
    four = plan(
        [("2026-03-15", 14_000_000), ("2026-04-15", 7_000_000), ("2026-05-15", 7_000_000), ("2026-06-15", 7_000_000)]
    )
    assert four.status_code == 422 and code(four) == "installment_not_allowed"
    late = plan([("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-09-15", 10_000_000)])
    assert late.status_code == 422 and code(late) == "installment_not_allowed"
    ok = plan([("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000)])
    assert ok.status_code == 201, ok.get_json()
    body = ok.get_json()
    assert body["number"].endswith("/QĐ-NPNL") and body["pdf_url"] and len(body["schedule"]) == 3
    assert api["legal"].get(body["pdf_url"].removeprefix("/api/v1")).data.startswith(b"%PDF")
    assert plan([("2026-03-15", 14_000_000), ("2026-05-15", 21_000_000)]).status_code == 409
    # The second installment is not late before its own due date; the fee runs on it only after.
    assert pay(api, did, 14_000_000, "2026-03-15", "BL-20").status_code == 201
    middle = figures(api, did, "2026-04-20")
    assert middle["status"] == "installments" and middle["late_fee"] == 0
    assert middle["next_due"] == {"due_on": "2026-05-15", "amount": 11_000_000}
    after = figures(api, did, "2026-05-20")  # 16/05 … 19/05 late on 11,000,000
    assert after["status"] == "overdue" and after["late_fee"] == 4 * 5_500


def test_spec_twelve_million_refuses_installments(api):
    did = delivered(api, ["GT-12-7"], "2026-03-02", "2026-03-04", "2026-03-05")
    total = figures(api, did, "2026-03-06")["fine_total"]
    assert total < 15_000_000
    first = -(-total * 4 // 10)
    body = {
        "requested_on": "2026-03-06",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": "2026-03-15", "amount": first}, {"due_on": "2026-05-15", "amount": total - first}],
    }
    refused = api["legal"].post(f"/decisions/{did}/installments", body)
    assert refused.status_code == 422 and code(refused) == "installment_not_allowed"
    assert "15.000.000" in refused.get_json()["error"]["message"]


def test_postponement_stops_the_late_fee(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    too_long = {"requested_on": "2026-03-05", "hardship": HARDSHIP, "until": "2026-06-06"}
    refused = api["legal"].post(f"/decisions/{did}/postponement", too_long)
    assert refused.status_code == 422 and code(refused) == "postponement_not_allowed"
    no_hardship = api["legal"].post(
        f"/decisions/{did}/postponement", {**too_long, "hardship": " ", "until": "2026-05-05"}
    )
    assert no_hardship.status_code == 422 and code(no_hardship) == "postponement_not_allowed"
    ok = api["legal"].post(f"/decisions/{did}/postponement", {**too_long, "until": "2026-06-05"})
    assert ok.status_code == 201, ok.get_json()
    assert ok.get_json()["number"].endswith("/QĐ-HQĐPT") and ok.get_json()["pdf_url"]
    during = figures(api, did, "2026-05-20")
    assert during["status"] == "postponed" and during["late_fee"] == 0 and during["postponed_until"] == "2026-06-05"
    after = figures(api, did, "2026-06-10")  # 06/06 … 09/06: 4 days on 5,000,000
    assert after["status"] == "overdue" and after["late_fee"] == 10_000


def test_enforcement_only_when_overdue_and_the_overdue_list(api):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    early = api["legal"].post(
        f"/decisions/{did}/enforcement", {"decided_on": "2026-03-10", "measure": "salary_deduction"}
    )
    assert early.status_code == 409 and code(early) == "nothing_overdue"
    bad = api["legal"].post(f"/decisions/{did}/enforcement", {"decided_on": "2026-03-20", "measure": "jail"})
    assert bad.status_code == 422
    ok = api["legal"].post(
        f"/decisions/{did}/enforcement", {"decided_on": "2026-03-21", "measure": "account_deduction"}
    )
    assert ok.status_code == 201, ok.get_json()
    body = ok.get_json()
    assert body["number"].endswith("/QĐ-CCXP") and body["amount"] == 5_000_000 and body["late_fee"] == 22_500
    assert figures(api, did, "2026-03-22")["status"] == "enforced"
    other = delivered(api, ["GT-7-2h"], "2026-03-02", "2026-03-03", "2026-03-04")
    listed = api["board"].get("/overdue?on=2026-03-22").get_json()["items"]
    assert [row["decision_id"] for row in listed] == [did, other]
    assert listed[0]["late_fee"] == 5_000_000 * 10 // 2000 and listed[0]["status"] == "enforced"
    assert api["legal"].get("/overdue?on=2026-03-10").get_json()["items"] == []


def test_decisions_past_the_execution_limitation_are_expired(api):
    # Issued 01/08/2025: a year ends Sat 01/08/2026, so the decision may be executed until Mon 03/08 (Law
    # Art. 74; Civil Code Art. 148(5), SPEC v2 §2).
    did = delivered(api, ["GT-7-7c"], "2025-07-30", "2025-08-01", "2025-08-02")
    assert figures(api, did, "2026-08-03")["status"] == "overdue"
    expired = figures(api, did, "2026-08-04")
    assert expired["status"] == "expired" and expired["execution_expires"] == "2026-08-03"
    late = pay(api, did, 100_000, "2026-08-04", "BL-30")
    assert late.status_code == 409 and code(late) == "execution_expired"


def test_overdue_list_names_the_installment_missed_or_only_the_late_fee(api):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    schedule = [("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000)]
    body = {
        "requested_on": "2026-03-06",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
    }
    assert api["legal"].post(f"/decisions/{did}/installments", body).status_code == 201
    missed = api["legal"].get("/overdue?on=2026-03-20").get_json()["items"]
    assert [(r["decision_id"], r["late_due_on"], r["days_late"]) for r in missed] == [(did, "2026-03-15", 4)]
    # The first installment paid late on 20/03: only its late fee (4 days on 14,000,000) is left before 15/05.
    assert pay(api, did, 14_000_000, "2026-03-20", "BL-40").status_code == 201
    fee_only = api["legal"].get("/overdue?on=2026-04-01").get_json()["items"]
    assert [(r["late_due_on"], r["days_late"], r["late_fee"]) for r in fee_only] == [(None, 0, 28_000)]
