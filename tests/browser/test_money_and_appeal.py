"""Browser (issue 5): legal staff record a partial payment, see the outstanding amount and the late fee,
file a complaint, resolve it as amended and see the new total."""

from datetime import datetime, timedelta

import pytest

from penalties.core.formatting import LEGAL_TZ
from tests.browser.conftest import sign_in_browser
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _delivered_decision(app, users) -> tuple[int, int]:
    """A 5,000,000 đ decision delivered 20 days ago: 10 days late today. Return (decision id, late days)."""
    from penalties.auth.models import User
    from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, record_case
    from penalties.decisions.operations import DecisionInput, issue_decision
    from penalties.extensions import db
    from penalties.workdays.queries import work_calendar

    now = datetime.now(LEGAL_TZ)
    moment = now - timedelta(days=22)
    with app.app_context():
        officer = db.session.get(User, users["officer"])
        case = record_case(
            CaseInput(
                "HN-TH-PT",
                ViolatorInput("individual", "Lê Văn Tám", "001079011223", "3 Quảng Bá, Tây Hồ"),
                [ViolationInput("GT-7-7c", moment.date())],
                moment,
                moment + timedelta(minutes=30),
                "HN-TH-PT",
                "Đường Âu Cơ",
                "Điều khiển xe không chấp hành hiệu lệnh.",
            ),
            [],
            actor=officer,
            now=moment + timedelta(hours=1),
            calendar=work_calendar(),
        )
        chair = db.session.get(User, users["chair"])
        delivered_on = (now - timedelta(days=20)).date()
        decision = issue_decision(
            case,
            DecisionInput(signer="chair", issued_on=moment.date(), delivered_on=delivered_on),
            actor=chair,
            today=now.date(),
        )
        db.session.commit()
        return decision.id, (now.date() - delivered_on).days - 10 - 1


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def test_partial_payment_late_fee_complaint_amended(app, live_server, page, users, acts):
    decision_id, late_days = _delivered_decision(app, users)
    sign_in_browser(page, live_server, "legal", PASSWORD)
    page.goto(f"{live_server}/decisions/{decision_id}")
    fee = 5_000_000 * late_days // 2000
    assert page.locator(f"text={_money(5_000_000 + fee)}").count() >= 1

    page.fill("#p-amount", "2000000")
    page.fill("#p-receipt_no", "BL-TRINH-DUYET-1")
    page.click("button:has-text('Ghi nhận khoản nộp')")
    page.wait_for_selector("text=BL-TRINH-DUYET-1")
    # Paid today: the fine first; the late fee accrued on 5,000,000 stays owed beside the 3,000,000 left.
    assert page.locator(f"text={_money(fee)}").count() >= 1
    assert page.locator(f"text={_money(3_000_000 + fee)}").count() >= 1

    page.click("summary:has-text('Ghi nhận đơn khiếu nại, khởi kiện')")
    page.select_option("#a-kind", "complaint")
    page.fill("#a-grounds", "Không đồng ý mức phạt, đề nghị xem xét tình tiết giảm nhẹ.")
    page.click("button:has-text('Ghi nhận đơn')")
    page.wait_for_selector("text=Khiếu nại lần đầu")

    page.click("summary:has-text('Ghi nhận kết quả giải quyết')")
    page.locator("select[id$='-outcome']").select_option("amended")
    page.locator("input[id$='-new_fine_total']").fill("4000000")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Ghi nhận kết quả')")
    page.wait_for_selector("text=QĐ-SĐBS")
    assert page.locator(f"text={_money(4_000_000)}").count() >= 1
    # What was paid counts against the new total: 2,000,000 of 4,000,000 is left, plus the late fee.
    assert page.locator(f"text={_money(2_000_000)}").count() >= 1
