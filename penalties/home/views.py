"""The home page: what the signed-in user can do from here."""

from flask import render_template

from penalties.auth.forms import ROLE_LABELS
from penalties.auth.permissions import acting_user, signed_in
from penalties.cases.queries import cases_near_deadline
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.home import bp


@bp.get("/")
@signed_in
def index():
    user = acting_user()
    today = local_today(utcnow())
    # Officers and legal staff start their day with the deadlines of their unit.
    deadlines = cases_near_deadline(user, today) if user.role in ("officer", "legal") else None
    return render_template(
        "home/index.html",
        user=user,
        role_label=ROLE_LABELS.get(user.role, user.role),
        deadlines=deadlines,
        today=today,
    )
