"""Bridges from the models to law/fines: an act's ranges, a violator's prior decisions."""

from datetime import date

import sqlalchemy as sa

from penalties.cases.models import Case, Violator
from penalties.catalogue.models import Act
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.law.fines import ActRange


def act_range(act: Act) -> ActRange:
    """Return the law's view of a catalogue act."""
    return ActRange(
        code=act.code,
        fine_min=act.fine_min,
        fine_max=act.fine_max,
        org_fine_min=act.org_fine_min,
        org_fine_max=act.org_fine_max,
        warning_allowed=act.warning_allowed,
        legal_basis=act.legal_basis,
    )


def prior_decisions(violator: Violator) -> list[tuple[date, bool]]:
    """Return (issued_on, warning) of the violator's sanction decisions (for tn_b, Law Art. 7, 10)."""
    if violator.id is None:
        return []
    query = (
        sa.select(Decision.issued_on, Decision.warning)
        .join(Case, Case.id == Decision.case_id)
        .where(Case.violator_id == violator.id, Decision.kind == "sanction")
    )
    return [(issued_on, warning) for issued_on, warning in db.session.execute(query)]
