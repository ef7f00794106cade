"""A period that ends on a day off ends at the end of the next working day (SPEC v2 §2; Civil Code Art. 148(5),
applied by Law Art. 8) — for the decision due date in months, the sanctioning and execution limitations, the
complaint and lawsuit periods, the correction period — and never for the 10 days to pay (Circular 18/2023/TT-BTC
Art. 5(3)), so not for the late fee. SPEC's worked examples, then properties against a day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law import deadlines as dl
from penalties.law.calendar import WorkCalendar, add_days, add_months, add_years
from penalties.law.deadlines import Deadline, ending_on_a_working_day
from penalties.law.errors import RuleViolation
from penalties.law.late_fee import Tranche, accrued_late_fee

CAL = WorkCalendar()
# The official days of 2026 beyond the package (Government Office letter 12729/VPCP-KGVX, 25/12/2025).
OFFICIAL = WorkCalendar(overrides={date(2026, 1, 2): False, date(2026, 1, 10): True})
ONE_DAY = timedelta(days=1)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- SPEC v2 §2, worked -------------------------------------------------------------------------------------


def test_record_with_an_explanation_due_on_the_monday():
    due = dl.decision_due(d("2026-01-31"), True, False, CAL)
    assert due.due == d("2026-03-02") and due.moved_from == d("2026-02-28")
    assert "Thứ Bảy" in due.moved_why and "Điều 148" in due.moved_why


def test_an_act_ended_on_a_saturday_is_sanctionable_until_the_monday():
    limit = dl.limitation_expires(1, d("2025-06-14"), d("2025-06-20"), CAL)
    assert limit.due == d("2026-06-15") and limit.moved_from == d("2026-06-14")
    assert limit.basis == "Điều 6 Luật Xử lý vi phạm hành chính"  # the rule moved, its basis kept


def test_a_complaint_after_ninety_days_on_a_saturday_is_on_time_on_the_monday():
    assert dl.complaint_filing_due(d("2026-03-01"), CAL).due == d("2026-06-01")


def test_the_ten_days_to_pay_do_not_move_and_the_late_fee_counts_from_the_saturday():
    due = dl.payment_due(d("2026-02-04"))
    assert due.due == d("2026-02-14") and due.moved_from is None  # a Saturday, not moved
    # 5,000,000 paid on 23/02: late from 15/02 to 22/02 = 8 days × 0.05 % = 20,000.
    assert accrued_late_fee([Tranche(due.due, 5_000_000)], [], d("2026-02-23")) == 20_000


def test_a_decision_on_monday_1_february_2027_is_lawful():
    """Recorded 31/12/2026 with an explanation: 1 month → Sun 31/01/2027 → Mon 01/02/2027 (the issue's case)."""
    due = dl.decision_due(d("2026-12-31"), True, False, CAL)
    assert due.due == d("2027-02-01")
    dl.check_not_time_barred(d("2027-02-01"), due.due, d("2027-12-31"))  # no refusal
    with pytest.raises(RuleViolation) as refused:
        dl.check_not_time_barred(d("2027-02-02"), due.due, d("2027-12-31"))
    assert refused.value.code == "decision_time_barred"


@pytest.mark.parametrize(
    ("last", "calendar", "due"),
    [
        ("2026-01-02", OFFICIAL, "2026-01-05"),  # the official day off of 2026, then a weekend
        ("2026-01-10", OFFICIAL, "2026-01-10"),  # a Saturday declared a working day: not moved
        ("2026-01-10", CAL, "2026-01-12"),  # the same Saturday without the declaration
        ("2026-02-14", CAL, "2026-02-23"),  # Sat before Tết 2026 (16–20 Feb), then the weekend
        ("2026-04-30", CAL, "2026-05-04"),  # 30/4, 1/5, the weekend
        ("2026-09-02", CAL, "2026-09-03"),  # National Day
        ("2026-03-03", CAL, "2026-03-03"),  # a working day stays
    ],
)
def test_the_next_working_day_of_the_calendar(last, calendar, due):
    moved = ending_on_a_working_day(Deadline(d(last), "x"), calendar)
    assert moved.due == d(due)
    assert (moved.moved_from is None) == (last == due)


@pytest.mark.parametrize(
    ("clock", "start", "raw", "due"),
    [
        (lambda s: dl.execution_expires(s, CAL), "2025-08-01", "2026-08-01", "2026-08-03"),  # Law Art. 74
        (lambda s: dl.correction_deadline(s, CAL), "2026-02-28", "2027-02-28", "2027-03-01"),  # D118 Art. 15
        (lambda s: dl.lawsuit_deadline(s, CAL), "2025-06-20", "2026-06-20", "2026-06-22"),  # LAP Art. 116
        (lambda s: dl.second_complaint_filing_due(s, CAL), "2026-04-01", "2026-05-01", "2026-05-04"),
        (lambda s: dl.complaint_resolution_due(s, CAL), "2026-03-05", "2026-04-04", "2026-04-06"),
        (lambda s: dl.complaint_acceptance_due(s, CAL), "2026-02-12", "2026-02-22", "2026-02-23"),  # 10 days
    ],
)
def test_every_clock_the_law_moves_moves(clock, start, raw, due):
    deadline = clock(d(start))
    assert deadline.due == d(due) and deadline.moved_from == d(raw)


# --- properties over 2025–2028 ---------------------------------------------------------------------------------


def _reference(day: date) -> date:
    """Day by day: the period's last day if it is a working day, else each following day until one is."""
    while not CAL.is_working_day(day):
        day += ONE_DAY
    return day


days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
CLOCKS = {
    "decision due, 1 month": (lambda s: dl.decision_due(s, True, False, CAL), lambda s: add_months(s, 1)),
    "decision due, 2 months": (lambda s: dl.decision_due(s, False, True, CAL), lambda s: add_months(s, 2)),
    "limitation, 1 year": (lambda s: dl.limitation_expires(1, s, s, CAL), lambda s: add_years(s, 1)),
    "limitation, 2 years": (lambda s: dl.limitation_expires(2, None, s, CAL), lambda s: add_years(s, 2)),
    "execution": (lambda s: dl.execution_expires(s, CAL), lambda s: add_years(s, 1)),
    "complaint": (lambda s: dl.complaint_filing_due(s, CAL), lambda s: add_days(s, 90)),
    "resolution": (lambda s: dl.complaint_resolution_due(s, CAL), lambda s: add_days(s, 30)),
    "lawsuit": (lambda s: dl.lawsuit_deadline(s, CAL), lambda s: add_years(s, 1)),
    "correction": (lambda s: dl.correction_deadline(s, CAL), lambda s: add_years(s, 1)),
}


@given(start=days, name=st.sampled_from(sorted(CLOCKS)))
def test_each_moved_clock_ends_where_the_day_by_day_reference_does(start, name):
    clock, raw = CLOCKS[name]
    deadline = clock(start)
    assert deadline.due == _reference(raw(start))
    assert CAL.is_working_day(deadline.due)
    assert (deadline.moved_from is None) == CAL.is_working_day(raw(start))
    if deadline.moved_from is not None:
        assert deadline.moved_from == raw(start) and deadline.moved_from.strftime("%d/%m/%Y") in deadline.moved_why


@given(start=days)
def test_the_days_to_pay_never_move(start):
    assert dl.payment_due(start).due == start + timedelta(days=10)
