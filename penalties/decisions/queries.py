"""Read side of decisions: one decision for a user, its figures as of a day, verification by hash."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import abort

from penalties.auth.scope import visible_unit_ids
from penalties.core.documents import StoredDocument
from penalties.decisions.corrections import in_force, is_annulled
from penalties.decisions.models import Decision, Delivery
from penalties.extensions import db
from penalties.law import deadlines, lifecycle
from penalties.law.payments import late_fee
from penalties.payments.models import Payment


@dataclass(frozen=True)
class Figures:
    """What is owed under a decision on a day (SPEC §2)."""

    total: int
    delivered_on: date | None
    payment_due: date | None
    paid_total: int
    late_fee: int
    outstanding: int
    status: str


def get_decision_for(user, decision_id: int) -> Decision:
    """Return the decision if it exists and the user may see its unit; else 404."""
    decision = db.session.get(Decision, decision_id)
    visible = visible_unit_ids(user)
    if decision is None or (visible is not None and decision.unit_id not in visible):
        abort(404)
    return decision


def figures_on(decision: Decision, on: date) -> Figures:
    """Return paid, late fee, outstanding and status of a decision as of `on` (derived, never stored)."""
    delivery = db.session.scalar(sa.select(Delivery).where(Delivery.decision_id == decision.id))
    paid = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Payment.principal), 0)).where(
            Payment.decision_id == decision.id, Payment.paid_on <= on
        )
    )
    due = None
    if delivery is not None:
        due = deadlines.payment_due(delivery.delivered_on, decision.payment_period_days).due
    # The money owed follows the decision in force (SPEC §1): the latest amendment; nothing once annulled.
    annulled = is_annulled(decision, on)
    total = 0 if annulled else in_force(decision, on).fine_total
    unpaid = max(total - paid, 0)
    fee = late_fee(unpaid, due, on) if due is not None else 0
    status = lifecycle.decision_status(
        delivered=delivery is not None,
        fine_total=total,
        outstanding=unpaid + fee,
        on=on,
        payment_due=due,
        execution_expires=deadlines.execution_expires(decision.issued_on).due,
        annulled=annulled,
    )
    return Figures(total, delivery.delivered_on if delivery else None, due, paid, fee, unpaid + fee, status)


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
