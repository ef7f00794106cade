"""Use-cases of the money owed under a decision: payments and their reversal, installments (MQĐ05),
postponement (MQĐ03) and enforcement (MQĐ12c) (SPEC §1, §2, §6b; Law Art. 73–79, 86).

A payment is never edited or deleted: a mistaken one is reversed by a linked negative entry with a reason.
Every check that depends on what is already paid runs after the decision's row is locked, so two requests
at once cannot both take the same money (PostgreSQL; SQLite serialises writers itself).
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from penalties.core.audit import act_as
from penalties.core.documents import store_document
from penalties.core.formatting import money
from penalties.core.numbering import next_number
from penalties.core.text import nfc
from penalties.decisions.models import Decision
from penalties.decisions.queries import figures_on, issuing_unit_on
from penalties.extensions import db
from penalties.law import payments as rules
from penalties.law import relief, territory
from penalties.law.errors import RuleViolation
from penalties.law.late_fee import unpaid_by_tranche
from penalties.law.payments import Figures
from penalties.payments.models import (
    ENFORCEMENT_MEASURES,
    PAYMENT_METHODS,
    Enforcement,
    Installment,
    InstallmentPlan,
    Payment,
    Postponement,
    Reduction,
    RefusedRequest,
)

OUTCOMES = ("granted", "refused")

INSTALLMENT_SERIES = "QĐ-NPNL"  # form MQĐ05
REDUCTION_SERIES = {"reduce": "QĐ-GTP", "exempt": "QĐ-MTP"}  # form MQĐ04
POSTPONEMENT_SERIES = "QĐ-HQĐPT"  # form MQĐ03
ENFORCEMENT_SERIES = "QĐ-CCXP"  # forms MQĐ07–MQĐ12c
ART_73 = "Điều 73 Luật Xử lý vi phạm hành chính"
ART_74 = "Điều 74 Luật Xử lý vi phạm hành chính"
ART_76 = "Điều 76 Luật Xử lý vi phạm hành chính"
ART_77 = "Điều 77 Luật Xử lý vi phạm hành chính"
ART_79 = "Điều 79 Luật Xử lý vi phạm hành chính"
ART_86 = "Điều 86, 87 Luật Xử lý vi phạm hành chính"


def _issuer(decision: Decision, day: date):
    """The unit that decides on the day about the decision, as its documents are headed (decisions.queries
    .issuing_unit_on): the decision's issuing unit while in force, else its successor (SPEC §0)."""
    unit = issuing_unit_on(decision, day)
    territory.check_in_force(unit, day, "decided_on")
    return unit


@dataclass
class PaymentInput:
    amount: int
    paid_on: date
    method: str
    receipt_no: str
    note: str = ""


@dataclass
class InstallmentInput:
    requested_on: date
    hardship: str
    schedule: list[tuple[date, int]]
    decided_on: date | None = None
    evidence: tuple[str, bytes] | None = None  # (filename, content) of the certified hardship
    outcome: str = "granted"  # or "refused", with the reason: the request is kept without a plan
    reason: str = ""


@dataclass
class PostponementInput:
    requested_on: date
    hardship: str
    until: date | None
    decided_on: date | None = None
    evidence: tuple[str, bytes] | None = None
    outcome: str = "granted"
    reason: str = ""


@dataclass
class ReductionInput:
    requested_on: date
    hardship: str
    kind: str  # reduce (part of the rest) or exempt (all of the rest)
    amount: int | None = None
    decided_on: date | None = None
    evidence: tuple[str, bytes] | None = None
    outcome: str = "granted"
    reason: str = ""


@dataclass
class EnforcementInput:
    decided_on: date
    measure: str
    note: str = ""


def sanction_of(decision: Decision) -> Decision:
    """Return the sanction decision money is owed under (a correcting decision points to it)."""
    if decision.kind == "sanction" or decision.amends is None:
        return decision
    return decision.amends


def lock(decision: Decision) -> None:
    """Hold the decision's row until the transaction ends: concurrent money operations on it wait."""
    db.session.execute(sa.select(Decision.id).where(Decision.id == decision.id).with_for_update())


def _check_day(day: date, decision: Decision, today: date, name: str) -> None:
    if day > today:
        raise RuleViolation("date_in_future", _("Ngày không được ở tương lai."), field=name)
    if day < decision.issued_on:
        raise RuleViolation(
            "date_order",
            _("Ngày không được trước ngày ra quyết định (%(d)s).", d=decision.issued_on.strftime("%d/%m/%Y")),
            field=name,
        )


def _check_live(decision: Decision, figures: Figures, *, need_delivery: bool = True) -> None:
    if decision.warning:
        raise RuleViolation("no_fine", _("Quyết định không phạt tiền (cảnh cáo)."), "Điều 22 Luật XLVPHC")
    if figures.status == "annulled":
        raise RuleViolation("decision_annulled", _("Quyết định đã bị hủy bỏ: không còn phải nộp tiền."))
    if need_delivery and figures.delivered_on is None:
        raise RuleViolation(
            "not_delivered",
            _("Quyết định chưa được ghi nhận giao cho người vi phạm."),
            "Điều 70 Luật XLVPHC",
        )


def record_payment(decision: Decision, data: PaymentInput, *, actor, today: date) -> Payment:
    """Record money received: the fine first, then the late fee; never more than is owed (SPEC §6b)."""
    act_as(db.session, actor)
    decision = sanction_of(decision)
    if data.method not in PAYMENT_METHODS:
        raise RuleViolation("method_unknown", _("Hình thức nộp không hợp lệ."), field="method")
    receipt = nfc(data.receipt_no)
    if not receipt:
        raise RuleViolation("receipt_required", _("Phải ghi số biên lai hoặc chứng từ nộp tiền."), field="receipt_no")
    _check_day(data.paid_on, decision, today, "paid_on")
    lock(decision)
    if _receipt_taken(decision.unit_id, receipt):
        raise RuleViolation(
            "duplicate_receipt", _("Số biên lai %(r)s đã được ghi nhận.", r=receipt), field="receipt_no"
        )
    latest = db.session.scalar(sa.select(sa.func.max(Payment.paid_on)).where(Payment.decision_id == decision.id))
    if latest is not None and data.paid_on < latest:
        raise RuleViolation(
            "date_order",
            _(
                "Đã có khoản nộp ngày %(d)s: ghi các khoản theo thứ tự ngày (hủy khoản sau nếu cần ghi lại).",
                d=latest.strftime("%d/%m/%Y"),
            ),
            field="paid_on",
        )
    figures = figures_on(decision, data.paid_on)
    _check_live(decision, figures, need_delivery=False)
    if figures.status == "expired":
        raise RuleViolation(
            "execution_expired",
            _("Đã hết thời hiệu thi hành quyết định (hết ngày %(d)s).", d=figures.expires_on.strftime("%d/%m/%Y")),
            ART_74,
            field="paid_on",
        )
    principal, fee = rules.allocate(data.amount, figures.total - figures.principal_paid, figures.late_fee)
    payment = Payment(
        decision_id=decision.id,
        unit_id=decision.unit_id,
        amount=data.amount,
        principal=principal,
        late_fee=fee,
        paid_on=data.paid_on,
        method=data.method,
        receipt_no=receipt,
        reason=nfc(data.note),
        created_by_id=actor.id,
    )
    db.session.add(payment)
    _flush_or_duplicate(receipt)
    return payment


def _receipt_taken(unit_id: int, receipt: str) -> bool:
    return (
        db.session.scalar(sa.select(Payment.id).where(Payment.unit_id == unit_id, Payment.receipt_no == receipt))
        is not None
    )


def _flush_or_duplicate(receipt: str) -> None:
    """Flush; a receipt stored meanwhile by a concurrent request is a duplicate, not an error page."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as err:
        raise RuleViolation(
            "duplicate_receipt", _("Số biên lai %(r)s đã được ghi nhận.", r=receipt), field="receipt_no"
        ) from err


def reverse_payment(payment: Payment, reason: str, *, actor, today: date) -> Payment:
    """Reverse a mistaken payment by a linked negative entry with the reason; the original stays as it was."""
    act_as(db.session, actor)
    if not nfc(reason):
        raise RuleViolation("reason_required", _("Phải ghi lý do hủy khoản nộp."), field="reason")
    if payment.reverses_id is not None:
        raise RuleViolation("payment_is_reversal", _("Đây là bút toán hủy, không hủy được nữa."))
    decision = db.session.get(Decision, payment.decision_id)
    lock(decision)
    if db.session.scalar(sa.select(Payment.id).where(Payment.reverses_id == payment.id)) is not None:
        raise RuleViolation("payment_reversed", _("Khoản nộp này đã được hủy."))
    receipt = f"{payment.receipt_no}/HỦY"
    reversal = Payment(
        decision_id=payment.decision_id,
        unit_id=payment.unit_id,
        amount=-payment.amount,
        principal=-payment.principal,
        late_fee=-payment.late_fee,
        paid_on=payment.paid_on,
        method=payment.method,
        receipt_no=receipt,
        reverses_id=payment.id,
        reason=nfc(reason),
        created_by_id=actor.id,
    )
    db.session.add(reversal)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as err:
        raise RuleViolation("payment_reversed", _("Khoản nộp này đã được hủy.")) from err
    return reversal


def payments_of(decision: Decision) -> list[Payment]:
    """Return the payments of a decision, oldest first, reversals beside what they reverse."""
    return list(
        db.session.scalars(
            sa.select(Payment).where(Payment.decision_id == sanction_of(decision).id).order_by(Payment.id)
        )
    )


def _relief_start(decision, data, today: date, actor, model, exists: RuleViolation):
    """Checks shared by installments and postponement: dates, one per decision, delivered, something owed."""
    act_as(db.session, actor)
    decision = sanction_of(decision)
    _check_day(data.requested_on, decision, today, "requested_on")
    decided_on = data.decided_on or data.requested_on
    _check_day(decided_on, decision, today, "decided_on")
    if decided_on < data.requested_on:
        raise RuleViolation("date_order", _("Ngày quyết định không được trước ngày đề nghị."), field="decided_on")
    if data.outcome not in OUTCOMES:
        raise RuleViolation(
            "outcome_unknown", _("Kết quả xem xét phải là chấp nhận hoặc không chấp nhận."), field="outcome"
        )
    lock(decision)
    taken = sa.select(model.id).where(model.decision_id == decision.id)
    if exists is not None and data.outcome == "granted" and db.session.scalar(taken):
        raise exists
    figures = figures_on(decision, decided_on)
    _check_live(decision, figures)
    if figures.outstanding <= 0:
        raise RuleViolation("nothing_owed", _("Tiền phạt đã được nộp đủ."))
    return decision, decided_on, figures


def _refuse(decision, kind: str, data, decided_on: date, actor) -> RefusedRequest:
    """Keep a request refused, with its reason: no late fee while it was considered (Circular 18/2023 Art. 5(2))."""
    if not nfc(data.reason):
        raise RuleViolation("reason_required", _("Phải ghi lý do không chấp nhận đề nghị."), field="reason")
    refused = RefusedRequest(
        decision_id=decision.id,
        kind=kind,
        requested_on=data.requested_on,
        decided_on=decided_on,
        hardship=nfc(data.hardship),
        reason=nfc(data.reason),
        created_by_id=actor.id,
    )
    db.session.add(refused)
    db.session.flush()
    return refused


def _store_relief(record, evidence_file, actor):
    """Keep the hardship evidence, store the record and render its decision once (MQĐ03, MQĐ05, MQĐ12c)."""
    evidence = _evidence(evidence_file, "hardship")
    if evidence is not None:
        record.evidence_id = evidence.id
    db.session.add(record)
    db.session.flush()
    from penalties.payments.documents import issue_relief_document

    issue_relief_document(record, actor=actor)
    db.session.flush()
    return record


def _evidence(evidence: tuple[str, bytes] | None, kind: str):
    if evidence is None:
        return None
    from penalties.core.uploads import check_evidence

    filename, content = evidence
    content_type = check_evidence(filename, content, field="evidence")
    document = store_document(kind, filename, content_type, content)
    db.session.add(document)
    db.session.flush()
    return document


def decide_installments(decision: Decision, data: InstallmentInput, *, actor, today: date) -> InstallmentPlan:
    """Allow payment in up to 3 installments, the first ≥ 40 %, within 6 months (Law Art. 79; MQĐ05)."""
    decision, decided_on, figures = _relief_start(
        decision,
        data,
        today,
        actor,
        InstallmentPlan,
        RuleViolation("plan_exists", _("Quyết định đã có quyết định nộp tiền phạt nhiều lần."), ART_79),
    )
    if data.outcome == "refused":
        return _refuse(decision, "installments", data, decided_on, actor)
    schedule = [rules.Tranche(due_on, amount) for due_on, amount in data.schedule]
    relief.check_installments(  # the threshold is the fine as decided; what was remitted counts as settled
        party=decision.case.violator.kind,
        fine_total=figures.total + figures.reduced,
        paid_before=figures.principal_paid + figures.reduced,
        requested_on=data.requested_on,
        decision_on=decision.issued_on,
        hardship=nfc(data.hardship),
        schedule=schedule,
    )
    seq = next_number(db.session, _issuer(decision, decided_on).id, decided_on.year, INSTALLMENT_SERIES)
    plan = InstallmentPlan(
        decision_id=decision.id,
        number=f"{seq}/{INSTALLMENT_SERIES}",
        requested_on=data.requested_on,
        decided_on=decided_on,
        hardship=nfc(data.hardship),
        created_by_id=actor.id,
        installments=[Installment(seq=i, due_on=t.due_on, amount=t.amount) for i, t in enumerate(schedule, 1)],
    )
    return _store_relief(plan, data.evidence, actor)


def decide_postponement(decision: Decision, data: PostponementInput, *, actor, today: date) -> Postponement:
    """Postpone the fine up to 3 months for certified hardship; no late fee meanwhile (Law Art. 76; MQĐ03)."""
    decision, decided_on, figures = _relief_start(
        decision,
        data,
        today,
        actor,
        Postponement,
        RuleViolation("postponement_exists", _("Quyết định đã được hoãn thi hành một lần."), ART_76),
    )
    if data.outcome == "refused":
        return _refuse(decision, "postponement", data, decided_on, actor)
    if data.until is None:
        raise RuleViolation("until_required", _("Phải ghi ngày hết thời hạn hoãn."), ART_76, field="until")
    relief.check_postponement(
        party=decision.case.violator.kind,
        fine_total=figures.total + figures.reduced,
        requested_on=data.requested_on,
        decided_on=decided_on,
        until=data.until,
        hardship=nfc(data.hardship),
    )
    seq = next_number(db.session, _issuer(decision, decided_on).id, decided_on.year, POSTPONEMENT_SERIES)
    postponement = Postponement(
        decision_id=decision.id,
        number=f"{seq}/{POSTPONEMENT_SERIES}",
        requested_on=data.requested_on,
        decided_on=decided_on,
        until_on=data.until,
        hardship=nfc(data.hardship),
        created_by_id=actor.id,
    )
    return _store_relief(postponement, data.evidence, actor)


def decide_reduction(decision: Decision, data: ReductionInput, *, actor, today: date) -> Reduction | RefusedRequest:
    """Reduce part of the remaining fine after a postponement, or exempt all of it after a reduction or an
    installment paid, for certified hardship (Law Art. 77; MQĐ04); or keep the request refused, with its reason."""
    decision, decided_on, figures = _relief_start(decision, data, today, actor, Reduction, None)
    if data.outcome == "refused":
        return _refuse(decision, "reduction", data, decided_on, actor)
    remaining = figures.total - figures.principal_paid
    amount = relief.check_reduction(
        party=decision.case.violator.kind,
        kind=data.kind,
        remaining=remaining,
        amount=data.amount,
        requested_on=data.requested_on,
        hardship=nfc(data.hardship),
        postponed=_granted_before(Postponement, decision, data.requested_on),
        reduced=_granted_before(Reduction, decision, data.requested_on),
        installments_paid=_installments_paid(decision, figures),
    )
    series = REDUCTION_SERIES[data.kind]
    seq = next_number(db.session, _issuer(decision, decided_on).id, decided_on.year, series)
    reduction = Reduction(
        decision_id=decision.id,
        number=f"{seq}/{series}",
        kind=data.kind,
        amount=amount,
        requested_on=data.requested_on,
        decided_on=decided_on,
        hardship=nfc(data.hardship),
        created_by_id=actor.id,
    )
    return _store_relief(reduction, data.evidence, actor)


def _installments_paid(decision: Decision, figures: Figures) -> int:
    """How many installments of the plan are paid in full (Law Art. 77(2)(b)): what was paid before the plan is no
    installment."""
    plan = db.session.scalar(sa.select(InstallmentPlan).where(InstallmentPlan.decision_id == decision.id))
    if plan is None:
        return 0
    before = sa.select(sa.func.coalesce(sa.func.sum(Payment.principal), 0)).where(
        Payment.decision_id == decision.id, Payment.paid_on <= plan.decided_on
    )
    left = unpaid_by_tranche(list(plan.tranches()), figures.principal_paid - int(db.session.scalar(before)))
    return sum(1 for owing in left if owing == 0)


def _granted_before(model, decision: Decision, day: date) -> bool:
    """Tell whether a postponement or a reduction of the decision was decided on or before `day`."""
    query = sa.select(model.id).where(model.decision_id == decision.id, model.decided_on <= day)
    return db.session.scalar(query.limit(1)) is not None


def decide_enforcement(decision: Decision, data: EnforcementInput, *, actor, today: date) -> Enforcement:
    """Decide enforcement of an overdue fine (Law Art. 86, 87; form MQĐ12c); refused when nothing is overdue."""
    act_as(db.session, actor)
    decision = sanction_of(decision)
    if data.measure not in ENFORCEMENT_MEASURES:
        raise RuleViolation("measure_unknown", _("Biện pháp cưỡng chế không hợp lệ."), ART_86, field="measure")
    _check_day(data.decided_on, decision, today, "decided_on")
    lock(decision)
    figures = figures_on(decision, data.decided_on)
    _check_live(decision, figures)
    if figures.status == "expired":
        raise RuleViolation(
            "execution_expired",
            _("Đã hết thời hiệu thi hành quyết định (hết ngày %(d)s).", d=figures.expires_on.strftime("%d/%m/%Y")),
            ART_74,
            field="decided_on",
        )
    if figures.suspended:
        raise RuleViolation("execution_suspended", _("Việc thi hành quyết định đang bị tạm đình chỉ."), ART_86)
    if not figures.past_due and figures.status != "enforced":
        raise RuleViolation(
            "nothing_overdue",
            _(
                "Không có khoản nào quá hạn vào ngày %(d)s (còn phải nộp %(m)s): chỉ cưỡng chế khi người vi phạm "
                "không tự nguyện chấp hành.",
                d=data.decided_on.strftime("%d/%m/%Y"),
                m=money(figures.outstanding),
            ),
            ART_86,
        )
    issuer = _issuer(decision, data.decided_on)
    seq = next_number(db.session, issuer.id, data.decided_on.year, ENFORCEMENT_SERIES)
    enforcement = Enforcement(
        decision_id=decision.id,
        unit_id=issuer.id,
        year=data.decided_on.year,
        seq=seq,
        number=f"{seq}/{ENFORCEMENT_SERIES}",
        decided_on=data.decided_on,
        measure=data.measure,
        amount=figures.total - figures.principal_paid,
        late_fee=figures.late_fee,
        note=nfc(data.note),
        created_by_id=actor.id,
    )
    return _store_relief(enforcement, None, actor)
