"""The money panel of the decision page, its forms (payment, reversal, installments), the overdue list, home."""

import io
import re

from tests.helpers import csrf_from, sign_in
from tests.payments.money import HARDSHIP, delivered, pay


def _page(client, did, on=None):
    response = client.get(f"/decisions/{did}" + (f"?on={on}" if on else ""))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _figure(html: str, label: str) -> str:
    match = re.search(rf"{label}</dt>\s*<dd[^>]*>([^<]+)<", html)
    assert match, label
    return match.group(1).strip()


def _payments(app, did):
    from penalties.decisions.models import Decision
    from penalties.extensions import db
    from penalties.payments.operations import payments_of

    with app.app_context():
        return [(p.receipt_no, p.amount) for p in payments_of(db.session.get(Decision, did))]


def test_payment_through_the_form_shows_the_new_outstanding_and_the_receipt(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    page = _page(client, did)
    assert "Ghi nhận khoản nộp" in page and 'data-confirm="Hủy khoản nộp' not in page
    # 5,000,000 đ: may be postponed (from 2,000,000), not paid in installments (from 15,000,000).
    # Below the threshold a request for installments can only be recorded as refused: its form is set so.
    assert "Hoãn thi hành quyết định phạt tiền (mẫu MQĐ03)" in page and "(mẫu MQĐ05)" in page
    assert re.search(r'<input checked[^>]* id="i-outcome-1"[^>]*value="refused"', page)
    assert re.search(r'<input checked[^>]* id="h-outcome-0"[^>]*value="granted"', page)
    assert "Mức phạt dưới 15.000.000 đ: không được nộp tiền phạt nhiều lần (Điều 79)." in page
    data = {
        "csrf_token": csrf_from(page),
        "p-amount": "2.000.000",
        "p-paid_on": "05/03/2026",
        "p-method": "bank_transfer",
        "p-receipt_no": "BL-P1",
    }
    response = client.post(f"/decisions/{did}/payments", data=data)
    assert response.status_code == 302 and response.location.endswith(f"/decisions/{did}#payments")
    after = _page(client, did, "08/03/2026")
    assert "Tiền phạt tính đến ngày 08/03/2026" in after
    assert _figure(after, "Còn phải nộp") == "3.000.000 đ" and _figure(after, "Đã nộp: tiền phạt") == "2.000.000 đ"
    assert "BL-P1" in after and "Chuyển khoản" in after and "Đã nộp một phần" in after
    assert 'data-confirm="Hủy khoản nộp BL-P1' in after
    assert _payments(app, did) == [("BL-P1", 2_000_000)]


def test_a_bad_amount_is_shown_beside_the_field_and_nothing_is_stored(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    token = csrf_from(_page(client, did))
    data = {"csrf_token": token, "p-paid_on": "05/03/2026", "p-method": "cash", "p-receipt_no": "BL-P2"}
    too_much = client.post(f"/decisions/{did}/payments", data={**data, "p-amount": "6000000"})
    html = too_much.get_data(as_text=True)
    assert too_much.status_code == 422
    assert re.search(r'id="p-amount"[^>]*>\s*<div class="invalid-feedback">Số tiền nộp phải lớn hơn 0', html)
    assert "5.000.000 đ" in html and "Điều 78" in html
    assert 'value="6000000"' in html  # what was typed stays in the form
    not_a_number = client.post(f"/decisions/{did}/payments", data={**data, "p-amount": "năm triệu"})
    assert not_a_number.status_code == 422
    assert "Số tiền phải là số nguyên đồng" in not_a_number.get_data(as_text=True)
    zero = client.post(f"/decisions/{did}/payments", data={**data, "p-amount": "0"})
    assert zero.status_code == 422 and "Số tiền phải lớn hơn 0." in zero.get_data(as_text=True)
    assert _payments(app, did) == []


def test_reversal_asks_a_reason_and_is_shown_linked(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    payment = pay(api, did, 5_000_000, "2026-03-05", "BL-P3").get_json()["payment"]
    sign_in(client, users["legal"])
    page = _page(client, did, "06/03/2026")
    assert _figure(page, "Còn phải nộp") == "0 đ" and "Đã nộp đủ" in page
    assert "Ghi nhận khoản nộp" not in page  # nothing left to pay
    url = f"/payments/{payment['id']}/reversal"
    empty = client.post(url, data={"csrf_token": csrf_from(page), f"v{payment['id']}-reason": " "})
    assert empty.status_code == 422 and "Phải ghi lý do hủy khoản nộp." in empty.get_data(as_text=True)
    response = client.post(url, data={"csrf_token": csrf_from(page), f"v{payment['id']}-reason": "Ghi nhầm quyết định"})
    assert response.status_code == 302
    after = _page(client, did, "06/03/2026")
    assert "đã hủy" in after and "Ghi nhầm quyết định" in after and "BL-P3/HỦY" in after
    assert f'href="#payment-{payment["id"]}"' in after
    assert _figure(after, "Còn phải nộp") == "5.000.000 đ"
    assert _payments(app, did) == [("BL-P3", 5_000_000), ("BL-P3/HỦY", -5_000_000)]


def _installments(client, did, token, rows, evidence=None):
    data = {
        "csrf_token": token,
        "i-requested_on": "06/03/2026",
        "i-decided_on": "06/03/2026",
        "i-hardship": HARDSHIP,
    }
    for i, (due_on, amount) in enumerate(rows):
        data[f"i-schedule-{i}-due_on"], data[f"i-schedule-{i}-amount"] = due_on, amount
    if evidence is not None:
        data["i-evidence"] = evidence
    return client.post(f"/decisions/{did}/installments", data=data, content_type="multipart/form-data")


def test_installments_with_a_pdf_as_evidence(app, client, api, users):
    from penalties.core.documents import StoredDocument
    from penalties.extensions import db
    from penalties.payments.models import InstallmentPlan

    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    sign_in(client, users["legal"])
    token = csrf_from(_page(client, did))
    low = _installments(client, did, token, [("15/03/2026", "13.000.000"), ("15/05/2026", "22.000.000"), ("", "")])
    html = low.get_data(as_text=True)
    assert low.status_code == 422
    assert re.search(r'id="i-schedule-0-amount"[^>]*>\s*<div class="invalid-feedback">Lần nộp thứ nhất tối thiểu', html)
    half = _installments(client, did, token, [("15/03/2026", "14.000.000"), ("", "21.000.000")])
    assert half.status_code == 422 and "Ghi cả hạn nộp và số tiền" in half.get_data(as_text=True)
    pdf = (io.BytesIO(b"%PDF-1.4\n% xac nhan\n"), "xac-nhan-kho-khan.pdf")
    ok = _installments(client, did, token, [("15/03/2026", "14.000.000"), ("", ""), ("15/05/2026", "21.000.000")], pdf)
    assert ok.status_code == 302, ok.get_data(as_text=True)
    with app.app_context():
        plan = db.session.query(InstallmentPlan).one()
        assert [(i.due_on.isoformat(), i.amount) for i in plan.installments] == [
            ("2026-03-15", 14_000_000),
            ("2026-05-15", 21_000_000),
        ]
        assert db.session.get(StoredDocument, plan.evidence_id).content_type == "application/pdf"
        number, document_id, evidence_id = plan.number, plan.document_id, plan.evidence_id
    page = _page(client, did, "20/04/2026")
    assert number in page and "Lần 2: 21.000.000 đ, hạn 15/05/2026" in page
    assert _figure(page, "Lần nộp tiếp theo") == "14.000.000 đ"  # the first one was never paid
    assert "Cho nộp tiền phạt nhiều lần (mẫu MQĐ05)" not in page  # one plan per decision
    link = f"/payments/documents/{document_id}"
    assert link in page and client.get(link).data.startswith(b"%PDF")
    evidence = f"/payments/evidence/{evidence_id}"  # the hardship evidence, as uploaded, never under its own name
    assert evidence in page and "Hồ sơ chứng minh khó khăn" in page
    served = client.get(evidence)
    assert served.data == b"%PDF-1.4\n% xac nhan\n" and served.headers["Content-Type"] == "application/pdf"
    assert "xac-nhan" not in served.headers["Content-Disposition"]
    assert client.get(f"/payments/evidence/{document_id}").status_code == 404  # a decision's PDF is not evidence


def test_enforcement_of_an_overdue_fine_from_the_page(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    page = _page(client, did)
    assert "Quyết định cưỡng chế (mẫu MQĐ12c)" in page
    data = {"csrf_token": csrf_from(page), "e-decided_on": "10/03/2026", "e-measure": "account_deduction"}
    early = client.post(f"/decisions/{did}/enforcement", data=data)
    assert early.status_code == 422 and "Không có khoản nào quá hạn vào ngày 10/03/2026" in early.get_data(as_text=True)
    ok = client.post(f"/decisions/{did}/enforcement", data={**data, "e-decided_on": "21/03/2026"})
    assert ok.status_code == 302 and ok.location.endswith("#relief")
    after = _page(client, did, "22/03/2026")
    assert "1/QĐ-CCXP" in after and "Khấu trừ tiền từ tài khoản tại tổ chức tín dụng" in after
    assert "Bị cưỡng chế" in after and "Tiền phạt 5.000.000 đ; tiền chậm nộp 22.500 đ" in after


def test_officer_and_board_see_no_form_and_are_refused(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    payment = pay(api, did, 1_000_000, "2026-03-05", "BL-P4").get_json()["payment"]
    for role in ("officer", "board"):
        sign_in(client, users[role])
        page = _page(client, did)
        assert "BL-P4" in page
        for form in ("Ghi nhận khoản nộp", "Hủy khoản nộp", "MQĐ05", "MQĐ03", "MQĐ12c", "Ghi nhận đơn khiếu nại"):
            assert form not in page, (role, form)
        token = csrf_from(page)  # the sign-out form's token
        for url in (
            f"/decisions/{did}/payments",
            f"/payments/{payment['id']}/reversal",
            f"/decisions/{did}/installments",
            f"/decisions/{did}/postponement",
            f"/decisions/{did}/enforcement",
            f"/decisions/{did}/appeals",
        ):
            assert client.post(url, data={"csrf_token": token}).status_code == 403, (role, url)
    assert _payments(app, did) == [("BL-P4", 1_000_000)]


def test_a_bad_as_of_date_is_a_message_not_an_error(client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["board"])
    response = client.get(f"/decisions/{did}?on=31/02/2026")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Ngày không hợp lệ" in html and "Đang hiển thị số liệu hôm nay." in html
    assert "Tiền phạt hôm nay" in html
    client.get("/lang/en")
    assert client.get(f"/decisions/{did}?on=2026-03-20").status_code == 200  # English, ISO date


def test_overdue_list_shows_the_overdue_and_not_the_paid(client, api, users):
    late = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    paid = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert pay(api, paid, 5_000_000, "2026-03-05", "BL-P5").status_code == 201
    sign_in(client, users["board"])
    html = client.get("/payments/overdue?on=22/03/2026").get_data(as_text=True)
    assert f'href="/decisions/{late}?on=22/03/2026"' in html and f'href="/decisions/{paid}' not in html
    assert "Quá hạn nộp phạt" in html and "5.025.000 đ" in html  # 10 late days × 0.05 % × 5,000,000
    empty = client.get("/payments/overdue?on=10/03/2026").get_data(as_text=True)
    assert "Không có quyết định nào quá hạn nộp phạt vào ngày 10/03/2026." in empty
    bad = client.get("/payments/overdue?on=hôm-qua")
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.get_data(as_text=True)
    assert 'href="/payments/overdue"' in client.get("/").get_data(as_text=True)  # in the navigation


def test_overdue_list_pages_by_cursor(app, client, api, users):
    first = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    second = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-02")
    sign_in(client, users["legal"])
    app.config["PAGE_SIZE"] = 1
    try:
        html = client.get("/payments/overdue?on=22/03/2026").get_data(as_text=True)
        assert f"/decisions/{first}?" in html and f"/decisions/{second}?" not in html and "Trang sau" in html
        next_url = re.search(r'href="([^"]*cursor=[^"]+)"', html).group(1).replace("&amp;", "&")
        assert "on=22" in next_url
        rest = client.get(next_url).get_data(as_text=True)
        assert f"/decisions/{second}?" in rest and f"/decisions/{first}?" not in rest
    finally:
        app.config["PAGE_SIZE"] = 50


def test_home_shows_deliveries_overdue_installments_and_appeals(app, client, api, users):
    from tests.decisions.test_api_decisions import issue, recorded

    overdue = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    planned = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    schedule = [{"due_on": "2026-03-15", "amount": 14_000_000}, {"due_on": "2026-05-15", "amount": 21_000_000}]
    body = {"requested_on": "2026-03-06", "hardship": HARDSHIP, "schedule": schedule}
    assert api["legal"].post(f"/decisions/{planned}/installments", body).status_code == 201
    appeal = {"kind": "complaint", "level": 1, "filed_on": "2026-03-20", "grounds": "Không đồng ý mức phạt"}
    assert api["legal"].post(f"/decisions/{overdue}/appeals", appeal).status_code == 201
    undelivered = issue(api, recorded(api, ["GT-7-7c"], "2026-03-02")["id"], "2026-03-03").get_json()
    sign_in(client, users["legal"])
    html = client.get("/").get_data(as_text=True)
    for heading in (
        "Biên bản chờ ra quyết định",
        "Quyết định cần giao",
        "Quá hạn nộp phạt",
        "Lần nộp phạt đến hạn trong 7 ngày hoặc đã quá hạn",
        "Khiếu nại, khởi kiện sắp đến hạn giải quyết",
    ):
        assert heading in html, heading
    deliveries = html.split('id="my-deliveries"')[1].split('id="my-overdue"')[0]
    assert f'href="/decisions/{undelivered["id"]}"' in deliveries
    overdue_part = html.split('id="my-overdue"')[1].split('id="my-installments"')[0]
    assert f'href="/decisions/{overdue}"' in overdue_part
    installments = html.split('id="my-installments"')[1].split('id="my-appeals"')[0]
    assert f'href="/decisions/{planned}#relief"' in installments and "14.000.000 đ" in installments
    appeals = html.split('id="my-appeals"')[1]
    assert f'href="/decisions/{overdue}#appeal-' in appeals and "quá hạn" in appeals
    sign_in(client, users["board"])
    assert "Quyết định cần giao" not in client.get("/").get_data(as_text=True)  # the board has no deadlines
