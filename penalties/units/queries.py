"""Read side of units: lookups, choices, the tree below a unit."""

import sqlalchemy as sa

from penalties.extensions import db
from penalties.units.models import Unit, unit_successors


def get_unit_by_code(code: str) -> Unit | None:
    return db.session.scalar(sa.select(Unit).where(Unit.code == code))


def unit_choices(active_only: bool = True) -> list[tuple[str, str]]:
    """Return (code, 'name (code)') pairs for a select box, sorted by code."""
    query = sa.select(Unit.code, Unit.name).order_by(Unit.code)
    if active_only:
        query = query.where(Unit.active.is_(True))
    return [(code, f"{name} ({code})") for code, name in db.session.execute(query)]


def subtree_ids(unit_id: int) -> list[int]:
    """Return the id of the unit, of every unit below it and of every ended unit it succeeds (a user acts within
    these: a successor carries on what its predecessors began, Law 88/2025 Art. 3). A predecessor brings its own
    records, not those of the units below it: those have successors of their own."""
    edges = sa.union_all(
        sa.select(Unit.parent_id.label("above"), Unit.id.label("below"), sa.literal(1).label("descend")).where(
            Unit.parent_id.is_not(None)
        ),
        sa.select(unit_successors.c.successor_id, unit_successors.c.unit_id, sa.literal(0)),
    ).subquery("edges")
    tree = sa.select(Unit.id, sa.literal(1).label("descend")).where(Unit.id == unit_id).cte("tree", recursive=True)
    step = sa.select(edges.c.below, edges.c.descend).join(
        tree, sa.and_(edges.c.above == tree.c.id, sa.or_(edges.c.descend == 0, tree.c.descend == 1))
    )
    tree = tree.union(step)
    return sorted(set(db.session.scalars(sa.select(tree.c.id))))
