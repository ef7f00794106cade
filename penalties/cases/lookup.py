"""The violator looked up by ID number: reuse their data, show their earlier cases, flag a repeat (SPEC §5).

Only what the user's scope allows: a person whose cases all lie in other units is not shown (name, birth date,
address stay there); the user learns only that a possible repeat offence exists — the unit and the day of the last
sanction decision — so that they can ask that unit (issue: hardening, point 9).
"""

from datetime import datetime

import sqlalchemy as sa

from penalties.auth.scope import visible_unit_ids
from penalties.cases.models import Case, Violator
from penalties.cases.pricing import prior_decisions
from penalties.core.formatting import local_today
from penalties.core.text import nfc
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.law.circumstances import repeat_offender
from penalties.units.models import Unit


def violator_history(user, kind: str, id_number: str, now: datetime) -> dict:
    """Return what the user may know of the violator with this ID number (only the cases the user may see)."""
    id_number = nfc(id_number).upper()
    violator = db.session.scalar(sa.select(Violator).where(Violator.kind == kind, Violator.id_number == id_number))
    if violator is None:
        return {"found": False}
    query = sa.select(Case).where(Case.violator_id == violator.id).order_by(Case.recorded_at.desc()).limit(20)
    visible = visible_unit_ids(user)
    if visible is not None:
        query = query.where(Case.unit_id.in_(visible))
    cases = list(db.session.scalars(query))
    decisions = prior_decisions(violator)
    repeat = repeat_offender(decisions, local_today(now))
    if not cases:
        return _known_elsewhere(violator, repeat)
    return {
        "found": True,
        "kind": violator.kind,
        "name": violator.name,
        "birth_date": violator.birth_date.strftime("%d/%m/%Y") if violator.birth_date else "",
        "address": violator.address,
        "representative": violator.representative or "",
        "repeat_offender": repeat,
        "decisions": [{"issued_on": d.strftime("%d/%m/%Y"), "warning": w} for d, w in decisions],
        "cases": [
            {
                "id": c.id,
                "number": c.number,
                "status": c.status,
                "recorded_on": local_today(c.recorded_at).strftime("%d/%m/%Y"),
            }
            for c in cases
        ],
    }


def _known_elsewhere(violator: Violator, repeat: bool) -> dict:
    """Return the last sanction decision's unit and day, and nothing of the person; not found when there is none."""
    last = db.session.execute(
        sa.select(Decision.issued_on, Unit.name)
        .join(Case, Case.id == Decision.case_id)
        .join(Unit, Unit.id == Decision.unit_id)
        .where(Case.violator_id == violator.id, Decision.kind == "sanction")
        .order_by(Decision.issued_on.desc(), Decision.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return {"found": False}
    return {
        "found": False,
        "elsewhere": {"unit": last.name, "issued_on": last.issued_on.strftime("%d/%m/%Y")},
        "repeat_offender": repeat,
    }
