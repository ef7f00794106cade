"""Decisions through the API (API.md, "Decisions"): issue, read as of a day, PDF, delivery, verify."""

from penalties.api import ApiBlueprint
from penalties.api.decision_schemas import DecisionIn, DecisionOut, DeliveryIn, OnArgs, VerifyOut
from penalties.api.scope import path_objects_visible
from penalties.auth.permissions import Permission, acting_user, permission_required, public
from penalties.cases.queries import get_case_for
from penalties.core.db import utcnow
from penalties.core.documents import document_response
from penalties.core.errors import ApiError
from penalties.core.formatting import local_today
from penalties.decisions.corrections import replacements
from penalties.decisions.operations import DecisionInput, FineChoice, issue_decision, record_delivery
from penalties.decisions.queries import figures_on, find_issued, get_decision_for
from penalties.extensions import db

blp = ApiBlueprint("api_decisions", __name__, description="Quyết định xử phạt / decisions")


def payload(decision, on):
    """Return the decision with its figures as of `on` (API.md)."""
    figures = figures_on(decision, on)
    return {
        **{
            k: getattr(decision, k)
            for k in (
                "id",
                "number",
                "kind",
                "case_id",
                "issued_on",
                "delegation",
                "warning",
                "fine_total",
                "lines",
                "additional_sanctions",
                "remedial_measures",
                "verification_code",
            )
        },
        "unit": decision.unit.code,
        "signer": decision.signer.username,
        "signer_name": decision.signer.display_name,
        "status": figures.status,
        "delivered_on": figures.delivered_on,
        "payment_due": figures.payment_due,
        "paid_total": figures.paid_total,
        "late_fee": figures.late_fee,
        "outstanding": figures.outstanding,
        "principal_paid": figures.principal_paid,
        "late_fee_paid": figures.late_fee_paid,
        "refund_due": figures.refund_due,
        "execution_expires": figures.expires_on,
        "postponed_until": figures.postponed_until,
        "execution_suspended": figures.suspended,
        "next_due": {"due_on": figures.next_due.due_on, "amount": figures.next_due.amount}
        if figures.next_due
        else None,
        "as_of": on,
        "pdf_url": f"/api/v1/decisions/{decision.id}/pdf",
        "sha256": decision.document.sha256 if decision.document else None,
        "replaced_by": latest.id if (latest := next(reversed(replacements(decision)), None)) else None,
        "fine_total_in_force": figures.total + figures.reduced,
        "reduced": figures.reduced,  # remitted by reduction or exemption (Law Art. 77): owed = in force − reduced
        "amends": decision.amends_id,
    }


@blp.route("/cases/<int:case_id>/decision", methods=["POST"])
@permission_required(Permission.ISSUE_DECISION)
@path_objects_visible
@blp.arguments(DecisionIn)
@blp.response(201, DecisionOut)
def issue(body, case_id: int):
    """Issue the sanction decision of a case (422 fine_out_of_range, 403 authority_exceeded, 409, 422 time bar)."""
    user = acting_user()
    case = get_case_for(user, case_id)
    fines = [FineChoice(**f) for f in body.pop("fines")] if body.get("fines") is not None else None
    today = local_today(utcnow())
    decision = issue_decision(case, DecisionInput(**{**body, "fines": fines}), actor=user, today=today)
    db.session.commit()
    return payload(decision, today)


@blp.route("/decisions/<int:decision_id>", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.arguments(OnArgs, location="query")
@blp.response(200, DecisionOut)
def detail(args, decision_id: int):
    """Read a decision with paid, late fee, outstanding and status as of `on` (default today)."""
    decision = get_decision_for(acting_user(), decision_id)
    return payload(decision, args["on"] or local_today(utcnow()))


@blp.route("/decisions/<int:decision_id>/pdf", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.response(200, content_type="application/pdf")
def pdf(decision_id: int):
    """Return the PDF stored at issuance: the same bytes every time."""
    decision = get_decision_for(acting_user(), decision_id)
    if decision.document is None:
        raise ApiError(404, "not_found", "Quyết định chưa có bản PDF.")
    return document_response(decision.document)


@blp.route("/decisions/<int:decision_id>/delivery", methods=["POST"])
@permission_required(Permission.RECORD_DELIVERY)
@path_objects_visible
@blp.arguments(DeliveryIn)
@blp.response(200, DecisionOut)
def delivery(body, decision_id: int):
    """Record the delivery; the payment and appeal clocks start from it (SPEC §2)."""
    user = acting_user()
    decision = get_decision_for(user, decision_id)
    today = local_today(utcnow())
    record_delivery(decision, body["delivered_on"], body["method"], body["note"], actor=user, today=today)
    db.session.commit()
    return payload(decision, today)


@blp.route("/verify/<code>", methods=["GET"])
@public
@blp.response(200, VerifyOut)
def verify(code: str):
    """Say whether we issued the document with this SHA-256 (or QR code): number, date, unit, status."""
    decision = find_issued(code)
    if decision is None:
        raise ApiError(404, "not_found", "Không có quyết định nào có mã này.")
    figures = figures_on(decision, local_today(utcnow()))
    return {
        "number": decision.number,
        "issued_on": decision.issued_on,
        "unit": decision.unit.name,
        "status": figures.status,
    }
