"""Use-cases of cases: record a case (biên bản, MBB01), dismiss it (Law Art. 58, 65; SPEC §2, §3, §5)."""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.auth.scope import may_act_in
from penalties.cases.models import Case, CaseEvidence, Violation, Violator
from penalties.cases.pricing import act_range, prior_decisions
from penalties.catalogue.models import Act, Circumstance
from penalties.core.audit import act_as
from penalties.core.documents import store_document
from penalties.core.formatting import local_today
from penalties.core.numbering import next_number
from penalties.core.text import fold, nfc
from penalties.core.uploads import check_evidence
from penalties.extensions import db
from penalties.law import deadlines, fines, territory
from penalties.law.calendar import WorkCalendar
from penalties.law.circumstances import repeat_offender
from penalties.law.errors import RuleViolation
from penalties.law.lifecycle import DISMISSAL_ARTICLE, DISMISSAL_REASONS, check_case_transition
from penalties.units.models import Unit
from penalties.units.queries import subtree_ids

RECORD_SERIES = "BB-VPHC"


@dataclass
class ViolatorInput:
    kind: str
    name: str
    id_number: str
    address: str
    birth_date: date | None = None
    representative: str | None = None


@dataclass
class ViolationInput:
    act: str
    ended_on: date | None  # None: the violation is still going on
    intentional: bool | None = None  # required for a violator aged 14 to under 16 (Law Art. 5(1)(a))


@dataclass
class EvidenceInput:
    filename: str
    content: bytes
    caption: str = ""


@dataclass
class CaseInput:
    unit: str
    violator: ViolatorInput
    violations: list[ViolationInput]
    detected_at: datetime
    recorded_at: datetime
    location_unit: str
    location_address: str
    description: str
    mitigating: list[str] = field(default_factory=list)
    aggravating: list[str] = field(default_factory=list)
    needs_explanation: bool = False
    very_complex: bool = False
    complex_record: bool = False
    witnesses: str = ""


def _unit(code: str, field_name: str) -> Unit:
    unit = db.session.scalar(sa.select(Unit).where(Unit.code == code))
    if unit is None or not unit.active:
        raise RuleViolation("unit_unknown", _("Không có đơn vị mã %(c)s.", c=code), field=field_name)
    return unit


def _check_moments(data: CaseInput, now: datetime) -> tuple[date, date]:
    detected_on, recorded_on = local_today(data.detected_at), local_today(data.recorded_at)
    today = local_today(now)
    if recorded_on > today or data.recorded_at > now:
        raise RuleViolation("date_in_future", _("Thời điểm lập biên bản không được ở tương lai."), field="recorded_at")
    if data.detected_at > data.recorded_at:
        raise RuleViolation(
            "date_order", _("Thời điểm phát hiện phải trước thời điểm lập biên bản."), field="detected_at"
        )
    return detected_on, recorded_on


def _violator(data: ViolatorInput) -> Violator:
    kind, id_number = data.kind, nfc(data.id_number).upper()
    if kind not in ("individual", "organization"):
        raise RuleViolation("kind_unknown", _("Loại đối tượng không hợp lệ."), field="violator.kind")
    if not id_number:
        raise RuleViolation(
            "id_number_required", _("Phải ghi số định danh / số giấy tờ của người vi phạm."), field="violator.id_number"
        )
    if not nfc(data.name):
        raise RuleViolation("name_required", _("Phải ghi họ tên / tên tổ chức vi phạm."), field="violator.name")
    violator = db.session.scalar(sa.select(Violator).where(Violator.kind == kind, Violator.id_number == id_number))
    if violator is None:
        violator = Violator(kind=kind, id_number=id_number)
        db.session.add(violator)
    # The violator's latest known data; each record keeps its own snapshot (Case.violator_snapshot).
    violator.name, violator.address = nfc(data.name), nfc(data.address)
    if data.birth_date is not None:
        violator.birth_date = data.birth_date
    violator.representative = nfc(data.representative) or None
    violator.search_folded = fold(f"{violator.name} {violator.id_number} {violator.address}")
    return violator


def _circumstances(codes: list[str], kind: str) -> list[Circumstance]:
    found = {c.code: c for c in db.session.scalars(sa.select(Circumstance).where(Circumstance.code.in_(codes)))}
    for code in codes:
        if code not in found or found[code].kind != kind:
            name = "mitigating" if kind == "mitigating" else "aggravating"
            raise RuleViolation("circumstance_unknown", _("Không có tình tiết mã %(c)s.", c=code), field=name)
    return [found[code] for code in dict.fromkeys(codes)]


def _act_on(code: str, day: date, index: int) -> Act:
    act = db.session.scalar(
        sa.select(Act).where(
            Act.code == code,
            Act.active.is_(True),
            Act.valid_from <= day,
            sa.or_(Act.valid_to.is_(None), Act.valid_to >= day),
        )
    )
    if act is None:
        raise RuleViolation(
            "act_not_valid",
            _(
                "Hành vi %(c)s không có trong danh mục hoặc chưa/không còn hiệu lực vào ngày %(d)s.",
                c=code,
                d=day.strftime("%d/%m/%Y"),
            ),
            "Khoản 1 Điều 6 Luật XLVPHC; điều khoản chuyển tiếp của nghị định xử phạt",
            field=f"violations.{index}.act",
        )
    return act


def _violation_day(item: ViolationInput, detected_on: date, recorded_on: date, index: int) -> date:
    """Return the day whose law applies: the end of a completed violation; detection if still going on then."""
    if item.ended_on is not None and item.ended_on > recorded_on:
        raise RuleViolation(
            "date_order",
            _("Ngày chấm dứt vi phạm không được sau ngày lập biên bản."),
            field=f"violations.{index}.ended_on",
        )
    if item.ended_on is None or item.ended_on > detected_on:
        return detected_on
    return item.ended_on


def _check_unit(actor, data: CaseInput) -> tuple[Unit, Unit]:
    unit = _unit(data.unit, "unit")
    if actor is not None and not may_act_in(actor, unit.id):
        raise RuleViolation(
            "unit_not_allowed", _("Bạn không lập biên bản cho đơn vị %(c)s.", c=unit.code), field="unit"
        )
    location = _unit(data.location_unit, "location.unit")
    if not may_act_in_tree(unit, location):
        raise RuleViolation(
            "location_outside_unit",
            _("Địa điểm vi phạm (%(p)s) không thuộc địa bàn của %(u)s.", p=location.name, u=unit.name),
            field="location.unit",
        )
    return unit, location


def may_act_in_tree(unit: Unit, location: Unit) -> bool:
    """Return whether the location is the unit, lies below it or in a unit it succeeds (a case belongs to its
    territory; a successor carries on its predecessors', Law 88/2025 Art. 3)."""
    node = location
    while node is not None:
        if node.id == unit.id:
            return True
        node = node.parent
    return location.id in subtree_ids(unit.id)


def carrying_unit(case: Case, day: date, unit: Unit | None = None) -> Unit:
    """Return the unit that acts on the day for the case (or for its decision issued by `unit`): the unit itself
    while in force, else the successor it was handed to or that holds its location (SPEC §0; Law 88/2025 Art. 3)."""
    return territory.carrying_unit(unit or case.unit, day, case.carried_by or case.location_unit)


def hand_over(case: Case, successor: Unit, *, actor, today: date) -> Case:
    """Hand the case of an ended unit split among several successors to the one that holds its location (SPEC §0)."""
    act_as(db.session, actor)
    if territory.in_force(case.unit, today):
        raise RuleViolation(
            "unit_in_force", _("%(u)s còn hoạt động: vụ việc chưa chuyển.", u=case.unit.name), field="unit"
        )
    if successor.id not in {u.id for u in case.unit.successors} or not territory.in_force(successor, today):
        raise RuleViolation(
            "successor_unknown",
            _("%(s)s không phải đơn vị kế thừa đang hoạt động của %(u)s.", s=successor.name, u=case.unit.name),
            territory.CARRY_ON_BASIS,
            field="unit",
        )
    case.carried_by = successor
    db.session.flush()
    return case


def _check_texts(data: CaseInput) -> None:
    if not nfc(data.location_address):
        raise RuleViolation("address_required", _("Phải ghi địa chỉ nơi vi phạm."), field="location.address")
    if not nfc(data.description):
        raise RuleViolation("description_required", _("Phải mô tả hành vi vi phạm."), field="description")
    if not data.violations:
        raise RuleViolation("violations_required", _("Phải chọn ít nhất một hành vi vi phạm."), field="violations")


def _price(case: Case, data: CaseInput, acts: list[tuple[Act, date]], limits: list, party: str) -> None:
    mitigating, aggravating = len(data.mitigating), len(data.aggravating)
    for index, ((act, day), item, limit) in enumerate(zip(acts, data.violations, limits, strict=True)):
        try:
            fines.check_intent(party, case.violator.birth_date, day, item.intentional)
        except RuleViolation as err:
            err.field = f"violations.{index}.intentional"
            raise
        line = fines.fine_for_act(
            act_range(act), party, day, case.violator.birth_date, mitigating, aggravating, item.intentional
        )
        case.violations.append(
            Violation(
                position=index + 1,
                act=act,
                ended_on=item.ended_on,
                violated_on=day,
                limitation_expires_on=limit.due,
                fine_min=line.fine_min,
                fine_max=line.fine_max,
                proposed_amount=line.amount,
                warning_only=line.warning_only,
                no_sanction=line.no_sanction,
                intentional=item.intentional,
                basis=line.basis,
            )
        )


def record_case(
    data: CaseInput, evidence: list[EvidenceInput], *, actor, now: datetime, calendar: WorkCalendar
) -> Case:
    """Record a violation: number it, compute its deadlines and proposed fines, keep the evidence."""
    act_as(db.session, actor)
    detected_on, recorded_on = _check_moments(data, now)
    _check_texts(data)
    unit, location = _check_unit(actor, data)
    territory.check_in_force(unit, recorded_on, "unit")
    checked = [
        (item.filename, item.content, check_evidence(item.filename, item.content, f"evidence.{i}"))
        for i, item in enumerate(evidence)
    ]
    mitigating = _circumstances(data.mitigating, "mitigating")
    aggravating = _circumstances(data.aggravating, "aggravating")
    days = [_violation_day(v, detected_on, recorded_on, i) for i, v in enumerate(data.violations)]
    acts = [(_act_on(v.act, day, i), day) for i, (v, day) in enumerate(zip(data.violations, days, strict=True))]
    spans = [(act.limitation, item.ended_on) for (act, _), item in zip(acts, data.violations, strict=True)]
    clocks = deadlines.case_deadlines(
        detected_on, recorded_on, spans, data.needs_explanation, data.very_complex, data.complex_record, calendar
    )
    violator = _violator(data.violator)
    case = Case(
        unit=unit,
        location_unit=location,
        violator=violator,
        status="recorded",
        year=recorded_on.year,
        detected_at=data.detected_at,
        recorded_at=data.recorded_at,
        location_address=nfc(data.location_address),
        description=nfc(data.description),
        witnesses=nfc(data.witnesses),
        needs_explanation=data.needs_explanation,
        very_complex=data.very_complex,
        complex_record=data.complex_record,
        circumstances=mitigating + aggravating,
        record_due_on=clocks.record_due.due,
        decision_due_on=clocks.decision_due.due,
        limitation_expires_on=clocks.limitation_expires.due,
        created_by_id=getattr(actor, "id", None),
    )
    case.violator_snapshot = snapshot(violator)
    case.repeat_offender = repeat_offender(prior_decisions(violator), recorded_on)
    _price(case, data, acts, deadlines.limitation_for_each(spans, detected_on, calendar), violator.kind)
    case.seq = next_number(db.session, unit.id, case.year, RECORD_SERIES)
    case.number = f"{case.seq}/{RECORD_SERIES}"
    case.search_folded = fold(
        f"{case.number} {violator.name} {violator.id_number} {violator.address} {case.location_address}"
    )
    db.session.add(case)
    db.session.flush()
    for filename, content, content_type in checked:
        document = store_document(
            "evidence", nfc(filename)[:255] or "evidence", content_type, content, created_by_id=case.created_by_id
        )
        db.session.add(CaseEvidence(case_id=case.id, document=document))
    db.session.flush()
    return case


def snapshot(violator: Violator) -> dict:
    """Return the violator's data as written into a record."""
    return {
        "kind": violator.kind,
        "name": violator.name,
        "id_number": violator.id_number,
        "birth_date": violator.birth_date.isoformat() if violator.birth_date else None,
        "address": violator.address,
        "representative": violator.representative,
    }


def lock_case(case: Case) -> None:
    """Hold the case's row until the transaction ends and read its state again, so that of two requests deciding
    or closing one case at once the second sees what the first did (a clear refusal), not a stale version."""
    db.session.execute(sa.select(Case.id).where(Case.id == case.id).with_for_update())
    db.session.refresh(case, ["status", "version"])


def dismiss_case(case: Case, reason: str, dismissed_on: date, *, actor, today: date) -> Case:
    """Close a case without a decision (Law Art. 65); `reason` is a code of DISMISSAL_REASONS or free text."""
    act_as(db.session, actor)
    lock_case(case)
    if actor is not None and not may_act_in(actor, case.unit_id):
        raise RuleViolation("unit_not_allowed", _("Vụ việc thuộc đơn vị khác."), field="case")
    if case.status != "recorded":
        raise RuleViolation(
            "case_closed", _("Vụ việc đã được xử lý (đã ra quyết định hoặc đã đóng)."), DISMISSAL_ARTICLE
        )
    check_case_transition(case.status, "dismissed")
    text = DISMISSAL_REASONS.get(reason, nfc(reason))
    if not text:
        raise RuleViolation(
            "reason_required", _("Phải ghi lý do không ra quyết định xử phạt."), DISMISSAL_ARTICLE, field="reason"
        )
    if dismissed_on > today:
        raise RuleViolation("date_in_future", _("Ngày không được ở tương lai."), field="dismissed_on")
    if dismissed_on < local_today(case.recorded_at):
        raise RuleViolation(
            "date_order", _("Ngày đóng vụ việc không được trước ngày lập biên bản."), field="dismissed_on"
        )
    case.status, case.dismissed_on, case.dismissal_reason = "dismissed", dismissed_on, text
    db.session.flush()
    return case
