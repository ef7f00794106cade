"""Due dates of the procedure, from record to lawsuit (SPEC §2).

Every function is pure: the dates and the working-day calendar are arguments, the numbers come from
`penalties.law.parameters` in the version in force on the day of the event that starts the clock.
A due date is the LAST day on which the act is still on time (Civil Code Art. 147–148). A period in
days, months or years whose last day is a day off ends at the end of the next working day (Civil Code
Art. 148(5), applied by Law Art. 8; SPEC v2 §2): `ending_on_a_working_day` moves it, for every clock the
law moves — decision due in months, sanctioning and execution limitation, complaints and lawsuits, the
correction period — and never for the 10 days to pay, which Circular 18/2023/TT-BTC Art. 5(3) counts
with their days off (so the late fee starts on the day after, whatever day that is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from penalties.law.calendar import WorkCalendar, add_days, add_months, add_years
from penalties.law.errors import RuleViolation
from penalties.law.parameters import LAW, Period, Unit, reference, value_on

LIMITATION_BASIS = f"Điều 6 {LAW}"
TIME_BAR_BASIS = f"Điều 65 khoản 1 {LAW}"
DAY_OFF_BASIS = f"khoản 5 Điều 148 Bộ luật Dân sự 2015, áp dụng theo Điều 8 {LAW}"

# One violation of a case, for limitation: (limitation years of its sector, day it ended or None).
Violation = tuple[int, date | None]


@dataclass(frozen=True)
class Deadline:
    """A due date (last day still on time) and the article that sets it; when the period's last day was a day
    off, the day it was moved from and why (Civil Code Art. 148(5))."""

    due: date
    basis: str
    moved_from: date | None = None
    moved_why: str = ""


def ending_on_a_working_day(deadline: Deadline, calendar: WorkCalendar) -> Deadline:
    """Return the deadline, or, when its last day is not a working day, the next working day (Civil Code
    Art. 148(5)): "khi ngày cuối cùng của thời hạn là ngày nghỉ … thì thời hạn kết thúc tại thời điểm kết thúc
    ngày làm việc tiếp theo ngày nghỉ đó"."""
    off = calendar.day_off_name(deadline.due)
    if off is None:
        return deadline
    due = calendar.next_working_day(deadline.due)
    why = (
        f"Ngày cuối cùng của thời hạn ({deadline.due:%d/%m/%Y}) là ngày nghỉ ({off}): thời hạn kết thúc vào cuối "
        f"ngày làm việc tiếp theo, {due:%d/%m/%Y} ({DAY_OFF_BASIS})."
    )
    return Deadline(due, deadline.basis, deadline.due, why)


@dataclass(frozen=True)
class CaseDeadlines:
    """The clocks of a case once its record is made (SPEC §2)."""

    record_due: Deadline
    decision_due: Deadline
    limitation_expires: Deadline


def record_due(detected_on: date, complex: bool, calendar: WorkCalendar) -> Deadline:
    """Return the last day to make the violation record: 2 working days, 5 if complex (D118 Art. 12(2))."""
    name = "record_due_working_days_complex" if complex else "record_due_working_days"
    due = calendar.add_working_days(detected_on, value_on(name, detected_on))
    return Deadline(due, reference(name, detected_on))


def limitation_expires(
    limitation_years: int, ended_on: date | None, detected_on: date, calendar: WorkCalendar
) -> Deadline:
    """Return the last day a sanction may be decided under the limitation period (Law Art. 6), moved off a day
    off: a limitation (thời hiệu) is a period set by law (Civil Code Art. 149(1)), so Art. 148(5) applies."""
    # Ongoing violation: counted from detection. A violation that ended only after it was detected
    # was still ongoing when detected, so detection starts the clock then too (the earlier day).
    start = detected_on if ended_on is None else min(ended_on, detected_on)
    return ending_on_a_working_day(Deadline(add_years(start, limitation_years), LIMITATION_BASIS), calendar)


def limitation_for_each(violations: Sequence[Violation], detected_on: date, calendar: WorkCalendar) -> list[Deadline]:
    """Return each violation's own limitation expiry, in order, so expired ones can be flagged (Law Art. 6)."""
    return [limitation_expires(years, ended_on, detected_on, calendar) for years, ended_on in violations]


def decision_due(recorded_on: date, needs_explanation: bool, very_complex: bool, calendar: WorkCalendar) -> Deadline:
    """Return the last day to decide: 7 working days, 1 month if explained, 2 months if very complex (Law Art. 66);
    a month period ending on a day off ends on the next working day (Civil Code Art. 148(5))."""
    if very_complex:  # the longest period wins when both apply
        name = "decision_due_months_very_complex"
        due = add_months(recorded_on, value_on(name, recorded_on))
    elif needs_explanation:
        name = "decision_due_months_explanation"
        due = add_months(recorded_on, value_on(name, recorded_on))
    else:
        name = "decision_due_working_days"
        due = calendar.add_working_days(recorded_on, value_on(name, recorded_on))
    return ending_on_a_working_day(Deadline(due, reference(name, recorded_on)), calendar)


def check_not_time_barred(decision_on: date, decision_due: date, limitation_expires: date) -> None:
    """Refuse a sanction decision after the decision due date or the limitation (Law Art. 65(1))."""
    passed = []
    if decision_on > limitation_expires:
        passed.append(f"thời hiệu xử phạt đã hết sau ngày {limitation_expires:%d/%m/%Y}")
    if decision_on > decision_due:
        passed.append(f"thời hạn ra quyết định xử phạt đã hết sau ngày {decision_due:%d/%m/%Y}")
    if passed:
        raise RuleViolation(
            "decision_time_barred",
            f"Không được ra quyết định xử phạt ngày {decision_on:%d/%m/%Y}: {'; '.join(passed)}. "
            "Chỉ có thể ra quyết định không xử phạt (vẫn có thể áp dụng biện pháp khắc phục hậu quả).",
            TIME_BAR_BASIS,
            "issued_on",
        )


def case_deadlines(
    detected_on: date,
    recorded_on: date,
    violations: Sequence[Violation],
    needs_explanation: bool,
    very_complex: bool,
    complex_record: bool,
    calendar: WorkCalendar,
) -> CaseDeadlines:
    """Return a case's clocks; refuse it when every violation is past its limitation (Law Art. 6, 65)."""
    if not violations:
        raise ValueError("a case needs at least one violation")
    each = limitation_for_each(violations, detected_on, calendar)
    alive = [deadline for deadline in each if recorded_on <= deadline.due]
    if not alive:
        latest = max(deadline.due for deadline in each)
        raise RuleViolation(
            "limitation_expired",
            f"Tất cả hành vi vi phạm đã hết thời hiệu xử phạt trước ngày lập biên bản {recorded_on:%d/%m/%Y} "
            f"(thời hiệu muộn nhất kết thúc ngày {latest:%d/%m/%Y}).",
            LIMITATION_BASIS,
            "violations",
        )
    return CaseDeadlines(
        record_due=record_due(detected_on, complex_record, calendar),
        decision_due=decision_due(recorded_on, needs_explanation, very_complex, calendar),
        # The single decision of the case must come while every act it fines is still sanctionable.
        limitation_expires=min(alive, key=lambda deadline: deadline.due),
    )


def delivery_due(issued_on: date, calendar: WorkCalendar) -> Deadline:
    """Return the last day to deliver a decision: 2 working days, 3 from 2025-07-01 (Law Art. 70)."""
    name = "delivery_due_working_days"
    return Deadline(calendar.add_working_days(issued_on, value_on(name, issued_on)), reference(name, issued_on))


def payment_due(delivered_on: date, period_days: int | None = None) -> Deadline:
    """Return the last day to pay: delivery + 10 days, or the longer period the decision states (Law Art. 73)."""
    name = "payment_period_days"
    minimum = value_on(name, delivered_on)
    if period_days is None:
        period_days = minimum
    elif period_days < minimum:
        raise RuleViolation(
            "payment_period_too_short",
            f"Thời hạn nộp tiền phạt ghi trong quyết định không được ít hơn {minimum} ngày.",
            reference(name, delivered_on),
            "period_days",
        )
    return Deadline(add_days(delivered_on, period_days), reference(name, delivered_on))


def execution_expires(issued_on: date, calendar: WorkCalendar, postponed_until: date | None = None) -> Deadline:
    """Return the last day a decision may be executed, except confiscation and remedial measures (Law Art. 74).

    When execution was postponed (Law Art. 76), the year runs from the end of the postponement, never
    ending earlier than it would have: our reading of Law Art. 74(1) ("trường hợp hoãn thi hành quyết
    định xử phạt thì thời hiệu được tính kể từ ngày hết thời hạn hoãn"), unconfirmed [U].
    """
    name = "execution_limitation_years"
    years = value_on(name, issued_on)
    deadline = ending_on_a_working_day(Deadline(add_years(issued_on, years), reference(name, issued_on)), calendar)
    if postponed_until is not None:
        later = ending_on_a_working_day(Deadline(add_years(postponed_until, years), deadline.basis), calendar)
        deadline = max(deadline, later, key=lambda d: d.due)
    return deadline


def correction_deadline(issued_on: date, calendar: WorkCalendar, limitation_expires: date | None = None) -> Deadline:
    """Return the last day to correct or amend a decision: 1 year, never past the limitation (D118 Art. 15)."""
    name = "correction_years"
    deadline = ending_on_a_working_day(
        Deadline(add_years(issued_on, value_on(name, issued_on)), reference(name, issued_on)), calendar
    )
    if limitation_expires is not None and limitation_expires < deadline.due:
        return Deadline(limitation_expires, deadline.basis)
    return deadline


def _add(start: date, period: Period, calendar: WorkCalendar) -> date:
    """Add a period in its own unit (SPEC §2 counting)."""
    if period.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start, period.count)
    if period.unit is Unit.MONTHS:
        return add_months(start, period.count)
    if period.unit is Unit.YEARS:
        return add_years(start, period.count)
    return add_days(start, period.count)


def _days(name: str, start: date, calendar: WorkCalendar) -> Deadline:
    """Return start + the calendar-day parameter name in force on start, moved off a day off (Art. 148(5))."""
    return ending_on_a_working_day(Deadline(add_days(start, value_on(name, start)), reference(name, start)), calendar)


def complaint_filing_due(delivered_on: date, calendar: WorkCalendar) -> Deadline:
    """Return the last day to file a first complaint: 90 days from delivery (Law on Complaints Art. 9)."""
    return _days("complaint_filing_days", delivered_on, calendar)


def complaint_acceptance_due(received_on: date, calendar: WorkCalendar) -> Deadline:
    """Return the last day to accept a complaint: 10 days; 7 working days from 2026-07-01 (Art. 27, 36)."""
    name = "complaint_acceptance_period"
    deadline = Deadline(_add(received_on, value_on(name, received_on), calendar), reference(name, received_on))
    return ending_on_a_working_day(deadline, calendar)


def complaint_resolution_due(
    accepted_on: date, calendar: WorkCalendar, level: int = 1, complex: bool = False, remote: bool = False
) -> Deadline:
    """Return the last day to resolve a complaint of level 1 or 2 (Law on Complaints Art. 28, 37)."""
    if level not in (1, 2):
        raise ValueError(f"complaint level must be 1 or 2, got {level}")
    prefix = "complaint_resolution_days" if level == 1 else "second_complaint_resolution_days"
    suffix = "_complex_remote" if complex and remote else "_complex" if complex or remote else ""
    return _days(prefix + suffix, accepted_on, calendar)


def second_complaint_filing_due(first_resolved_on: date, calendar: WorkCalendar, remote: bool = False) -> Deadline:
    """Return the last day of a second complaint: 30 days (45 remote) after the first level (Complaints Art. 33)."""
    name = "second_complaint_filing_days_remote" if remote else "second_complaint_filing_days"
    return _days(name, first_resolved_on, calendar)


def lawsuit_deadline(delivered_on: date, calendar: WorkCalendar, complaint_resolved_on: date | None = None) -> Deadline:
    """Return the last day to sue: 1 year from delivery or from the complaint decision (LAP Art. 116)."""
    start = complaint_resolved_on or delivered_on
    name = "lawsuit_years"
    deadline = Deadline(add_years(start, value_on(name, start)), reference(name, start))
    return ending_on_a_working_day(deadline, calendar)
