"""The home page: what the signed-in user can do from here."""

from flask import render_template

from penalties.auth.forms import ROLE_LABELS
from penalties.auth.permissions import acting_user, signed_in
from penalties.home import bp


@bp.get("/")
@signed_in
def index():
    user = acting_user()
    return render_template("home/index.html", user=user, role_label=ROLE_LABELS.get(user.role, user.role))
