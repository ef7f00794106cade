"""Use-cases of users and tokens: create, update, deactivate, authenticate, issue a token."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from penalties.auth.models import ApiToken, User
from penalties.auth.permissions import ROLES
from penalties.core.audit import act_as
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.law.positions import POSITIONS
from penalties.units.models import Unit

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8


@dataclass
class UserInput:
    username: str
    role: str
    unit_code: str | None = None
    full_name: str = ""
    position: str | None = None
    title: str | None = None
    delegation_number: str | None = None
    delegation_on: date | None = None


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password."""
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    """Refuse a password that is too short."""
    if len(password or "") < MIN_PASSWORD:
        raise RuleViolation(
            "password_too_short",
            _("Mật khẩu phải có ít nhất %(n)d ký tự.", n=MIN_PASSWORD),
            field="password",
        )


def _unit(code: str | None, role: str) -> Unit | None:
    if not code:
        if role != "admin":
            raise RuleViolation("unit_required", _("Phải chọn đơn vị cho người dùng này."), field="unit")
        return None
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == code))
    if unit is None or not unit.active:
        raise RuleViolation("unit_unknown", _("Không có đơn vị mã %(code)s.", code=code), field="unit")
    return unit


def _validate(data: UserInput) -> Unit | None:
    if data.role not in ROLES:
        raise RuleViolation("role_unknown", _("Vai trò không hợp lệ: %(role)s.", role=data.role), field="role")
    if data.position and data.position not in POSITIONS:
        raise RuleViolation("position_unknown", _("Chức danh không hợp lệ: %(p)s.", p=data.position), field="position")
    if bool(data.delegation_number) != bool(data.delegation_on):
        raise RuleViolation(
            "delegation_incomplete",
            _("Quyết định giao quyền phải có cả số và ngày."),
            "Điều 54 Luật Xử lý vi phạm hành chính",
            field="delegation",
        )
    return _unit(data.unit_code, data.role)


def _apply(user: User, data: UserInput, unit: Unit | None) -> None:
    user.role, user.unit = data.role, unit
    user.full_name = data.full_name or ""
    user.position, user.title = data.position or None, data.title or None
    user.delegation_number = data.delegation_number or None
    user.delegation_on = data.delegation_on if data.delegation_number else None


def create_user(data: UserInput, password: str, *, actor) -> User:
    """Create a user; refuse a taken or malformed username, an unknown role, unit or position."""
    act_as(db.session, actor)
    username = (data.username or "").strip().lower()
    if not USERNAME.match(username):
        raise RuleViolation(
            "username_invalid",
            _("Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới."),
            field="username",
        )
    check_password_rules(password)
    unit = _validate(data)
    if db.session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        raise RuleViolation("username_taken", _("Tên đăng nhập %(u)s đã được dùng.", u=username), field="username")
    user = User(username=username, password_hash=hash_password(password))
    _apply(user, data, unit)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, data: UserInput, *, actor) -> User:
    """Change a user's role, unit, position and names (the username stays)."""
    act_as(db.session, actor)
    _apply(user, data, _validate(data))
    db.session.flush()
    return user


def set_password(user: User, password: str, *, actor) -> None:
    """Replace a user's password; every session and token of theirs ends (whoever knew the old one is out)."""
    act_as(db.session, actor)
    check_password_rules(password)
    user.password_hash = hash_password(password)
    revoke_tokens(user, at=None)
    db.session.flush()


def set_active(user: User, active: bool, *, actor) -> None:
    """Deactivate (or reactivate) a user; users are never deleted, the audit trail names them."""
    act_as(db.session, actor)
    if actor is not None and user.id == actor.id and not active:
        raise RuleViolation("cannot_deactivate_self", _("Không thể tự khóa tài khoản của chính mình."))
    user.active = active
    if not active:
        revoke_tokens(user, at=None)
    db.session.flush()


def authenticate(username: str, password: str, *, now: datetime) -> User | None:
    """Return the active user with these credentials, or None; records the sign-in moment."""
    user = db.session.scalar(sa.select(User).where(User.username == (username or "").strip().lower()))
    if user is None or not user.active:
        _hasher.hash(password or "x")  # same cost whether or not the user exists
        return None
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    act_as(db.session, user)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    db.session.flush()
    return user


def token_digest(token: str) -> str:
    """Return the stored form of a bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, *, now: datetime, hours: float, kind: str = "api") -> tuple[str, ApiToken]:
    """Create a bearer token (or a browser session) for the user; only its hash is kept."""
    act_as(db.session, user)
    token = secrets.token_urlsafe(32)
    row = ApiToken(
        user=user, kind=kind, token_hash=token_digest(token), created_at=now, expires_at=now + timedelta(hours=hours)
    )
    db.session.add(row)
    db.session.flush()
    return token, row


def user_for_token(token: str, *, now: datetime, kind: str = "api") -> User | None:
    """Return the active user of an unexpired, unrevoked token of this kind, or None."""
    # One statement for the token and its user: it runs on every request.
    row = db.session.scalar(
        sa.select(ApiToken)
        .options(joinedload(ApiToken.user))
        .where(ApiToken.token_hash == token_digest(token), ApiToken.kind == kind)
    )
    if row is None or row.revoked_at is not None or row.expires_at <= now or not row.user.active:
        return None
    return row.user


def end_session(token: str, *, now: datetime) -> None:
    """Revoke the browser session named by the token (sign-out): its cookie opens nothing any more."""
    row = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == token_digest(token), ApiToken.kind == "session")
    )
    if row is not None and row.revoked_at is None:
        act_as(db.session, row.user)
        row.revoked_at = now
        db.session.flush()


class SignInRefused(Exception):
    """Too many failed sign-ins for the account or the address: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def sign_in(username: str, password: str, address: str | None, *, now: datetime, throttle) -> User | None:
    """Return the user of these credentials, or None; refuse (SignInRefused) while the account or the address
    waits after failed attempts, without checking the password. Failures are counted and audited."""
    refusal = throttle.check(username, address, now)
    if refusal is not None:
        raise SignInRefused(refusal.retry_after)
    user = authenticate(username, password, now=now)
    if user is None:
        throttle.failed(username, address, now)
    else:
        throttle.succeeded(username)
    return user


def revoke_tokens(user: User, *, at: datetime | None) -> None:
    """Revoke every live token and browser session of the user."""
    from penalties.core.db import utcnow

    moment = at or utcnow()
    for row in db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ):
        row.revoked_at = moment
