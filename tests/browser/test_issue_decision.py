"""Browser: legal staff issue a decision from a case and download its PDF."""

from datetime import datetime, timedelta

import pytest

from penalties.core.formatting import LEGAL_TZ
from tests.browser.conftest import sign_in_browser
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _record_case(app, users):
    from penalties.auth.models import User
    from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, record_case
    from penalties.extensions import db
    from penalties.workdays.queries import work_calendar

    now = datetime.now(LEGAL_TZ)
    moment = now - timedelta(hours=2)
    with app.app_context():
        case = record_case(
            CaseInput(
                "HN-TH-PT",
                ViolatorInput("individual", "Đặng Văn Đức", "001078034567", "8 Xuân La, Tây Hồ"),
                [ViolationInput("XD-16-7a", moment.date())],
                moment,
                moment + timedelta(minutes=30),
                "HN-TH-PT",
                "Số 18 ngõ 689 Lạc Long Quân",
                "Xây dựng nhà ở riêng lẻ không có giấy phép.",
            ),
            [],
            actor=db.session.get(User, users["officer"]),
            now=now,
            calendar=work_calendar(),
        )
        db.session.commit()
        return case.id


def test_legal_issues_a_decision_and_downloads_the_pdf(app, live_server, page, users, acts):
    case_id = _record_case(app, users)
    sign_in_browser(page, live_server, "chair", PASSWORD)
    page.goto(f"{live_server}/cases/{case_id}")
    page.click("text=Ra quyết định xử phạt")
    assert page.locator("text=Mức hợp pháp").count() == 1
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Ban hành quyết định')")
    page.wait_for_selector("text=Đã ban hành quyết định 1/QĐ-XPHC")
    assert page.locator("text=35.000.000 đ").count() >= 1
    with page.expect_download() as info:
        page.evaluate("""() => { const a = document.querySelector("a[href$='/pdf']"); a.setAttribute('download', '');
                                 a.removeAttribute('target'); a.click(); }""")
    path = info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # The QR code sends to where the site is served (here the live server's own port), not a fixed :5000.
    from penalties.decisions.models import Decision
    from penalties.extensions import db

    with app.app_context():
        decision = db.session.scalar(db.select(Decision).where(Decision.case_id == case_id))
        assert decision.document.rendered_data["verification_url"].startswith(f"{live_server}/verify/")
