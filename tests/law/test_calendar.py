"""Working days and day counting (SPEC §2; Civil Code Art. 147–148; penalties.law.calendar)."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penalties.law.calendar import WorkCalendar, add_days, add_months, add_years, days_between

CAL = WorkCalendar()


def d(text: str) -> date:
    return date.fromisoformat(text)


# Days off the module docstring relies on (holidays 0.109, Labour Code 2019 Art. 111–112).
@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-02-13", True),  # Friday before Tết 2026
        ("2026-02-16", False),  # Lunar New Year's Eve
        ("2026-02-17", False),  # Tết Nguyên Đán
        ("2026-02-20", False),  # fourth day of Tết
        ("2026-02-23", True),  # first working day after Tết 2026
        ("2026-04-27", False),  # Hùng Kings (Sun 26) observed on Monday
        ("2026-04-30", False),
        ("2026-05-01", False),
        ("2026-05-04", True),
        ("2026-08-22", True),  # Saturday worked in exchange for Mon 31 Aug (listed by `holidays`)
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
        ("2026-09-03", True),
        ("2027-02-03", True),
        ("2027-02-04", False),  # 29 Tết, substitute for Sat 6 Feb
        ("2027-02-06", False),  # Tết Nguyên Đán 2027 (Saturday)
        ("2027-02-10", False),  # substitute for Sun 7 Feb
        ("2027-02-11", True),
        ("2027-05-03", False),  # 1/5 (Saturday) observed on Monday
        ("2027-09-02", False),
        ("2027-09-03", False),
        ("2027-09-06", True),
        ("2028-02-29", True),  # leap day, a Tuesday
        ("2026-03-07", False),  # an ordinary Saturday
        ("2026-03-08", False),  # an ordinary Sunday
    ],
)
def test_is_working_day(day: str, working: bool) -> None:
    assert CAL.is_working_day(d(day)) is working


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-02-17", "Tết Nguyên Đán"),
        ("2027-02-06", "Tết Nguyên Đán"),
        ("2026-09-02", "Quốc khánh"),
        ("2026-03-02", None),
        ("2026-03-07", None),
    ],
)
def test_holiday_name(day: str, name: str | None) -> None:
    assert CAL.holiday_name(d(day)) == name


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-03-02", 7, "2026-03-11"),  # SPEC §2: decision due = record (Monday) + 7 working days
        ("2026-03-06", 1, "2026-03-09"),  # Friday → Monday
        ("2026-03-07", 1, "2026-03-09"),  # an event on Saturday: the period starts the next day
        ("2026-02-12", 1, "2026-02-13"),
        ("2026-02-12", 2, "2026-02-23"),  # across Tết 2026
        ("2026-02-13", 1, "2026-02-23"),  # Friday before Tết 2026
        ("2026-02-10", 7, "2026-02-26"),
        ("2027-01-29", 7, "2027-02-16"),  # Friday, across Tết 2027
        ("2027-02-03", 1, "2027-02-11"),
        ("2026-04-24", 1, "2026-04-28"),  # over the observed Hùng Kings day
        ("2026-04-29", 1, "2026-05-04"),  # over 30/4–1/5 2026
        ("2027-04-29", 1, "2027-05-04"),  # over 30/4–1/5 2027 and the substitute Monday
        ("2026-08-21", 1, "2026-08-22"),  # the working Saturday counts
        ("2026-08-28", 1, "2026-09-03"),  # over 31/8–2/9 2026
        ("2027-09-01", 1, "2027-09-06"),  # over 2/9–3/9 2027
        ("2028-02-28", 1, "2028-02-29"),  # leap day is a working day
        ("2026-12-31", 2, "2027-01-05"),  # over New Year's Day 2027 (Friday)
    ],
)
def test_add_working_days(start: str, n: int, due: str) -> None:
    assert CAL.add_working_days(d(start), n) == d(due)


@pytest.mark.parametrize("n", [0, -1])
def test_add_working_days_needs_a_positive_count(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_working_days(d("2026-03-02"), n)


def test_due_day_is_on_time_and_the_day_after_is_not() -> None:
    record, due = d("2026-03-02"), d("2026-03-11")
    assert CAL.working_days_between(record, due) == 7
    assert CAL.working_days_between(record, due - timedelta(days=1)) == 6
    assert CAL.working_days_between(record, due + timedelta(days=1)) == 8


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        ("2026-03-02", "2026-03-02", 0),
        ("2026-03-02", "2026-03-01", 0),
        ("2026-03-06", "2026-03-08", 0),  # Friday → Sunday: the start never counts
        ("2026-02-13", "2026-02-22", 0),  # all of Tết 2026
        ("2026-02-13", "2026-02-23", 1),
        ("2027-02-03", "2027-02-11", 1),  # all of Tết 2027
    ],
)
def test_working_days_between(a: str, b: str, count: int) -> None:
    assert CAL.working_days_between(d(a), d(b)) == count


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-02", "2026-03-02"),  # a working day is itself
        ("2026-03-07", "2026-03-09"),
        ("2026-02-14", "2026-02-23"),
        ("2027-02-06", "2027-02-11"),
    ],
)
def test_next_working_day(day: str, expected: str) -> None:
    assert CAL.next_working_day(d(day)) == d(expected)


def test_override_saturday_made_working_counts() -> None:
    cal = WorkCalendar(overrides={d("2026-03-07"): True})
    assert cal.is_working_day(d("2026-03-07"))
    assert cal.add_working_days(d("2026-03-06"), 1) == d("2026-03-07")
    assert cal.working_days_between(d("2026-03-06"), d("2026-03-09")) == 2


def test_override_weekday_made_day_off_is_skipped() -> None:
    cal = WorkCalendar(overrides={d("2026-03-03"): False})
    assert not cal.is_working_day(d("2026-03-03"))
    assert cal.add_working_days(d("2026-03-02"), 1) == d("2026-03-04")
    assert cal.add_working_days(d("2026-03-02"), 7) == d("2026-03-12")


def test_override_wins_over_the_package() -> None:
    cal = WorkCalendar(overrides={d("2026-08-22"): False, d("2026-02-20"): True})
    assert not cal.is_working_day(d("2026-08-22"))
    assert cal.is_working_day(d("2026-02-20"))
    assert cal.holiday_name(d("2026-02-20")) is not None  # still named, but worked


def test_overrides_are_copied() -> None:
    overrides = {d("2026-03-03"): False}
    cal = WorkCalendar(overrides=overrides)
    overrides[d("2026-03-03")] = True
    assert not cal.is_working_day(d("2026-03-03"))
    assert cal == WorkCalendar(overrides={d("2026-03-03"): False})


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("2026-03-01", 10, "2026-03-11"),  # SPEC §2 worked example: payment due = delivery + 10 days
        ("2026-03-01", 6, "2026-03-07"),  # a calendar-day due date on a Saturday is NOT moved
        ("2026-02-10", 10, "2026-02-20"),  # nor one inside Tết
        ("2028-02-28", 1, "2028-02-29"),
        ("2028-02-29", 1, "2028-03-01"),
        ("2027-02-28", 1, "2027-03-01"),
    ],
)
def test_add_days(start: str, n: int, end: str) -> None:
    assert add_days(d(start), n) == d(end)
    assert days_between(d(start), d(end)) == n
    assert days_between(d(end), d(start)) == -n


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("2026-01-31", 1, "2026-02-28"),  # SPEC §2: the month's last day when it has no such day
        ("2028-01-31", 1, "2028-02-29"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-08-31", 1, "2026-09-30"),
        ("2026-11-30", 3, "2027-02-28"),
        ("2026-12-15", 2, "2027-02-15"),
        ("2026-03-02", 1, "2026-04-02"),  # decision due for needs_explanation: record + 1 month
        ("2026-03-02", 2, "2026-05-02"),  # very_complex: record + 2 months (a Saturday, not moved)
        ("2028-02-29", 1, "2028-03-29"),
        ("2026-01-15", 0, "2026-01-15"),
    ],
)
def test_add_months(start: str, n: int, end: str) -> None:
    assert add_months(d(start), n) == d(end)


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("2025-06-10", 1, "2026-06-10"),  # SPEC §2: limitation ends on the same day a year later
        ("2024-02-29", 1, "2025-02-28"),
        ("2028-02-29", 1, "2029-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2026-03-02", 2, "2028-03-02"),
    ],
)
def test_add_years(start: str, n: int, end: str) -> None:
    assert add_years(d(start), n) == d(end)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
# The first look at a year loads its `holidays` data (~0.1 s cold): no per-example deadline.
no_deadline = settings(deadline=None)


@no_deadline
@given(dates, st.integers(1, 300))
def test_add_working_days_properties(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert due > start
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(start, due - timedelta(days=1)) == n - 1


@no_deadline
@given(dates)
def test_next_working_day_properties(day: date) -> None:
    nxt = CAL.next_working_day(day)
    assert nxt >= day
    assert CAL.is_working_day(nxt)
    assert CAL.working_days_between(day, nxt - timedelta(days=1)) == 0


@given(dates, st.integers(-240, 240))
def test_add_months_properties(start: date, n: int) -> None:
    end = add_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    last_day = stdlib_calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(start.day, last_day)
    assert end.day <= start.day


@given(dates, st.integers(-50, 50))
def test_add_years_is_twelve_months(start: date, n: int) -> None:
    assert add_years(start, n) == add_months(start, 12 * n)
    assert add_years(start, n).year == start.year + n
