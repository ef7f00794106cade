"""Read side of the money owed: decisions overdue on a day, oldest first, with the late fee to date."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from penalties.auth.scope import visible_unit_ids
from penalties.core.pagination import decode_cursor, encode_cursor
from penalties.decisions.models import Decision, Delivery
from penalties.decisions.queries import figures_on, get_decision_for
from penalties.extensions import db
from penalties.law.late_fee import Tranche, unpaid_by_tranche
from penalties.law.parameters import value_on
from penalties.law.payments import Figures
from penalties.payments.models import Installment, InstallmentPlan, Payment
from penalties.workdays.queries import work_calendar


@dataclass
class OverdueRow:
    decision: Decision
    figures: Figures
    days_late: int
    # The earliest due date missed with money still lacking (an installment, or the whole fine), and how much;
    # None when only the late fee is left to pay.
    late_due: Tranche | None = None


def _late_due(figures: Figures, on: date) -> Tranche | None:
    lacking = unpaid_by_tranche(list(figures.tranches), figures.principal_paid)
    return next(
        (Tranche(t.due_on, left) for t, left in zip(figures.tranches, lacking, strict=True) if left and t.due_on < on),
        None,
    )


@dataclass
class OverduePage:
    items: list[OverdueRow]
    next_cursor: str | None


def _candidates(user, on: date, after: tuple[date, int] | None, batch: int):
    """Delivered sanction decisions whose payment period (at least the legal minimum) has passed by `on`."""
    shortest = value_on("payment_period_days", on)
    query = (
        sa.select(Decision, Delivery.delivered_on)
        .join(Delivery, Delivery.decision_id == Decision.id)
        .where(
            Decision.kind == "sanction",
            Decision.warning.is_(False),
        )
        .order_by(Delivery.delivered_on, Decision.id)
        .limit(batch)
    )
    # An installment plan may set an earlier first due date than the payment period: include those too.
    with_plan = sa.select(InstallmentPlan.decision_id).join(Installment).where(Installment.due_on < on)
    query = query.where(sa.or_(Delivery.delivered_on < on - timedelta(days=shortest), Decision.id.in_(with_plan)))
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Decision.unit_id.in_(visible))
    if after is not None:
        query = query.where(sa.tuple_(Delivery.delivered_on, Decision.id) > sa.tuple_(*after))
    return list(db.session.execute(query))


def overdue_on(user, on: date, *, limit: int = 50, cursor: str | None = None) -> OverduePage:
    """Return the user's decisions overdue on `on` (or under enforcement and still owing), oldest first.

    Candidates come from SQL in delivery order; each one's figures are derived as of `on` (SPEC §1: status
    is computed when read), and the page is filled batch by batch.
    """
    key = decode_cursor(cursor)
    after = None
    if key and len(key) == 2:
        try:
            after = (date.fromisoformat(key[0]), int(key[1]))
        except (TypeError, ValueError):
            after = None
    items: list[OverdueRow] = []
    last, calendar = after, work_calendar()
    while len(items) < limit:
        rows = _candidates(user, on, last, batch=max(limit * 2, 50))
        if not rows:
            last = None
            break
        for decision, delivered_on in rows:
            last = (delivered_on, decision.id)
            figures = figures_on(decision, on, calendar)
            if figures.past_due or (figures.status == "enforced" and figures.outstanding > 0):
                late = _late_due(figures, on)
                days = max((on - late.due_on).days - 1, 0) if late else 0
                items.append(OverdueRow(decision, figures, days, late))
                if len(items) == limit:
                    break
    next_cursor = encode_cursor(list(last)) if last is not None and len(items) == limit else None
    return OverduePage(items, next_cursor)


def get_payment_for(user, payment_id: int) -> Payment:
    """Return the payment if it exists and the user may see its decision; else 404."""
    payment = db.session.get(Payment, payment_id)
    if payment is None:
        from flask import abort

        abort(404)
    get_decision_for(user, payment.decision_id)
    return payment


def relief_document_for(user, document_id: int):
    """Return the stored PDF of an installment, postponement or enforcement decision the user may see; else 404."""
    from flask import abort

    from penalties.core.documents import StoredDocument
    from penalties.decisions.queries import get_decision_for
    from penalties.payments.models import Enforcement, Postponement, Reduction

    for model in (InstallmentPlan, Postponement, Reduction, Enforcement):
        decision_id = db.session.scalar(sa.select(model.decision_id).where(model.document_id == document_id))
        if decision_id is not None:
            get_decision_for(user, decision_id)
            return db.session.get(StoredDocument, document_id)
    abort(404)


def hardship_evidence_for(user, document_id: int):
    """Return the hardship evidence file of an installment plan or postponement the user may see; else 404."""
    from flask import abort

    from penalties.core.documents import StoredDocument
    from penalties.decisions.queries import get_decision_for
    from penalties.payments.models import Postponement, Reduction

    for model in (InstallmentPlan, Postponement, Reduction):
        decision_id = db.session.scalar(sa.select(model.decision_id).where(model.evidence_id == document_id))
        if decision_id is not None:
            get_decision_for(user, decision_id)
            return db.session.get(StoredDocument, document_id)
    abort(404)


@dataclass
class Relief:
    """What was decided on a sanction decision's money after it: installments, postponements, reductions,
    enforcements, and the requests refused."""

    plan: InstallmentPlan | None
    postponements: list
    enforcements: list
    reductions: list
    refused: list


def relief_of(decision: Decision) -> Relief:
    """Return the installment plan, postponements and enforcement decisions of a sanction decision, oldest first."""
    from penalties.payments.models import Enforcement, Postponement, Reduction, RefusedRequest

    plan = db.session.scalar(sa.select(InstallmentPlan).where(InstallmentPlan.decision_id == decision.id))
    postponements = db.session.scalars(
        sa.select(Postponement).where(Postponement.decision_id == decision.id).order_by(Postponement.id)
    )
    enforcements = db.session.scalars(
        sa.select(Enforcement).where(Enforcement.decision_id == decision.id).order_by(Enforcement.id)
    )
    reductions = db.session.scalars(
        sa.select(Reduction).where(Reduction.decision_id == decision.id).order_by(Reduction.id)
    )
    refused = db.session.scalars(
        sa.select(RefusedRequest).where(RefusedRequest.decision_id == decision.id).order_by(RefusedRequest.id)
    )
    return Relief(plan, list(postponements), list(enforcements), list(reductions), list(refused))


def installments_due(user, today: date, *, within_days: int = 7, limit: int = 200) -> list[OverdueRow]:
    """Return the user's decisions paid in installments whose next installment is due within `within_days` or past.

    Candidates are the plans with an installment due by the horizon, earliest first; whether that installment
    is still unpaid comes from the decision's figures today (days_late is 0 for one not yet due).
    """
    horizon = today + timedelta(days=within_days)
    first_due = sa.func.min(Installment.due_on)
    query = (
        sa.select(Decision)
        .join(InstallmentPlan, InstallmentPlan.decision_id == Decision.id)
        .join(Installment, Installment.plan_id == InstallmentPlan.id)
        .group_by(Decision.id)
        .having(first_due <= horizon)
        .order_by(first_due, Decision.id)
        .limit(limit)
    )
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Decision.unit_id.in_(visible))
    rows = []
    for decision in db.session.scalars(query):
        figures = figures_on(decision, today)
        due = figures.next_due
        if due is None or due.due_on > horizon or figures.status in ("annulled", "expired", "paid", "closed"):
            continue
        rows.append(OverdueRow(decision, figures, max((today - due.due_on).days, 0)))
    return sorted(rows, key=lambda row: (row.figures.next_due.due_on, row.decision.id))
