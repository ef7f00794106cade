"""Late fee, allocation, installments and postponement (SPEC §2, §6b; Law Art. 74, 76, 78, 79)."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penalties.law import late_fee as fee_module
from penalties.law.calendar import WorkCalendar, add_months
from penalties.law.deadlines import execution_expires
from penalties.law.errors import RuleViolation
from penalties.law.late_fee import Pause, Tranche, accrued_late_fee, late_days, late_fee
from penalties.law.parameters import START, Parameter, Version, parameter, value_on
from penalties.law.payments import allocate, installment_tranches
from penalties.law.relief import check_installments, check_postponement

ONE_DAY = timedelta(days=1)
no_deadline = settings(deadline=None)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- the late fee: SPEC §2 worked examples -------------------------------------------------------


@pytest.mark.parametrize(
    ("fine", "due", "paid", "days", "fee"),
    [
        (5_000_000, date(2026, 3, 11), date(2026, 3, 21), 9, 22_500),  # SPEC §2: 12/03 … 20/03
        (35_000_000, date(2026, 1, 1), date(2026, 1, 17), 15, 262_500),
        (125_000, date(2026, 1, 1), date(2026, 1, 3), 1, 63),  # 62.5 → 63, half up
        (124_999, date(2026, 1, 1), date(2026, 1, 3), 1, 62),  # 62.4995 → 62
        (200_000, date(2026, 1, 1), date(2026, 1, 4), 2, 200),
        (5_000_000, date(2026, 3, 11), date(2026, 3, 11), 0, 0),  # paid on the due day
        (5_000_000, date(2026, 3, 11), date(2026, 3, 12), 0, 0),  # paid the day after: no full late day
        (5_000_000, date(2026, 3, 11), date(2026, 3, 13), 1, 2_500),
        (5_000_000, date(2026, 3, 11), date(2026, 3, 1), 0, 0),  # before the due date
        (5_000_000, date(2026, 2, 27), date(2026, 3, 2), 2, 5_000),  # 28/02, 01/03 (2026 is not leap)
        (5_000_000, date(2028, 2, 27), date(2028, 3, 2), 3, 7_500),  # leap year: 28/02, 29/02, 01/03
        (0, date(2026, 3, 11), date(2026, 3, 21), 9, 0),
        (-5, date(2026, 3, 11), date(2026, 3, 21), 9, 0),
    ],
)
def test_worked_examples(fine, due, paid, days, fee):
    assert late_days(due, paid) == days
    assert late_fee(fine, due, paid) == fee
    assert accrued_late_fee([Tranche(due, fine)], [], paid) == fee


F = 5_000_000  # the SPEC fine, due 11/03/2026: 2,500 đồng a late day
DUE = d("2026-03-11")
ON = d("2026-03-21")
INSTALLMENTS = [
    Tranche(d("2026-03-15"), 14_000_000),
    Tranche(d("2026-05-15"), 11_000_000),
    Tranche(d("2026-08-15"), 10_000_000),
]


@pytest.mark.parametrize(
    ("tranches", "paid", "on", "pauses", "stop", "fee"),
    [
        pytest.param([Tranche(DUE, F)], [], ON, [], None, 22_500, id="spec"),
        pytest.param([Tranche(DUE, F)], [("2026-03-16", 2_000_000)], ON, [], None, 17_500, id="part-paid"),
        pytest.param([Tranche(DUE, F)], [("2026-03-11", F)], ON, [], None, 0, id="paid-on-due-day"),
        pytest.param([Tranche(DUE, F)], [("2026-03-12", F)], ON, [], None, 0, id="paid-day-after"),
        pytest.param([Tranche(DUE, F)], [("2026-03-13", F)], ON, [], None, 2_500, id="paid-2-days-after"),
        pytest.param([Tranche(DUE, F)], [("2026-03-21", F)], ON, [], None, 22_500, id="paid-on-on"),
        pytest.param([Tranche(DUE, F)], [("2026-03-11", F), ("2026-03-16", -F)], ON, [], None, 12_500, id="reversal"),
        pytest.param(
            [Tranche(DUE, F)], [("2026-03-11", F + 1_000_000), ("2026-03-16", -1_000_000)], ON, [], None, 0, id="excess"
        ),
        pytest.param(
            [Tranche(DUE, F)], [("2026-03-12", 3 * F), ("2026-03-12", -2 * F)], ON, [], None, 0, id="same-day"
        ),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-14", "2026-03-16")], None, 15_000, id="pause"),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-12", "2026-03-12")], None, 20_000, id="pause-first-day"),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-20", "2026-03-20")], None, 20_000, id="pause-last-day"),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-01", "2026-03-11")], None, 22_500, id="pause-before"),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-21", "2026-03-30")], None, 22_500, id="pause-after"),
        pytest.param([Tranche(DUE, F)], [], ON, [("2026-03-01", "2026-03-31")], None, 0, id="pause-all"),
        pytest.param(
            [Tranche(DUE, F)],
            [],
            ON,
            [("2026-03-13", "2026-03-15"), ("2026-03-14", "2026-03-17")],
            None,
            10_000,
            id="pauses-overlap",
        ),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-03-15", 10_000, id="stop"),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-03-11", 0, id="stop-on-due"),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-03-12", 2_500, id="stop-day-after-due"),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-03-19", 20_000, id="stop-before-on"),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-03-20", 22_500, id="stop-day-before-on"),
        pytest.param([Tranche(DUE, F)], [], ON, [], "2026-04-30", 22_500, id="stop-after-on"),
        # 14M late 16/03 … 31/05 (77 days × 7,000), 11M late 16/05 … 31/05 (16 days × 5,500).
        pytest.param(INSTALLMENTS, [], "2026-06-01", [], None, 627_000, id="installments-unpaid"),
        pytest.param(INSTALLMENTS[::-1], [], "2026-06-01", [], None, 627_000, id="installments-any-order"),
        pytest.param(
            INSTALLMENTS,
            [("2026-03-15", 14_000_000), ("2026-05-20", 11_000_000)],
            "2026-06-01",
            [],
            None,
            22_000,
            id="installment-late",
        ),
        pytest.param(
            INSTALLMENTS, [("2026-03-15", 20_000_000)], "2026-06-01", [], None, 40_000, id="fills-earliest-first"
        ),
        pytest.param(
            INSTALLMENTS,
            [("2026-03-15", 25_000_000), ("2026-04-01", -12_000_000)],
            "2026-04-03",
            [],
            None,
            1_000,
            id="reversal-undoes-latest",
        ),
        # Rounded once: 62.5 + 62.5 = 125, never 63 + 63.
        pytest.param(
            [Tranche(DUE, 125_000), Tranche(DUE, 125_000)], [], "2026-03-13", [], None, 125, id="rounded-once"
        ),
        pytest.param([], [], ON, [], None, 0, id="nothing-due"),
    ],
)
def test_accrued_late_fee(tranches, paid, on, pauses, stop, fee):
    payments_ = [(d(day), amount) for day, amount in paid]
    pauses_ = [Pause(d(start), d(end)) for start, end in pauses]
    stop_ = d(stop) if stop else None
    on_ = d(on) if isinstance(on, str) else on
    assert accrued_late_fee(tranches, payments_, on_, pauses_, stop_) == fee


RATE_CHANGE = d("2026-03-15")
NEW_RATES = Parameter(
    "late_fee_rate_per_day",
    "tỷ lệ tiền chậm nộp phạt",
    (Version(START, Fraction(5, 10000), "Điều 78"), Version(RATE_CHANGE, Fraction(3, 10000), "Điều 78 (giả định)")),
)


def _with_new_rates(name: str) -> Parameter:
    """A hypothetical decree lowers the rate to 0.03 % from 15/03/2026."""
    return NEW_RATES if name == "late_fee_rate_per_day" else parameter(name)


@pytest.mark.parametrize(
    ("on", "fee"),
    [
        ("2026-03-14", 5_000),  # 12, 13/03 at the old rate
        ("2026-03-15", 7_500),  # the 14th, the last old-rate day
        ("2026-03-16", 9_000),  # the 15th at 1,500
        ("2026-03-21", 16_500),  # 3 × 2,500 + 6 × 1,500
    ],
)
def test_a_new_rate_applies_from_its_day(on, fee):
    with mock.patch.object(fee_module, "parameter", _with_new_rates):
        assert accrued_late_fee([Tranche(DUE, F)], [], d(on)) == fee


def test_days_before_2022_have_no_rate():
    with pytest.raises(RuleViolation) as caught:
        accrued_late_fee([Tranche(d("2021-12-01"), F)], [], d("2022-01-10"))
    assert caught.value.code == "rule_not_in_force"


def test_a_long_period_is_summed_by_segments_not_day_by_day():
    due, on = d("2026-01-01"), d("9999-12-31")
    assert accrued_late_fee([Tranche(due, 1_000_000)], [(d("5000-01-01"), 1)], on) > 0
    assert accrued_late_fee([Tranche(due, 1_000_000)], [], on) == 500 * ((on - due).days - 1)


# --- the late fee: properties against a day-by-day reference --------------------------------------


def _daily_fee(tranches, paid, on, pauses=(), stop=None, rates=None) -> int:
    """The reference: Law Art. 78 read literally, one day and one tranche at a time."""
    rates = rates or parameter("late_fee_rate_per_day")
    ordered = sorted(tranches, key=lambda tranche: tranche.due_on)
    total = Fraction(0)
    for k, tranche in enumerate(ordered):
        day = tranche.due_on + ONE_DAY
        while day < on and (stop is None or day <= stop):
            if not any(pause.start <= day <= pause.end for pause in pauses):
                paid_by_then = max(0, sum(amount for paid_on, amount in paid if paid_on <= day))
                before = sum(max(t.amount, 0) for t in ordered[:k])
                covered = min(max(paid_by_then - before, 0), max(tranche.amount, 0))
                total += rates.version_on(day).value * (max(tranche.amount, 0) - covered)
            day += ONE_DAY
    return math.floor(total + Fraction(1, 2))


def _old_late_fee(unpaid: int, due: date, on: date) -> int:
    """The day-by-day late_fee this module had before accrued_late_fee."""
    days = max(0, (on - due).days - 1)
    exact = sum((Fraction(unpaid) * Fraction(5, 10000) for _ in range(days)), Fraction(0))
    return int(exact + Fraction(1, 2)) if exact > 0 else 0


BASE = d("2026-03-01")
offsets = st.integers(-5, 120)
dates = offsets.map(lambda n: BASE + timedelta(days=n))
tranche_lists = st.lists(st.builds(Tranche, dates, st.integers(-1_000, 10**9)), max_size=4)
payment_lists = st.lists(st.tuples(dates, st.integers(-(10**8), 10**9)), max_size=5)
pause_lists = st.lists(
    st.tuples(dates, st.integers(0, 20)).map(lambda p: Pause(p[0], p[0] + timedelta(days=p[1]))), max_size=3
)
stops = st.none() | dates


@no_deadline
@given(tranche_lists, payment_lists, dates, pause_lists, stops, st.booleans())
def test_segments_equal_the_day_by_day_reference(tranches, paid, on, pauses, stop, new_rates):
    rates = NEW_RATES if new_rates else parameter("late_fee_rate_per_day")
    with mock.patch.object(fee_module, "parameter", _with_new_rates if new_rates else parameter):
        fee = accrued_late_fee(tranches, paid, on, pauses, stop)
    assert fee == _daily_fee(tranches, paid, on, pauses, stop, rates)


@no_deadline
@given(tranche_lists, payment_lists, dates, st.integers(0, 60), pause_lists, stops)
def test_the_late_fee_never_decreases_with_time(tranches, paid, on, more, pauses, stop):
    later = on + timedelta(days=more)
    assert accrued_late_fee(tranches, paid, on, pauses, stop) <= accrued_late_fee(tranches, paid, later, pauses, stop)


@given(st.integers(-10, 10**12), st.dates(date(2022, 1, 1), date(2030, 1, 1)), st.integers(0, 800))
def test_one_tranche_equals_late_fee_and_the_old_daily_sum(unpaid, due, days):
    on = due + timedelta(days=days)
    assert (
        accrued_late_fee([Tranche(due, unpaid)], [], on) == late_fee(unpaid, due, on) == _old_late_fee(unpaid, due, on)
    )


@no_deadline
@given(tranche_lists, payment_lists, dates, st.integers(0, 90), pause_lists)
def test_once_the_principal_is_paid_the_fee_stops_growing(tranches, paid, day, more, pauses):
    before = [(paid_on, amount) for paid_on, amount in paid if paid_on <= day]
    owed = sum(max(t.amount, 0) for t in tranches) - sum(amount for _, amount in before)
    settled = [*before, (day, max(owed, 0))]
    assert accrued_late_fee(tranches, settled, day + timedelta(days=more), pauses) == accrued_late_fee(
        tranches, settled, day, pauses
    )


@no_deadline
@given(tranche_lists, payment_lists, dates, dates, st.integers(0, 10**9), st.integers(0, 10**9))
def test_splitting_a_payment_on_one_day_changes_nothing(tranches, paid, on, day, a, b):
    whole = accrued_late_fee(tranches, [*paid, (day, a + b)], on)
    assert accrued_late_fee(tranches, [*paid, (day, a), (day, b)], on) == whole


@given(st.integers(0, 10**12), st.integers(0, 10**12), st.integers(0, 400))
def test_late_fee_grows_with_the_unpaid_amount(a, b, days):
    due = date(2026, 1, 1)
    low, high = sorted((a, b))
    assert late_fee(low, due, due + timedelta(days=days)) <= late_fee(high, due, due + timedelta(days=days))


# --- allocation: the fine first, then the late fee (SPEC §6b) -----------------------------------------


@pytest.mark.parametrize(
    ("amount", "principal", "fee", "split"),
    [
        (5_022_500, 5_000_000, 22_500, (5_000_000, 22_500)),
        (1_000_000, 5_000_000, 22_500, (1_000_000, 0)),
        (5_000_000, 5_000_000, 22_500, (5_000_000, 0)),
        (5_000_001, 5_000_000, 22_500, (5_000_000, 1)),
        (22_500, 0, 22_500, (0, 22_500)),
        (1, 1, 0, (1, 0)),
    ],
)
def test_allocate(amount, principal, fee, split):
    assert allocate(amount, principal, fee) == split


@pytest.mark.parametrize(
    ("amount", "principal", "fee"),
    [(0, 5_000_000, 22_500), (-1, 5_000_000, 22_500), (5_022_501, 5_000_000, 22_500), (1, 0, 0)],
)
def test_allocate_refuses_nothing_or_too_much(amount, principal, fee):
    with pytest.raises(RuleViolation) as caught:
        allocate(amount, principal, fee)
    assert caught.value.code == "amount_invalid"
    assert caught.value.field == "amount"
    assert "Điều 78" in caught.value.article
    if principal + fee:
        assert "5.022.500 đồng" in caught.value.message


@given(st.integers(0, 10**12), st.integers(0, 10**9))
def test_paying_everything_owed_leaves_nothing(principal, fee):
    if principal + fee == 0:
        return
    assert allocate(principal + fee, principal, fee) == (principal, fee)


@given(st.integers(0, 10**12), st.integers(0, 10**9), st.integers(1, 10**13))
def test_allocation_adds_up_and_settles_the_fine_first(principal, fee, amount):
    if amount > principal + fee:
        with pytest.raises(RuleViolation):
            allocate(amount, principal, fee)
        return
    to_fine, to_fee = allocate(amount, principal, fee)
    assert to_fine + to_fee == amount
    assert 0 <= to_fine <= principal and 0 <= to_fee <= fee
    assert to_fee == 0 or to_fine == principal


# --- installments (Law Art. 79; SPEC §6b) ---------------------------------------------------------------

DECISION = d("2026-03-04")
REQUEST = d("2026-03-06")
GOOD = [
    Tranche(d("2026-03-15"), 14_000_000),
    Tranche(d("2026-05-15"), 11_000_000),
    Tranche(d("2026-08-15"), 10_000_000),
]


def _installments(**changes):
    request = {
        "party": "individual",
        "fine_total": 35_000_000,
        "paid_before": 0,
        "requested_on": REQUEST,
        "decision_on": DECISION,
        "hardship": "Gia đình bị thiệt hại do lũ lụt",
        "schedule": GOOD,
    }
    request.update(changes)
    return check_installments(**request)


def _plan(*parts: tuple[str, int]) -> list[Tranche]:
    return [Tranche(d(day), amount) for day, amount in parts]


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="spec-example"),
        pytest.param(
            {"schedule": _plan(("2026-03-06", 14_000_000), ("2026-09-04", 21_000_000))}, id="two-at-the-edges"
        ),
        pytest.param(
            {"fine_total": 15_000_000, "schedule": _plan(("2026-03-15", 6_000_000), ("2026-04-15", 9_000_000))},
            id="threshold",
        ),
        pytest.param(
            {
                "party": "organization",
                "fine_total": 150_000_000,
                "schedule": _plan(("2026-03-15", 60_000_000), ("2026-06-15", 90_000_000)),
            },
            id="organization",
        ),
        pytest.param(
            {"paid_before": 4_000_000, "schedule": _plan(("2026-03-15", 10_000_000), ("2026-05-15", 21_000_000))},
            id="paid-before",
        ),
        pytest.param(
            {
                "decision_on": d("2026-03-31"),
                "requested_on": d("2026-04-01"),
                "schedule": _plan(("2026-04-02", 14_000_000), ("2026-09-30", 21_000_000)),
            },
            id="month-end",
        ),
    ],
)
def test_installments_allowed(changes):
    assert _installments(**changes) is None


@pytest.mark.parametrize(
    ("changes", "field", "article", "words"),
    [
        pytest.param(
            {"schedule": _plan(("2026-03-15", 13_000_000), ("2026-05-15", 12_000_000), ("2026-08-15", 10_000_000))},
            "schedule.0.amount",
            "Điều 79 khoản 2",
            "40%",
            id="first-13M",
        ),
        pytest.param(
            {"paid_before": 4_000_000, "schedule": _plan(("2026-03-15", 9_000_000), ("2026-05-15", 22_000_000))},
            "schedule.0.amount",
            "Điều 79",
            "4.000.000 đồng",
            id="first-with-paid-before",
        ),
        pytest.param(
            {"schedule": [*GOOD[:2], Tranche(d("2026-07-15"), 5_000_000), Tranche(d("2026-08-15"), 5_000_000)]},
            "schedule",
            "Điều 79 khoản 2",
            "tối đa 3 lần",
            id="4-payments",
        ),
        pytest.param({"schedule": _plan(("2026-03-15", 35_000_000))}, "schedule", "Điều 79", "từ 2", id="1-payment"),
        pytest.param(
            {"fine_total": 12_000_000, "schedule": _plan(("2026-03-15", 6_000_000), ("2026-04-15", 6_000_000))},
            None,
            "Điều 79 khoản 1",
            "15.000.000 đồng",
            id="below-threshold",
        ),
        pytest.param({"fine_total": 14_999_999}, None, "Điều 79 khoản 1", "cá nhân", id="just-below-threshold"),
        pytest.param(
            {"party": "organization", "fine_total": 120_000_000},
            None,
            "Điều 79 khoản 1",
            "150.000.000 đồng",
            id="organization",
        ),
        pytest.param({"hardship": "  "}, "hardship", "Điều 79 khoản 1", "khó khăn", id="no-hardship"),
        pytest.param({"hardship": ""}, "hardship", "Điều 79", "khó khăn", id="empty-hardship"),
        pytest.param(
            {"schedule": _plan(("2026-03-15", 14_000_000), ("2026-05-15", 0), ("2026-08-15", 21_000_000))},
            "schedule.1.amount",
            "Điều 79",
            "lớn hơn 0",
            id="zero-amount",
        ),
        pytest.param(
            {"schedule": _plan(("2026-03-15", 14_000_000), ("2026-03-15", 11_000_000), ("2026-08-15", 10_000_000))},
            "schedule.1.due_on",
            "Điều 79",
            "phải sau",
            id="same-due-date",
        ),
        pytest.param(
            {"schedule": _plan(("2026-05-15", 14_000_000), ("2026-03-15", 11_000_000), ("2026-08-15", 10_000_000))},
            "schedule.1.due_on",
            "Điều 79",
            "phải sau",
            id="out-of-order",
        ),
        pytest.param(
            {"schedule": _plan(("2026-03-05", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000))},
            "schedule.0.due_on",
            "Điều 79",
            "06/03/2026",
            id="before-request",
        ),
        pytest.param(
            {"schedule": _plan(("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-09-05", 10_000_000))},
            "schedule.2.due_on",
            "Điều 79 khoản 2",
            "04/09/2026",
            id="6-months-1-day",
        ),
        pytest.param(
            {"schedule": _plan(("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 9_000_000))},
            "schedule",
            "Điều 79",
            "35.000.000 đồng",
            id="short-sum",
        ),
        pytest.param(
            {"paid_before": 1_000_000}, "schedule", "Điều 79", "34.000.000 đồng", id="sum-ignores-paid-before"
        ),
    ],
)
def test_installments_refused(changes, field, article, words):
    with pytest.raises(RuleViolation) as caught:
        _installments(**changes)
    assert caught.value.code == "installment_not_allowed"
    assert caught.value.field == field
    assert article in caught.value.article
    assert words in caught.value.message
    assert unicodedata.is_normalized("NFC", caught.value.message)


def _breaks_a_rule(party, fine_total, paid_before, requested_on, decision_on, hardship, schedule) -> bool:
    """Law Art. 79 as SPEC §6b states it, with its numbers written out."""
    threshold = 15_000_000 if party == "individual" else 150_000_000
    limit = add_months(decision_on, 6)
    return (
        fine_total < threshold
        or not hardship.strip()
        or not 2 <= len(schedule) <= 3
        or any(t.amount <= 0 for t in schedule)
        or any(b.due_on <= a.due_on for a, b in pairwise(schedule))
        or schedule[0].due_on < requested_on
        or any(t.due_on > limit for t in schedule)
        or sum(t.amount for t in schedule) != fine_total - paid_before
        or 5 * (paid_before + schedule[0].amount) < 2 * fine_total
    )


@st.composite
def installment_requests(draw):
    """A request that keeps every rule, its dates and amounts often on the limits."""
    party = draw(st.sampled_from(["individual", "organization"]))
    threshold = 15_000_000 if party == "individual" else 150_000_000
    fine = draw(st.integers(threshold, 40 * threshold))
    paid_before = draw(st.integers(0, fine // 2))
    decision_on = draw(st.dates(date(2022, 1, 1), date(2030, 12, 31)))
    requested_on = decision_on + timedelta(days=draw(st.integers(0, 30)))
    limit = add_months(decision_on, 6)
    count = draw(st.integers(2, 3))
    days, day = [], requested_on - ONE_DAY
    for gap in draw(st.lists(st.integers(1, 100), min_size=count, max_size=count)):
        day += timedelta(days=gap)
        days.append(day)
    days = [min(day, limit - timedelta(days=count - 1 - i)) for i, day in enumerate(days)]
    owed = fine - paid_before
    first = draw(st.integers(max(1, math.ceil(Fraction(2, 5) * fine) - paid_before), owed - (count - 1)))
    rest = owed - first
    cuts = sorted(draw(st.lists(st.integers(1, max(rest - 1, 1)), min_size=count - 2, max_size=count - 2, unique=True)))
    amounts = [first, *(b - a for a, b in pairwise([0, *cuts, rest]))]
    return {
        "party": party,
        "fine_total": fine,
        "paid_before": paid_before,
        "requested_on": requested_on,
        "decision_on": decision_on,
        "hardship": "Mất việc làm",
        "schedule": [Tranche(due, amount) for due, amount in zip(days, amounts, strict=True)],
    }


@st.composite
def nudged_requests(draw):
    """A lawful request with one thing changed a little, or not at all: it may or may not break a rule."""
    request = draw(installment_requests())
    schedule = list(request["schedule"])
    change = draw(st.sampled_from(["none", "fine", "party", "hardship", "tranche", "shift", "count", "random"]))
    if change == "fine":
        request["fine_total"] += draw(st.integers(-3_000_000, 3_000_000))
        request["paid_before"] = max(0, request["paid_before"] + draw(st.integers(-1_000_000, 1_000_000)))
    elif change == "party":
        request["party"] = "organization" if request["party"] == "individual" else "individual"
    elif change == "hardship":
        request["hardship"] = draw(st.sampled_from(["", " ", "\t", "Ốm nặng"]))
    elif change == "tranche":  # one due date or one amount off by a little
        i = draw(st.integers(0, len(schedule) - 1))
        days, amount = draw(st.integers(-3, 3)), draw(st.integers(-2, 2))
        schedule[i] = Tranche(schedule[i].due_on + timedelta(days=days), schedule[i].amount + amount)
    elif change == "shift":  # money moved between two payments: the sum stays right
        i, j = draw(st.permutations(range(len(schedule))))[:2]
        moved = draw(st.integers(-(10**6), 10**8))
        schedule[i] = Tranche(schedule[i].due_on, schedule[i].amount - moved)
        schedule[j] = Tranche(schedule[j].due_on, schedule[j].amount + moved)
    elif change == "count":  # one payment split in two the same day or the day after, or dropped
        i = draw(st.integers(0, len(schedule) - 1))
        half, later = schedule[i].amount // 2, schedule[i].due_on + timedelta(days=draw(st.integers(0, 1)))
        split = [Tranche(schedule[i].due_on, schedule[i].amount - half), Tranche(later, half)]
        schedule[i : i + 1] = split if draw(st.booleans()) else []
    elif change == "random":
        when = st.integers(-10, 200).map(lambda n: request["decision_on"] + timedelta(days=n))
        schedule = draw(st.lists(st.builds(Tranche, when, st.integers(-1, request["fine_total"])), max_size=5))
    request["schedule"] = schedule
    return request


@no_deadline
@given(installment_requests())
def test_a_schedule_that_keeps_every_rule_is_accepted(request):
    assert not _breaks_a_rule(**request)
    assert check_installments(**request) is None


@no_deadline
@given(nudged_requests())
def test_a_schedule_is_refused_exactly_when_it_breaks_a_rule(request):
    broken = _breaks_a_rule(**request)
    try:
        check_installments(**request)
    except RuleViolation as refusal:
        assert refusal.code == "installment_not_allowed"
        assert "Điều 79" in refusal.article
        assert broken
    else:
        assert not broken


@pytest.mark.parametrize(
    ("paid_before", "schedule", "tranches"),
    [
        (0, [], [Tranche(DUE, 35_000_000)]),
        (0, GOOD, GOOD),
        (4_000_000, GOOD[1:], [Tranche(DUE, 4_000_000), *GOOD[1:]]),
    ],
)
def test_installment_tranches(paid_before, schedule, tranches):
    assert installment_tranches(DUE, 35_000_000, paid_before, schedule) == tranches


# --- postponement (Law Art. 76; SPEC §6b) and the execution limitation (Law Art. 74) ------------------


def _postponement(**changes):
    request = {
        "party": "individual",
        "fine_total": 2_500_000,
        "requested_on": d("2026-03-09"),
        "decided_on": d("2026-03-10"),
        "until": d("2026-06-10"),
        "hardship": "Bị tai nạn, mất khả năng lao động",
    }
    request.update(changes)
    return check_postponement(**request)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="2.5M-3-months"),
        pytest.param({"fine_total": 2_000_000}, id="threshold"),
        pytest.param({"until": d("2026-03-11")}, id="one-day"),
        pytest.param({"decided_on": d("2026-03-09"), "until": d("2026-06-09")}, id="decided-on-request-day"),
        pytest.param({"party": "organization", "fine_total": 100_000_000}, id="organization"),
        pytest.param(
            {"requested_on": d("2026-11-30"), "decided_on": d("2026-11-30"), "until": d("2027-02-28")}, id="month-end"
        ),
    ],
)
def test_postponement_allowed(changes):
    assert _postponement(**changes) is None


@pytest.mark.parametrize(
    ("changes", "field", "article", "words"),
    [
        pytest.param({"fine_total": 1_900_000}, None, "Điều 76 khoản 1", "2.000.000 đồng", id="1.9M"),
        pytest.param({"fine_total": 1_999_999}, None, "Điều 76", "cá nhân", id="just-below"),
        pytest.param(
            {"party": "organization", "fine_total": 99_999_999}, None, "Điều 76", "100.000.000 đồng", id="organization"
        ),
        pytest.param({"hardship": " "}, "hardship", "Điều 76 khoản 1", "khó khăn", id="no-hardship"),
        pytest.param(
            {"decided_on": d("2026-03-08"), "until": d("2026-04-08")},
            "decided_on",
            "Điều 76",
            "09/03/2026",
            id="decided-before-request",
        ),
        pytest.param({"until": d("2026-06-11")}, "until", "Điều 76 khoản 2", "3 tháng", id="3-months-1-day"),
        pytest.param({"until": d("2026-03-10")}, "until", "Điều 76", "10/06/2026", id="until-decision"),
        pytest.param(
            {"requested_on": d("2026-11-30"), "decided_on": d("2026-11-30"), "until": d("2027-03-01")},
            "until",
            "Điều 76",
            "28/02/2027",
            id="month-end",
        ),
    ],
)
def test_postponement_refused(changes, field, article, words):
    with pytest.raises(RuleViolation) as caught:
        _postponement(**changes)
    assert caught.value.code == "postponement_not_allowed"
    assert caught.value.field == field
    assert article in caught.value.article
    assert words in caught.value.message


def test_no_late_fee_accrues_while_postponed():
    # Due 11/03, postponed 12/03 → 12/06: late again from 13/06.
    pause = Pause(d("2026-03-12"), d("2026-06-12"))
    assert accrued_late_fee([Tranche(DUE, F)], [], d("2026-06-13"), [pause]) == 0
    assert accrued_late_fee([Tranche(DUE, F)], [], d("2026-06-15"), [pause]) == 5_000


@pytest.mark.parametrize(
    ("issued", "postponed_until", "expires"),
    [
        ("2026-03-10", None, "2027-03-10"),
        ("2026-03-10", "2026-06-10", "2027-06-10"),  # counted from the end of the postponement [U]
        ("2026-03-10", "2026-03-01", "2027-03-10"),  # never earlier than without it
        ("2027-11-29", "2028-02-29", "2029-02-28"),  # leap day
    ],
)
def test_execution_expires_after_a_postponement(issued, postponed_until, expires):
    until = d(postponed_until) if postponed_until else None
    deadline = execution_expires(d(issued), WorkCalendar(), until)
    assert deadline.due == d(expires)
    assert "Điều 74" in deadline.basis


def test_relief_before_2022_is_not_decided():
    assert value_on("installment_max_payments", REQUEST) == 3
    with pytest.raises(RuleViolation) as caught:
        _installments(requested_on=d("2021-12-31"))
    assert caught.value.code == "rule_not_in_force"
