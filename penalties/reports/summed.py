"""The statistics from the summary (reports.summary): what queries.stats returns, read from a few rows.

The settled counts of the period are sums of report_days (per unit, sector, day). A fact of a case or a
decision may still change after `to` — a case not yet decided, a fine not yet paid —: those facts "open at
`to`" (settling after it: the last WINDOW days of the period, and the few that linger) are counted as of `to`
instead, from their dates (a decision with later events by reports.facts itself); and a decision settled but
still owing is overdue while its execution has not expired. The answers are those of reports.definition.

The statements are built once per shape (a root unit or not, a sector or not): the period, the unit and the
sector are bound parameters, so a reading costs their execution and little Python.
"""

from collections import defaultdict
from datetime import timedelta
from functools import cache

import sqlalchemy as sa

from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.reports.facts import (
    COUNTS,
    ONE,
    ZERO,
    Period,
    Scope,
    decision_figures,
    decision_state,
    earliest_unexpired,
    flag,
    least,
    month_of_day,
    rank_acts,
    unit_tree,
)
from penalties.reports.models import SUMMED, WINDOW, ReportActDay, ReportDay, ReportFact
from penalties.workdays.queries import work_calendar

FACTS, DAYS, ACT_DAYS = ReportFact.__table__, ReportDay.__table__, ReportActDay.__table__
# Every fact adds one to one of these: a row of by_unit or by_sector is shown when one of them is not 0.
EVENTS = ("cases", "dismissed", "decisions", "enforced", "appeals_filed", "appeals_resolved")
# What a fact open at `to` adds differently from its settled counts; the settled counts read.
CHANGES = ("timed", "on_time", "annulled", "fines_imposed", "fines_collected", "fines_reduced", "overdue")
COUNTED = tuple(name for name in SUMMED if name != "owing")
DAY, ID = sa.Date(), sa.Integer()
FIRST, LAST, UNEXPIRED = (
    sa.bindparam("first", type_=DAY),
    sa.bindparam("last", type_=DAY),
    sa.bindparam("unexpired", type_=DAY),
)
# The facts open at `to` are those of [START, `to`] settling later, and the lingering ones of [`from`, BEFORE].
START, BEFORE = sa.bindparam("start", type_=DAY), sa.bindparam("before", type_=DAY)
ROOT, SECTOR, PATTERN = sa.bindparam("root_id", type_=ID), sa.bindparam("sector_id", type_=ID), sa.bindparam("pattern")


def _settled(p: Period, scope: Scope) -> sa.Select:
    """The summed settled counts per by_unit row, sector (0: every sector) and month; overdue: the decisions owed
    once settled whose execution has not expired at `to` (their own day is not before UNEXPIRED)."""
    month = month_of_day(DAYS.c.day)
    owing = sa.func.sum(sa.case((DAYS.c.day >= UNEXPIRED, DAYS.c.owing), else_=ZERO))
    query = (
        sa.select(scope.tree.c.bucket, DAYS.c.sector_id, month.label("month"))
        .add_columns(*(sa.func.sum(DAYS.c[name]).label(name) for name in COUNTED), owing.label("overdue"))
        .join(scope.tree, scope.tree.c.id == DAYS.c.unit_id)
        .where(DAYS.c.day.between(p.first, p.last))
    )
    if scope.sector_id is not None:
        query = query.where(DAYS.c.sector_id == scope.sector_id)
    return query.group_by(scope.tree.c.bucket, DAYS.c.sector_id, month)


def _in_scope(query: sa.Select, scope: Scope) -> sa.Select:
    query = query.add_columns(scope.tree.c.bucket).join(scope.tree, scope.tree.c.id == FACTS.c.unit_id)
    if scope.sector_id is not None:
        query = query.where(FACTS.c.sectors.like(PATTERN))
    return query


def _open(p: Period, scope: Scope) -> sa.CTE:
    """The facts of the period still open at `to`: those of its last WINDOW days settling later, and the lingering
    ones before (a fact settles at most WINDOW days after its own day unless it lingers)."""
    query = _in_scope(sa.select(*FACTS.c), scope).where(FACTS.c.settles_on > p.last)
    recent = query.where(FACTS.c.day.between(START, p.last))
    lingering = query.where(FACTS.c.lingers == sa.true(), FACTS.c.day.between(p.first, BEFORE))
    return sa.union_all(recent, lingering).cte("open_facts").prefix_with("MATERIALIZED")


def _branch(source, keys, **values) -> sa.Select:
    return sa.select(*keys, *(values.get(name, ZERO).label(name) for name in CHANGES)).select_from(source)


def _changes(p: Period, scope: Scope) -> sa.Select:
    """What the facts open at `to`, and the settled decisions overdue at `to`, add beyond the settled counts."""
    opened, on, unexpired = _open(p, scope), p.last, UNEXPIRED
    o = opened.c
    keys = (o.bucket, o.day, o.sectors)
    settled_on = sa.case((o.decided_on <= on, o.decided_on), (o.dismissed_on <= on, o.dismissed_on))
    cases = _branch(
        opened,
        keys,
        timed=flag(sa.or_(settled_on.is_not(None), o.due_on < on)) - o.timed,
        on_time=flag(settled_on <= o.due_on) - o.on_time,
    ).where(o.kind == "case")
    paid = sa.case((o.paid_on <= on, o.paid), (o.first_paid_on <= on, o.first_paid), else_=ZERO)
    owing = sa.and_(o.delivered_on <= on, o.payment_due < on, paid < o.fines_imposed, o.day >= unexpired)
    counted = flag(sa.and_(o.owing == 1, o.day >= unexpired))  # its overdue as if settled, in report_days
    simple = _branch(
        opened, keys, fines_collected=least(paid, o.fines_imposed) - o.fines_collected, overdue=flag(owing) - counted
    ).where(o.kind == "decision", o.simple == sa.true())
    # The other decisions as reports.facts reads them on `to`, each beside its open fact (one CTE: no join after).
    settled = (o.bucket, o.day, o.sectors, *(o[n].label(f"settled_{n}") for n in ("annulled", "owing")))
    settled += (o.fines_imposed.label("settled_imposed"), o.fines_collected.label("settled_collected"))
    settled += (o.fines_reduced.label("settled_reduced"),)
    decisions = (
        decision_state(on)
        .join(opened, sa.and_(o.source_id == Decision.id, o.kind == "decision", o.simple == sa.false()))
        .add_columns(*settled)
        .cte("open_decisions")
        .prefix_with("MATERIALIZED")
    )
    d = decisions.c
    figures = decision_figures(d, on, unexpired)
    others = _branch(
        decisions,
        (d.bucket, d.day, d.sectors),
        annulled=figures["annulled"] - d.settled_annulled,
        fines_imposed=figures["fines_imposed"] - d.settled_imposed,
        fines_collected=figures["fines_collected"] - d.settled_collected,
        fines_reduced=figures["fines_reduced"] - d.settled_reduced,
        overdue=figures["overdue"] - flag(sa.and_(d.settled_owing == 1, d.day >= unexpired)),
    )
    owed = _in_scope(sa.select(FACTS.c.day, FACTS.c.sectors), scope).where(
        FACTS.c.owed_later == sa.true(),
        FACTS.c.day.between(p.first, on),
        FACTS.c.settles_on <= on,
        FACTS.c.unexpired_from >= unexpired,
    )
    owed = owed.subquery("owed")
    overdue = _branch(owed, (owed.c.bucket, owed.c.day, owed.c.sectors), overdue=ONE)
    changes = sa.union_all(cases, simple, others, overdue).subquery("changes")
    month = month_of_day(changes.c.day)
    return (
        sa.select(changes.c.bucket, month.label("month"), changes.c.sectors)
        .add_columns(*(sa.func.sum(changes.c[name]).label(name) for name in CHANGES))
        .group_by(changes.c.bucket, month, changes.c.sectors)
    )


def _sector_ids(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


@cache
def _statements(rooted: bool, in_sector: bool, limit: int) -> tuple[sa.Select, sa.Select, sa.Select]:
    """The settled counts, the changes of the open facts and the top acts, for a root unit or not, a sector or not."""
    p, scope = Period(FIRST, LAST), Scope(unit_tree(ROOT if rooted else None, LAST), SECTOR if in_sector else None)
    return _settled(p, scope), _changes(p, scope), _top_acts(p, scope, limit)


def _parameters(p: Period, root_id: int | None, sector_id: int | None) -> dict:
    start = max(p.first, p.last - timedelta(days=WINDOW - 1))
    values = {
        "first": p.first,
        "last": p.last,
        "unexpired": earliest_unexpired(p.last, work_calendar()),
        "start": start,
    }
    values |= {"before": start - timedelta(days=1), "root_id": root_id, "sector_id": sector_id}
    return values | {"pattern": f"%,{sector_id},%"}


def figures(p: Period, root_id: int | None, sector_id: int | None, limit: int) -> tuple[dict[str, dict], list]:
    """Return the summed counts — {"total": {None: …}, "unit": {bucket: …}, "sector": {id: …}, "month": {…}} — and
    the top acts, for the units under the root (None: every top unit) and the sector."""
    settled, changes, top = _statements(root_id is not None, sector_id is not None, limit)
    values = _parameters(p, root_id, sector_id)
    result = {name: defaultdict(lambda: dict.fromkeys(COUNTS, 0)) for name in ("total", "unit", "sector", "month")}

    def add(row, names, every: bool, sectors) -> None:
        counted = [result["total"][None], result["unit"][row.bucket], result["month"][row.month]] if every else []
        counted += [result["sector"][s] for s in sectors if sector_id in (None, s)]
        for counts in counted:
            for name in names:
                counts[name] += int(row._mapping[name] or 0)

    for row in db.session.execute(settled, values):
        every = row.sector_id == 0 or sector_id is not None  # sector 0: every sector, a case once
        add(row, (*COUNTED, "overdue"), every, [row.sector_id] if row.sector_id else [])
    for row in db.session.execute(changes, values):
        add(row, CHANGES, True, _sector_ids(row.sectors))
    for name in ("unit", "sector"):  # a row for what has facts only, as reports.definition
        result[name] = {k: v for k, v in result[name].items() if any(v[e] for e in EVENTS)}
    acts = [
        {"code": row.code, "sector": row.sector, "cases": int(row.cases)} for row in db.session.execute(top, values)
    ]
    return result, acts


def _top_acts(p: Period, scope: Scope, limit: int) -> sa.Select:
    """The acts of the most cases recorded in the period (in the sector, if one is set)."""
    per_act = (
        sa.select(ACT_DAYS.c.act_id, sa.func.sum(ACT_DAYS.c.cases).label("cases"))
        .join(scope.tree, scope.tree.c.id == ACT_DAYS.c.unit_id)
        .where(ACT_DAYS.c.day.between(p.first, p.last))
        .group_by(ACT_DAYS.c.act_id)
        .subquery("per_act")
    )
    return rank_acts(per_act, scope.sector_id, limit)
