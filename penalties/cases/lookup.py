"""The violator looked up by ID number: reuse their data, show their earlier cases, flag a repeat (SPEC §5)."""

from datetime import datetime

import sqlalchemy as sa

from penalties.auth.scope import visible_unit_ids
from penalties.cases.models import Case, Violator
from penalties.cases.pricing import prior_decisions
from penalties.core.formatting import local_today
from penalties.core.text import nfc
from penalties.extensions import db
from penalties.law.circumstances import repeat_offender


def violator_history(user, kind: str, id_number: str, now: datetime) -> dict:
    """Return what we know of the violator with this ID number (only the cases the user may see)."""
    id_number = nfc(id_number).upper()
    violator = db.session.scalar(sa.select(Violator).where(Violator.kind == kind, Violator.id_number == id_number))
    if violator is None:
        return {"found": False}
    query = sa.select(Case).where(Case.violator_id == violator.id).order_by(Case.recorded_at.desc()).limit(20)
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Case.unit_id.in_(visible))
    decisions = prior_decisions(violator)
    return {
        "found": True,
        "kind": violator.kind,
        "name": violator.name,
        "birth_date": violator.birth_date.strftime("%d/%m/%Y") if violator.birth_date else "",
        "address": violator.address,
        "representative": violator.representative or "",
        "repeat_offender": repeat_offender(decisions, local_today(now)),
        "decisions": [{"issued_on": d.strftime("%d/%m/%Y"), "warning": w} for d, w in decisions],
        "cases": [
            {
                "id": c.id,
                "number": c.number,
                "status": c.status,
                "recorded_on": local_today(c.recorded_at).strftime("%d/%m/%Y"),
            }
            for c in db.session.scalars(query)
        ],
    }
