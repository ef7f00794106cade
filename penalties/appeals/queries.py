"""Read side of appeals: one appeal for a user, its derived status, appeals due soon, the pending list."""

from datetime import date

import sqlalchemy as sa
from flask import abort

from penalties.appeals.models import Appeal
from penalties.auth.scope import visible_unit_ids
from penalties.core.pagination import Page, keyset_page
from penalties.decisions.models import Decision
from penalties.extensions import db


def get_appeal_for(user, appeal_id: int) -> Appeal:
    """Return the appeal if it exists and the user may see its decision's unit; else 404."""
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        abort(404)
    unit_id = db.session.scalar(sa.select(Decision.unit_id).where(Decision.id == appeal.decision_id))
    visible = visible_unit_ids(user)
    if visible is not None and unit_id not in visible:
        abort(404)
    return appeal


def appeal_status(appeal: Appeal) -> str:
    """Return pending or the outcome (upheld, amended, annulled)."""
    return appeal.outcome or "pending"


def appeal_view(appeal: Appeal) -> dict:
    """Return the appeal as the API answers it (API.md: id, status, accept_due, resolve_due …)."""
    on_time = None
    if appeal.resolved_on is not None and appeal.resolve_due_on is not None:
        on_time = appeal.resolved_on <= appeal.resolve_due_on
    return {
        **{
            c: getattr(appeal, c)
            for c in (
                "id",
                "decision_id",
                "kind",
                "level",
                "filed_on",
                "grounds",
                "accepted_on",
                "accept_due_on",
                "resolve_due_on",
                "suspended_on",
                "outcome",
                "resolved_on",
                "new_fine_total",
                "amending_decision_id",
                "refund_due",
            )
        },
        "status": appeal_status(appeal),
        "resolved_on_time": on_time,
    }


def appeals_due(user, today: date, within_days: int = 7, limit: int = 200) -> list[Appeal]:
    """Return the user's unresolved appeals whose acceptance or resolution is due within `within_days` or past."""
    horizon = date.fromordinal(today.toordinal() + within_days)
    query = (
        sa.select(Appeal)
        .join(Decision, Decision.id == Appeal.decision_id)
        .where(Appeal.outcome.is_(None), Appeal.resolve_due_on <= horizon)
        .order_by(Appeal.resolve_due_on, Appeal.id)
        .limit(limit)
    )
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Decision.unit_id.in_(visible))
    return list(db.session.scalars(query))


def with_decisions(appeals: list[Appeal]) -> list[tuple[Appeal, Decision]]:
    """Return each appeal with its decision, loaded in one statement."""
    ids = {a.decision_id for a in appeals}
    decisions = {d.id: d for d in db.session.scalars(sa.select(Decision).where(Decision.id.in_(ids)))} if ids else {}
    return [(a, decisions[a.decision_id]) for a in appeals]


def pending_appeals(user, cursor: str | None, limit: int) -> Page:
    """Return a page of the user's unresolved appeals, the resolution due soonest first; items are (appeal, decision)."""
    query = sa.select(Appeal).join(Decision, Decision.id == Appeal.decision_id).where(Appeal.outcome.is_(None))
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Decision.unit_id.in_(visible))
    page = keyset_page(query, [Appeal.resolve_due_on, Appeal.id], cursor, limit)
    return Page(with_decisions(page.items), page.next_cursor)
