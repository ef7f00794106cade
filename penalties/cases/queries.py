"""Read side of cases: search with filters and keyset pages, one case for a user, my deadlines."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from penalties.auth.models import User
from penalties.auth.scope import visible_unit_ids
from penalties.cases.models import Case, CaseEvidence, Violation
from penalties.catalogue.models import Act, Sector
from penalties.core.audit import AuditEntry
from penalties.core.documents import StoredDocument
from penalties.core.formatting import LEGAL_TZ
from penalties.core.inputs import day_problem
from penalties.core.pagination import Page, keyset_page
from penalties.core.text import fold
from penalties.extensions import db
from penalties.units.queries import get_unit_by_code, subtree_ids

SORTS = {
    "-recorded": ([Case.recorded_at, Case.id], True),
    "recorded": ([Case.recorded_at, Case.id], False),
    "decision_due": ([Case.decision_due_on, Case.id], False),
    "-decision_due": ([Case.decision_due_on, Case.id], True),
}


@dataclass
class CaseFilters:
    status: str | None = None
    unit: str | None = None
    sector: str | None = None
    act: str | None = None
    q: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "-recorded"
    # The cases behind a figure of the statistics (reports.filters.FIGURES) of the period [date_from, date_to]:
    # the dates are then the period's, not the record's. `month` ('2026-03'): the figure's row of by_month.
    figure: str | None = None
    month: str | None = None
    own: bool = False  # the unit's own cases only, not those of the units below it


MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _day_arg(value: str | None) -> date | None:
    """Return the date typed (dd/mm/yyyy or yyyy-mm-dd); None when it is not one, or outside 1900–2999."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(value or "", fmt).date()
        except ValueError:
            continue
        return None if day_problem(day) else day
    return None


def filters_from(args: Mapping[str, str], today: date) -> tuple[CaseFilters, str | None]:
    """Return the case list's filters read from a query string (the page, its downloads), and why a figure asked
    for cannot narrow the list (it does not exist, or its period is refused); None when no figure or a known one.

    A known figure (?figure=…&month=YYYY-MM) narrows the list to the cases behind it over the statistics' period,
    which defaults and is checked as the statistics' is: to today, from the 15 December before `to`.
    """
    from flask_babel import gettext as _

    from penalties.reports.filters import FIGURES, FilterError, check_period

    filters = CaseFilters(
        status=args.get("status") or None,
        unit=args.get("unit") or None,
        sector=args.get("sector") or None,
        act=args.get("act") or None,
        q=args.get("q") or None,
        date_from=_day_arg(args.get("from")),
        date_to=_day_arg(args.get("to")),
        sort=args.get("sort") or "-recorded",
        own=args.get("own") == "1",
    )
    name, month = args.get("figure") or None, args.get("month") or ""
    if name is None:
        return filters, None
    if name not in FIGURES:
        return filters, _("Không có số liệu thống kê “%(f)s”; danh sách không lọc theo số liệu.", f=name)
    try:
        period = check_period(filters.date_from, filters.date_to, today)
    except FilterError as err:
        return filters, f"{err.message} " + _("Danh sách không lọc theo số liệu.")
    filters.figure = name
    filters.date_from, filters.date_to = period
    filters.month = month if MONTH.fullmatch(month) else None
    return filters, None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LEGAL_TZ)


def _unit_ids(user, filters: CaseFilters) -> list[int] | None:
    """Return the units whose cases are listed: those the user sees, narrowed to the unit asked; None: all."""
    visible = visible_unit_ids(user)
    if not filters.unit:
        return visible
    unit = get_unit_by_code(filters.unit)
    asked = ([unit.id] if filters.own else subtree_ids(unit.id)) if unit else []
    if visible is None:
        return asked
    allowed = set(visible)
    return [unit_id for unit_id in asked if unit_id in allowed]


def _figure(filters: CaseFilters, unit_ids: list[int] | None):
    """Return the condition: the case adds to the figure (the facts the statistics count, reports.facts)."""
    from penalties.reports.filters import figure_case_ids  # here: the reports package imports this module

    sector = db.session.scalar(sa.select(Sector.id).where(Sector.code == filters.sector)) if filters.sector else None
    if filters.sector and sector is None:
        return sa.false()
    period = (filters.date_from, filters.date_to)
    return Case.id.in_(figure_case_ids(filters.figure, period, unit_ids, sector, filters.month))


def _filtered(user, filters: CaseFilters) -> sa.Select:
    query = sa.select(Case)
    unit_ids = _unit_ids(user, filters)
    if unit_ids is not None:
        query = query.where(Case.unit_id.in_(unit_ids))
    if filters.status:
        query = query.where(Case.status == filters.status)
    if filters.figure:
        query = query.where(_figure(filters, unit_ids))
    if filters.sector or filters.act:
        # A correlated EXISTS lets SQLite walk the unit's cases and stop at the page size; `IN (subquery)`
        # made it build the list of every matching case first (bench/README: 1.9 s → 29 ms at 1 M cases).
        acts = sa.select(Violation.id).join(Act, Act.id == Violation.act_id).where(Violation.case_id == Case.id)
        if filters.sector:
            acts = acts.join(Sector, Sector.id == Act.sector_id).where(Sector.code == filters.sector)
        if filters.act:
            acts = acts.where(Act.code == filters.act)
        query = query.where(acts.exists())
    if filters.date_from and not filters.figure:
        query = query.where(Case.recorded_at >= _start_of(filters.date_from))
    if filters.date_to and not filters.figure:
        query = query.where(Case.recorded_at < _start_of(filters.date_to + timedelta(days=1)))
    for word in fold(filters.q).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Case.search_folded.like(f"%{escaped}%", escape="\\"))
    return query


def check_filters(filters: CaseFilters) -> None:
    """Refuse a filter naming no status, unit, sector or act we know (an empty list would hide the typo)."""
    from flask_babel import gettext as _

    from penalties.law.errors import RuleViolation
    from penalties.law.lifecycle import CASE_TRANSITIONS

    if filters.status and filters.status not in CASE_TRANSITIONS:
        raise RuleViolation("status_unknown", _("Không có trạng thái %(c)s.", c=filters.status), field="status")
    if filters.unit and get_unit_by_code(filters.unit) is None:
        raise RuleViolation("unit_unknown", _("Không có đơn vị mã %(c)s.", c=filters.unit), field="unit")
    if filters.sector and db.session.scalar(sa.select(Sector.id).where(Sector.code == filters.sector)) is None:
        raise RuleViolation("sector_unknown", _("Không có lĩnh vực mã %(c)s.", c=filters.sector), field="sector")
    if filters.act and db.session.scalar(sa.select(Act.id).where(Act.code == filters.act).limit(1)) is None:
        raise RuleViolation("act_unknown", _("Không có hành vi mã %(c)s.", c=filters.act), field="act")


def search_cases(user, filters: CaseFilters, cursor: str | None, limit: int) -> Page:
    """Return one page of the cases the user may see, filtered and sorted; `q` ignores diacritics and case."""
    keys, descending = SORTS.get(filters.sort, SORTS["-recorded"])
    query = _filtered(user, filters).options(
        selectinload(Case.violator), selectinload(Case.unit), selectinload(Case.violations)
    )
    return keyset_page(query, keys, cursor, limit, descending=descending)


def count_cases(user, filters: CaseFilters) -> int:
    """Return how many cases the user may see match the filters (shown for the cases behind a figure)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(_filtered(user, filters).subquery()))


def get_case_for(user, case_id: int) -> Case:
    """Return the case if it exists and the user may see it; else 404 (not 403: its existence is not told)."""
    case = db.session.get(Case, case_id)
    visible = visible_unit_ids(user)
    if case is None or (visible is not None and case.unit_id not in visible):
        abort(404)
    return case


def cases_near_deadline(user, today: date, within_days: int = 3, limit: int = 200) -> list[Case]:
    """Return the recorded cases of the user's units whose decision due date or limitation is near or past."""
    horizon = today + timedelta(days=within_days)
    query = _filtered(user, CaseFilters(status="recorded")).where(
        sa.or_(Case.decision_due_on <= horizon, Case.limitation_expires_on <= horizon)
    )
    soonest = sa.case(
        (Case.decision_due_on < Case.limitation_expires_on, Case.decision_due_on), else_=Case.limitation_expires_on
    )
    return list(db.session.scalars(query.options(selectinload(Case.violator)).order_by(soonest, Case.id).limit(limit)))


def evidence_of(case: Case) -> list[dict]:
    """Return the evidence files of a case (without their bytes)."""
    query = (
        sa.select(
            StoredDocument.id,
            StoredDocument.filename,
            StoredDocument.content_type,
            StoredDocument.size,
            StoredDocument.sha256,
            CaseEvidence.caption,
        )
        .join(CaseEvidence, CaseEvidence.document_id == StoredDocument.id)
        .where(CaseEvidence.case_id == case.id)
        .order_by(StoredDocument.id)
    )
    return [row._asdict() for row in db.session.execute(query)]


def timeline_of(case: Case) -> list[dict]:
    """Return what happened to the case, oldest first, from the audit trail."""
    query = (
        sa.select(AuditEntry, User.full_name, User.username)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.object_type == "cases", AuditEntry.object_id == str(case.id))
        .order_by(AuditEntry.id)
    )
    return [
        {
            "at": entry.at,
            "action": entry.action,
            "actor": full_name or username,
            "changes": entry.after or {},
        }
        for entry, full_name, username in db.session.execute(query)
    ]


def sanction_of(case: Case):
    """Return the sanction decision of a case, or None."""
    from penalties.decisions.models import Decision

    return db.session.scalar(sa.select(Decision).where(Decision.case_id == case.id, Decision.kind == "sanction"))
