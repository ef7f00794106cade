"""The late fee on a fine (tiền chậm nộp phạt, Law Art. 78; Circular 18/2023/TT-BTC Art. 5): 0.05 % a calendar
day on what is unpaid after its due date, summed exactly, as a Fraction, over runs of days on which nothing
changes (what is unpaid, the rate, a pause), and rounded half up to whole đồng once at the end: a list can
compute it for hundreds of decisions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

from penalties.law.parameters import Version, parameter

_ONE_DAY = timedelta(days=1)
_RATE = "late_fee_rate_per_day"


@dataclass(frozen=True)
class Tranche:
    """A part of the fine due by a day: the whole fine (Law Art. 73) or one installment (Law Art. 79)."""

    due_on: date
    amount: int


@dataclass(frozen=True)
class Pause:
    """Days on which no late fee accrues, both ends inclusive: a postponement (Law Art. 76), a suspension."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        """Tell whether day is inside the pause."""
        return self.start <= day <= self.end


def round_half_up(value: Fraction) -> int:
    """Round to whole đồng, halves up (Law Art. 78 as SPEC §2 reads it)."""
    return math.floor(value + Fraction(1, 2))


def late_days(payment_due: date, paid_or_on: date) -> int:
    """Count the late days: from the day after the due date up to and including the day before payment."""
    return max(0, (paid_or_on - payment_due).days - 1)


def late_fee(unpaid: int, payment_due: date, paid_or_on: date) -> int:
    """Return the surcharge on an unpaid fine: 0.05 % a calendar day, exact, rounded half up once (Law Art. 78)."""
    return accrued_late_fee([Tranche(payment_due, unpaid)], [], paid_or_on)


def unpaid_by_tranche(tranches: Sequence[Tranche], paid_total: int) -> list[int]:
    """Fill the tranches in order with the principal paid so far; return what each still owes."""
    left = max(paid_total, 0)
    owed = []
    for tranche in tranches:
        amount = max(tranche.amount, 0)
        covered = min(left, amount)
        left -= covered
        owed.append(amount - covered)
    return owed


def _edges(
    tranches: Sequence[Tranche],
    payments: Sequence[tuple[date, int]],
    pauses: Sequence[Pause],
    first: date,
    after: date,
    versions: Sequence[Version],
) -> list[date]:
    """Return the days on which the daily fee may change, between first and after (both kept)."""
    days = {first, after, *(version.valid_from for version in versions)}
    days.update(tranche.due_on + _ONE_DAY for tranche in tranches)
    days.update(paid_on for paid_on, _ in payments)
    for pause in pauses:
        days.update((pause.start, pause.end + _ONE_DAY))
    return sorted(day for day in days if first <= day <= after)


def accrued_exactly(
    tranches: Sequence[Tranche],
    payments: Sequence[tuple[date, int]],
    on: date,
    pauses: Sequence[Pause] = (),
    stop: date | None = None,
    start: date | None = None,
) -> Fraction:
    """The exact late fee of the days from `start` (or the first late day) to the day before `on`, unrounded:
    the periods of a decision's fee are added, then rounded once (law.payments.owed_on)."""
    ordered = sorted(tranches, key=lambda tranche: tranche.due_on)
    last = on - _ONE_DAY if stop is None else min(on - _ONE_DAY, stop)
    if not ordered:
        return Fraction(0)
    first = ordered[0].due_on + _ONE_DAY if start is None else max(start, ordered[0].due_on + _ONE_DAY)
    if last < first:
        return Fraction(0)
    rate = parameter(_RATE)
    paid = sorted(payments, key=lambda payment: payment[0])
    edges = _edges(ordered, paid, pauses, first, last + _ONE_DAY, rate.versions)
    total, paid_total, applied = Fraction(0), 0, 0
    for begin, end in pairwise(edges):  # nothing changes on the days [begin, end)
        while applied < len(paid) and paid[applied][0] <= begin:
            paid_total += paid[applied][1]
            applied += 1
        if any(pause.covers(begin) for pause in pauses):
            continue
        owed = unpaid_by_tranche(ordered, paid_total)
        late = sum(owing for tranche, owing in zip(ordered, owed, strict=True) if tranche.due_on < begin)
        total += rate.version_on(begin).value * late * (end - begin).days
    return total


def accrued_late_fee(
    tranches: Sequence[Tranche],
    payments: Sequence[tuple[date, int]],
    on: date,
    pauses: Sequence[Pause] = (),
    stop: date | None = None,
) -> int:
    """Late fee accrued up to `on` (Law Art. 78).

    Payments (paid_on, principal; negative = a reversal) fill the tranches earliest due first. Each day
    d with due_on < d < on, outside every pause (postponement, Law Art. 76; a request being considered,
    Circular 18/2023 Art. 5(2)) and not after `stop` (the last day of execution, Law Art. 74) costs
    rate(d) × what the tranche still owes after the payments made by d. The exact sum is rounded half up once.
    """
    return round_half_up(accrued_exactly(tranches, payments, on, pauses, stop))
