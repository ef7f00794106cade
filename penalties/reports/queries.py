"""Read side of the statistics (SPEC §7): the figures of a period, a unit and the units below it, a sector.

Every figure is aggregated by the database from the facts (reports.facts, where the readings of SPEC §7
are written down): the totals and the rows per unit, per sector and per month are four GROUP BYs of them.
A rate whose denominator is 0 is None. A case is in every sector of its violations' acts: once in the
totals, once in each of its sectors' rows.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from penalties.cases.models import Case, Violation
from penalties.catalogue.models import Act, Sector
from penalties.extensions import db
from penalties.reports.facts import COUNTS, Period, Scope, facts
from penalties.units.models import Unit

TOP_ACTS = 10
NOTHING = dict.fromkeys(COUNTS, 0)


def report_period(today: date) -> tuple[date, date]:
    """Return the annual report period so far: from 15 December (Circular 01/2023/TT-BTP, as amended) to today."""
    year = today.year if (today.month, today.day) >= (12, 15) else today.year - 1
    return date(year, 12, 15), today


def _tree(root_id: int | None):
    """Map every unit under the root to its row of by_unit: the root itself, or the child it lies under.

    Without a root (several top units), every unit maps to its top unit.
    """
    below = aliased(Unit, name="below")
    if root_id is None:
        anchor = sa.select(Unit.id, Unit.id.label("bucket")).where(Unit.parent_id.is_(None))
    else:
        anchor = sa.select(Unit.id, Unit.id.label("bucket")).where(
            sa.or_(Unit.id == root_id, Unit.parent_id == root_id)
        )
    tree = anchor.cte("tree", recursive=True)
    step = sa.select(below.id, tree.c.bucket).join(tree, below.parent_id == tree.c.id)
    if root_id is not None:
        step = step.where(tree.c.id != root_id)  # the root's children are anchors of their own
    return tree.union_all(step)


def _grouped(p: Period, scope: Scope) -> sa.CompoundSelect:
    """The totals and the sums per unit row, per sector and per month, in one statement (GROUPING SETS by hand,
    which SQLite lacks) over the facts computed once: rows (grouping, key_id, key_text, *COUNTS)."""
    scoped = facts(p, scope).cte("facts").prefix_with("MATERIALIZED")

    def sums(grouping: str, key_id=None, key_text=None) -> sa.Select:
        keys = (
            sa.literal_column(f"'{grouping}'").label("grouping"),
            (sa.cast(sa.null(), sa.Integer) if key_id is None else key_id).label("key_id"),
            (sa.cast(sa.null(), sa.String) if key_text is None else key_text).label("key_text"),
        )
        summed = (sa.func.coalesce(sa.func.sum(scoped.c[name]), 0).label(name) for name in COUNTS)
        return sa.select(*keys, *summed).select_from(scoped)

    case_sectors = (
        sa.select(Violation.case_id, Act.sector_id)
        .join(Act, Act.id == Violation.act_id)
        .where(Violation.case_id.in_(sa.select(scoped.c.case_id)))
        .distinct()
        .subquery("case_sectors")
    )
    by_sector = sums("sector", case_sectors.c.sector_id).join(case_sectors, case_sectors.c.case_id == scoped.c.case_id)
    if scope.sector_id is not None:
        by_sector = by_sector.where(case_sectors.c.sector_id == scope.sector_id)
    return sa.union_all(
        sums("total"),
        sums("unit", scoped.c.bucket).group_by(scoped.c.bucket),
        by_sector.group_by(case_sectors.c.sector_id),
        sums("month", key_text=scoped.c.month).group_by(scoped.c.month),
    )


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _figures(row) -> dict:
    """Return the figures of API.md from the summed counts of a row."""
    n = {name: int(row[name] or 0) for name in COUNTS}
    return {
        "cases": n["cases"],
        "decisions": n["decisions"],
        "dismissed": n["dismissed"],
        "warnings": n["warnings"],
        "fines_imposed": n["fines_imposed"],
        "fines_collected": n["fines_collected"],
        "collection_rate": _rate(n["fines_collected"], n["fines_imposed"]),
        "decided_on_time": n["on_time"],
        "decided_on_time_rate": _rate(n["on_time"], n["timed"]),
        "lapsed": n["timed"] - n["on_time"],
        "overdue": n["overdue"],
        "enforced": n["enforced"],
        "appeals_filed": n["appeals_filed"],
        "appeals_resolved": n["appeals_resolved"],
        "appeals_resolved_on_time": n["appeals_on_time"],
        "appeals_resolved_on_time_rate": _rate(n["appeals_on_time"], n["appeals_resolved"]),
        "annulled": n["annulled"],
    }


def _root(unit_id: int | None, visible: list[int] | None) -> int | None:
    """Return the unit the figures are for: the one asked, else the user's top unit, else the single top unit.

    None when every unit is visible and there are several top units: by_unit then lists the top units.
    """
    if unit_id is not None:
        if visible is not None and unit_id not in visible:
            raise PermissionError(unit_id)
        return unit_id
    query = sa.select(Unit.id).where(Unit.parent_id.is_(None))
    if visible is not None:
        query = sa.select(Unit.id).where(
            Unit.id.in_(visible), sa.or_(Unit.parent_id.is_(None), Unit.parent_id.not_in(visible))
        )
    tops = list(db.session.scalars(query.limit(2)))
    if visible is not None and len(tops) != 1:
        raise PermissionError(None)
    return tops[0] if len(tops) == 1 else None


def _by_unit(grouped: dict, root_id: int | None) -> list[dict]:
    """One row per child of the root (every active one, and an inactive one with figures); first the root's own
    records, when it has any or no children. Without a root, one row per top unit."""
    root = db.session.get(Unit, root_id) if root_id is not None else None
    children = sa.select(Unit).where(Unit.parent_id.is_(None) if root is None else Unit.parent_id == root.id)
    units = list(db.session.scalars(children.order_by(Unit.code)))
    result = []
    if root is not None and (root.id in grouped or not units):
        result.append({"code": root.code, "name": root.name, "own": True, **_figures(grouped.get(root.id, NOTHING))})
    for unit in units:
        if unit.active or unit.id in grouped:
            figures = _figures(grouped.get(unit.id, NOTHING))
            result.append({"code": unit.code, "name": unit.name, "own": False, **figures})
    return result


def _by_sector(grouped: dict) -> list[dict]:
    """One row per sector with figures, by code; a case counts in each of its sectors."""
    sectors = db.session.scalars(sa.select(Sector).where(Sector.id.in_(list(grouped))).order_by(Sector.code))
    return [{"code": s.code, "name": s.name, **_figures(grouped[s.id])} for s in sectors]


def _by_month(grouped: dict, p: Period) -> list[dict]:
    """One row per calendar month of the period ('2026-03'), months without facts included."""
    months, year, month = [], p.first.year, p.first.month
    while (year, month) <= (p.last.year, p.last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [{"month": key, **_figures(grouped.get(key, NOTHING))} for key in months]


def _top_acts(p: Period, scope: Scope) -> list[dict]:
    """The acts of the most cases recorded in the period (in the sector, if one is set)."""
    in_period = (
        sa.select(Case.id)
        .join(scope.tree, scope.tree.c.id == Case.unit_id)
        .where(Case.recorded_at >= p.starts_at, Case.recorded_at < p.ends_before)
    )
    per_act = (
        sa.select(Violation.act_id, sa.func.count(sa.distinct(Violation.case_id)).label("cases"))
        .where(Violation.case_id.in_(in_period))  # IN, not a join: SQLite then starts from the period's cases
        .group_by(Violation.act_id)
        .subquery("per_act")
    )
    cases = sa.func.sum(per_act.c.cases)  # the versions of an act: a case is under one of them
    query = (
        sa.select(Act.code, Sector.code.label("sector"), cases.label("cases"))
        .join(per_act, per_act.c.act_id == Act.id)
        .join(Sector, Sector.id == Act.sector_id)
        .group_by(Act.code, Sector.code)
        .order_by(cases.desc(), Act.code)
        .limit(TOP_ACTS)
    )
    if scope.sector_id is not None:
        query = query.where(Sector.id == scope.sector_id)
    return [{"code": row.code, "sector": row.sector, "cases": int(row.cases)} for row in db.session.execute(query)]


def stats(
    date_from: date,
    date_to: date,
    unit_id: int | None = None,
    sector_id: int | None = None,
    *,
    visible_unit_ids: list[int] | None = None,
) -> dict:
    """Return the figures of SPEC §7 for [date_from, date_to], a unit and the units below it, and a sector.

    Without a unit: the top unit of `visible_unit_ids` (None: every unit). A unit outside them raises
    PermissionError. Keys as API.md "Statistics", plus top_acts and the counts behind the rates.
    """
    p = Period(date_from, date_to)
    root_id = _root(unit_id, visible_unit_ids)
    scope = Scope(_tree(root_id), sector_id)
    if db.session.get_bind().dialect.name == "postgresql":
        # Its JIT spent 3.5 s compiling this wide statement, which then ran in 0.7 s (300,000 cases, PostgreSQL 15).
        db.session.execute(sa.text("SET LOCAL jit = off"))
    grouped: dict[str, dict] = {"total": {}, "unit": {}, "sector": {}, "month": {}}
    for row in db.session.execute(_grouped(p, scope)):
        grouped[row.grouping][row.key_id if row.key_text is None else row.key_text] = row._mapping
    return {
        **_figures(grouped["total"].get(None, NOTHING)),
        "by_unit": _by_unit(grouped["unit"], root_id),
        "by_sector": _by_sector(grouped["sector"]),
        "by_month": _by_month(grouped["month"], p),
        "top_acts": _top_acts(p, scope),
    }
