"""Due dates of the procedure (SPEC §2; penalties.law.deadlines)."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from penalties.law import deadlines as dl
from penalties.law.calendar import WorkCalendar, add_months
from penalties.law.deadlines import CaseDeadlines, Deadline
from penalties.law.errors import RuleViolation

CAL = WorkCalendar()
ONE_DAY = timedelta(days=1)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("detected", "complex_", "due"),
    [
        ("2026-03-02", False, "2026-03-04"),  # Monday + 2 working days
        ("2026-03-02", True, "2026-03-09"),  # + 5 working days, over the weekend
        ("2026-02-12", False, "2026-02-23"),  # Thursday: Friday, then Tết 16–20 Feb is skipped
        ("2026-02-13", False, "2026-02-24"),  # Friday before Tết 2026
        ("2026-02-13", True, "2026-02-27"),
        ("2026-03-07", False, "2026-03-10"),  # detected on a Saturday
    ],
)
def test_record_due(detected: str, complex_: bool, due: str) -> None:
    deadline = dl.record_due(d(detected), complex_, CAL)
    assert deadline.due == d(due)
    assert "Điều 12 khoản 2 Nghị định 118/2021/NĐ-CP" in deadline.basis


@pytest.mark.parametrize(
    ("recorded", "needs_explanation", "very_complex", "due"),
    [
        ("2026-03-02", False, False, "2026-03-11"),  # SPEC §2: record + 7 working days
        ("2026-03-02", True, False, "2026-04-02"),  # + 1 month
        ("2026-03-02", False, True, "2026-05-04"),  # + 2 months, Sat 2 May: Mon 4 May (BLDS Art. 148(5))
        ("2026-03-02", True, True, "2026-05-04"),  # the longer period wins
        ("2026-02-13", False, False, "2026-03-03"),  # Friday before Tết 2026
        ("2026-02-10", False, False, "2026-02-26"),
        ("2026-03-04", False, False, "2026-03-13"),  # a Friday
        ("2025-04-26", False, False, "2025-05-09"),  # a working Saturday; 30/4, 1/5 and the 2/5 swap day off
        ("2026-01-31", True, False, "2026-03-02"),  # SPEC v2 worked: Sat 28 Feb (no 31 Feb) → Mon 2 Mar
        ("2025-12-31", False, True, "2026-03-02"),
        ("2027-12-29", True, False, "2028-01-31"),  # Sat 29 Jan 2028, in Tết → Mon 31 Jan
        ("2026-12-31", True, False, "2027-02-01"),  # Sun 31 Jan 2027 → Mon 1 Feb (the example)
        ("2027-12-31", False, True, "2028-02-29"),  # leap year
    ],
)
def test_decision_due(recorded: str, needs_explanation: bool, very_complex: bool, due: str) -> None:
    deadline = dl.decision_due(d(recorded), needs_explanation, very_complex, CAL)
    assert deadline.due == d(due)
    assert deadline.basis.startswith("Điều 66 khoản 1 Luật Xử lý vi phạm hành chính")
    assert "năm 2020" in deadline.basis


@pytest.mark.parametrize(
    ("ended", "detected", "years", "expires"),
    [
        ("2025-06-10", "2025-12-01", 1, "2026-06-10"),  # SPEC §2 worked example
        (None, "2025-06-10", 1, "2026-06-10"),  # ongoing: from detection
        ("2025-08-01", "2025-06-10", 1, "2026-06-10"),  # still ongoing when detected
        (
            "2024-03-01",
            "2024-03-05",
            2,
            "2026-03-02",
        ),  # Sun 1 Mar 2026 → Mon  # construction, environment, land: 2 years
        ("2024-02-29", "2024-03-05", 1, "2025-02-28"),  # leap day, common year after
        ("2024-02-29", "2024-03-05", 2, "2026-03-02"),  # Sat 28 Feb 2026 is a day off: Mon 2 Mar (BLDS Art. 148(5))
        ("2027-02-28", "2027-03-01", 1, "2028-02-28"),  # not 29 February 2028
        (None, "2028-02-29", 1, "2029-02-28"),
        (None, "2028-02-29", 4, "2032-03-01"),  # Sun 29 Feb 2032 → Mon 1 Mar
        ("2026-02-20", "2026-02-20", 1, "2027-02-22"),  # Sat 20 Feb 2027 → Mon 22 Feb (SPEC v2 §2)
        ("2025-06-14", "2025-06-20", 1, "2026-06-15"),  # SPEC v2 worked example: Sun 14 Jun 2026 → Mon 15 Jun
    ],
)
def test_limitation_expires(ended: str | None, detected: str, years: int, expires: str) -> None:
    deadline = dl.limitation_expires(years, None if ended is None else d(ended), d(detected), CAL)
    assert deadline.due == d(expires) and deadline.basis == "Điều 6 Luật Xử lý vi phạm hành chính"


def test_limitation_for_each_keeps_the_order() -> None:
    violations = [(2, d("2025-01-01")), (1, d("2025-06-10")), (1, None)]
    dues = [deadline.due for deadline in dl.limitation_for_each(violations, d("2026-03-02"), CAL)]
    assert dues == [d("2027-01-04"), d("2026-06-10"), d("2027-03-02")]  # 1 Jan 2027 is New Year's Day


# --- the time bar (Law Art. 65(1)) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "due", "limitation", "refused", "named"),
    [
        ("2026-03-11", "2026-03-11", "2026-06-10", False, None),  # the due day itself
        ("2026-03-12", "2026-03-11", "2026-06-10", True, "11/03/2026"),  # the day after
        ("2026-06-10", "2026-07-10", "2026-06-10", False, None),  # last day of the limitation
        ("2026-06-11", "2026-07-10", "2026-06-10", True, "10/06/2026"),
        ("2026-03-02", "2026-03-11", "2026-06-10", False, None),
        ("2026-03-14", "2026-03-13", "2026-06-10", True, "13/03/2026"),  # the Saturday after is late too
    ],
)
def test_check_not_time_barred(decided: str, due: str, limitation: str, refused: bool, named: str | None) -> None:
    if not refused:
        dl.check_not_time_barred(d(decided), d(due), d(limitation))
        return
    with pytest.raises(RuleViolation) as caught:
        dl.check_not_time_barred(d(decided), d(due), d(limitation))
    err = caught.value
    assert err.code == "decision_time_barred"
    assert named in err.message
    assert err.article.startswith("Điều 65 khoản 1")
    assert unicodedata.is_normalized("NFC", err.message)


def test_time_bar_names_both_dates_when_both_passed() -> None:
    with pytest.raises(RuleViolation) as caught:
        dl.check_not_time_barred(d("2026-07-01"), d("2026-03-11"), d("2026-06-10"))
    assert "thời hiệu xử phạt đã hết sau ngày 10/06/2026" in caught.value.message
    assert "thời hạn ra quyết định xử phạt đã hết sau ngày 11/03/2026" in caught.value.message


# --- a case's clocks ---------------------------------------------------------------------------


def test_case_deadlines_take_the_earliest_live_limitation() -> None:
    got = dl.case_deadlines(
        detected_on=d("2026-03-02"),
        recorded_on=d("2026-03-02"),
        violations=[(2, d("2025-01-01")), (1, d("2025-06-10"))],
        needs_explanation=False,
        very_complex=False,
        complex_record=False,
        calendar=CAL,
    )
    assert isinstance(got, CaseDeadlines)
    assert got.record_due.due == d("2026-03-04")
    assert got.decision_due.due == d("2026-03-11")
    assert got.limitation_expires.due == d("2026-06-10")


def test_case_deadlines_skip_an_expired_violation() -> None:
    violations = [(1, d("2025-01-01")), (2, d("2025-01-01"))]  # the 1-year act expired on 2026-01-01
    got = dl.case_deadlines(d("2026-03-02"), d("2026-03-02"), violations, True, False, True, CAL)
    assert got.limitation_expires.due == d("2027-01-04")  # 1 Jan 2027: New Year's Day, then a weekend
    assert got.decision_due.due == d("2026-04-02")
    assert got.record_due.due == d("2026-03-09")


@pytest.mark.parametrize(("recorded", "refused"), [("2026-03-02", False), ("2026-03-03", True)])
def test_case_recorded_on_the_last_day_of_the_limitation(recorded: str, refused: bool) -> None:
    args = (d("2026-03-02"), d(recorded), [(1, d("2025-03-02"))], False, False, False, CAL)
    if not refused:
        assert dl.case_deadlines(*args).limitation_expires.due == d("2026-03-02")
        return
    with pytest.raises(RuleViolation) as caught:
        dl.case_deadlines(*args)
    assert caught.value.code == "limitation_expired"
    assert caught.value.article == "Điều 6 Luật Xử lý vi phạm hành chính"
    assert "02/03/2026" in caught.value.message


def test_case_with_every_violation_expired_is_refused() -> None:
    violations = [(1, d("2024-12-31")), (2, d("2023-06-01"))]
    with pytest.raises(RuleViolation) as caught:
        dl.case_deadlines(d("2026-03-02"), d("2026-03-02"), violations, False, False, False, CAL)
    assert caught.value.code == "limitation_expired"
    assert "31/12/2025" in caught.value.message  # the latest expiry, not the 2-year act's 01/06/2025


def test_case_needs_a_violation() -> None:
    with pytest.raises(ValueError):
        dl.case_deadlines(d("2026-03-02"), d("2026-03-02"), [], False, False, False, CAL)


# --- after the decision ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "due", "working_days"),
    [
        ("2025-06-27", "2025-07-01", 2),  # Friday, old rule
        ("2025-06-30", "2025-07-02", 2),  # last day of the 2-day rule
        ("2025-07-01", "2025-07-04", 3),  # Law 88/2025 [U]
        ("2026-02-12", "2026-02-24", 3),
        ("2026-02-13", "2026-02-25", 3),  # Friday before Tết 2026
    ],
)
def test_delivery_due(issued: str, due: str, working_days: int) -> None:
    deadline = dl.delivery_due(d(issued), CAL)
    assert deadline.due == d(due)
    assert CAL.working_days_between(d(issued), deadline.due) == working_days
    assert deadline.basis.startswith("Điều 70 Luật Xử lý vi phạm hành chính")


@pytest.mark.parametrize(
    ("delivered", "period", "due"),
    [
        ("2026-03-01", None, "2026-03-11"),  # SPEC §2 worked example
        ("2026-03-01", 10, "2026-03-11"),
        ("2026-03-01", 15, "2026-03-16"),  # a longer period written in the decision
        ("2026-03-04", None, "2026-03-14"),  # a Saturday: calendar days are not moved
        ("2026-02-10", None, "2026-02-20"),  # inside Tết: not moved
        ("2028-02-25", None, "2028-03-06"),  # over the leap day
    ],
)
def test_payment_due(delivered: str, period: int | None, due: str) -> None:
    deadline = dl.payment_due(d(delivered), period)
    assert deadline.due == d(due)
    assert "Điều 73" in deadline.basis


def test_payment_period_shorter_than_the_law_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        dl.payment_due(d("2026-03-01"), 9)
    assert caught.value.code == "payment_period_too_short"
    assert "Điều 73" in caught.value.article


@pytest.mark.parametrize(
    ("issued", "expires"),
    [
        ("2025-03-10", "2026-03-10"),  # law-research §8.4: not executed after 10/03/2026
        ("2024-02-29", "2025-02-28"),
        ("2027-02-28", "2028-02-28"),
    ],
)
def test_execution_expires(issued: str, expires: str) -> None:
    assert dl.execution_expires(d(issued), CAL).due == d(expires)
    assert "Điều 74" in dl.execution_expires(d(issued), CAL).basis


def test_correction_deadline() -> None:
    assert dl.correction_deadline(d("2026-03-10"), CAL) == Deadline(d("2027-03-10"), "Điều 15 Nghị định 118/2021/NĐ-CP")
    assert dl.correction_deadline(d("2026-03-10"), CAL, d("2026-06-10")).due == d("2026-06-10")
    assert dl.correction_deadline(d("2026-03-10"), CAL, d("2028-01-01")).due == d("2027-03-10")
    assert dl.correction_deadline(d("2026-02-28"), CAL).due == d("2027-03-01")  # Sun 28 Feb 2027 → Mon


# --- complaints and lawsuits -------------------------------------------------------------------


def test_complaint_filing_due() -> None:
    # SPEC v2 worked example: 90 days end Sat 30 May 2026 → on time up to Mon 1 Jun.
    deadline = dl.complaint_filing_due(d("2026-03-01"), CAL)
    assert deadline.due == d("2026-06-01") and deadline.moved_from == d("2026-05-30")
    assert "Thứ Bảy" in deadline.moved_why and "Điều 148" in deadline.moved_why


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-06-26", "2026-07-06"),  # 10 days, a Monday
        ("2026-06-30", "2026-07-10"),  # last day of the old rule
        ("2026-07-01", "2026-07-10"),  # 7 working days
        ("2026-07-03", "2026-07-14"),  # Friday: 7 working days, where 10 days would give 13 July
    ],
)
def test_complaint_acceptance_due(received: str, due: str) -> None:
    assert dl.complaint_acceptance_due(d(received), CAL).due == d(due)


@pytest.mark.parametrize(
    ("level", "complex_", "remote", "due"),
    [
        (1, False, False, "2026-04-01"),  # 30 days
        (1, True, False, "2026-04-16"),  # 45
        (1, False, True, "2026-04-16"),  # 45
        (1, True, True, "2026-05-04"),  # 60 → Fri 1 May 2026 is Labour Day: Mon 4 May
        (2, False, False, "2026-04-16"),  # 45
        (2, True, False, "2026-05-04"),  # 60, moved as above
        (2, True, True, "2026-05-11"),  # 70
    ],
)
def test_complaint_resolution_due(level: int, complex_: bool, remote: bool, due: str) -> None:
    deadline = dl.complaint_resolution_due(d("2026-03-02"), CAL, level, complex_, remote)
    assert deadline.due == d(due)
    assert ("Điều 28" if level == 1 else "Điều 37") in deadline.basis


def test_complaint_level_is_1_or_2() -> None:
    with pytest.raises(ValueError):
        dl.complaint_resolution_due(d("2026-03-02"), CAL, 3)


def test_second_complaint_filing_due() -> None:
    assert dl.second_complaint_filing_due(d("2026-04-01"), CAL).due == d("2026-05-04")  # 1 May: Labour Day
    assert dl.second_complaint_filing_due(d("2026-04-01"), CAL, remote=True).due == d("2026-05-18")  # Sat 16 May


def test_lawsuit_deadline() -> None:
    assert dl.lawsuit_deadline(d("2026-03-01"), CAL).due == d("2027-03-01")
    assert dl.lawsuit_deadline(d("2026-03-01"), CAL, d("2026-04-01")).due == d("2027-04-01")
    assert dl.lawsuit_deadline(d("2028-02-29"), CAL).due == d("2029-02-28")
    assert dl.lawsuit_deadline(d("2025-06-20"), CAL).due == d("2026-06-22")  # Sat 20 Jun 2026 → Mon
    assert "Điều 116" in dl.lawsuit_deadline(d("2026-03-01"), CAL).basis


def test_deadlines_before_2022_are_not_computed() -> None:
    with pytest.raises(RuleViolation) as caught:
        dl.decision_due(d("2021-12-31"), False, False, CAL)
    assert caught.value.code == "rule_not_in_force"


def test_deadline_is_frozen() -> None:
    deadline = dl.payment_due(d("2026-03-01"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due = d("2026-03-12")  # type: ignore[misc]


# --- properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2022, 1, 1), max_value=date(2028, 12, 31))


def _on_a_working_day(day: date) -> date:
    """The day-by-day reference of Civil Code Art. 148(5): walk on from the period's last day to a working day."""
    while not CAL.is_working_day(day):
        day += ONE_DAY
    return day


def _same_day_years_later(start: date, years: int) -> date:
    """Civil Code Art. 148, written independently of add_years: 29 Feb falls back to 28 Feb."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 2, 28)


@given(
    ended=days,
    to_detection=st.integers(0, 900),
    to_record=st.integers(0, 10),
    years=st.sampled_from([1, 2]),
    needs_explanation=st.booleans(),
    very_complex=st.booleans(),
    to_decision=st.integers(0, 120),
)
def test_decision_refused_iff_past_due_or_limitation(
    ended: date,
    to_detection: int,
    to_record: int,
    years: int,
    needs_explanation: bool,
    very_complex: bool,
    to_decision: int,
) -> None:
    detected = ended + timedelta(days=to_detection)
    recorded = detected + timedelta(days=to_record)
    limitation = _on_a_working_day(_same_day_years_later(ended, years))
    assume(recorded <= limitation)
    case = dl.case_deadlines(detected, recorded, [(years, ended)], needs_explanation, very_complex, False, CAL)
    assert case.limitation_expires.due == limitation
    decided = recorded + timedelta(days=to_decision)
    if very_complex or needs_explanation:
        late = decided > _on_a_working_day(add_months(recorded, 2 if very_complex else 1))
    else:
        # Late once the 7th working day is over, even on a day off that follows it (SPEC §2).
        counted = CAL.working_days_between(recorded, decided)
        late = counted > 7 or (counted == 7 and not CAL.is_working_day(decided))
    refused = late or decided > limitation
    try:
        dl.check_not_time_barred(decided, case.decision_due.due, case.limitation_expires.due)
    except RuleViolation:
        assert refused
    else:
        assert not refused


@given(ended=days, years=st.sampled_from([1, 2]), after=st.integers(-3, 3))
def test_case_refused_iff_recorded_after_the_limitation(ended: date, years: int, after: int) -> None:
    last = _on_a_working_day(_same_day_years_later(ended, years))
    recorded = _same_day_years_later(ended, years) + timedelta(days=after)
    args = (ended, recorded, [(years, ended)], False, False, False, CAL)
    if recorded <= last:
        assert dl.case_deadlines(*args).limitation_expires.due == last
    else:
        with pytest.raises(RuleViolation):
            dl.case_deadlines(*args)


@given(start=days, complex_=st.booleans())
def test_record_due_is_a_working_day_the_right_count_away(start: date, complex_: bool) -> None:
    due = dl.record_due(start, complex_, CAL).due
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(start, due) == (5 if complex_ else 2)
    assert CAL.working_days_between(start, due - ONE_DAY) < (5 if complex_ else 2)
