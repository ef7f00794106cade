"""Audit trail: every insert, update and delete of a model, with who, when, before and after.

Rows are written by a flush hook on the same connection, so they commit or roll back with the change.
The acting user is named by the operation (`act_as`), never guessed from the request.
"""

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from penalties.core.db import Model, Moment, utcnow

# Values never copied into the trail; their change is still recorded, masked.
SECRET_COLUMNS = {"password_hash", "token_hash"}
SKIPPED_COLUMNS = {"content", "search_folded"}
ACTOR_KEY = "audit_actor_id"


class AuditEntry(Model):
    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.CheckConstraint("action IN ('create', 'update', 'delete')", name="action_known"),
        sa.Index("ix_audit_entries_object", "object_type", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(8))
    object_type: Mapped[str] = mapped_column(sa.String(64))
    object_id: Mapped[str] = mapped_column(sa.String(64))
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)


UNAUDITED_TABLES = {"audit_entries", "number_sequences"}


def act_as(session: Session, actor) -> None:
    """Name the user on whose behalf the following writes of this session are made (None: the system)."""
    session.info[ACTOR_KEY] = getattr(actor, "id", None)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return json.loads(json.dumps(value, default=str))
    return str(value)


def _columns(obj):
    mapper = inspect(obj).mapper
    return [c for c in mapper.column_attrs if c.key not in SKIPPED_COLUMNS]


def _snapshot(obj) -> dict:
    return {c.key: ("***" if c.key in SECRET_COLUMNS else _plain(getattr(obj, c.key))) for c in _columns(obj)}


def _changes(obj) -> tuple[dict, dict]:
    state = inspect(obj)
    before, after = {}, {}
    for column in _columns(obj):
        history = state.attrs[column.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if column.key in SECRET_COLUMNS:
            old, new = "***", "***"
        before[column.key], after[column.key] = _plain(old), _plain(new)
    return before, after


def _identity(obj) -> str:
    # The identity key of a new object is set only after the flush ends; its primary key already is.
    state = inspect(obj)
    return "/".join(str(v) for v in state.mapper.primary_key_from_instance(obj))


@event.listens_for(Session, "after_flush")
def _record(session: Session, flush_context) -> None:
    rows = []
    actor_id = session.info.get(ACTOR_KEY)
    now = utcnow()
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            table = getattr(obj, "__tablename__", None)
            if table is None or table in UNAUDITED_TABLES:
                continue
            if action == "create":
                before, after = None, _snapshot(obj)
            elif action == "delete":
                before, after = _snapshot(obj), None
            else:
                before, after = _changes(obj)
                if not after:
                    continue
            rows.append(
                {
                    "at": now,
                    "actor_id": actor_id,
                    "action": action,
                    "object_type": table,
                    "object_id": _identity(obj),
                    "before": before,
                    "after": after,
                }
            )
    if rows:
        session.connection().execute(sa.insert(AuditEntry), rows)
