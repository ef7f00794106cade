"""Read side of decisions: one decision for a user, its figures as of a day, verification by hash."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import abort

from penalties.appeals.models import Appeal
from penalties.auth.scope import visible_unit_ids
from penalties.core.documents import StoredDocument
from penalties.decisions.corrections import in_force, is_annulled
from penalties.decisions.models import Decision, Delivery
from penalties.extensions import db
from penalties.law import deadlines, lifecycle
from penalties.law.calendar import WorkCalendar
from penalties.law.payments import Pause, Tranche, accrued_late_fee, installment_tranches, unpaid_by_tranche
from penalties.payments.models import Enforcement, InstallmentPlan, Payment, Postponement
from penalties.workdays.queries import work_calendar


@dataclass(frozen=True)
class Figures:
    """What is owed under a decision on a day (SPEC §2, §6b), derived from the stored facts, never stored."""

    total: int
    delivered_on: date | None
    payment_due: date | None
    paid_total: int  # all money received: fine and late fee
    late_fee: int  # late fee still owed
    outstanding: int  # fine still owed + late fee still owed
    status: str
    principal_paid: int = 0
    late_fee_paid: int = 0
    late_fee_accrued: int = 0
    refund_due: int = 0  # paid beyond what the decision in force asks (annulled, or amended downwards)
    expires_on: date | None = None  # last day the fine may be executed (Law Art. 74)
    postponed_until: date | None = None
    suspended: bool = False
    next_due: Tranche | None = None  # the next installment (or the whole fine) still to pay
    tranches: tuple[Tranche, ...] = ()


def get_decision_for(user, decision_id: int) -> Decision:
    """Return the decision if it exists and the user may see its unit; else 404."""
    decision = db.session.get(Decision, decision_id)
    visible = visible_unit_ids(user)
    if decision is None or (visible is not None and decision.unit_id not in visible):
        abort(404)
    return decision


def _fit(tranches: list[Tranche], total: int) -> list[Tranche]:
    """Make the tranches add up to the total in force (an amendment after the plan): trim or extend the last."""
    result, left = [], total
    for tranche in tranches:
        amount = min(tranche.amount, left)
        if amount > 0:
            result.append(Tranche(tranche.due_on, amount))
        left -= amount
    if left > 0 and tranches:
        last = result.pop() if result and result[-1].due_on == tranches[-1].due_on else Tranche(tranches[-1].due_on, 0)
        result.append(Tranche(last.due_on, last.amount + left))
    return result


def figures_on(decision: Decision, on: date, calendar: WorkCalendar | None = None) -> Figures:
    """Return paid, late fee, outstanding and status of a decision as of `on` (SPEC §1: derived when read).

    The money owed follows the decision in force (the latest amendment; nothing once annulled). Payments go to
    the fine first, then the late fee (SPEC §6b). The late fee runs on each installment after its own due
    date, never during a postponement (Law Art. 76, 78, 79) nor while execution is suspended (Art. 15).
    """
    delivery = db.session.scalar(sa.select(Delivery).where(Delivery.decision_id == decision.id))
    payments = list(
        db.session.execute(
            sa.select(Payment.paid_on, Payment.principal, Payment.late_fee)
            .where(Payment.decision_id == decision.id, Payment.paid_on <= on)
            .order_by(Payment.paid_on, Payment.id)
        )
    )
    principal_paid = sum(p.principal for p in payments)
    fee_paid = sum(p.late_fee for p in payments)
    annulled = is_annulled(decision, on)
    current = in_force(decision, on)
    total = 0 if annulled else current.fine_total
    due = deadlines.payment_due(delivery.delivered_on, decision.payment_period_days).due if delivery else None

    postponements = list(
        db.session.scalars(
            sa.select(Postponement).where(Postponement.decision_id == decision.id, Postponement.decided_on <= on)
        )
    )
    postponed_until = max((p.until_on for p in postponements), default=None)
    calendar = calendar or work_calendar()
    expires = deadlines.execution_expires(current.issued_on, calendar, postponed_until).due
    pauses = [Pause(p.decided_on, p.until_on) for p in postponements]
    suspended = False
    for appeal in db.session.scalars(
        sa.select(Appeal).where(
            Appeal.decision_id == decision.id, Appeal.suspended_on.is_not(None), Appeal.suspended_on <= on
        )
    ):
        resumed = appeal.resolved_on if appeal.resolved_on is not None and appeal.resolved_on <= on else None
        end = max(resumed - timedelta(days=1), appeal.suspended_on) if resumed else on
        pauses.append(Pause(appeal.suspended_on, end))
        suspended = suspended or resumed is None

    tranches: list[Tranche] = []
    if due is not None and total > 0:
        plan = db.session.scalar(
            sa.select(InstallmentPlan).where(
                InstallmentPlan.decision_id == decision.id, InstallmentPlan.decided_on <= on
            )
        )
        if plan is not None:
            schedule = [Tranche(i.due_on, i.amount) for i in plan.installments]
            paid_before = total - sum(t.amount for t in schedule)
            tranches = _fit(installment_tranches(due, total, max(paid_before, 0), schedule), total)
        else:
            tranches = [Tranche(due, total)]
    accrued = (
        accrued_late_fee(tranches, [(p.paid_on, p.principal) for p in payments], on, pauses, stop=expires)
        if tranches
        else 0
    )
    fee_owed = max(accrued - fee_paid, 0)
    unpaid = max(total - principal_paid, 0)
    refund = max(principal_paid - total, 0) + max(fee_paid - accrued, 0)
    lacking = unpaid_by_tranche(tranches, principal_paid)
    # Overdue: an installment (or the whole fine) past its due date still lacking, or a late fee still owed.
    late_part = any(left > 0 and t.due_on < on for t, left in zip(tranches, lacking, strict=True))
    overdue = (late_part or fee_owed > 0) and not suspended
    next_due = next((Tranche(t.due_on, left) for t, left in zip(tranches, lacking, strict=True) if left > 0), None)
    enforced = (
        db.session.scalar(
            sa.select(sa.func.count(Enforcement.id)).where(
                Enforcement.decision_id == decision.id, Enforcement.decided_on <= on
            )
        )
        > 0
    )
    status = lifecycle.decision_status(
        delivered=delivery is not None,
        fine_total=total,
        outstanding=unpaid + fee_owed,
        on=on,
        payment_due=due,
        execution_expires=expires,
        annulled=annulled,
        paid=principal_paid,
        postponed=any(p.decided_on <= on <= p.until_on for p in postponements),
        installments=len(tranches) > 1,
        enforced=enforced,
        overdue=overdue,
    )
    return Figures(
        total=total,
        delivered_on=delivery.delivered_on if delivery else None,
        payment_due=due,
        paid_total=principal_paid + fee_paid,
        late_fee=fee_owed,
        outstanding=unpaid + fee_owed,
        status=status,
        principal_paid=principal_paid,
        late_fee_paid=fee_paid,
        late_fee_accrued=accrued,
        refund_due=refund,
        expires_on=expires,
        postponed_until=postponed_until,
        suspended=suspended,
        next_due=next_due,
        tranches=tuple(tranches),
    )


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
