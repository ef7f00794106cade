"""The facts the statistics count (SPEC §7), one row each, as a UNION ALL for the database to aggregate.

A fact is a case recorded, a case dismissed, a sanction decision issued, an enforcement decision, an appeal
filed or an appeal resolved in the period; each carries its row of by_unit, its case (for the sectors), its month
and the counts it adds (COUNTS; 0 for the others). queries.stats groups them by unit, sector and month.

Readings of SPEC §7 where it leaves a choice:
- a due date D "has passed by `to`" when D < to: D is the last day still on time (as in figures_on);
- lapsed: the period's cases whose decision due date passed by `to` without a decision or a dismissal on or
  before it — a dismissal after the due date does not undo the lapse (Law Art. 65) —, so
  decided_on_time_rate = on time / (on time + lapsed);
- fines_imposed and fines_collected follow the decision in force as of `to` (the latest amendment issued by
  then, nothing once annulled), as figures_on does; fines_collected counts, per decision, the fine principal
  paid by `to` (reversals included) up to the fine in force: money paid on an annulled decision, or beyond an
  amended total, is to be refunded, not collected, so the rate stays in [0, 1];
- fines_reduced: what reductions and exemptions decided by `to` remitted on the period's decisions (Law Art. 77;
  SPEC §8), so collection_rate = collected / (imposed − reduced); what is collected is at most what stays owed;
- overdue: one meaning with law.payments.owed_on (Figures.overdue; tests/reports/test_owed_agrees.py holds the two
  together): delivered, fine principal still owed after its due date at `to` — the whole fine by delivery +
  payment period, or with installments those due before `to` —, not postponed or suspended at `to`, not
  annulled, not expired (Law Art. 74); a late fee alone still owed is not counted (its accrual is derived in
  Python by figures_on);
- an appeal without a resolution due date cannot be late;
- by_month puts each fact in the month of its own date: cases recorded, decisions (and their money) issued,
  dismissals, enforcement decisions, appeals filed, appeals resolved.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from penalties.appeals.models import Appeal
from penalties.cases.models import Case, Violation
from penalties.catalogue.models import Act, Sector
from penalties.core.formatting import LEGAL_TZ
from penalties.decisions.models import Decision, Delivery
from penalties.law import deadlines
from penalties.law.calendar import WorkCalendar
from penalties.law.parameters import value_on
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Payment, Postponement, Reduction
from penalties.units.models import Unit, UnitSuccessor
from penalties.workdays.queries import work_calendar

# The summed columns; queries.figures_of derives the figures of API.md from them.
COUNTS = (
    "cases",
    "timed",  # recorded in the period and decided, dismissed or past the decision due date by `to`
    "on_time",  # of those, decided or dismissed on or before the decision due date
    "dismissed",
    "decisions",
    "warnings",
    "annulled",
    "fines_imposed",
    "fines_collected",
    "fines_reduced",
    "overdue",
    "enforced",
    "appeals_filed",
    "appeals_resolved",
    "appeals_on_time",
)
ZERO = sa.literal_column("0", sa.BigInteger)
ONE = sa.literal_column("1", sa.BigInteger)
# Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975: a fixed shift gives the legal day.
LEGAL_OFFSET_MINUTES = int(LEGAL_TZ.utcoffset(datetime(2026, 1, 1)).total_seconds() // 60)


class plus_days(FunctionElement):
    """date + n days with n a column: PostgreSQL adds an integer to a date, SQLite uses date(d, '+n days')."""

    type = sa.Date()
    name = "plus_days"
    inherit_cache = True


@compiles(plus_days)
def _plus_days(element, compiler, **kw):
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"({day} + {days})"


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element, compiler, **kw):
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"date({day}, '+' || {days} || ' days')"


class month_of_day(FunctionElement):
    """'YYYY-MM' of a date."""

    type = sa.String()
    name = "month_of_day"
    inherit_cache = True


class month_of_moment(FunctionElement):
    """'YYYY-MM' of a moment (stored in UTC) in Vietnam's time."""

    type = sa.String()
    name = "month_of_moment"
    inherit_cache = True


@compiles(month_of_day)
def _month_of_day(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(month_of_day, "sqlite")
def _month_of_day_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of_moment)
def _month_of_moment(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE '{LEGAL_TZ.key}', 'YYYY-MM')"


@compiles(month_of_moment, "sqlite")
def _month_of_moment_sqlite(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"strftime('%Y-%m', {moment}, '+{LEGAL_OFFSET_MINUTES} minutes')"


@dataclass(frozen=True)
class Period:
    """[first, last], both inclusive, legal days in Asia/Ho_Chi_Minh."""

    first: date
    last: date

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=LEGAL_TZ)

    @property
    def ends_before(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=LEGAL_TZ)

    def holds(self, column):
        return column.between(self.first, self.last)


@cache
def earliest_unexpired(on: date, calendar: WorkCalendar) -> date:
    """Return the earliest issue date whose fine may still be executed on `on` (Law Art. 74: on <= expiry).

    Expiry never comes earlier for a later issue date (a year on, then the next working day), so every decision
    issued on that day or later is still executable on `on`, and none issued before it."""
    years = value_on("execution_limitation_years", on)
    day = on - timedelta(days=366 * years + 7)  # a year is at most 366 days, a run of days off at most a week
    while deadlines.execution_expires(day, calendar).due < on:
        day += timedelta(days=1)
    return day


def flag(condition):
    return sa.case((condition, ONE), else_=ZERO)


def least(a, b):
    return sa.case((a < b, a), else_=b)


def greatest(a, b):
    return sa.case((a > b, a), else_=b)


def unit_tree(root_id, on) -> sa.CTE:
    """Map every unit under the root (an id, or a bound parameter) to its row of by_unit: the root itself, or the
    child it lies under. Without a root (several top units), every unit maps to its top unit. A unit that ended
    before `on` (the period's last day) and has successors counts under its first successor (SPEC §0): a period
    crossing 01/07/2025 shows the former wards' records under the wards that carry them on."""
    successor = aliased(UnitSuccessor, name="successor")
    first_successor = (
        sa.select(successor.successor_id)
        .where(successor.unit_id == Unit.id)
        .order_by(successor.position)
        .limit(1)
        .scalar_subquery()
    )
    replaced = sa.and_(Unit.valid_to.is_not(None), Unit.valid_to < on, first_successor.is_not(None))
    effective = sa.select(
        Unit.id,
        sa.case((replaced, first_successor), else_=Unit.parent_id).label("above"),
        sa.case((replaced, 1), else_=0).label("replaced"),
    )
    nodes, below = effective.subquery("nodes"), effective.subquery("below")
    if root_id is None:
        anchor = sa.select(nodes.c.id, nodes.c.id.label("bucket")).where(nodes.c.above.is_(None))
    else:
        anchor = sa.select(nodes.c.id, nodes.c.id.label("bucket")).where(
            sa.or_(nodes.c.id == root_id, sa.and_(nodes.c.above == root_id, nodes.c.replaced == 0))
        )
    tree = anchor.cte("tree", recursive=True)
    step = sa.select(below.c.id, tree.c.bucket).join(tree, below.c.above == tree.c.id)
    if root_id is not None:  # the root's children are anchors of their own; its predecessors count as the root
        step = step.where(sa.or_(tree.c.id != root_id, below.c.replaced == 1))
    return tree.union_all(step)


@dataclass(frozen=True)
class Scope:
    """Which facts count: those of the units in `tree` (id → bucket, its row of by_unit), of the sector if set."""

    tree: sa.CTE
    sector_id: int | None = None


def _fact(scope: Scope, source, unit_id, case_id, month, **counts) -> sa.Select:
    """One branch of the facts: its by_unit row, case and month, the counts it adds (0 for the others)."""
    keys = (scope.tree.c.bucket.label("bucket"), case_id.label("case_id"), month.label("month"))
    query = (
        sa.select(*keys, *(counts.get(name, ZERO).label(name) for name in COUNTS))
        .select_from(source)
        .join(scope.tree, scope.tree.c.id == unit_id)
    )
    if scope.sector_id is not None:  # a case is in the sector when one of its violations' acts is
        in_sector = sa.select(Violation.case_id).join(Act, Act.id == Violation.act_id)
        query = query.where(case_id.in_(in_sector.where(Act.sector_id == scope.sector_id)))
    return query


def _case_facts(p: Period, scope: Scope) -> sa.Select:
    sanction = aliased(Decision, name="sanction")
    decided = sa.and_(sanction.case_id == Case.id, sanction.kind == "sanction", sanction.issued_on <= p.last)
    settled_on = sa.func.coalesce(sanction.issued_on, sa.case((Case.dismissed_on <= p.last, Case.dismissed_on)))
    return _fact(
        scope,
        sa.outerjoin(Case, sanction, decided),
        Case.unit_id,
        Case.id,
        month_of_moment(Case.recorded_at),
        cases=ONE,
        timed=flag(sa.or_(settled_on.is_not(None), Case.decision_due_on < p.last)),
        on_time=flag(settled_on <= Case.decision_due_on),
    ).where(Case.recorded_at >= p.starts_at, Case.recorded_at < p.ends_before)


def _dismissal_facts(p: Period, scope: Scope) -> sa.Select:
    month = month_of_day(Case.dismissed_on)
    query = _fact(scope, Case, Case.unit_id, Case.id, month, dismissed=ONE)
    # The status says it too (a CHECK ties it to dismissed_on) and is indexed: a few cases, not all of them.
    return query.where(Case.status == "dismissed", p.holds(Case.dismissed_on))


def in_force(on: date) -> dict[str, sa.ColumnElement]:
    """Per sanction decision (Decision), as of `on`: `annulled` (a condition), the fine in force `total` — the
    latest amendment issued by then, else the decision's (corrections.in_force) — and the day it was `issued`."""
    amendment, annulment = aliased(Decision, name="amendment"), aliased(Decision, name="annulment")
    latest = (
        sa.select(amendment.fine_total)
        .where(amendment.amends_id == Decision.id, amendment.kind == "amendment", amendment.issued_on <= on)
        .order_by(amendment.issued_on.desc(), amendment.id.desc())
        .limit(1)
    )
    annulled = sa.exists().where(
        annulment.amends_id == Decision.id, annulment.kind == "annulment", annulment.issued_on <= on
    )
    issued = latest.with_only_columns(amendment.issued_on).scalar_subquery()
    return {
        "annulled": annulled,
        "total": sa.func.coalesce(latest.scalar_subquery(), Decision.fine_total),
        "issued": sa.func.coalesce(issued, Decision.issued_on),
    }


def principal_paid(on: date) -> sa.ColumnElement:
    """The fine principal paid on a sanction decision (Decision) by `on` (reversals count negative)."""
    paid = sa.select(sa.func.sum(Payment.principal)).where(Payment.decision_id == Decision.id, Payment.paid_on <= on)
    return sa.func.coalesce(paid.scalar_subquery(), ZERO)


def _reductions(on: date) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """Per sanction decision (Decision), as of `on`: the amounts its reductions remit, and the fine principal paid
    by the day of the last of them (Law Art. 77; law.payments caps the one by what the other leaves)."""
    reductions = sa.select(Reduction.amount).where(Reduction.decision_id == Decision.id, Reduction.decided_on <= on)
    last = reductions.with_only_columns(sa.func.max(Reduction.decided_on)).scalar_subquery()
    paid_then = sa.select(sa.func.sum(Payment.principal)).where(
        Payment.decision_id == Decision.id, Payment.paid_on <= last
    )
    amounts = reductions.with_only_columns(sa.func.sum(Reduction.amount)).scalar_subquery()
    return sa.func.coalesce(amounts, ZERO), sa.func.coalesce(paid_then.scalar_subquery(), ZERO)


def remitted(on: date, total) -> sa.ColumnElement:
    """What the reductions and exemptions decided by `on` remit on a sanction decision (Decision) of fine `total`
    (Law Art. 77): their amounts, at most what was left unpaid on the day of the last one (law.payments)."""
    amounts, paid_then = _reductions(on)
    return _capped(amounts, total, paid_then)


def _capped(amounts, total, paid_then) -> sa.ColumnElement:
    """The amounts remitted, at most the fine `total` left unpaid (`paid_then`) on the day of the last reduction."""
    return least(amounts, greatest(total - paid_then, ZERO))


def _in_force(on: date) -> list:
    columns = in_force(on)
    return [
        flag(columns["annulled"]).label("annulled"),
        columns["total"].label("in_force_total"),
        columns["issued"].label("in_force_issued"),
    ]


def _money(on: date) -> list:
    """Principal paid by `on`, the payment due date, installments, postponement and suspension as of `on`."""
    plan = (
        sa.select(Installment.amount)
        .join(InstallmentPlan, InstallmentPlan.id == Installment.plan_id)
        .where(InstallmentPlan.decision_id == Decision.id, InstallmentPlan.decided_on <= on)
    )
    due_by_now = sa.func.sum(sa.case((Installment.due_on < on, Installment.amount), else_=ZERO))
    postponed = sa.select(Postponement.id).where(Postponement.decision_id == Decision.id, Postponement.decided_on <= on)
    suspended = sa.exists().where(
        Appeal.decision_id == Decision.id,
        Appeal.suspended_on <= on,
        sa.or_(Appeal.resolved_on.is_(None), Appeal.resolved_on > on),
    )
    amounts, paid_then = _reductions(on)
    return [
        principal_paid(on).label("paid"),
        amounts.label("reduced"),
        paid_then.label("paid_at_reduction"),
        plus_days(Delivery.delivered_on, Decision.payment_period_days).label("payment_due"),
        plan.with_only_columns(sa.func.sum(Installment.amount)).scalar_subquery().label("planned"),
        plan.with_only_columns(due_by_now).scalar_subquery().label("planned_due"),
        flag(postponed.where(Postponement.until_on >= on).exists()).label("postponed"),
        postponed.with_only_columns(sa.func.max(Postponement.until_on)).scalar_subquery().label("postponed_until"),
        flag(suspended).label("suspended"),
    ]


def decision_state(on: date) -> sa.Select:
    """SELECT the sanction decisions with what figures_on would derive as of `on`, one row each (to be filtered)."""
    keys = (Decision.id, Decision.unit_id, Decision.case_id, Decision.issued_on)
    return (
        sa.select(*keys, flag(Decision.warning.is_(True)).label("warning"), *_in_force(on), *_money(on))
        .outerjoin(Delivery, sa.and_(Delivery.decision_id == Decision.id, Delivery.delivered_on <= on))
        .where(Decision.kind == "sanction")
    )


def _decisions(p: Period):
    """The period's sanction decisions with what figures_on would derive as of `to`, one row each.

    MATERIALIZED: each column is used several times; inlined, its subquery would run each time.
    """
    query = decision_state(p.last).where(p.holds(Decision.issued_on))
    return query.cte("period_decisions").prefix_with("MATERIALIZED")


def _owed_by(d, total, on: date):
    """The fine principal due before `on` (figures_on's tranches): the whole fine once its due date has passed;
    with installments, what was paid before the plan plus the installments due before `on`, at most the fine.
    """
    due_passed = d.payment_due < on
    before_plan = greatest(total - d.planned, ZERO)
    with_plan = sa.case((d.planned_due > 0, before_plan + d.planned_due), (due_passed, before_plan), else_=ZERO)
    return sa.case((d.planned.is_(None), sa.case((due_passed, total), else_=ZERO)), else_=least(total, with_plan))


def decision_figures(d, on: date, unexpired: date | None) -> dict:
    """The counts a decision adds as of `on`, from its columns of decision_state: annulled, fine in force,
    collected, overdue. Without `unexpired` (the earliest issue date still executable), overdue leaves the
    execution time limit out: overdue so far, and until the decision expires."""
    total = sa.case((d.annulled == 1, ZERO), else_=d.in_force_total)
    # Law Art. 77: what was remitted, at most the fine left unpaid on the day of the last reduction (law.payments).
    reduced = sa.case((d.annulled == 1, ZERO), else_=_capped(d.reduced, d.in_force_total, d.paid_at_reduction))
    owed = total - reduced
    overdue = [d.payment_due.is_not(None), d.postponed == 0, d.suspended == 0]
    if unexpired is not None:
        overdue.append(sa.or_(d.in_force_issued >= unexpired, d.postponed_until >= unexpired))  # Law Art. 74, 76
    overdue.append(d.paid < _owed_by(d, owed, on))
    return {
        "annulled": d.annulled,
        "fines_imposed": total,
        "fines_collected": least(d.paid, owed),
        "fines_reduced": reduced,
        "overdue": flag(sa.and_(*overdue)),
    }


def _decision_facts(p: Period, scope: Scope) -> sa.Select:
    decisions = _decisions(p)
    d = decisions.c
    figures = decision_figures(d, p.last, earliest_unexpired(p.last, work_calendar()))
    month = month_of_day(d.issued_on)
    return _fact(scope, decisions, d.unit_id, d.case_id, month, decisions=ONE, warnings=d.warning, **figures)


def _enforcement_facts(p: Period, scope: Scope) -> sa.Select:
    source = sa.join(Enforcement, Decision, Decision.id == Enforcement.decision_id)
    month = month_of_day(Enforcement.decided_on)
    query = _fact(scope, source, Decision.unit_id, Decision.case_id, month, enforced=ONE)
    return query.where(p.holds(Enforcement.decided_on))


def _appeal_facts(p: Period, scope: Scope) -> list[sa.Select]:
    source = sa.join(Appeal, Decision, Decision.id == Appeal.decision_id)
    on_time = sa.or_(Appeal.resolve_due_on.is_(None), Appeal.resolved_on <= Appeal.resolve_due_on)
    filed = _fact(scope, source, Decision.unit_id, Decision.case_id, month_of_day(Appeal.filed_on), appeals_filed=ONE)
    resolved = _fact(
        scope,
        source,
        Decision.unit_id,
        Decision.case_id,
        month_of_day(Appeal.resolved_on),
        appeals_resolved=ONE,
        appeals_on_time=flag(on_time),
    )
    return [filed.where(p.holds(Appeal.filed_on)), resolved.where(p.holds(Appeal.resolved_on))]


def facts(p: Period, scope: Scope) -> sa.CompoundSelect:
    """Return every fact of the period in scope: SELECT bucket, case_id, month, *COUNTS … UNION ALL …"""
    branches = (_case_facts, _dismissal_facts, _decision_facts, _enforcement_facts)
    return sa.union_all(*(branch(p, scope) for branch in branches), *_appeal_facts(p, scope))


def rank_acts(per_act: sa.Subquery, sector_id, limit: int) -> sa.Select:
    """SELECT the acts of the most cases (code, sector, cases) from per_act (act_id, cases), in the sector if set."""
    cases = sa.func.sum(per_act.c.cases)  # the versions of an act: a case is under one of them
    query = (
        sa.select(Act.code, Sector.code.label("sector"), cases.label("cases"))
        .join(per_act, per_act.c.act_id == Act.id)
        .join(Sector, Sector.id == Act.sector_id)
        .group_by(Act.code, Sector.code)
        .having(cases > 0)
        .order_by(cases.desc(), Act.code)
        .limit(limit)
    )
    return query if sector_id is None else query.where(Sector.id == sector_id)
