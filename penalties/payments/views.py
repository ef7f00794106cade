"""Pages of the money owed: the forms of the decision page (payment, reversal, installments, postponement,
enforcement), the relief PDFs and the overdue list."""

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.core.db import utcnow
from penalties.core.documents import document_response
from penalties.core.formatting import local_today, money
from penalties.decisions.forms import AsOfForm
from penalties.decisions.labels import STATUS_LABELS
from penalties.decisions.page import panel, submit
from penalties.decisions.queries import get_decision_for
from penalties.extensions import db
from penalties.law.parameters import value_on
from penalties.law.payments import Figures
from penalties.payments import bp
from penalties.payments.forms import (
    MEASURE_LABELS,
    METHOD_LABELS,
    REDUCTION_LABELS,
    REQUEST_LABELS,
    EnforcementForm,
    InstallmentForm,
    PaymentForm,
    PostponementForm,
    ReductionForm,
    ReversalForm,
)
from penalties.payments.models import Payment, RefusedRequest
from penalties.payments.operations import (
    decide_enforcement,
    decide_installments,
    decide_postponement,
    decide_reduction,
    payments_of,
    record_payment,
    reverse_payment,
    sanction_of,
)
from penalties.payments.queries import hardship_evidence_for, overdue_on, relief_document_for, relief_of

# Figures statuses under which nothing more may be collected.
CLOSED = ("annulled", "expired", "paid", "closed")
MONEY_FORMS = ("payment", "installments", "postponement", "reduction", "enforcement")


def _today():
    return local_today(utcnow())


def _blank(form_class, prefix: str, **defaults):
    """Return a form not bound to the request, with its default values."""
    form = form_class(prefix=prefix, formdata=None)
    for name, value in defaults.items():
        getattr(form, name).data = value
    return form


def _relief_forms(decision, now: Figures, today, relief, forms: dict) -> tuple[dict, list[str]]:
    """Return the forms of the requests for relief, and the notes on what the law does not allow.

    A request the law does not allow (below the fine of Law Art. 76(1), 79(1); a reduction without a postponement,
    Art. 77) can still be recorded as refused — its days carry no late fee either —, so its form is shown set to
    "refused", with the note; the operations refuse to grant it anyway.
    """
    party, fine = decision.case.violator.kind, now.total + now.reduced
    shown, notes = {}, []

    def offer(key, form_class, prefix, allowed: bool, note: str) -> None:
        if not allowed:
            notes.append(note)
        outcome = "granted" if allowed else "refused"
        shown[key] = forms.get(key) or _blank(form_class, prefix, requested_on=today, decided_on=today, outcome=outcome)

    if relief.plan is None:
        minimum = value_on("installment_min_fine", today).for_party(party)
        note = _("Mức phạt dưới %(m)s: không được nộp tiền phạt nhiều lần (Điều 79).", m=money(minimum))
        offer("installments", InstallmentForm, "i", fine >= minimum, note)
    if not relief.postponements:
        minimum = value_on("postponement_min_fine", today).for_party(party)
        note = _("Mức phạt dưới %(m)s: không được hoãn thi hành (Điều 76).", m=money(minimum))
        offer("postponement", PostponementForm, "h", fine >= minimum, note)
    eligible = bool(relief.postponements or relief.plan or relief.reductions)
    note = _("Chỉ giảm, miễn tiền phạt sau khi đã được hoãn thi hành hoặc nộp tiền phạt nhiều lần (Điều 77).")
    offer("reduction", ReductionForm, "g", eligible, note)
    return shown, notes


@panel
def money_panel(shown, decision, now: Figures, today, forms: dict) -> dict:
    """Return the receipts, relief decisions and the money forms the user may use today on a sanction decision."""
    if shown.kind != "sanction":
        return {}
    payments = payments_of(decision)
    reversed_by = {p.reverses_id: p for p in payments if p.reverses_id is not None}
    relief = relief_of(decision)
    live = not decision.warning and now.delivered_on is not None and now.status not in CLOSED
    user = current_user
    shown, notes = {}, []
    if live and user.can(Permission.RECORD_PAYMENT):
        shown["payment"] = forms.get("payment") or _blank(PaymentForm, "p", paid_on=today, method="bank_transfer")
    if live and user.can(Permission.MANAGE_INSTALLMENTS):
        relief_shown, notes = _relief_forms(decision, now, today, relief, forms)
        shown.update(relief_shown)
    if live and user.can(Permission.ENFORCE) and (now.past_due or now.status == "enforced") and not now.suspended:
        shown["enforcement"] = forms.get("enforcement") or _blank(EnforcementForm, "e", decided_on=today)
    # A refused form is shown with its errors even when it would not be offered any more.
    shown.update({key: form for key, form in forms.items() if key in MONEY_FORMS})
    reversal_forms = {}
    if user.can(Permission.RECORD_PAYMENT):
        for p in payments:
            if p.reverses_id is None and p.id not in reversed_by:
                reversal_forms[p.id] = forms.get(("reversal", p.id)) or _blank(ReversalForm, f"v{p.id}")
    return {
        "payments": payments,
        "reversed_by": reversed_by,
        "relief": relief,
        "money_forms": shown,
        "owed_today": now.outstanding,
        "relief_notes": notes,
        "reversal_forms": reversal_forms,
        "method_labels": METHOD_LABELS,
        "reduction_labels": REDUCTION_LABELS,
        "request_labels": REQUEST_LABELS,
        "measure_labels": MEASURE_LABELS,
    }


def _decision(decision_id: int):
    return sanction_of(get_decision_for(current_user, decision_id))


@bp.post("/decisions/<int:decision_id>/payments")
@permission_required(Permission.RECORD_PAYMENT)
def record(decision_id: int):
    decision = _decision(decision_id)
    return submit(
        decision,
        "payment",
        PaymentForm(prefix="p"),
        lambda form: record_payment(decision, form.to_input(), actor=current_user, today=_today()),
        lambda p: _(
            "Đã ghi nhận khoản nộp %(amount)s, biên lai %(receipt)s.", amount=money(p.amount), receipt=p.receipt_no
        ),
        "payments",
    )


@bp.post("/payments/<int:payment_id>/reversal")
@permission_required(Permission.RECORD_PAYMENT)
def reverse(payment_id: int):
    payment = db.session.get(Payment, payment_id)
    if payment is None:
        abort(404)
    decision = _decision(payment.decision_id)
    return submit(
        decision,
        ("reversal", payment.id),
        ReversalForm(prefix=f"v{payment.id}"),
        lambda form: reverse_payment(payment, form.reason.data, actor=current_user, today=_today()),
        lambda r: _("Đã hủy khoản nộp theo biên lai %(receipt)s.", receipt=payment.receipt_no),
        "payments",
    )


@bp.post("/decisions/<int:decision_id>/installments")
@permission_required(Permission.MANAGE_INSTALLMENTS)
def installments(decision_id: int):
    decision = _decision(decision_id)
    return submit(
        decision,
        "installments",
        InstallmentForm(prefix="i"),
        lambda form: decide_installments(decision, form.to_input(), actor=current_user, today=_today()),
        lambda plan: (
            _refused(plan) or _("Đã quyết định cho nộp tiền phạt nhiều lần: quyết định số %(n)s.", n=plan.number)
        ),
        "relief",
    )


@bp.post("/decisions/<int:decision_id>/postponement")
@permission_required(Permission.MANAGE_INSTALLMENTS)
def postponement(decision_id: int):
    decision = _decision(decision_id)
    return submit(
        decision,
        "postponement",
        PostponementForm(prefix="h"),
        lambda form: decide_postponement(decision, form.to_input(), actor=current_user, today=_today()),
        lambda p: (
            _refused(p)
            or _(
                "Đã quyết định hoãn thi hành đến ngày %(d)s: quyết định số %(n)s.",
                d=p.until_on.strftime("%d/%m/%Y"),
                n=p.number,
            )
        ),
        "relief",
    )


@bp.post("/decisions/<int:decision_id>/reduction")
@permission_required(Permission.MANAGE_INSTALLMENTS)
def reduction(decision_id: int):
    decision = _decision(decision_id)
    return submit(
        decision,
        "reduction",
        ReductionForm(prefix="g"),
        lambda form: decide_reduction(decision, form.to_input(), actor=current_user, today=_today()),
        lambda r: (
            _refused(r)
            or _(
                "Đã ra quyết định %(what)s %(m)s: quyết định số %(n)s.",
                what=REDUCTION_LABELS[r.kind].lower(),
                m=money(r.amount),
                n=r.number,
            )
        ),
        "relief",
    )


def _refused(record) -> str | None:
    """The message of a request refused: kept with its reason, no decision issued."""
    if isinstance(record, RefusedRequest):
        return _("Đã ghi nhận không chấp nhận đề nghị ngày %(d)s.", d=record.requested_on.strftime("%d/%m/%Y"))
    return None


@bp.post("/decisions/<int:decision_id>/enforcement")
@permission_required(Permission.ENFORCE)
def enforcement(decision_id: int):
    decision = _decision(decision_id)
    return submit(
        decision,
        "enforcement",
        EnforcementForm(prefix="e"),
        lambda form: decide_enforcement(decision, form.to_input(), actor=current_user, today=_today()),
        lambda e: _("Đã ra quyết định cưỡng chế số %(n)s.", n=e.number),
        "relief",
    )


@bp.get("/payments/documents/<int:document_id>")
@permission_required(Permission.VIEW_DECISIONS)
def relief_pdf(document_id: int):
    return document_response(relief_document_for(current_user, document_id))


@bp.get("/payments/evidence/<int:document_id>")
@permission_required(Permission.VIEW_DECISIONS)
def hardship_evidence(document_id: int):
    """The hardship evidence file of an installment plan or a postponement, as uploaded (image or PDF)."""
    document = hardship_evidence_for(current_user, document_id)
    response = document_response(document)
    response.headers["Content-Disposition"] = f"inline; filename=ho-so-{document.id}"  # never the uploaded name
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/payments/overdue")
@permission_required(Permission.VIEW_DECISIONS)
def overdue():
    today = _today()
    as_of = AsOfForm(formdata=request.args)
    on = as_of.day(today)
    page = overdue_on(current_user, on, limit=current_app.config["PAGE_SIZE"], cursor=request.args.get("cursor"))
    return render_template("payments/overdue.html", page=page, as_of=as_of, on=on, today=today, labels=STATUS_LABELS)
