"""Browser (issue 13, point 5): the English decision page names each date for what it is — a complaint's filing
date is not a "date paid", the last day of execution is not "expired" while it lies ahead, and the kind of a
reduction is no payment "method"."""

from datetime import datetime, timedelta

import pytest

from penalties.core.formatting import LEGAL_TZ
from tests.browser.conftest import sign_in_browser
from tests.browser.test_money_and_appeal import _delivered_decision
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _complained_and_postponed(app, users, decision_id: int) -> None:
    from penalties.appeals.operations import AppealInput, file_appeal
    from penalties.auth.models import User
    from penalties.decisions.models import Decision
    from penalties.extensions import db
    from penalties.payments.operations import PostponementInput, decide_postponement
    from penalties.workdays.queries import work_calendar
    from tests.payments.money import HARDSHIP

    today = datetime.now(LEGAL_TZ).date()
    with app.app_context():
        chair, decision = db.session.get(User, users["chair"]), db.session.get(Decision, decision_id)
        file_appeal(
            decision,
            AppealInput("complaint", today, "Không đồng ý mức phạt."),
            actor=chair,
            today=today,
            calendar=work_calendar(),
        )
        decide_postponement(
            decision, PostponementInput(today, HARDSHIP, today + timedelta(days=30)), actor=chair, today=today
        )
        db.session.commit()


def test_the_english_decision_page_names_its_dates(app, live_server, page, users, acts):
    decision_id, _ = _delivered_decision(app, users)
    _complained_and_postponed(app, users, decision_id)
    sign_in_browser(page, live_server, "legal", PASSWORD)
    page.goto(f"{live_server}/lang/en?next=/decisions/{decision_id}")
    page.wait_for_selector("#relief")
    appeals = page.locator("#appeals table thead").inner_text()
    assert "Filing date" in appeals and "Date paid" not in appeals
    money = page.locator("#money").inner_text()
    assert "Execution limitation expired" not in money and "Execution time limit ends on" in money
    page.evaluate("document.querySelectorAll('#relief details').forEach(d => d.open = true)")
    reduction = page.locator("#relief").inner_text()
    assert "Kind of relief" in reduction and "Method" not in reduction
