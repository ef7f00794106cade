"""Read side of decisions: one decision for a user, the facts of its money and its figures on a day, verification."""

from datetime import date

import sqlalchemy as sa
from flask import abort

from penalties.appeals.models import Appeal
from penalties.auth.scope import visible_unit_ids
from penalties.cases.operations import carrying_unit
from penalties.core.documents import StoredDocument
from penalties.decisions.models import Decision, Delivery
from penalties.extensions import db
from penalties.law import deadlines, payments
from penalties.law.calendar import WorkCalendar
from penalties.payments.models import (
    Enforcement,
    InstallmentPlan,
    Payment,
    Postponement,
    Reduction,
    RefusedRequest,
)
from penalties.units.models import Unit
from penalties.workdays.queries import work_calendar


def get_decision_for(user, decision_id: int) -> Decision:
    """Return the decision if it exists and the user may see its unit; else 404."""
    decision = db.session.get(Decision, decision_id)
    visible = visible_unit_ids(user)
    if decision is None or (visible is not None and decision.unit_id not in visible):
        abort(404)
    return decision


def money_of(decision: Decision) -> payments.Money:
    """Read the facts of a sanction decision's money: delivery, corrections, payments, relief, appeals, enforcement."""
    delivered_on = db.session.scalar(sa.select(Delivery.delivered_on).where(Delivery.decision_id == decision.id))
    later = db.session.execute(
        sa.select(Decision.kind, Decision.issued_on, Decision.fine_total)
        .where(Decision.amends_id == decision.id, Decision.kind.in_(("amendment", "annulment")))
        .order_by(Decision.issued_on, Decision.id)
    ).all()
    paid = db.session.execute(
        sa.select(Payment.paid_on, Payment.principal, Payment.late_fee)
        .where(Payment.decision_id == decision.id)
        .order_by(Payment.paid_on, Payment.id)
    )
    plan = db.session.scalar(sa.select(InstallmentPlan).where(InstallmentPlan.decision_id == decision.id))
    of_decision = {"decision_id": decision.id}
    return payments.Money(
        fine_total=decision.fine_total,
        issued_on=decision.issued_on,
        payment_period_days=decision.payment_period_days,
        delivered_on=delivered_on,
        amendments=tuple(payments.Amendment(day, total) for kind, day, total in later if kind == "amendment"),
        annulled_on=min((day for kind, day, _ in later if kind == "annulment"), default=None),
        payments=tuple(payments.Paid(*row) for row in paid),
        plan=None if plan is None else payments.Plan(plan.requested_on, plan.decided_on, plan.tranches()),
        postponements=tuple(
            payments.Postponed(p.requested_on, p.decided_on, p.until_on)
            for p in db.session.scalars(sa.select(Postponement).filter_by(**of_decision))
        ),
        reductions=tuple(
            payments.Reduced(r.requested_on, r.decided_on, r.amount, r.kind == "exempt")
            for r in db.session.scalars(sa.select(Reduction).filter_by(**of_decision).order_by(Reduction.id))
        ),
        refused=tuple(
            payments.Request(r.requested_on, r.decided_on)
            for r in db.session.scalars(sa.select(RefusedRequest).filter_by(**of_decision))
        ),
        suspensions=tuple(
            payments.Suspension(a.suspended_on, a.resolved_on)
            for a in db.session.scalars(
                sa.select(Appeal).where(Appeal.decision_id == decision.id, Appeal.suspended_on.is_not(None))
            )
        ),
        enforced_on=tuple(db.session.scalars(sa.select(Enforcement.decided_on).filter_by(**of_decision))),
    )


def figures_on(decision: Decision, on: date, calendar: WorkCalendar | None = None) -> payments.Figures:
    """Return paid, late fee, outstanding and status of a sanction decision as of `on` (law.payments.owed_on)."""
    return payments.owed_on(money_of(decision), on, calendar or work_calendar())


def find_issued(code: str) -> Decision | None:
    """Return the decision whose PDF has this SHA-256, or whose verification code (in its QR) it is."""
    if len(code) != 64:
        return None
    by_pdf = (
        sa.select(Decision)
        .join(StoredDocument, StoredDocument.id == Decision.document_id)
        .where(StoredDocument.sha256 == code.lower())
    )
    return db.session.scalar(by_pdf) or db.session.scalar(
        sa.select(Decision).where(Decision.verification_code == code.lower())
    )


def undelivered_near_due(user, today: date, calendar, within_days: int = 3, limit: int = 200) -> list[tuple]:
    """Return (decision, delivery due) of the user's undelivered decisions whose delivery is near or past due."""
    query = (
        sa.select(Decision)
        .outerjoin(Delivery, Delivery.decision_id == Decision.id)
        .where(Delivery.id.is_(None), Decision.kind == "sanction")
        .order_by(Decision.issued_on, Decision.id)
        .limit(limit)
    )
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Decision.unit_id.in_(visible))
    rows = [(d, deadlines.delivery_due(d.issued_on, calendar).due) for d in db.session.scalars(query)]
    return [(d, due) for d, due in rows if (due - today).days <= within_days]


def issuing_unit(decision: Decision) -> Unit:
    """Return the issuing unit: the decision's, or the signer's when it lies above it (a district chairman decided a
    ward's case before 01/07/2025)."""
    above = decision.unit.parent
    while above is not None:
        if decision.signer.unit_id == above.id:
            return above
        above = above.parent
    return decision.unit


def issuing_unit_on(decision: Decision, day: date) -> Unit:
    """Return the unit that issues a document about the decision on the day: the decision's issuing unit while in
    force, else the successor that carries it on (SPEC §0, Law 88/2025 Art. 3)."""
    return carrying_unit(decision.case, day, issuing_unit(decision))
