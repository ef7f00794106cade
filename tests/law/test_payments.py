"""Late-payment surcharge (SPEC §2 worked examples; Law Art. 78)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law.payments import late_days, late_fee


@pytest.mark.parametrize(
    ("fine", "due", "paid", "days", "fee"),
    [
        (5_000_000, date(2026, 3, 11), date(2026, 3, 21), 9, 22_500),  # SPEC §2: 12/03 … 20/03
        (35_000_000, date(2026, 1, 1), date(2026, 1, 17), 15, 262_500),
        (125_000, date(2026, 1, 1), date(2026, 1, 3), 1, 63),  # 62.5 → 63, half up
        (200_000, date(2026, 1, 1), date(2026, 1, 4), 2, 200),
        (5_000_000, date(2026, 3, 11), date(2026, 3, 11), 0, 0),  # paid on the due day
        (5_000_000, date(2026, 3, 11), date(2026, 3, 12), 0, 0),  # paid the day after: no full late day
        (5_000_000, date(2026, 2, 27), date(2026, 3, 2), 2, 5_000),  # 28/02, 01/03 (2026 is not leap)
        (5_000_000, date(2028, 2, 27), date(2028, 3, 2), 3, 7_500),  # leap year: 28/02, 29/02, 01/03
    ],
)
def test_worked_examples(fine, due, paid, days, fee):
    assert late_days(due, paid) == days
    assert late_fee(fine, due, paid) == fee


@given(st.integers(1, 10**12), st.dates(date(2022, 1, 1), date(2030, 1, 1)), st.integers(0, 800), st.integers(0, 50))
def test_late_fee_never_decreases_with_time(fine, due, later, more):
    first = due + timedelta(days=later)
    assert late_fee(fine, due, first) <= late_fee(fine, due, first + timedelta(days=more))


@given(st.integers(0, 10**12), st.integers(0, 10**12), st.integers(0, 400))
def test_late_fee_grows_with_the_unpaid_amount(a, b, days):
    due = date(2026, 1, 1)
    low, high = sorted((a, b))
    assert late_fee(low, due, due + timedelta(days=days)) <= late_fee(high, due, due + timedelta(days=days))
