"""The audit trail: every change, per object."""

from flask import abort, current_app, render_template, request

from penalties.audit import bp
from penalties.audit.queries import actor_names, entries_for
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.extensions import db

# Administrative objects are shown to administrators only; the rest to every role that may audit.
ADMIN_ONLY = {"users", "api_tokens", "units", "sectors", "acts", "circumstances", "holiday_overrides"}


@bp.get("/")
@permission_required(Permission.MANAGE_USERS)
def index():
    page = entries_for(None, None, request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return render_template("audit/index.html", page=page, names=actor_names(page.items), object_type=None)


@bp.get("/<object_type>/<object_id>")
@permission_required(Permission.VIEW_AUDIT)
def detail(object_type: str, object_id: str):
    if object_type not in db.metadata.tables:
        abort(404)
    if object_type in ADMIN_ONLY and not acting_user().can(Permission.MANAGE_USERS):
        abort(403)
    page = entries_for(object_type, object_id, request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return render_template(
        "audit/index.html", page=page, names=actor_names(page.items), object_type=object_type, object_id=object_id
    )
