"""Use-cases of sanction decisions: issue (MQĐ02), record delivery (SPEC §1, §2, §3, §4, §6)."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.auth.models import User
from penalties.auth.scope import may_act_in
from penalties.cases.models import Case, Violation
from penalties.cases.operations import carrying_unit, lock_case, may_act_in_tree
from penalties.cases.pricing import act_range
from penalties.core.audit import act_as
from penalties.core.formatting import local_today
from penalties.core.numbering import next_number
from penalties.core.text import nfc
from penalties.decisions.models import DELIVERY_METHODS, Decision, DecisionLine, Delivery
from penalties.extensions import db
from penalties.law import authority, deadlines, fines, territory
from penalties.law.errors import RuleViolation
from penalties.units.models import Unit

SANCTION_SERIES = "QĐ-XPHC"


@dataclass
class FineChoice:
    act: str
    amount: int
    reason: str = ""


@dataclass
class DecisionInput:
    signer: str | None = None
    issued_on: date | None = None
    delivered_on: date | None = None
    delivery_method: str = "in_person"
    warning: bool = False
    fines: list[FineChoice] | None = None
    additional_sanctions: list[str] | None = None
    remedial_measures: list[str] | None = None


def _check_case(case: Case, actor) -> None:
    if actor is not None and not may_act_in(actor, case.unit_id):
        raise RuleViolation("unit_not_allowed", _("Vụ việc thuộc đơn vị khác."), field="case")
    if case.status == "decided":
        raise RuleViolation(
            "decision_exists",
            _("Vụ việc đã có quyết định xử phạt."),
            "Khoản 1 Điều 52 Luật XLVPHC (mỗi hành vi chỉ bị xử phạt một lần)",
        )
    if case.status != "recorded":
        raise RuleViolation("case_closed", _("Vụ việc đã đóng, không ra quyết định xử phạt."), "Điều 65 Luật XLVPHC")


def signer_for(username: str | None, actor, case: Case, issuer: Unit | None = None) -> User:
    """Return the signer named (the actor when none): an active legal user who may sign for the issuing unit (the
    case's unit, or the successor that carries it on)."""
    user = actor if not username else db.session.scalar(sa.select(User).where(User.username == username.lower()))
    if user is None or not user.active or user.role != "legal":
        raise RuleViolation("signer_unknown", _("Không có người ký %(u)s.", u=username or ""), field="signer")
    if not user.position:
        raise RuleViolation(
            "no_authority",
            _("%(u)s không có chức danh có thẩm quyền xử phạt.", u=user.display_name),
            "Điều 52 Luật XLVPHC; Nghị định 189/2025/NĐ-CP",
            field="signer",
        )
    if user.unit is None or not may_act_in_tree(user.unit, issuer or case.unit):
        raise RuleViolation(
            "signer_outside_unit", _("Người ký không thuộc đơn vị có thẩm quyền với địa bàn vụ việc."), field="signer"
        )
    return user


def _dates(data: DecisionInput, case: Case, today: date) -> date:
    issued_on = data.issued_on or today
    if issued_on > today:
        raise RuleViolation("date_in_future", _("Ngày ra quyết định không được ở tương lai."), field="issued_on")
    if issued_on < local_today(case.recorded_at):
        raise RuleViolation(
            "date_order", _("Ngày ra quyết định không được trước ngày lập biên bản."), field="issued_on"
        )
    deadlines.check_not_time_barred(issued_on, case.decision_due_on, case.limitation_expires_on)
    if data.delivered_on is not None and not issued_on <= data.delivered_on <= today:
        raise RuleViolation("date_order", _("Ngày giao phải từ ngày ra quyết định đến hôm nay."), field="delivered_on")
    return issued_on


def _age(case: Case, violation: Violation) -> int | None:
    birth = case.violator.birth_date
    return fines.age_on(birth, violation.violated_on) if birth and case.violator.kind == "individual" else None


def lawful_lines(case: Case) -> list[tuple[Violation, fines.FineLine]]:
    """Return each violation with its lawful fine, recomputed from the catalogue version that applied."""
    mitigating = sum(1 for c in case.circumstances if c.kind == "mitigating")
    aggravating = sum(1 for c in case.circumstances if c.kind == "aggravating")
    return [
        (
            v,
            fines.fine_for_act(
                act_range(v.act),
                case.violator.kind,
                v.violated_on,
                case.violator.birth_date,
                mitigating,
                aggravating,
                v.intentional,
            ),
        )
        for v in case.violations
    ]


def _amounts(data: DecisionInput, case: Case, lines) -> list[tuple[Violation, fines.FineLine, int, str]]:
    chosen = {f.act: f for f in data.fines or []}
    unknown = set(chosen) - {v.act.code for v, _ in lines}
    if unknown:
        raise RuleViolation(
            "act_not_in_case", _("Hành vi %(c)s không có trong biên bản.", c=", ".join(sorted(unknown))), field="fines"
        )
    mitigating = sum(1 for c in case.circumstances if c.kind == "mitigating")
    result = []
    for index, (violation, line) in enumerate(lines):
        if data.warning:
            if not fines.warning_allowed(
                act_range(violation.act), mitigating, _age(case, violation), violation.violated_on
            ):
                raise RuleViolation(
                    "warning_not_allowed",
                    _("Hành vi %(c)s không được áp dụng cảnh cáo thay cho phạt tiền.", c=violation.act.code),
                    "Điều 22 Luật XLVPHC",
                    field=f"fines.{index}",
                )
            result.append((violation, line, 0, "Cảnh cáo (Điều 22 Luật XLVPHC)"))
            continue
        choice = chosen.get(violation.act.code)
        amount, reason = (choice.amount, nfc(choice.reason)) if choice else (line.amount, "")
        try:
            fines.check_amount(line, amount, reason)
        except RuleViolation as err:
            err.field = f"fines.{index}.{err.field or 'amount'}"
            raise
        result.append((violation, line, amount, reason))
    return result


def check_authority(signer: User, case: Case, lines, issued_on: date) -> None:
    """Refuse a signer whose fining authority is below the maximum of an act's range (SPEC §4)."""
    party = case.violator.kind
    acts = [
        (v.act.code, fines.party_range(act_range(v.act), party, v.violated_on)[1], v.act.sector.max_fine_individual)
        for v, _ in lines
    ]
    authority.check_authority(signer.position, acts, party, issued_on, delegated=bool(signer.delegation_number))


def issue_decision(case: Case, data: DecisionInput, *, actor, today: date) -> Decision:
    """Issue the sanction decision of a case: lawful amounts, signer's authority, time bar, number, PDF."""
    act_as(db.session, actor)
    lock_case(case)
    _check_case(case, actor)
    issued_on = _dates(data, case, today)
    issuer = carrying_unit(case, issued_on)
    territory.check_in_force(issuer, issued_on, "issued_on")
    signer = signer_for(data.signer, actor, case, issuer)
    lines = lawful_lines(case)
    fines.check_sanctionable(line for _, line in lines)
    chosen = _amounts(data, case, lines)
    check_authority(signer, case, lines, issued_on)
    decision = Decision(
        kind="sanction",
        case_id=case.id,
        unit_id=issuer.id,
        year=issued_on.year,
        series=SANCTION_SERIES,
        issued_on=issued_on,
        signer=signer,
        signer_position=signer.position,
        delegation=_delegation(signer),
        warning=data.warning,
        created_by_id=getattr(actor, "id", signer.id),
        additional_sanctions=[
            nfc(x)
            for x in (
                data.additional_sanctions
                if data.additional_sanctions is not None
                else _from_acts(case, "additional_sanctions")
            )
            if nfc(x)
        ],
        remedial_measures=[
            nfc(x)
            for x in (
                data.remedial_measures if data.remedial_measures is not None else _from_acts(case, "remedial_measures")
            )
            if nfc(x)
        ],
    )
    for position, (violation, line, amount, reason) in enumerate(chosen, start=1):
        decision.lines.append(
            DecisionLine(
                position=position,
                violation_id=violation.id,
                act_id=violation.act_id,
                fine_min=line.fine_min,
                fine_max=line.fine_max,
                proposed_amount=line.amount,
                amount=amount,
                basis=line.basis,
                reason=reason,
            )
        )
    decision.fine_total = sum(line.amount for line in decision.lines)
    decision.seq = next_number(db.session, issuer.id, issued_on.year, SANCTION_SERIES)
    decision.number = f"{decision.seq}/{SANCTION_SERIES}"
    case.status = "decided"
    db.session.add(decision)
    db.session.flush()
    from penalties.decisions.documents import issue_document

    issue_document(decision, actor=actor)
    if data.delivered_on is not None:
        record_delivery(decision, data.delivered_on, data.delivery_method, "", actor=actor, today=today)
    db.session.flush()
    return decision


def _delegation(signer: User) -> str | None:
    if not signer.delegation_number:
        return None
    return authority.delegation_ground(signer.delegation_number, signer.delegation_on)


def _from_acts(case: Case, attribute: str) -> list[str]:
    items: list[str] = []
    for violation in case.violations:
        items.extend(x for x in getattr(violation.act, attribute) or [] if x not in items)
    return items


def record_delivery(decision: Decision, delivered_on: date, method: str, note: str, *, actor, today: date) -> Delivery:
    """Record how and when the decision reached the violator; the payment and appeal clocks start (SPEC §2)."""
    act_as(db.session, actor)
    if method not in DELIVERY_METHODS:
        raise RuleViolation("method_unknown", _("Hình thức giao không hợp lệ."), "Điều 70 Luật XLVPHC", field="method")
    if delivered_on > today:
        raise RuleViolation("date_in_future", _("Ngày giao không được ở tương lai."), field="delivered_on")
    if delivered_on < decision.issued_on:
        raise RuleViolation("date_order", _("Ngày giao không được trước ngày ra quyết định."), field="delivered_on")
    if db.session.scalar(sa.select(Delivery.id).where(Delivery.decision_id == decision.id)) is not None:
        raise RuleViolation("delivery_exists", _("Quyết định đã được ghi nhận giao."))
    delivery = Delivery(
        decision_id=decision.id,
        delivered_on=delivered_on,
        method=method,
        note=nfc(note),
        created_by_id=getattr(actor, "id", decision.created_by_id),
    )
    db.session.add(delivery)
    db.session.flush()
    return delivery
