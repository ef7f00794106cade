"""Money owed under a decision: the late-payment surcharge (SPEC §2; Law Art. 78).

Installments, postponement and allocation follow with the payment rules (SPEC §6b).
"""

from datetime import date, timedelta
from fractions import Fraction

from penalties.law.parameters import value_on


def late_days(payment_due: date, paid_or_on: date) -> int:
    """Count the late days: from the day after the due date up to and including the day before payment."""
    return max(0, (paid_or_on - payment_due).days - 1)


def late_fee(unpaid: int, payment_due: date, paid_or_on: date) -> int:
    """Return the surcharge on an unpaid fine: 0.05 % a calendar day, exact, rounded half up once (Law Art. 78)."""
    days = late_days(payment_due, paid_or_on)
    if days == 0 or unpaid <= 0:
        return 0
    exact = sum(
        (
            Fraction(unpaid) * value_on("late_fee_rate_per_day", payment_due + timedelta(days=n))
            for n in range(1, days + 1)
        ),
        Fraction(0),
    )
    return int(exact + Fraction(1, 2)) if exact >= 0 else 0
