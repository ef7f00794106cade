"""Users and their API tokens."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.auth.permissions import ROLES, Permission, role_has
from penalties.core.db import Model, Moment, one_of, utcnow
from penalties.law.positions import POSITIONS
from penalties.units.models import Unit


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint(one_of("role", ROLES), name="role_known"),
        sa.CheckConstraint(f"position IS NULL OR {one_of('position', POSITIONS)}", name="position_known"),
        sa.CheckConstraint("role = 'admin' OR unit_id IS NOT NULL", name="unit_required"),
        sa.CheckConstraint("(delegation_number IS NULL) = (delegation_on IS NULL)", name="delegation_complete"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    full_name: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[str] = mapped_column(sa.String(16))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    position: Mapped[str | None] = mapped_column(sa.String(32))
    # Job title as printed under the signature, e.g. "Phó Chủ tịch" (Decree 30/2020).
    title: Mapped[str | None] = mapped_column(sa.String(100))
    # A deputy signs "KT." under a delegation decision (giao quyền, Law Art. 54).
    delegation_number: Mapped[str | None] = mapped_column(sa.String(64))
    delegation_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(Moment)

    unit: Mapped[Unit | None] = relationship()

    def get_id(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.active

    def can(self, permission: Permission) -> bool:
        """Return whether this user's role grants the permission."""
        return self.active and role_has(self.role, permission)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username}>"


TOKEN_KINDS = ("api", "session")


class ApiToken(Model):
    """A bearer token of the API, or a signed-in browser session (kind `session`, named by the session cookie);
    only its SHA-256 is stored, so signing out, a password change or deactivation ends it on the server."""

    __tablename__ = "api_tokens"
    __table_args__ = (sa.CheckConstraint(one_of("kind", TOKEN_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(8), default="api", server_default="api")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Moment)
    revoked_at: Mapped[datetime | None] = mapped_column(Moment)

    user: Mapped[User] = relationship()
