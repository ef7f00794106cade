"""Pages of cases: record, find, read, dismiss; evidence and the record PDF; my deadlines."""

import re
from datetime import timedelta

from flask import abort, current_app, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.cases import bp
from penalties.cases.choices import act_choices, act_rows, circumstance_choices, filter_choices, location_choices
from penalties.cases.forms import CaseForm, DismissForm, HandOverForm
from penalties.cases.lookup import violator_history
from penalties.cases.models import CaseEvidence
from penalties.cases.operations import dismiss_case, hand_over, record_case
from penalties.cases.queries import (
    cases_near_deadline,
    count_cases,
    evidence_of,
    filters_from,
    get_case_for,
    sanction_of,
    search_cases,
    timeline_of,
)
from penalties.core.db import utcnow
from penalties.core.documents import StoredDocument
from penalties.core.formatting import local_today
from penalties.core.forms import apply_rule_error
from penalties.core.thumbnails import thumbnail
from penalties.decisions.queries import undelivered_near_due
from penalties.extensions import db
from penalties.law import territory
from penalties.law.errors import RuleViolation
from penalties.units.queries import get_unit_by_code
from penalties.workdays.queries import work_calendar

# Fields named by the operation → fields of the record form.
FORM_FIELDS = {
    "violator.kind": "kind",
    "violator.id_number": "id_number",
    "violator.name": "name",
    "location.unit": "location_unit",
    "location.address": "location_address",
    "violations": "acts",
}


def _form_field(name: str | None) -> str | None:
    if name is None:
        return None
    if name in FORM_FIELDS:
        return FORM_FIELDS[name]
    if re.fullmatch(r"violations\.\d+\.act", name):
        return "acts"
    if re.fullmatch(r"violations\.\d+\.ended_on", name):
        return "ended_on"
    if re.fullmatch(r"violations\.\d+\.intentional", name):
        return "intent"
    if name.startswith("evidence"):
        return "evidence"
    return name


def _case_form() -> CaseForm:
    form = CaseForm()
    form.acts.choices = act_choices()
    form.location_unit.choices = location_choices(current_user, local_today(utcnow()))
    form.mitigating.choices, form.aggravating.choices = circumstance_choices()
    if request.method == "GET":
        now = utcnow()
        form.detected_at.data = form.recorded_at.data = now.replace(second=0, microsecond=0)
        if current_user.unit and current_user.unit.level == "commune":
            form.location_unit.data = current_user.unit.code
    return form


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.RECORD_CASE)
def new():
    form = _case_form()
    if form.validate_on_submit():
        try:
            case = record_case(
                # The unit whose territory the violation is in records it (API.md, Roles).
                form.to_input(form.location_unit.data),
                form.evidence_input(),
                actor=current_user,
                now=utcnow(),
                calendar=work_calendar(),
            )
        except RuleViolation as err:
            db.session.rollback()
            err.field = _form_field(err.field)
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lập biên bản số %(n)s.", n=case.number), "success")
            return redirect(url_for("cases.detail", case_id=case.id))
    status = 422 if request.method == "POST" else 200
    history = (
        violator_history(current_user, form.kind.data, form.id_number.data, utcnow()) if form.id_number.data else None
    )
    return render_template(
        "cases/form.html",
        form=form,
        history=history,
        act_sectors={c: s for c, _, s in act_rows()},
        sectors=filter_choices(current_user)["sectors"],
    ), status


@bp.get("/violators/lookup")
@permission_required(Permission.RECORD_CASE)
def violator_lookup():
    history = violator_history(
        current_user, request.args.get("kind", "individual"), request.args.get("id_number", ""), utcnow()
    )
    return jsonify(history)


@bp.get("/")
@permission_required(Permission.VIEW_CASES)
def index():
    args = request.args
    today = local_today(utcnow())
    filters, refused = filters_from(args, today)
    if refused:
        flash(refused, "warning")
    page = search_cases(current_user, filters, args.get("cursor"), current_app.config["PAGE_SIZE"])
    context = {"page": page, "filters": filters, "choices": filter_choices(current_user), "today": today}
    context["listed"] = {key: value for key, value in args.items() if key != "cursor"}  # downloads: every page
    if filters.figure is None:
        return render_template("cases/index.html", **context)
    # The cases behind a number of the statistics: the list says which number, and how many cases.
    from penalties.reports.filters import FIGURES

    return render_template(
        "reports/figure_cases.html", figure=FIGURES[filters.figure], count=count_cases(current_user, filters), **context
    )


@bp.get("/<int:case_id>")
@permission_required(Permission.VIEW_CASES)
def detail(case_id: int):
    case = get_case_for(current_user, case_id)
    form = DismissForm()
    form.dismissed_on.data = local_today(utcnow())
    return render_template(
        "cases/detail.html",
        hand_over_form=_hand_over_form(case, local_today(utcnow())),
        case=case,
        evidence=evidence_of(case),
        timeline=timeline_of(case),
        decision=sanction_of(case),
        dismiss_form=form,
        today=local_today(utcnow()),
        soon=timedelta(days=3),
    )


def _hand_over_form(case, today) -> HandOverForm | None:
    """The hand-over form of a case whose ward ended split among several successors in force; else None."""
    successors = [u for u in case.unit.successors if territory.in_force(u, today)]
    if territory.in_force(case.unit, today) or len(successors) < 2 or not current_user.can(Permission.ISSUE_DECISION):
        return None
    form = HandOverForm()
    form.successor.choices = [(u.code, u.name) for u in successors]
    if request.method == "GET":
        form.successor.data = (case.carried_by or successors[0]).code
    return form


@bp.post("/<int:case_id>/hand-over")
@permission_required(Permission.ISSUE_DECISION)
def hand_over_case(case_id: int):
    """Hand the case of an ended, split ward to the successor that holds its location (SPEC §0)."""
    case = get_case_for(current_user, case_id)
    today = local_today(utcnow())
    form = _hand_over_form(case, today)
    if form is None:
        flash(
            _("Vụ việc không cần chuyển: đơn vị lập biên bản còn hoạt động hoặc chỉ có một đơn vị kế thừa."), "warning"
        )
    elif form.validate_on_submit():
        successor = get_unit_by_code(form.successor.data)
        try:
            hand_over(case, successor, actor=current_user, today=today)
        except RuleViolation as err:
            db.session.rollback()
            flash(f"{err.message} ({err.article})" if err.article else err.message, "danger")
        else:
            db.session.commit()
            flash(_("Đã chuyển vụ việc %(n)s cho %(u)s.", n=case.number, u=successor.name), "success")
    else:
        for errors in form.errors.values():
            flash("; ".join(str(e) for e in errors), "danger")
    return redirect(url_for("cases.detail", case_id=case.id))


@bp.post("/<int:case_id>/dismiss")
@permission_required(Permission.DISMISS_CASE)
def dismiss(case_id: int):
    case = get_case_for(current_user, case_id)
    form = DismissForm()
    if form.validate_on_submit():
        reason = form.reason.data
        try:
            dismiss_case(case, reason, form.dismissed_on.data, actor=current_user, today=local_today(utcnow()))
            if form.note.data:
                case.dismissal_reason = f"{case.dismissal_reason} — {form.note.data.strip()}"
        except RuleViolation as err:
            db.session.rollback()
            flash(f"{err.message} ({err.article})" if err.article else err.message, "danger")
        else:
            db.session.commit()
            flash(_("Đã đóng vụ việc %(n)s, không ra quyết định xử phạt.", n=case.number), "success")
    else:
        for errors in form.errors.values():
            flash("; ".join(errors), "danger")
    return redirect(url_for("cases.detail", case_id=case.id))


def _evidence_or_404(case_id: int, document_id: int) -> StoredDocument:
    case = get_case_for(current_user, case_id)
    link = db.session.get(CaseEvidence, (case.id, document_id))
    if link is None:
        abort(404)
    return db.session.get(StoredDocument, document_id)


@bp.get("/<int:case_id>/evidence/<int:document_id>")
@permission_required(Permission.VIEW_CASES)
def evidence(case_id: int, document_id: int):
    document = _evidence_or_404(case_id, document_id)
    response = make_response(document.content)
    response.headers["Content-Type"] = document.content_type
    response.headers["Content-Disposition"] = f"inline; filename=evidence-{document.id}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/<int:case_id>/evidence/<int:document_id>/thumb")
@permission_required(Permission.VIEW_CASES)
def evidence_thumb(case_id: int, document_id: int):
    document = _evidence_or_404(case_id, document_id)
    data = thumbnail(document.content, document.content_type)
    if data is None:
        abort(404)
    response = make_response(data)
    response.headers["Content-Type"] = "image/jpeg"
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/<int:case_id>/record.pdf")
@permission_required(Permission.VIEW_CASES)
def record_pdf(case_id: int):
    case = get_case_for(current_user, case_id)
    from penalties.cases.documents import render_record_pdf

    response = make_response(render_record_pdf(case))
    response.headers["Content-Type"] = "application/pdf"
    name = case.number.replace("/", "-")
    response.headers["Content-Disposition"] = f'inline; filename="bien-ban-{name}.pdf"'
    return response


@bp.get("/deadlines")
@permission_required(Permission.VIEW_CASES)
def deadlines():
    today = local_today(utcnow())
    deliveries = undelivered_near_due(current_user, today, work_calendar())
    return render_template(
        "cases/deadlines.html", cases=cases_near_deadline(current_user, today), deliveries=deliveries, today=today
    )
