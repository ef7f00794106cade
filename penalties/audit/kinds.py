"""The kinds of object whose audit trail can be read, and who may read it: exactly who may read the object itself.

A case's trail is read by those who see the case (its unit and the units above, the board); a payment's, a
delivery's or a stored document's by those who see the decision or case it belongs to; the administrative
objects' by administrators. Any other table is no kind at all (404).
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from penalties.appeals.models import Appeal
from penalties.auth.permissions import Permission
from penalties.cases.models import Case, CaseEvidence, Violation
from penalties.decisions.models import Decision, DecisionLine, Delivery
from penalties.payments.models import (
    Enforcement,
    Installment,
    InstallmentPlan,
    Payment,
    Postponement,
    Reduction,
    RefusedRequest,
)

# A function of the object's id (as the trail writes it) → SELECT of the units it belongs to.
Owners = Callable[[tuple[int, ...]], sa.Select]


@dataclass(frozen=True)
class Kind:
    """An auditable kind: the permission its own pages ask, and the units an object of it belongs to (None: an
    administrative object, read by whoever holds the permission)."""

    permission: Permission
    owners: Owners | None = None
    keys: int = 1  # how many parts its id has ("case/document" for evidence)


def _case_unit(key):
    return sa.select(Case.unit_id).where(Case.id == key[0])


def _via_decision(model) -> Owners:
    """Units of the decision the row belongs to (its `decision_id`)."""
    return lambda key: (
        sa.select(Decision.unit_id).join(model, model.decision_id == Decision.id).where(model.id == key[0])
    )


def _installment_units(key):
    plan = sa.select(Installment.plan_id).where(Installment.id == key[0]).scalar_subquery()
    return (
        sa.select(Decision.unit_id)
        .join(InstallmentPlan, InstallmentPlan.decision_id == Decision.id)
        .where(InstallmentPlan.id == plan)
    )


def _document_units(key):
    """A stored document belongs to the case it is evidence of, or the decision (or relief) it is the PDF of."""
    doc = key[0]
    evidence = (
        sa.select(Case.unit_id)
        .join(CaseEvidence, CaseEvidence.case_id == Case.id)
        .where(CaseEvidence.document_id == doc)
    )
    parts = [evidence, sa.select(Decision.unit_id).where(Decision.document_id == doc)]
    for model in (InstallmentPlan, Postponement, Reduction):
        linked = sa.or_(model.document_id == doc, model.evidence_id == doc)
        parts.append(sa.select(Decision.unit_id).join(model, model.decision_id == Decision.id).where(linked))
    parts.append(
        sa.select(Decision.unit_id)
        .join(Enforcement, Enforcement.decision_id == Decision.id)
        .where(Enforcement.document_id == doc)
    )
    return sa.union(*parts)


P = Permission
KINDS: dict[str, Kind] = {
    "cases": Kind(P.VIEW_CASES, _case_unit),
    "violations": Kind(
        P.VIEW_CASES,
        lambda key: sa.select(Case.unit_id).join(Violation, Violation.case_id == Case.id).where(Violation.id == key[0]),
    ),
    "case_evidence": Kind(P.VIEW_CASES, _case_unit, keys=2),
    # A violator's trail is read by those who see one of their cases (their identity is on each).
    "violators": Kind(P.VIEW_CASES, lambda key: sa.select(Case.unit_id).where(Case.violator_id == key[0])),
    "stored_documents": Kind(P.VIEW_CASES, _document_units),
    "decisions": Kind(P.VIEW_DECISIONS, lambda key: sa.select(Decision.unit_id).where(Decision.id == key[0])),
    "decision_lines": Kind(P.VIEW_DECISIONS, _via_decision(DecisionLine)),
    "deliveries": Kind(P.VIEW_DECISIONS, _via_decision(Delivery)),
    "payments": Kind(P.VIEW_DECISIONS, _via_decision(Payment)),
    "installment_plans": Kind(P.VIEW_DECISIONS, _via_decision(InstallmentPlan)),
    "installments": Kind(P.VIEW_DECISIONS, _installment_units),
    "postponements": Kind(P.VIEW_DECISIONS, _via_decision(Postponement)),
    "reductions": Kind(P.VIEW_DECISIONS, _via_decision(Reduction)),
    "refused_requests": Kind(P.VIEW_DECISIONS, _via_decision(RefusedRequest)),
    "enforcements": Kind(P.VIEW_DECISIONS, _via_decision(Enforcement)),
    "appeals": Kind(P.VIEW_DECISIONS, _via_decision(Appeal)),
    "users": Kind(P.MANAGE_USERS),
    "api_tokens": Kind(P.MANAGE_USERS),
    "sign_in_throttles": Kind(P.MANAGE_USERS),
    "units": Kind(P.MANAGE_UNITS),
    "unit_successors": Kind(P.MANAGE_UNITS),
    "sectors": Kind(P.MANAGE_CATALOGUE),
    "acts": Kind(P.MANAGE_CATALOGUE),
    "circumstances": Kind(P.MANAGE_CATALOGUE),
    "holiday_overrides": Kind(P.MANAGE_CATALOGUE),
}


ADMINISTRATIVE = frozenset(name for name, kind in KINDS.items() if kind.owners is None)


def parse_key(kind: Kind, object_id: str) -> tuple[int, ...] | None:
    """Return the id's parts as integers, or None when it is not an id of the kind."""
    parts = object_id.split("/")
    if len(parts) != kind.keys or not all(p.isdigit() and len(p) <= 10 for p in parts):
        return None
    return tuple(int(p) for p in parts)
