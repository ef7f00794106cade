"""Administration through the API: users (API.md)."""

import sqlalchemy as sa

from penalties.api import ApiBlueprint
from penalties.api.schemas import ListArgs, UserIn, UserOut, page_of
from penalties.auth.models import User
from penalties.auth.operations import UserInput, create_user
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.core.pagination import keyset_page
from penalties.extensions import db

blp = ApiBlueprint("api_admin", __name__, description="Quản trị / administration")


@blp.route("/users", methods=["GET"])
@permission_required(Permission.MANAGE_USERS)
@blp.arguments(ListArgs, location="query")
@blp.response(200, page_of(UserOut))
def users(args):
    """List users by username."""
    page = keyset_page(sa.select(User), [User.username], args["cursor"], min(max(args["limit"], 1), 200))
    return {"items": page.items, "next_cursor": page.next_cursor}


@blp.route("/users", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
@blp.arguments(UserIn)
@blp.response(201, UserOut)
def create_user_(body):
    """Create a user (admin); 422 for an unknown role, unit or position, 409 for a taken username."""
    delegation = body.get("delegation") or {}
    data = UserInput(
        username=body["username"],
        role=body["role"],
        unit_code=body["unit"],
        full_name=body["full_name"],
        position=body["position"],
        title=body["title"],
        delegation_number=delegation.get("number"),
        delegation_on=delegation.get("date"),
    )
    user = create_user(data, body["password"], actor=acting_user())
    db.session.commit()
    return user
