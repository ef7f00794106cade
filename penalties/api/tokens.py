"""POST /api/v1/auth/token: a bearer token for a username and password."""

from flask import current_app, request
from flask_babel import gettext as _

from penalties.api import ApiBlueprint
from penalties.api.schemas import TokenIn, TokenOut
from penalties.auth.operations import SignInRefused, issue_token, sign_in
from penalties.auth.throttle import sign_in_throttle
from penalties.core.db import utcnow
from penalties.core.errors import ApiError
from penalties.extensions import db

blp = ApiBlueprint("api_auth", __name__, description="Xác thực / authentication")


@blp.route("/auth/token", methods=["POST"])
@blp.arguments(TokenIn)
@blp.response(200, TokenOut)
def token(body):
    """Issue a token (valid for PENALTIES_API_TOKEN_HOURS hours); 429 rate_limited after repeated failures."""
    now = utcnow()
    try:
        user = sign_in(body["username"], body["password"], request.remote_addr, now=now, throttle=sign_in_throttle())
    except SignInRefused as refused:
        db.session.commit()
        raise ApiError(
            429,
            "rate_limited",
            _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)d giây.", n=refused.retry_after),
            retry_after=refused.retry_after,
        ) from None
    if user is None:
        db.session.commit()  # the failure is counted for every worker
        raise ApiError(401, "invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."))
    value, row = issue_token(user, now=now, hours=current_app.config["API_TOKEN_HOURS"])
    db.session.commit()
    return {"token": value, "expires_at": row.expires_at}


token.access = "public"
