"""The home page: what the signed-in user can do from here, and their unit's deadlines."""

from flask import render_template

from penalties.appeals.queries import appeals_due, with_decisions
from penalties.auth.forms import ROLE_LABELS
from penalties.auth.permissions import acting_user, signed_in
from penalties.cases.queries import cases_near_deadline
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.decisions.labels import STATUS_LABELS
from penalties.decisions.queries import undelivered_near_due
from penalties.home import bp
from penalties.payments.queries import installments_due, overdue_on
from penalties.workdays.queries import work_calendar


def _deadlines(user, today) -> dict:
    """Return the deadlines of the user's unit: cases, deliveries, overdue fines, installments, appeals."""
    overdue = overdue_on(user, today, limit=20)
    return {
        "deadlines": cases_near_deadline(user, today),
        "deliveries": undelivered_near_due(user, today, work_calendar()),
        "overdue": overdue.items,
        "more_overdue": overdue.next_cursor is not None,
        "installments": installments_due(user, today, within_days=7),
        "appeals": with_decisions(appeals_due(user, today, within_days=7)),
        "labels": STATUS_LABELS,
    }


@bp.get("/")
@signed_in
def index():
    user = acting_user()
    today = local_today(utcnow())
    # Officers and legal staff start their day with the deadlines of their unit.
    mine = _deadlines(user, today) if user.role in ("officer", "legal") else {"deadlines": None}
    return render_template(
        "home/index.html",
        user=user,
        role_label=ROLE_LABELS.get(user.role, user.role),
        today=today,
        **mine,
    )
