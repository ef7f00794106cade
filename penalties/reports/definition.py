"""The statistics straight from the raw tables (reports.facts): what queries.stats returns by definition.

Every fact of the period is computed at each call, so it takes the time of a scan of the period; the summary
(reports.summary) gives the same figures at once. Kept for the checks (`stats(..., from_facts=True)`, the tests
and bench/reports.py) and as the reading of SPEC §7 the summary is held to.
"""

import sqlalchemy as sa

from penalties.cases.models import Case, Violation
from penalties.catalogue.models import Act
from penalties.extensions import db
from penalties.reports.facts import COUNTS, Period, Scope, facts, rank_acts


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


def grouped(p: Period, scope: Scope) -> dict[str, dict]:
    """Return the summed counts: {"total": {None: …}, "unit": {bucket: …}, "sector": {id: …}, "month": {…}}."""
    result: dict[str, dict] = {"total": {}, "unit": {}, "sector": {}, "month": {}}
    for row in db.session.execute(_grouped(p, scope)):
        result[row.grouping][row.key_id if row.key_text is None else row.key_text] = dict(row._mapping)
    return result


def top_acts(p: Period, scope: Scope, limit: int) -> list[dict]:
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
    rows = db.session.execute(rank_acts(per_act, scope.sector_id, limit))
    return [{"code": row.code, "sector": row.sector, "cases": int(row.cases)} for row in rows]
