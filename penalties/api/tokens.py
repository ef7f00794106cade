"""POST /api/v1/auth/token: a bearer token for a username and password."""

from flask import current_app
from flask_babel import gettext as _

from penalties.api import ApiBlueprint
from penalties.api.schemas import TokenIn, TokenOut
from penalties.auth.operations import authenticate, issue_token
from penalties.core.db import utcnow
from penalties.core.errors import ApiError
from penalties.extensions import db, limiter

blp = ApiBlueprint("api_auth", __name__, description="Xác thực / authentication")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@blp.route("/auth/token", methods=["POST"])
@limiter.limit(_login_limit)
@blp.arguments(TokenIn)
@blp.response(200, TokenOut)
def token(body):
    """Issue a token (valid for PENALTIES_API_TOKEN_HOURS hours)."""
    now = utcnow()
    user = authenticate(body["username"], body["password"], now=now)
    if user is None:
        raise ApiError(401, "invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."))
    value, row = issue_token(user, now=now, hours=current_app.config["API_TOKEN_HOURS"])
    db.session.commit()
    return {"token": value, "expires_at": row.expires_at}


token.access = "public"
