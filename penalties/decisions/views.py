"""Pages of decisions: the issue form from a case, the decision page, its PDF, the delivery."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from penalties.auth.models import User
from penalties.auth.permissions import Permission, permission_required
from penalties.cases.queries import get_case_for
from penalties.core.db import utcnow
from penalties.core.documents import document_response
from penalties.core.formatting import local_today
from penalties.core.forms import apply_rule_error
from penalties.decisions import bp
from penalties.decisions.corrections import CorrectionInput, in_force, issue_correction
from penalties.decisions.forms import CORRECTION_LABELS, AsOfForm, CorrectionForm, DecisionForm, DeliveryForm
from penalties.decisions.operations import issue_decision, lawful_lines, record_delivery
from penalties.decisions.page import panel, render_detail
from penalties.decisions.queries import get_decision_for
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.law.positions import POSITIONS


def _signers(case) -> list[tuple[str, str]]:
    """Return the users who may sign for the case's unit: legal staff with a position, here or above."""
    unit_ids, node = [], case.unit
    while node is not None:
        unit_ids.append(node.id)
        node = node.parent
    query = (
        sa.select(User)
        .where(User.active.is_(True), User.role == "legal", User.position.is_not(None), User.unit_id.in_(unit_ids))
        .order_by(User.full_name)
    )
    return [
        (
            u.username,
            f"{u.display_name} — {u.title or POSITIONS.get(u.position, '')}"
            + (" (KT.)" if u.delegation_number else ""),
        )
        for u in db.session.scalars(query)
    ]


def _form(case, lines) -> DecisionForm:
    form = DecisionForm()
    form.signer.choices = _signers(case)
    if request.method == "GET":
        form.issued_on.data = local_today(utcnow())
        if current_user.position:
            form.signer.data = current_user.username
        for violation, line in lines:
            form.fines.append_entry({"act": violation.act.code, "amount": line.amount, "reason": ""})
        acts = [v.act for v, _ in lines]
        form.additional_sanctions.data = "\n".join(dict.fromkeys(x for a in acts for x in a.additional_sanctions))
        form.remedial_measures.data = "\n".join(dict.fromkeys(x for a in acts for x in a.remedial_measures))
    return form


@bp.route("/new/<int:case_id>", methods=["GET", "POST"])
@permission_required(Permission.ISSUE_DECISION)
def new(case_id: int):
    case = get_case_for(current_user, case_id)
    if case.status != "recorded":
        flash(_("Vụ việc này không còn chờ ra quyết định."), "warning")
        return redirect(url_for("cases.detail", case_id=case.id))
    lines = lawful_lines(case)
    form = _form(case, lines)
    if form.validate_on_submit():
        try:
            decision = issue_decision(case, form.to_input(), actor=current_user, today=local_today(utcnow()))
        except RuleViolation as err:
            db.session.rollback()
            err.field = None if (err.field or "").startswith("fines") else err.field
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã ban hành quyết định %(number)s.", number=decision.number), "success")
            return redirect(url_for("decisions.detail", decision_id=decision.id))
    status = 422 if request.method == "POST" else 200
    return render_template("decisions/form.html", case=case, lines=lines, form=form), status


@bp.get("/<int:decision_id>")
@permission_required(Permission.VIEW_DECISIONS)
def detail(decision_id: int):
    decision = get_decision_for(current_user, decision_id)
    return render_detail(decision, as_of=AsOfForm(formdata=request.args))


@panel
def corrections_panel(decision, original, now, today, forms: dict) -> dict:
    """The correction, amendment and annulment form of a sanction decision (D118 Art. 15; MQĐ38–40)."""
    form = _correction_form(decision, blank=True) if decision.kind == "sanction" else None
    return {"kinds": CORRECTION_LABELS, "correction_form": form}


@bp.get("/<int:decision_id>/pdf")
@permission_required(Permission.VIEW_DECISIONS)
def pdf(decision_id: int):
    decision = get_decision_for(current_user, decision_id)
    if decision.document is None:
        abort(404)
    return document_response(decision.document)


@bp.post("/<int:decision_id>/delivery")
@permission_required(Permission.RECORD_DELIVERY)
def delivery(decision_id: int):
    decision = get_decision_for(current_user, decision_id)
    form = DeliveryForm()
    if form.validate_on_submit():
        try:
            record_delivery(
                decision,
                form.delivered_on.data,
                form.method.data,
                form.note.data or "",
                actor=current_user,
                today=local_today(utcnow()),
            )
        except RuleViolation as err:
            db.session.rollback()
            flash(err.message, "danger")
        else:
            db.session.commit()
            flash(_("Đã ghi nhận giao quyết định."), "success")
    else:
        for errors in form.errors.values():
            flash("; ".join(str(e) for e in errors), "danger")
    return redirect(url_for("decisions.detail", decision_id=decision.id))


def _correction_form(decision, blank: bool = False) -> CorrectionForm:
    # blank: a fresh form, not bound to the request (the page shown again after another form was refused).
    form = CorrectionForm(prefix="c", **({"formdata": None} if blank else {}))
    form.signer.choices = _signers(decision.case)
    if request.method == "GET" or blank:
        form.issued_on.data = local_today(utcnow())
        for line in in_force(decision).lines:
            form.amounts.append_entry({"act": line.act.code, "amount": line.amount})
    return form


@bp.post("/<int:decision_id>/corrections")
@permission_required(Permission.ISSUE_DECISION)
def correct(decision_id: int):
    decision = get_decision_for(current_user, decision_id)
    form = _correction_form(decision)
    if form.validate_on_submit():
        amounts = {row.act.data: row.amount.data for row in form.amounts if row.amount.data is not None}
        data = CorrectionInput(
            kind=form.kind.data,
            issued_on=form.issued_on.data,
            reason=form.reason.data,
            signer=form.signer.data,
            amounts=amounts if form.kind.data == "amendment" else None,
        )
        try:
            issued = issue_correction(decision, data, actor=current_user, today=local_today(utcnow()))
        except RuleViolation as err:
            db.session.rollback()
            flash(f"{err.message} ({err.article})" if err.article else err.message, "danger")
        else:
            db.session.commit()
            flash(_("Đã ban hành quyết định %(number)s.", number=issued.number), "success")
            return redirect(url_for("decisions.detail", decision_id=issued.id))
    else:
        for errors in form.errors.values():
            flash("; ".join(str(e) for e in errors), "danger")
    return redirect(url_for("decisions.detail", decision_id=decision.id))
