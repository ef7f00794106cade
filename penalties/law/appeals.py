"""Complaints and lawsuits against a sanction decision: time bars and due dates (SPEC §2).

Law on Complaints 2011: Art. 7 (first complaint, then a second one or a lawsuit), 9 (90 days from
delivery), 27 (acceptance), 28 (first-level resolution), 33 (second complaint within 30 days, 45 in
remote areas, of the first-level decision or of its due date passing), 37 (second-level resolution).
Law on Administrative Procedure 2015 (LAP): Art. 116 (1 year to sue, from delivery or from the
complaint decision or its due date), Art. 130 (time to prepare the case: indicative only [U]).
Time lost to illness, natural disasters and other obstacles does not count (Complaints Art. 9, LAP
Art. 116(4)); the caller moves the start date for them: these functions do not know of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from penalties.law.calendar import WorkCalendar, add_months
from penalties.law.deadlines import (
    Deadline,
    complaint_acceptance_due,
    complaint_filing_due,
    complaint_resolution_due,
    lawsuit_deadline,
    second_complaint_filing_due,
)
from penalties.law.errors import RuleViolation
from penalties.law.parameters import COMPLAINTS, reference, value_on

COMPLAINT = "complaint"
LAWSUIT = "lawsuit"
KINDS = (COMPLAINT, LAWSUIT)
COMPLAINT_LEVELS = (1, 2)
LAP = "Luật Tố tụng hành chính 2015"
LEVELS_BASIS = f"Điều 7 {COMPLAINTS}"
KINDS_BASIS = f"Điều 7 {COMPLAINTS}; Điều 116 {LAP}"


@dataclass(frozen=True)
class AppealDates:
    """The clocks of a complaint or lawsuit and the legal basis of its resolution due date."""

    filing_due: date | None  # the last day it could be filed (None when unknown: decision never delivered)
    accept_due: date | None  # complaints only
    resolve_due: date | None
    reference: str  # legal basis of the resolution due date


def _check_kind_and_level(kind: str, level: int | None) -> None:
    """Refuse an unknown kind, a complaint level other than 1 or 2, or a level on a lawsuit (Complaints Art. 7)."""
    if kind not in KINDS:
        raise RuleViolation(
            "appeal_kind_invalid", "Chỉ có thể khiếu nại hoặc khởi kiện quyết định xử phạt.", KINDS_BASIS, "kind"
        )
    if kind == COMPLAINT and level not in COMPLAINT_LEVELS:
        raise RuleViolation("appeal_level_invalid", "Khiếu nại chỉ có lần đầu hoặc lần hai.", LEVELS_BASIS, "level")
    if kind == LAWSUIT and level is not None:
        raise RuleViolation("appeal_level_invalid", "Khởi kiện không có lần khiếu nại.", KINDS_BASIS, "level")


def _second_complaint_deadline(
    filed_on: date,
    first_resolved_on: date | None,
    first_resolve_due: date | None,
    remote: bool,
    calendar: WorkCalendar,
) -> Deadline:
    """Return the second complaint's filing due date; refuse it before the first level ends (Complaints Art. 33)."""
    start = first_resolved_on or first_resolve_due
    if start is None:
        raise RuleViolation(
            "appeal_level_invalid",
            "Chưa có khiếu nại lần đầu: chỉ được khiếu nại lần hai sau khi có quyết định giải quyết lần đầu "
            "hoặc khi hết thời hạn giải quyết lần đầu.",
            LEVELS_BASIS,
            "level",
        )
    deadline = second_complaint_filing_due(start, calendar, remote)
    # Without a first-level decision, the right to a second complaint opens once the due date has passed.
    if first_resolved_on is None and filed_on <= start:
        raise RuleViolation(
            "appeal_premature",
            f"Khiếu nại lần đầu còn trong thời hạn giải quyết (đến hết ngày {start:%d/%m/%Y}): "
            "chưa được khiếu nại lần hai.",
            deadline.basis,
            "level",
        )
    return deadline


def _lawsuit_deadline(
    delivered_on: date | None, first_resolved_on: date | None, first_resolve_due: date | None, calendar: WorkCalendar
) -> Deadline | None:
    """Return the last day to sue, from the latest event that opens the right (LAP Art. 116)."""
    complaint = first_resolved_on or first_resolve_due  # a decision, or its due date passing unanswered
    starts = [day for day in (delivered_on, complaint) if day is not None]
    return lawsuit_deadline(max(starts), calendar) if starts else None


def check_filing(
    *,
    kind: str,
    level: int | None,
    filed_on: date,
    delivered_on: date | None,
    calendar: WorkCalendar,
    first_resolved_on: date | None = None,
    first_resolve_due: date | None = None,
    remote: bool = False,
) -> date | None:
    """Return the last day the appeal could be filed; refuse it after that (Complaints Art. 9, 33; LAP Art. 116).

    None when no clock has started (a first complaint on a decision never delivered is never late).
    For a lawsuit, first_resolved_on is the latest complaint decision, first_resolve_due its due date.
    """
    _check_kind_and_level(kind, level)
    if kind == LAWSUIT:
        deadline = _lawsuit_deadline(delivered_on, first_resolved_on, first_resolve_due, calendar)
        what = "thời hiệu khởi kiện"
    elif level == 2:
        deadline = _second_complaint_deadline(filed_on, first_resolved_on, first_resolve_due, remote, calendar)
        what = "thời hạn khiếu nại lần hai"
    else:
        deadline = complaint_filing_due(delivered_on, calendar) if delivered_on is not None else None
        what = "thời hiệu khiếu nại"
    if deadline is None:
        return None
    if filed_on > deadline.due:
        raise RuleViolation(
            "appeal_time_barred",
            f"Đã hết {what}: hạn cuối là ngày {deadline.due:%d/%m/%Y}, đơn nộp ngày {filed_on:%d/%m/%Y}.",
            deadline.basis,
            "filed_on",
        )
    return deadline.due


def due_dates(
    *,
    kind: str,
    level: int | None,
    filed_on: date,
    calendar: WorkCalendar,
    accepted_on: date | None = None,
    complex: bool = False,
    remote: bool = False,
    filing_due: date | None = None,
) -> AppealDates:
    """Return when an appeal must be accepted and resolved (Complaints Art. 27, 28, 37; LAP Art. 130).

    A complaint is resolved within its period from acceptance (accepted_on, else its due date). A
    lawsuit's date is the court's indicative preparation time from acceptance (else filing) [U].
    """
    _check_kind_and_level(kind, level)
    if kind == LAWSUIT:
        start, name = accepted_on or filed_on, "lawsuit_preparation_months"
        return AppealDates(filing_due, None, add_months(start, value_on(name, start)), reference(name, start))
    accept_due = complaint_acceptance_due(filed_on, calendar).due
    resolve = complaint_resolution_due(accepted_on or accept_due, calendar, level, complex, remote)
    return AppealDates(filing_due, accept_due, resolve.due, resolve.basis)
