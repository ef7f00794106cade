"""Read side of units: lookups, choices, the tree below a unit."""

import sqlalchemy as sa

from penalties.extensions import db
from penalties.units.models import Unit


def get_unit_by_code(code: str) -> Unit | None:
    return db.session.scalar(sa.select(Unit).where(Unit.code == code))


def unit_choices(active_only: bool = True) -> list[tuple[str, str]]:
    """Return (code, 'name (code)') pairs for a select box, sorted by code."""
    query = sa.select(Unit.code, Unit.name).order_by(Unit.code)
    if active_only:
        query = query.where(Unit.active.is_(True))
    return [(code, f"{name} ({code})") for code, name in db.session.execute(query)]


def subtree_ids(unit_id: int) -> list[int]:
    """Return the id of the unit and of every unit below it (a user acts within these)."""
    tree = sa.select(Unit.id).where(Unit.id == unit_id).cte("tree", recursive=True)
    tree = tree.union_all(sa.select(Unit.id).where(Unit.parent_id == tree.c.id))
    return list(db.session.scalars(sa.select(tree.c.id)))
