"""The figures of the annual report that the statistics do not give (Decree 118/2021 Art. 35(2); law-research §7.2).

queries.stats gives the headline figures (cases, decisions, money, enforcement, appeals). The report also asks
who was sanctioned (individuals, organisations), which sanctions and remedial measures were applied and how the
decisions were executed. Each is one aggregate over the same scope as the statistics: the cases recorded, the
sanction decisions issued, the appeals filed or resolved in [from, to], by the units given (None: every unit),
in the sector if one is set. Money and states are as of `to`, as in reports.facts.

Figures we do not hold (preventive measures, the "nhắc nhở" of minors, files sent to or
received from criminal-procedure bodies) are not here: the report leaves them dotted, to be filled by hand.
"""

import json
from datetime import date

import sqlalchemy as sa

from penalties.appeals.models import APPEAL_OUTCOMES, Appeal
from penalties.cases.models import VIOLATOR_KINDS, Case, Violation, Violator
from penalties.catalogue.models import Act
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.law.lifecycle import DISMISSAL_REASONS
from penalties.payments.models import InstallmentPlan, Payment, Postponement, Reduction
from penalties.reports.facts import Period, in_force, principal_paid, remitted

# The additional sanctions the report counts apart (Law Art. 21, 25), found in the decision's own wording.
ADDITIONAL = {
    "licence_withdrawn": ("tước quyền sử dụng giấy phép", "tước quyền sử dụng chứng chỉ"),
    "operation_suspended": ("đình chỉ hoạt động",),
    "confiscated": ("tịch thu",),
}
EMPTY_JSON = ("[]", "null")


def report_year(day: date) -> int:
    """Return the year whose report period holds the day: from 15 December on, the next year's."""
    return day.year + 1 if (day.month, day.day) >= (12, 15) else day.year


def annual_period(year: int) -> tuple[date, date]:
    """Return the data period of the annual report: 15/12 of the year before → 14/12 of the year.

    Circular 01/2023/TT-BTP Art. 6, as amended by Circular 19/2025/TT-BTP.
    """
    return date(year - 1, 12, 15), date(year, 12, 14)


def _in_scope(case_id, unit_id, unit_ids: list[int] | None, sector_id: int | None) -> list:
    conditions = []
    if unit_ids is not None:
        conditions.append(unit_id.in_(unit_ids))
    if sector_id is not None:
        in_sector = sa.select(Violation.case_id).join(Act, Act.id == Violation.act_id).where(Act.sector_id == sector_id)
        conditions.append(case_id.in_(in_sector))
    return conditions


def _period_cases(p: Period, unit_ids, sector_id) -> sa.Select:
    return sa.select(Case.id).where(
        Case.recorded_at >= p.starts_at,
        Case.recorded_at < p.ends_before,
        *_in_scope(Case.id, Case.unit_id, unit_ids, sector_id),
    )


def _period_decisions(p: Period, unit_ids, sector_id) -> list:
    return [
        Decision.kind == "sanction",
        p.holds(Decision.issued_on),
        *_in_scope(Decision.case_id, Decision.unit_id, unit_ids, sector_id),
    ]


def _by_kind(rows) -> dict[str, int]:
    counts = dict.fromkeys(VIOLATOR_KINDS, 0)
    counts.update({kind: int(n) for kind, n in rows})
    return counts


def detected(p: Period, unit_ids: list[int] | None, sector_id: int | None) -> dict:
    """Return the violations detected: the acts of the period's cases, and its cases by kind of violator."""
    cases = _period_cases(p, unit_ids, sector_id)
    acts = db.session.scalar(sa.select(sa.func.count(Violation.id)).where(Violation.case_id.in_(cases)))
    by_kind = db.session.execute(
        sa.select(Violator.kind, sa.func.count(Case.id))
        .join(Violator, Violator.id == Case.violator_id)
        .where(Case.id.in_(cases))
        .group_by(Violator.kind)
    )
    return {"acts": int(acts or 0), "cases_by_kind": _by_kind(by_kind)}


def transferred(p: Period, unit_ids: list[int] | None, sector_id: int | None) -> int:
    """Return the cases closed in the period by transferring the file to the criminal-procedure bodies (Law Art. 62,
    65: dismissed with the reason "transferred")."""
    count = sa.select(sa.func.count(Case.id)).where(
        Case.status == "dismissed",
        Case.dismissal_reason == DISMISSAL_REASONS["transferred"],
        p.holds(Case.dismissed_on),
        *_in_scope(Case.id, Case.unit_id, unit_ids, sector_id),
    )
    return int(db.session.scalar(count) or 0)


def subjects(p: Period, unit_ids: list[int] | None, sector_id: int | None) -> dict[str, int]:
    """Return the persons and organisations sanctioned: distinct violators of the period's sanction decisions."""
    rows = db.session.execute(
        sa.select(Violator.kind, sa.func.count(sa.distinct(Violator.id)))
        .select_from(Decision)
        .join(Case, Case.id == Decision.case_id)
        .join(Violator, Violator.id == Case.violator_id)
        .where(*_period_decisions(p, unit_ids, sector_id))
        .group_by(Violator.kind)
    )
    return _by_kind(rows)


def _decision_columns(on: date) -> dict:
    """Per sanction decision, as of `on`: annulled, the fine in force, principal and late fee paid, relief."""
    fine = in_force(on)
    fee = sa.select(sa.func.sum(Payment.late_fee)).where(Payment.decision_id == Decision.id, Payment.paid_on <= on)
    return {
        "annulled": fine["annulled"],
        "total": fine["total"],
        "owed": fine["total"] - remitted(on, fine["total"]),  # less what was reduced or exempted (Law Art. 77)
        "reduced": sa.exists().where(Reduction.decision_id == Decision.id, Reduction.decided_on <= on),
        "paid": principal_paid(on),
        "late_fee_paid": sa.func.coalesce(fee.scalar_subquery(), 0),
        "postponed": sa.exists().where(Postponement.decision_id == Decision.id, Postponement.decided_on <= on),
        "installments": sa.exists().where(InstallmentPlan.decision_id == Decision.id, InstallmentPlan.decided_on <= on),
        "remedial": sa.cast(Decision.remedial_measures, sa.Text).not_in(EMPTY_JSON),
        "additional": sa.cast(Decision.additional_sanctions, sa.Text).not_in(EMPTY_JSON),
    }


def _count(condition):
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def sanctions_and_execution(p: Period, unit_ids: list[int] | None, sector_id: int | None) -> dict:
    """Return the sanctions applied and how the period's decisions stood at `to` (annulled ones left out)."""
    c = _decision_columns(p.last)
    standing = sa.not_(c["annulled"])
    fined = sa.and_(standing, Decision.warning.is_(False), c["total"] > 0)
    row = db.session.execute(
        sa.select(
            _count(fined).label("fined"),
            _count(sa.and_(fined, c["paid"] >= c["owed"])).label("fully_paid"),
            _count(sa.and_(standing, c["reduced"])).label("reduced"),
            _count(sa.and_(standing, c["postponed"])).label("postponed"),
            _count(sa.and_(standing, c["installments"])).label("installments"),
            _count(sa.and_(standing, c["remedial"])).label("remedial"),
            _count(sa.and_(standing, c["additional"])).label("additional"),
            sa.func.coalesce(sa.func.sum(c["late_fee_paid"]), 0).label("late_fees_collected"),
        ).where(*_period_decisions(p, unit_ids, sector_id))
    ).one()
    figures = {key: int(value) for key, value in row._mapping.items()}
    figures.update(_additional_kinds(p, unit_ids, sector_id, standing))
    return figures


def _additional_kinds(p: Period, unit_ids, sector_id, standing) -> dict[str, int]:
    """Count the decisions with each kind of ADDITIONAL sanction, read from their wording (free text)."""
    counts = dict.fromkeys(ADDITIONAL, 0)
    lists = db.session.scalars(
        sa.select(sa.cast(Decision.additional_sanctions, sa.Text)).where(
            *_period_decisions(p, unit_ids, sector_id),
            standing,
            sa.cast(Decision.additional_sanctions, sa.Text).not_in(EMPTY_JSON),
        )
    )
    for raw in lists:
        text = " ".join(json.loads(raw)).lower()
        for key, words in ADDITIONAL.items():
            counts[key] += any(word in text for word in words)
    return counts


def appeals(p: Period, unit_ids: list[int] | None, sector_id: int | None) -> dict:
    """Return the decisions complained against and sued in the period, and the outcomes of appeals resolved."""
    scope = _in_scope(Decision.case_id, Decision.unit_id, unit_ids, sector_id)
    source = sa.join(Appeal, Decision, Decision.id == Appeal.decision_id)
    filed = dict.fromkeys(("complaint", "lawsuit"), 0)
    filed.update(
        db.session.execute(
            sa.select(Appeal.kind, sa.func.count(sa.distinct(Appeal.decision_id)))
            .select_from(source)
            .where(p.holds(Appeal.filed_on), *scope)
            .group_by(Appeal.kind)
        ).all()
    )
    outcomes = dict.fromkeys(APPEAL_OUTCOMES, 0)
    outcomes.update(
        db.session.execute(
            sa.select(Appeal.outcome, sa.func.count(Appeal.id))
            .select_from(source)
            .where(p.holds(Appeal.resolved_on), *scope)
            .group_by(Appeal.outcome)
        ).all()
    )
    return {"complained": int(filed["complaint"]), "sued": int(filed["lawsuit"]), "outcomes": outcomes}


def annual_figures(date_from: date, date_to: date, unit_ids: list[int] | None, sector_id: int | None) -> dict:
    """Return every figure of the annual report beyond queries.stats, for [date_from, date_to] and the scope."""
    p = Period(date_from, date_to)
    return {
        **detected(p, unit_ids, sector_id),
        "subjects": subjects(p, unit_ids, sector_id),
        **sanctions_and_execution(p, unit_ids, sector_id),
        **appeals(p, unit_ids, sector_id),
        "transferred": transferred(p, unit_ids, sector_id),
    }
