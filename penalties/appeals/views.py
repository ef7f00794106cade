"""Pages of appeals: the appeals section of the decision page (file, suspend, resolve) and the pending list."""

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from penalties.appeals import bp
from penalties.appeals.forms import (
    KIND_LABELS,
    LEVEL_LABELS,
    OUTCOME_LABELS,
    AppealForm,
    ResolutionForm,
    SuspensionForm,
)
from penalties.appeals.operations import appeals_of, file_appeal, resolve_appeal, suspend_execution
from penalties.appeals.queries import get_appeal_for, pending_appeals
from penalties.auth.permissions import Permission, permission_required
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.decisions.corrections import in_force, replacements
from penalties.decisions.models import Decision
from penalties.decisions.page import panel, submit
from penalties.decisions.queries import get_decision_for
from penalties.extensions import db
from penalties.payments.operations import sanction_of
from penalties.workdays.queries import work_calendar


def _today():
    return local_today(utcnow())


def resolution_form(decision, appeal_id: int, bound: bool = False) -> ResolutionForm:
    """Return the resolution form of an appeal; one amount per act when the decision in force fines several."""
    form = ResolutionForm(prefix=f"r{appeal_id}", **({} if bound else {"formdata": None}))
    if not bound:
        form.resolved_on.data = _today()
        lines = in_force(decision).lines
        if len(lines) > 1:
            for line in lines:
                form.amounts.append_entry({"act": line.act.code, "amount": line.amount})
    return form


@panel
def appeals_panel(shown, decision, now, today, forms: dict) -> dict:
    """Return the appeals of a sanction decision and the forms the user may use on them today."""
    if shown.kind != "sanction":
        return {}
    appeals = appeals_of(decision)
    handles = current_user.can(Permission.HANDLE_APPEALS)
    pending = [a for a in appeals if a.outcome is None] if handles else []
    annulled = now.status == "annulled"
    file_form = forms.get("appeal")  # a refused form is shown with its errors, whatever the decision's state
    if file_form is None and handles and not annulled:
        file_form = AppealForm(prefix="a", formdata=None)
        file_form.filed_on.data = today
    suspension_forms = {}
    for a in (a for a in pending if a.suspended_on is None):
        form = forms.get(("suspension", a.id))
        if form is None:
            form = SuspensionForm(prefix=f"s{a.id}", formdata=None)
            form.suspended_on.data = today
        suspension_forms[a.id] = form
    return {
        "appeals": appeals,
        "amending": {d.id: d for d in replacements(decision)},
        "appeal_form": file_form,
        "suspension_forms": suspension_forms,
        "resolution_forms": {a.id: forms.get(("resolution", a.id)) or resolution_form(decision, a.id) for a in pending},
        "kind_labels": KIND_LABELS,
        "level_labels": LEVEL_LABELS,
        "outcome_labels": OUTCOME_LABELS,
    }


@bp.post("/decisions/<int:decision_id>/appeals")
@permission_required(Permission.HANDLE_APPEALS)
def file(decision_id: int):
    decision = sanction_of(get_decision_for(current_user, decision_id))
    return submit(
        decision,
        "appeal",
        AppealForm(prefix="a"),
        lambda form: file_appeal(
            decision, form.to_input(), actor=current_user, today=_today(), calendar=work_calendar()
        ),
        lambda a: _(
            "Đã ghi nhận đơn %(kind)s; hạn giải quyết: %(d)s.",
            kind=str(KIND_LABELS[a.kind]).lower(),
            d=a.resolve_due_on.strftime("%d/%m/%Y") if a.resolve_due_on else "—",
        ),
        "appeals",
    )


@bp.post("/appeals/<int:appeal_id>/suspension")
@permission_required(Permission.HANDLE_APPEALS)
def suspend(appeal_id: int):
    appeal = get_appeal_for(current_user, appeal_id)
    decision = sanction_of(get_decision_for(current_user, appeal.decision_id))
    return submit(
        decision,
        ("suspension", appeal.id),
        SuspensionForm(prefix=f"s{appeal.id}"),
        lambda form: suspend_execution(appeal, form.suspended_on.data, actor=current_user, today=_today()),
        lambda a: _(
            "Đã ghi nhận tạm đình chỉ thi hành quyết định từ ngày %(d)s.", d=a.suspended_on.strftime("%d/%m/%Y")
        ),
        "appeals",
    )


def _resolved_message(appeal) -> str:
    outcome = OUTCOME_LABELS[appeal.outcome]
    if appeal.amending_decision_id is None:
        return _("Đã ghi nhận kết quả giải quyết: %(o)s.", o=outcome)
    number = db.session.get(Decision, appeal.amending_decision_id).number
    return _("Đã ghi nhận kết quả giải quyết: %(o)s — quyết định số %(n)s.", o=outcome, n=number)


@bp.post("/appeals/<int:appeal_id>/resolution")
@permission_required(Permission.HANDLE_APPEALS)
def resolve(appeal_id: int):
    appeal = get_appeal_for(current_user, appeal_id)
    decision = sanction_of(get_decision_for(current_user, appeal.decision_id))
    return submit(
        decision,
        ("resolution", appeal.id),
        resolution_form(decision, appeal.id, bound=True),
        lambda form: resolve_appeal(appeal, form.to_input(), actor=current_user, today=_today()),
        _resolved_message,
        "appeals",
    )


@bp.get("/appeals/")
@permission_required(Permission.VIEW_DECISIONS)
def index():
    page = pending_appeals(current_user, request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return render_template(
        "appeals/index.html",
        page=page,
        today=_today(),
        kind_labels=KIND_LABELS,
        level_labels=LEVEL_LABELS,
    )
