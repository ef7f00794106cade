"""Appeals through the API (API.md, "Appeals"): file a complaint or lawsuit, suspend execution, resolve."""

from penalties.api import ApiBlueprint
from penalties.api.decisions import payload
from penalties.api.money_schemas import AppealIn, AppealList, AppealOut, ResolutionIn, SuspensionIn
from penalties.api.scope import path_objects_visible
from penalties.appeals.operations import (
    AppealInput,
    ResolutionInput,
    appeals_of,
    file_appeal,
    resolve_appeal,
    suspend_execution,
)
from penalties.appeals.queries import appeal_view, get_appeal_for
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.decisions.queries import get_decision_for
from penalties.extensions import db
from penalties.payments.operations import sanction_of
from penalties.workdays.queries import work_calendar

blp = ApiBlueprint("api_appeals", __name__, description="Khiếu nại, khởi kiện / appeals")


def _answer(appeal, today):
    decision = get_decision_for(acting_user(), appeal.decision_id)
    return {**appeal_view(appeal), "decision": payload(decision, max(today, appeal.resolved_on or appeal.filed_on))}


@blp.route("/decisions/<int:decision_id>/appeals", methods=["POST"])
@permission_required(Permission.HANDLE_APPEALS)
@path_objects_visible
@blp.arguments(AppealIn)
@blp.response(201, AppealOut)
def file(body, decision_id: int):
    """File a complaint (level 1 or 2) or a lawsuit; 422 appeal_time_barred when filed late."""
    user = acting_user()
    decision = sanction_of(get_decision_for(user, decision_id))
    today = local_today(utcnow())
    appeal = file_appeal(decision, AppealInput(**body), actor=user, today=today, calendar=work_calendar())
    db.session.commit()
    return _answer(appeal, today)


@blp.route("/decisions/<int:decision_id>/appeals", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.response(200, AppealList)
def listing(decision_id: int):
    """The complaints and lawsuits against a decision, oldest first."""
    decision = get_decision_for(acting_user(), decision_id)
    return {"items": [appeal_view(a) for a in appeals_of(decision)], "next_cursor": None}


@blp.route("/appeals/<int:appeal_id>", methods=["GET"])
@permission_required(Permission.VIEW_DECISIONS)
@path_objects_visible
@blp.response(200, AppealOut)
def detail(appeal_id: int):
    """One appeal with its due dates, outcome and the decision's figures today."""
    appeal = get_appeal_for(acting_user(), appeal_id)
    return _answer(appeal, local_today(utcnow()))


@blp.route("/appeals/<int:appeal_id>/suspension", methods=["POST"])
@permission_required(Permission.HANDLE_APPEALS)
@path_objects_visible
@blp.arguments(SuspensionIn)
@blp.response(200, AppealOut)
def suspension(body, appeal_id: int):
    """Record the resolver's order suspending execution until the resolution (Law XLVPHC Art. 15)."""
    user = acting_user()
    appeal = get_appeal_for(user, appeal_id)
    today = local_today(utcnow())
    suspend_execution(appeal, body["suspended_on"], actor=user, today=today)
    db.session.commit()
    return _answer(appeal, today)


@blp.route("/appeals/<int:appeal_id>/resolution", methods=["POST"])
@permission_required(Permission.HANDLE_APPEALS)
@path_objects_visible
@blp.arguments(ResolutionIn)
@blp.response(200, AppealOut)
def resolution(body, appeal_id: int):
    """Record the outcome: upheld, amended (a linked amending decision) or annulled; 409 when already resolved."""
    user = acting_user()
    appeal = get_appeal_for(user, appeal_id)
    today = local_today(utcnow())
    appeal = resolve_appeal(appeal, ResolutionInput(**body), actor=user, today=today)
    db.session.commit()
    return _answer(appeal, today)
