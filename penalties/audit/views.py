"""The audit trail: every change, per object, read by those who may read the object itself."""

from flask import abort, current_app, render_template, request

from penalties.audit import bp
from penalties.audit.kinds import ADMINISTRATIVE, KINDS, parse_key
from penalties.audit.labels import field_label, kind_label
from penalties.audit.queries import actor_names, entries_for, owned_within
from penalties.audit.values import shown
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.auth.scope import visible_unit_ids


def _render(page, object_type: str | None = None, object_id: str | None = None):
    return render_template(
        "audit/index.html",
        page=page,
        names=actor_names(page.items),
        object_type=object_type,
        object_id=object_id,
        kind_label=kind_label,
        field_label=field_label,
        shown=shown,
    )


@bp.get("/")
@permission_required(Permission.MANAGE_USERS)
def index():
    """The administrators' trail: the administrative objects (users, units, catalogue), newest first."""
    page = entries_for(sorted(ADMINISTRATIVE), None, request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return _render(page)


@bp.get("/<object_type>/<path:object_id>")
@permission_required(Permission.VIEW_AUDIT)
def detail(object_type: str, object_id: str):
    kind = KINDS.get(object_type)
    key = parse_key(kind, object_id) if kind else None
    if key is None:
        abort(404)
    user = acting_user()
    if not user.can(kind.permission):
        abort(403)
    # Outside the user's units the object does not exist for them, as on its own page (404, not 403).
    if kind.owners is not None and not owned_within(kind.owners(key), visible_unit_ids(user)):
        abort(404)
    page = entries_for([object_type], object_id, request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return _render(page, object_type, object_id)
