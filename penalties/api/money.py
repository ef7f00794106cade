"""Money through the API (API.md, "Money"): payments and reversals, installments, postponement, enforcement,
the overdue list. Every answer carries the decision's new figures."""

from flask import abort, url_for

from penalties.api import ApiBlueprint
from penalties.api.decisions import payload
from penalties.api.money_schemas import (
    EnforcementIn,
    InstallmentsIn,
    OverdueArgs,
    OverdueList,
    PaymentIn,
    PaymentList,
    PaymentOut,
    PaymentResult,
    PostponementIn,
    ReductionIn,
    ReliefOut,
    ReversalIn,
)
from penalties.api.scope import path_objects_visible
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.core.db import utcnow
from penalties.core.documents import document_response
from penalties.core.formatting import local_today
from penalties.decisions.queries import get_decision_for
from penalties.extensions import db
from penalties.payments.models import Payment, RefusedRequest
from penalties.payments.operations import (
    EnforcementInput,
    InstallmentInput,
    PaymentInput,
    PostponementInput,
    ReductionInput,
    decide_enforcement,
    decide_installments,
    decide_postponement,
    decide_reduction,
    payments_of,
    record_payment,
    reverse_payment,
    sanction_of,
)
from penalties.payments.queries import overdue_on, relief_document_for

blp = ApiBlueprint("api_money", __name__, description="Tiền phạt / money")


def _today():
    return local_today(utcnow())


def _relief(record, decision) -> dict:
    """Return an installment plan, postponement or enforcement with the decision's figures today."""
    data = {name: getattr(record, name, None) for name in ReliefOut().fields}
    refused = isinstance(record, RefusedRequest)
    data.update(outcome="refused" if refused else "granted", reason=record.reason if refused else None)
    data.update(until_on=getattr(record, "until_on", None), installments=getattr(record, "installments", None))
    document_id = getattr(record, "document_id", None)
    data["pdf_url"] = url_for("api_money.relief_pdf", document_id=document_id) if document_id is not None else None
    data["decision"] = payload(decision, max(_today(), record.decided_on))
    return data


@blp.route("/decisions/<int:decision_id>/payments", methods=["POST"])
@permission_required(Permission.RECORD_PAYMENT)
@path_objects_visible
@blp.arguments(PaymentIn)
@blp.response(201, PaymentResult)
def pay(body, decision_id: int):
    """Record a payment: the fine first, then the late fee (422 amount_invalid, 409 duplicate_receipt)."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    today = _today()
    payment = record_payment(decision, PaymentInput(**body), actor=user, today=today)
    db.session.commit()
    # API.md: "→ 201 with the decision's new figures" — the decision as of today, plus the payment.
    return {**payload(decision, max(today, payment.paid_on)), "payment": payment}


@blp.route("/decisions/<int:decision_id>/payments", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.response(200, PaymentList)
def payments(decision_id: int):
    """The receipts of a decision, reversals included, oldest first."""
    decision = get_decision_for(acting_user(), decision_id)
    return {"items": payments_of(decision), "next_cursor": None}


@blp.route("/payments/<int:payment_id>/reversal", methods=["POST"])
@permission_required(Permission.RECORD_PAYMENT)
@path_objects_visible
@blp.arguments(ReversalIn)
@blp.response(201, PaymentOut)
def reverse(body, payment_id: int):
    """Reverse a mistaken payment by a linked negative entry with the reason (409 payment_reversed)."""
    user = acting_user()
    payment = db.session.get(Payment, payment_id)
    if payment is None:
        abort(404)
    get_decision_for(user, payment.decision_id)
    reversal = reverse_payment(payment, body["reason"], actor=user, today=_today())
    db.session.commit()
    return reversal


@blp.route("/decisions/<int:decision_id>/installments", methods=["POST"])
@permission_required(Permission.MANAGE_INSTALLMENTS)
@path_objects_visible
@blp.arguments(InstallmentsIn)
@blp.response(201, ReliefOut)
def installments(body, decision_id: int):
    """Decide payment in installments (Law Art. 79; MQĐ05); 422 installment_not_allowed naming the rule."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    schedule = [(row["due_on"], row["amount"]) for row in body.pop("schedule")]
    plan = decide_installments(decision, InstallmentInput(**body, schedule=schedule), actor=user, today=_today())
    db.session.commit()
    return _relief(plan, decision)


@blp.route("/decisions/<int:decision_id>/postponement", methods=["POST"])
@permission_required(Permission.MANAGE_INSTALLMENTS)
@path_objects_visible
@blp.arguments(PostponementIn)
@blp.response(201, ReliefOut)
def postponement(body, decision_id: int):
    """Postpone the fine (Law Art. 76; MQĐ03); 422 postponement_not_allowed naming the rule."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    record = decide_postponement(decision, PostponementInput(**body), actor=user, today=_today())
    db.session.commit()
    return _relief(record, decision)


@blp.route("/decisions/<int:decision_id>/reduction", methods=["POST"])
@permission_required(Permission.MANAGE_INSTALLMENTS)
@path_objects_visible
@blp.arguments(ReductionIn)
@blp.response(201, ReliefOut)
def reduction(body, decision_id: int):
    """Reduce or exempt the rest of the fine (Law Art. 77; MQĐ04); 422 reduction_not_allowed naming the rule."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    record = decide_reduction(decision, ReductionInput(**body), actor=user, today=_today())
    db.session.commit()
    return _relief(record, decision)


@blp.route("/decisions/<int:decision_id>/enforcement", methods=["POST"])
@permission_required(Permission.ENFORCE)
@path_objects_visible
@blp.arguments(EnforcementIn)
@blp.response(201, ReliefOut)
def enforcement(body, decision_id: int):
    """Decide enforcement of an overdue fine (Law Art. 86; MQĐ12c); 409 nothing_overdue."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    record = decide_enforcement(decision, EnforcementInput(**body), actor=user, today=_today())
    db.session.commit()
    return _relief(record, decision)


@blp.route("/documents/<int:document_id>/pdf", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.response(200, content_type="application/pdf")
def relief_pdf(document_id: int):
    """The stored PDF of an installment, postponement or enforcement decision."""
    return document_response(relief_document_for(acting_user(), document_id))


@blp.route("/overdue", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@blp.arguments(OverdueArgs, location="query")
@blp.response(200, OverdueList)
def overdue(args):
    """Decisions overdue on `on` (default today) in the caller's units, oldest first, with the late fee to date."""
    on = args["on"] or _today()
    page = overdue_on(acting_user(), on, limit=min(max(args["limit"], 1), 200), cursor=args["cursor"])
    return {
        "items": [
            {
                "decision_id": row.decision.id,
                "number": row.decision.number,
                "unit": row.decision.unit.code,
                "violator": row.decision.case.violator.name,
                "payment_due": row.figures.payment_due,
                "days_late": row.days_late,
                "late_due_on": row.late_due.due_on if row.late_due else None,
                "outstanding": row.figures.outstanding,
                "late_fee": row.figures.late_fee,
                "status": row.figures.status,
            }
            for row in page.items
        ],
        "next_cursor": page.next_cursor,
    }
