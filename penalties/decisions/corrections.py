"""Corrections of an issued decision as new, linked decisions (SPEC §1; D118 Art. 13–15; forms MQĐ38–40).

An issued decision is never edited: a correction (đính chính, MQĐ39) fixes a clerical error, an
amendment (sửa đổi, bổ sung, MQĐ38) may change the fine, an annulment (hủy bỏ, MQĐ40) ends it. The
original stays readable and points to what replaced it; the money owed follows the decision in force.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.cases.models import Case
from penalties.cases.operations import carrying_unit
from penalties.core.audit import act_as
from penalties.core.formatting import money
from penalties.core.numbering import next_number
from penalties.core.text import nfc
from penalties.decisions.models import Decision, DecisionLine
from penalties.decisions.operations import check_authority, lawful_lines, signer_for
from penalties.extensions import db
from penalties.law import authority, deadlines, fines, territory
from penalties.law.errors import RuleViolation
from penalties.workdays.queries import work_calendar

# Numbering series (SPEC §6: amending <n>/QĐ-SĐBS, annulling <n>/QĐ-HB; MQĐ39 prints QĐ-ĐC).
SERIES = {"correction": "QĐ-ĐC", "amendment": "QĐ-SĐBS", "annulment": "QĐ-HB"}
ARTICLE = "Điều 13, 14, 15 Nghị định 118/2021/NĐ-CP (sửa đổi, bổ sung bởi Nghị định 68/2025/NĐ-CP)"


@dataclass
class CorrectionInput:
    kind: str  # correction | amendment | annulment
    issued_on: date
    reason: str
    signer: str | None = None
    amounts: dict[str, int] | None = None  # amendment: act code → new amount
    # Required by a complaint or court decision: no time limit applies (D118 Art. 15 as amended 2025).
    by_appeal: bool = False


def replacements(original: Decision, on: date | None = None) -> list[Decision]:
    """Return the decisions that corrected, amended or annulled this one (issued by `on`), oldest first."""
    query = sa.select(Decision).where(Decision.amends_id == original.id).order_by(Decision.issued_on, Decision.id)
    if on is not None:
        query = query.where(Decision.issued_on <= on)
    return list(db.session.scalars(query))


def in_force(original: Decision, on: date | None = None) -> Decision:
    """Return the decision whose figures are owed: the latest amendment, else the original itself."""
    amendments = [d for d in replacements(original, on) if d.kind == "amendment"]
    return amendments[-1] if amendments else original


def is_annulled(original: Decision, on: date | None = None) -> bool:
    """Return whether an annulling decision was issued by `on`."""
    return any(d.kind == "annulment" for d in replacements(original, on))


def _check(original: Decision, data: CorrectionInput, today: date) -> None:
    if original.kind != "sanction":
        raise RuleViolation("not_a_sanction", _("Chỉ đính chính, sửa đổi hoặc hủy bỏ quyết định xử phạt."))
    if data.kind not in SERIES:
        raise RuleViolation("kind_unknown", _("Loại quyết định không hợp lệ."), field="kind")
    if is_annulled(original):
        raise RuleViolation("decision_annulled", _("Quyết định đã bị hủy bỏ."), ARTICLE)
    if not nfc(data.reason):
        raise RuleViolation(
            "reason_required", _("Phải ghi lý do, nội dung đính chính, sửa đổi hoặc hủy bỏ."), ARTICLE, field="reason"
        )
    if data.issued_on > today or data.issued_on < original.issued_on:
        raise RuleViolation("date_order", _("Ngày phải từ ngày của quyết định gốc đến hôm nay."), field="issued_on")
    if data.kind != "annulment" and not data.by_appeal:  # D118 Art. 15: within 1 year; annulment: no limit
        due = deadlines.correction_deadline(original.issued_on, work_calendar()).due
        if data.issued_on > due:
            raise RuleViolation(
                "correction_time_barred",
                _("Quá thời hạn 01 năm kể từ ngày ra quyết định (hết ngày %(d)s).", d=due.strftime("%d/%m/%Y")),
                ARTICLE,
                field="issued_on",
            )


def _amended_lines(original: Decision, data: CorrectionInput) -> list[DecisionLine]:
    case = db.session.get(Case, original.case_id)
    lawful = {v.act.code: (v, line) for v, line in lawful_lines(case)}
    amounts = data.amounts or {}
    lines = []
    for position, old in enumerate(original.lines, start=1):
        violation, line = lawful[old.act.code]
        amount = amounts.get(old.act.code, old.amount)
        try:
            if data.by_appeal:
                _check_bracket(line, amount)
            else:
                fines.check_amount(line, amount, data.reason)
        except RuleViolation as err:
            err.field = f"amounts.{old.act.code}"
            raise
        lines.append(
            DecisionLine(
                position=position,
                violation_id=violation.id,
                act_id=old.act_id,
                fine_min=line.fine_min,
                fine_max=line.fine_max,
                proposed_amount=line.amount,
                amount=amount,
                basis=line.basis,
                reason=nfc(data.reason),
            )
        )
    return lines


def _check_bracket(line: fines.FineLine, amount: int) -> None:
    """A complaint or court decision may weigh the circumstances anew, within the act's bracket (Law Art. 23)."""
    if not line.fine_min <= amount <= line.fine_max:
        raise RuleViolation(
            "fine_out_of_range",
            _(
                "Số tiền phạt %(a)s cho hành vi %(c)s ngoài khung %(lo)s – %(hi)s.",
                a=money(amount),
                c=line.act,
                lo=money(line.fine_min),
                hi=money(line.fine_max),
            ),
            line.article,
        )


def issue_correction(original: Decision, data: CorrectionInput, *, actor, today: date) -> Decision:
    """Issue a correcting, amending or annulling decision linked to the original, with its own number and PDF."""
    act_as(db.session, actor)
    _check(original, data, today)
    case = db.session.get(Case, original.case_id)
    issuer = carrying_unit(case, data.issued_on, original.unit)
    territory.check_in_force(issuer, data.issued_on, "issued_on")
    signer = signer_for(data.signer, actor, case, issuer)
    current = in_force(original)
    decision = Decision(
        kind=data.kind,
        case_id=original.case_id,
        amends_id=original.id,
        unit_id=issuer.id,
        year=data.issued_on.year,
        series=SERIES[data.kind],
        issued_on=data.issued_on,
        signer=signer,
        signer_position=signer.position,
        delegation=_delegation(signer),
        warning=original.warning,
        reason=nfc(data.reason),
        payment_period_days=original.payment_period_days,
        additional_sanctions=list(current.additional_sanctions),
        remedial_measures=list(current.remedial_measures),
        created_by_id=getattr(actor, "id", signer.id),
    )
    if data.kind == "amendment":
        decision.lines = _amended_lines(original, data)
        decision.fine_total = sum(line.amount for line in decision.lines)
        _check_authority(signer, case, decision.issued_on)
    else:
        decision.fine_total = 0 if data.kind == "annulment" else current.fine_total
    decision.seq = next_number(db.session, issuer.id, data.issued_on.year, SERIES[data.kind])
    decision.number = f"{decision.seq}/{SERIES[data.kind]}"
    db.session.add(decision)
    db.session.flush()
    from penalties.decisions.documents import issue_document

    issue_document(decision, actor=actor)
    return decision


def _delegation(signer) -> str | None:
    return (
        authority.delegation_ground(signer.delegation_number, signer.delegation_on)
        if signer.delegation_number
        else None
    )


def _check_authority(signer, case: Case, on: date) -> None:
    check_authority(signer, case, lawful_lines(case), on)
