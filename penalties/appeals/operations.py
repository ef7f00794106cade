"""Use-cases of complaints and lawsuits against a sanction decision (SPEC §1, §2; Law on Complaints 2011
Art. 9, 27, 28, 33, 37; Law on Administrative Procedure 2015 Art. 116; Law XLVPHC Art. 15).

Filing is refused when time-barred, with the article. The resolution is recorded once: upheld; amended
(a linked amending decision with the new total, issued through the corrections of the decisions feature:
what was paid counts against it); annulled (an annulling decision: nothing more is owed, money paid is
to be refunded). A suspension of execution stops the late fee and enforcement until the resolution.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.appeals.models import APPEAL_KINDS, APPEAL_OUTCOMES, Appeal
from penalties.core.audit import act_as
from penalties.core.text import nfc
from penalties.decisions.corrections import CorrectionInput, in_force, issue_correction
from penalties.decisions.models import Decision
from penalties.decisions.queries import figures_on
from penalties.extensions import db
from penalties.law import appeals as rules
from penalties.law.errors import RuleViolation
from penalties.payments.operations import lock, sanction_of

COMPLAINTS = "Luật Khiếu nại 2011"
SUSPENSION = "Điều 15 Luật Xử lý vi phạm hành chính; Điều 35 Luật Khiếu nại 2011"


@dataclass
class AppealInput:
    kind: str
    filed_on: date
    grounds: str
    level: int | None = None
    accepted_on: date | None = None
    complex: bool = False
    remote: bool = False
    suspended_on: date | None = None


@dataclass
class ResolutionInput:
    outcome: str
    resolved_on: date
    new_fine_total: int | None = None
    amounts: dict[str, int] | None = None  # amended, several acts: act code → new amount
    note: str = ""
    signer: str | None = None


def appeals_of(decision: Decision) -> list[Appeal]:
    """Return the appeals against a decision, oldest first."""
    return list(
        db.session.scalars(
            sa.select(Appeal).where(Appeal.decision_id == sanction_of(decision).id).order_by(Appeal.filed_on, Appeal.id)
        )
    )


def _latest_complaint(decision: Decision, level: int | None = None) -> Appeal | None:
    query = sa.select(Appeal).where(Appeal.decision_id == decision.id, Appeal.kind == "complaint")
    if level is not None:
        query = query.where(Appeal.level == level)
    return db.session.scalar(query.order_by(Appeal.filed_on.desc(), Appeal.id.desc()).limit(1))


def file_appeal(decision: Decision, data: AppealInput, *, actor, today: date, calendar) -> Appeal:
    """Record a complaint (level 1 or 2) or a lawsuit, with its acceptance and resolution due dates."""
    act_as(db.session, actor)
    decision = sanction_of(decision)
    if data.kind not in APPEAL_KINDS:
        raise RuleViolation("appeal_kind_invalid", _("Loại khiếu kiện không hợp lệ."), field="kind")
    level = data.level if data.kind == "complaint" else None
    if data.kind == "complaint" and level is None:
        level = 1
    if data.kind == "lawsuit" and data.level is not None:
        raise RuleViolation("appeal_level_invalid", _("Khởi kiện không có cấp giải quyết."), field="level")
    if not nfc(data.grounds):
        raise RuleViolation("grounds_required", _("Phải ghi nội dung khiếu nại, khởi kiện."), field="grounds")
    if data.filed_on > today:
        raise RuleViolation("date_in_future", _("Ngày không được ở tương lai."), field="filed_on")
    if data.filed_on < decision.issued_on:
        raise RuleViolation("date_order", _("Ngày nộp không được trước ngày ra quyết định."), field="filed_on")
    for name in ("accepted_on", "suspended_on"):
        day = getattr(data, name)
        if day is not None and not data.filed_on <= day <= today:
            raise RuleViolation("date_order", _("Ngày phải từ ngày nộp đơn đến hôm nay."), field=name)
    lock(decision)
    figures = figures_on(decision, data.filed_on)
    if figures.status == "annulled":
        raise RuleViolation("decision_annulled", _("Quyết định đã bị hủy bỏ."))
    pending = db.session.scalar(
        sa.select(Appeal.id).where(
            Appeal.decision_id == decision.id,
            Appeal.kind == data.kind,
            Appeal.level.is_(None) if level is None else Appeal.level == level,
            Appeal.outcome.is_(None),
        )
    )
    if pending is not None:
        raise RuleViolation("appeal_pending", _("Đã có đơn cùng loại đang chờ giải quyết."))
    first = _latest_complaint(decision, 1) if level == 2 else _latest_complaint(decision) if level is None else None
    filing_due = rules.check_filing(
        kind=data.kind,
        level=level,
        filed_on=data.filed_on,
        delivered_on=figures.delivered_on,
        calendar=calendar,
        first_resolved_on=first.resolved_on if first else None,
        first_resolve_due=first.resolve_due_on if first else None,
        remote=data.remote,
    )
    dates = rules.due_dates(
        kind=data.kind,
        level=level,
        filed_on=data.filed_on,
        calendar=calendar,
        accepted_on=data.accepted_on,
        complex=data.complex,
        remote=data.remote,
        filing_due=filing_due,
    )
    appeal = Appeal(
        decision_id=decision.id,
        kind=data.kind,
        level=level,
        filed_on=data.filed_on,
        grounds=nfc(data.grounds),
        accepted_on=data.accepted_on,
        accept_due_on=dates.accept_due,
        resolve_due_on=dates.resolve_due,
        complex=data.complex,
        remote=data.remote,
        suspended_on=data.suspended_on,
        created_by_id=actor.id,
    )
    db.session.add(appeal)
    db.session.flush()
    return appeal


def suspend_execution(appeal: Appeal, suspended_on: date, *, actor, today: date) -> Appeal:
    """Record the resolver's order suspending execution until the resolution (Law XLVPHC Art. 15)."""
    act_as(db.session, actor)
    if appeal.outcome is not None:
        raise RuleViolation("appeal_resolved", _("Đơn đã được giải quyết."))
    if appeal.suspended_on is not None:
        raise RuleViolation("already_suspended", _("Việc thi hành đã được tạm đình chỉ."), SUSPENSION)
    if not appeal.filed_on <= suspended_on <= today:
        raise RuleViolation("date_order", _("Ngày phải từ ngày nộp đơn đến hôm nay."), field="suspended_on")
    appeal.suspended_on = suspended_on
    db.session.flush()
    return appeal


def _amounts(decision: Decision, data: ResolutionInput) -> dict[str, int]:
    current = in_force(decision)
    if data.amounts:
        return data.amounts
    if data.new_fine_total is None:
        raise RuleViolation(
            "new_total_required", _("Phải ghi tổng mức phạt mới khi sửa đổi quyết định."), field="new_fine_total"
        )
    if len(current.lines) != 1:
        raise RuleViolation(
            "amounts_required",
            _("Quyết định phạt nhiều hành vi: ghi mức phạt mới của từng hành vi."),
            field="amounts",
        )
    return {current.lines[0].act.code: data.new_fine_total}


def resolve_appeal(appeal: Appeal, data: ResolutionInput, *, actor, today: date) -> Appeal:
    """Record the outcome once; amended and annulled issue the linked decision (D118 Art. 13–15)."""
    act_as(db.session, actor)
    if data.outcome not in APPEAL_OUTCOMES:
        raise RuleViolation("outcome_invalid", _("Kết quả giải quyết không hợp lệ."), field="outcome")
    if data.resolved_on > today:
        raise RuleViolation("date_in_future", _("Ngày không được ở tương lai."), field="resolved_on")
    if data.resolved_on < appeal.filed_on:
        raise RuleViolation("date_order", _("Ngày giải quyết không được trước ngày nộp đơn."), field="resolved_on")
    decision = db.session.get(Decision, appeal.decision_id)
    lock(decision)
    # Read the appeal again under the decision's lock: a concurrent resolution has committed or waits for us.
    appeal = db.session.scalar(
        sa.select(Appeal).where(Appeal.id == appeal.id).execution_options(populate_existing=True)
    )
    if appeal.outcome is not None:
        raise RuleViolation("appeal_resolved", _("Đơn này đã được giải quyết."))
    appeal.outcome, appeal.resolved_on = data.outcome, data.resolved_on
    reason = _("Thực hiện quyết định giải quyết %(what)s ngày %(d)s.", what=_kind_text(appeal), d=_d(data.resolved_on))
    if nfc(data.note):
        reason = f"{reason} {nfc(data.note)}"
    signer = data.signer or decision.signer.username
    if data.outcome == "amended":
        amounts = _amounts(decision, data)
        amending = issue_correction(
            decision,
            CorrectionInput(
                kind="amendment",
                issued_on=data.resolved_on,
                reason=reason,
                signer=signer,
                amounts=amounts,
                by_appeal=True,
            ),
            actor=actor,
            today=today,
        )
        appeal.amending_decision_id = amending.id
        appeal.new_fine_total = amending.fine_total
    elif data.outcome == "annulled":
        annulling = issue_correction(
            decision,
            CorrectionInput(kind="annulment", issued_on=data.resolved_on, reason=reason, signer=signer, by_appeal=True),
            actor=actor,
            today=today,
        )
        appeal.amending_decision_id = annulling.id
        appeal.new_fine_total = 0
    appeal.resolution_note = nfc(data.note)
    appeal.resolved_by_id = actor.id
    db.session.flush()
    appeal.refund_due = figures_on(decision, max(data.resolved_on, today)).refund_due
    db.session.flush()
    return appeal


def _kind_text(appeal: Appeal) -> str:
    if appeal.kind == "lawsuit":
        return _("vụ án hành chính")
    return _("khiếu nại lần %(n)s", n=appeal.level)


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")
