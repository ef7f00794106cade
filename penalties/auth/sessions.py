"""Flask-Login wiring: a signed-in browser holds a session row on the server (api_tokens, kind `session`) named by
its cookie, so signing out, a password change or deactivation ends it at once; bearer tokens are read by the API."""

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

# The session cookie's key for the session row's token (the row keeps only its SHA-256).
SESSION_KEY = "sid"


def init_login(app: Flask, manager: LoginManager) -> None:
    """Configure sign-in: the login view, its messages and how a session names its user."""
    from penalties.auth.operations import user_for_token
    from penalties.core.db import utcnow

    manager.login_view = "auth.login"
    manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    manager.login_message_category = "warning"
    # "basic": a session used from another address or browser is marked non-fresh.
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(user_id: str):
        token = session.get(SESSION_KEY)
        if not token or not user_id.isdigit():
            return None
        # One statement: the live session row with its (active) user; a revoked or expired row opens nothing.
        user = user_for_token(token, now=utcnow(), kind="session")
        return user if user is not None and user.id == int(user_id) else None
