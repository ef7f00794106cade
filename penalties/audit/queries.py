"""Read side of the audit trail."""

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.core.audit import AuditEntry
from penalties.core.pagination import Page, decode_cursor, encode_cursor
from penalties.extensions import db


def entries_for(object_types: list[str], object_id: str | None, cursor: str | None, limit: int) -> Page:
    """Return the audit entries of one object (or of every object of these kinds), newest first, one keyset page."""
    query = sa.select(AuditEntry).where(AuditEntry.object_type.in_(object_types))
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    before = decode_cursor(cursor)
    if before and isinstance(before[0], int):
        query = query.where(AuditEntry.id < before[0])
    rows = list(db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    return Page(rows[:limit], encode_cursor([rows[limit - 1].id]))


def actor_names(entries: list[AuditEntry]) -> dict[int, str]:
    """Return the display names of the actors of these entries."""
    ids = {e.actor_id for e in entries if e.actor_id}
    if not ids:
        return {}
    return {u.id: u.display_name for u in db.session.scalars(sa.select(User).where(User.id.in_(ids)))}


def owned_within(owners: sa.Select, visible: list[int] | None) -> bool:
    """Return whether the object exists and belongs to one of the visible units (None: every unit)."""
    units = set(db.session.scalars(owners))
    return bool(units) and (visible is None or not units.isdisjoint(visible))
