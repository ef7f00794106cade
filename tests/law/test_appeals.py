"""Complaints and lawsuits: time bars and due dates (SPEC §2; Law on Complaints 2011; LAP 2015 Art. 116)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law.appeals import AppealDates, check_filing, due_dates
from penalties.law.calendar import WorkCalendar
from penalties.law.errors import RuleViolation
from penalties.law.parameters import parameter, value_on

CAL = WorkCalendar()


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _filing(kind="complaint", level=1, filed="2026-05-30", delivered="2026-03-01", resolved=None, due=None, **kw):
    return check_filing(
        kind=kind,
        level=level,
        filed_on=d(filed),
        delivered_on=d(delivered),
        calendar=CAL,
        first_resolved_on=d(resolved),
        first_resolve_due=d(due),
        **kw,
    )


# --- filing: time bars -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "level", "filed", "delivered", "resolved", "due", "remote", "last_day"),
    [
        # First complaint: 90 days from delivery (Complaints Art. 9).
        ("complaint", 1, "2026-06-01", "2026-03-01", None, None, False, "2026-06-01"),  # Sat 30 May → Mon 1 Jun
        ("complaint", 1, "2026-03-01", "2026-03-01", None, None, False, "2026-06-01"),  # on the day of delivery
        ("complaint", 1, "2027-01-01", None, None, None, False, None),  # never delivered: no clock
        ("complaint", 1, "2028-05-29", "2028-02-29", None, None, False, "2028-05-29"),  # leap year
        # Second complaint: 30 days (45 remote) after the first-level decision or its due date (Art. 33).
        ("complaint", 2, "2026-05-04", "2026-03-01", "2026-04-01", None, False, "2026-05-04"),  # 1 May: Labour Day
        ("complaint", 2, "2026-04-01", "2026-03-01", "2026-04-01", None, False, "2026-05-04"),  # the decision day
        ("complaint", 2, "2026-05-18", "2026-03-01", "2026-04-01", None, True, "2026-05-18"),  # Sat 16 May → Mon
        ("complaint", 2, "2026-04-02", "2026-03-01", None, "2026-04-01", False, "2026-05-04"),
        ("complaint", 2, "2026-05-01", "2026-03-01", "2026-04-10", "2026-04-01", False, "2026-05-11"),  # late answer
        # Lawsuit: 1 year from delivery, or from the complaint decision or its due date (LAP Art. 116).
        ("lawsuit", None, "2027-03-01", "2026-03-01", None, None, False, "2027-03-01"),
        ("lawsuit", None, "2027-06-15", "2026-03-01", "2026-06-15", None, False, "2027-06-15"),
        ("lawsuit", None, "2027-07-01", "2026-03-01", None, "2026-07-01", False, "2027-07-01"),
        ("lawsuit", None, "2027-03-01", "2026-03-01", "2026-02-01", None, False, "2027-03-01"),  # the latest start
        ("lawsuit", None, "2027-06-15", None, "2026-06-15", None, False, "2027-06-15"),
        ("lawsuit", None, "2030-01-01", None, None, None, False, None),
        ("lawsuit", None, "2029-02-28", "2028-02-29", None, None, False, "2029-02-28"),  # leap day
    ],
)
def test_filing_on_time(kind, level, filed, delivered, resolved, due, remote, last_day):
    assert _filing(kind, level, filed, delivered, resolved, due, remote=remote) == d(last_day)


@pytest.mark.parametrize(
    ("kind", "level", "filed", "delivered", "resolved", "due", "remote", "last_day", "article"),
    [
        ("complaint", 1, "2026-06-02", "2026-03-01", None, None, False, "01/06/2026", "Điều 9 Luật Khiếu nại"),
        ("complaint", 2, "2026-05-05", "2026-03-01", "2026-04-01", None, False, "04/05/2026", "Điều 33"),
        ("complaint", 2, "2026-05-19", "2026-03-01", "2026-04-01", None, True, "18/05/2026", "Điều 33"),
        ("complaint", 2, "2026-05-05", "2026-03-01", None, "2026-04-01", False, "04/05/2026", "Điều 33"),
        ("lawsuit", None, "2027-03-02", "2026-03-01", None, None, False, "01/03/2027", "Điều 116"),
        ("lawsuit", None, "2027-07-02", "2026-03-01", None, "2026-07-01", False, "01/07/2027", "Điều 116"),
        ("lawsuit", None, "2029-03-01", "2028-02-29", None, None, False, "28/02/2029", "Điều 116"),
    ],
)
def test_filing_too_late(kind, level, filed, delivered, resolved, due, remote, last_day, article):
    with pytest.raises(RuleViolation) as caught:
        _filing(kind, level, filed, delivered, resolved, due, remote=remote)
    assert caught.value.code == "appeal_time_barred"
    assert caught.value.field == "filed_on"
    assert last_day in caught.value.message
    assert article in caught.value.article
    assert unicodedata.is_normalized("NFC", caught.value.message)


@pytest.mark.parametrize(
    ("kind", "level", "resolved", "due", "code", "field"),
    [
        ("complaint", 2, None, None, "appeal_level_invalid", "level"),  # no first complaint
        ("complaint", 3, None, None, "appeal_level_invalid", "level"),
        ("complaint", 0, None, None, "appeal_level_invalid", "level"),
        ("complaint", None, None, None, "appeal_level_invalid", "level"),
        ("lawsuit", 1, None, None, "appeal_level_invalid", "level"),
        ("denunciation", None, None, None, "appeal_kind_invalid", "kind"),
        ("", 1, None, None, "appeal_kind_invalid", "kind"),
        # The first level is still running (due 01/04/2026, no decision yet): too early for a second complaint.
        ("complaint", 2, None, "2026-04-01", "appeal_premature", "level"),
        ("complaint", 2, None, "2026-04-10", "appeal_premature", "level"),
    ],
)
def test_filing_refused_for_kind_or_level(kind, level, resolved, due, code, field):
    with pytest.raises(RuleViolation) as caught:
        _filing(kind, level, "2026-04-01", "2026-03-01", resolved, due)
    assert caught.value.code == code
    assert caught.value.field == field
    assert caught.value.article


def test_a_second_complaint_needs_a_first_one():
    with pytest.raises(RuleViolation) as caught:
        _filing(level=2, filed="2026-04-01")
    assert caught.value.message.startswith("Chưa có khiếu nại lần đầu")


def _on_a_working_day(day: date) -> date:
    """The day-by-day reference of Civil Code Art. 148(5): walk on from the period's last day to a working day."""
    while not CAL.is_working_day(day):
        day += timedelta(days=1)
    return day


@given(st.dates(date(2025, 1, 1), date(2028, 12, 31)), st.integers(-10, 500))
def test_a_first_complaint_is_late_exactly_after_90_days_or_the_working_day_after(delivered, days):
    filed = delivered + timedelta(days=days)
    last = _on_a_working_day(delivered + timedelta(days=90))
    if filed <= last:
        assert _filing(filed=filed.isoformat(), delivered=delivered.isoformat()) == last
    else:
        with pytest.raises(RuleViolation):
            _filing(filed=filed.isoformat(), delivered=delivered.isoformat())


# --- due dates: acceptance and resolution ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "filed", "accepted", "complex_", "remote", "accept_due", "resolve_due", "article"),
    [
        (1, "2026-03-02", None, False, False, "2026-03-12", "2026-04-13", "Điều 28"),  # 10 days, then 30 days
        (1, "2026-03-02", "2026-03-05", False, False, "2026-03-12", "2026-04-06", "Điều 28"),  # Sat 4 Apr → Mon
        (1, "2026-03-02", "2026-03-02", True, False, "2026-03-12", "2026-04-16", "Điều 28"),  # 45
        (1, "2026-03-02", "2026-03-02", False, True, "2026-03-12", "2026-04-16", "Điều 28"),  # 45
        (1, "2026-03-02", "2026-03-02", True, True, "2026-03-12", "2026-05-04", "Điều 28"),  # 60; 1 May off
        (2, "2026-03-02", "2026-03-02", False, False, "2026-03-12", "2026-04-16", "Điều 37"),  # 45
        (2, "2026-03-02", "2026-03-02", True, False, "2026-03-12", "2026-05-04", "Điều 37"),  # 60; 1 May off
        (2, "2026-03-02", "2026-03-02", True, True, "2026-03-12", "2026-05-11", "Điều 37"),  # 70
        (1, "2026-06-30", None, False, False, "2026-07-10", "2026-08-10", "Điều 28"),  # last day of 10 days
        (1, "2026-07-03", None, False, False, "2026-07-14", "2026-08-13", "Điều 28"),  # 7 working days
        # Calendar days over Tết: 10 days end Sun 22 Feb → accepted by Mon 23 Feb, then 30 days → Wed 25 Mar.
        (1, "2026-02-12", None, False, False, "2026-02-23", "2026-03-25", "Điều 28"),
    ],
)
def test_complaint_due_dates(level, filed, accepted, complex_, remote, accept_due, resolve_due, article):
    dates = due_dates(
        kind="complaint",
        level=level,
        filed_on=d(filed),
        calendar=CAL,
        accepted_on=d(accepted),
        complex=complex_,
        remote=remote,
        filing_due=d("2026-09-30"),
    )
    assert dates == AppealDates(d("2026-09-30"), d(accept_due), d(resolve_due), dates.reference)
    assert article in dates.reference


@pytest.mark.parametrize(
    ("filed", "accepted", "resolve_due"),
    [
        ("2026-03-02", None, "2026-07-02"),  # 4 months
        ("2026-03-02", "2026-03-10", "2026-07-10"),  # from the court's acceptance
        ("2026-10-31", None, "2027-02-28"),  # the month's last day
    ],
)
def test_lawsuit_due_dates(filed, accepted, resolve_due):
    dates = due_dates(kind="lawsuit", level=None, filed_on=d(filed), calendar=CAL, accepted_on=d(accepted))
    assert dates == AppealDates(None, None, d(resolve_due), "Điều 130 Luật Tố tụng hành chính 2015")


def test_lawsuit_preparation_is_an_indicative_value():
    assert value_on("lawsuit_preparation_months", d("2026-03-02")) == 4
    assert [version.confirmed for version in parameter("lawsuit_preparation_months").versions] == [False]


@pytest.mark.parametrize(
    ("kind", "level", "code"),
    [("complaint", 3, "appeal_level_invalid"), ("lawsuit", 2, "appeal_level_invalid"), ("x", 1, "appeal_kind_invalid")],
)
def test_due_dates_refuse_a_wrong_kind_or_level(kind, level, code):
    with pytest.raises(RuleViolation) as caught:
        due_dates(kind=kind, level=level, filed_on=d("2026-03-02"), calendar=CAL)
    assert caught.value.code == code


@given(st.dates(date(2022, 1, 1), date(2030, 1, 1)), st.sampled_from([1, 2]), st.booleans(), st.booleans())
def test_a_complaint_is_resolved_after_it_is_accepted(filed, level, complex_, remote):
    dates = due_dates(kind="complaint", level=level, filed_on=filed, calendar=CAL, complex=complex_, remote=remote)
    assert filed < dates.accept_due < dates.resolve_due
    both, either = complex_ and remote, complex_ or remote
    days = {1: 60 if both else 45 if either else 30, 2: 70 if both else 60 if either else 45}[level]
    assert dates.resolve_due == _on_a_working_day(dates.accept_due + timedelta(days=days))
    assert CAL.is_working_day(dates.accept_due) and CAL.is_working_day(dates.resolve_due)
