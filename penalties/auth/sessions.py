"""Flask-Login wiring: sessions for pages; bearer tokens are read by the API."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from penalties.extensions import db


def init_login(app: Flask, manager: LoginManager) -> None:
    """Configure sign-in: the login view, its messages and how a session names its user."""
    from penalties.auth.models import User

    manager.login_view = "auth.login"
    manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    manager.login_message_category = "warning"
    # "basic": a session used from another address or browser is marked non-fresh.
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None
