"""Mitigating and aggravating circumstances: the lawful amount within a range, and recidivism (SPEC §3.3, §5).

Decree 118 Art. 9(1) turns the net circumstances into an interval of the range; from 2025-05-02
(Decree 68/2025) one circumstance means strictly between the bound and the average, before it the
closed half. Money has no minor unit (SPEC "Data"), so an interval is kept in whole đồng: a bound
that falls on a half đồng becomes the nearest whole đồng inside, closed.
Recidivism (aggravating circumstance tn_b, Law Art. 10(1)(b)) is suggested while a prior sanction
is not yet "deemed never sanctioned" (Law Art. 7).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from penalties.law.calendar import add_months, add_years
from penalties.law.parameters import CircumstanceRule, reference, value_on

PROPOSAL_STEP = 1_000  # proposals are round to 1,000 đồng (SPEC §3.3)


def format_dong(amount: int) -> str:
    """Write an amount the Vietnamese way, thousands dotted: 30000000 → "30.000.000 đ"."""
    return f"{amount:,} đ".replace(",", ".")


def _round_half_up(value: Fraction) -> int:
    """Round to the nearest integer, halves up (amounts are never negative)."""
    return math.floor(value + Fraction(1, 2))


@dataclass(frozen=True)
class Interval:
    """The lawful amounts in whole đồng: low..high, each bound excluded when open."""

    low: int
    high: int
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"interval {self.describe()} holds no whole đồng")

    @property
    def first(self) -> int:
        """Return the smallest lawful amount."""
        return self.low + self.low_open

    @property
    def last(self) -> int:
        """Return the largest lawful amount."""
        return self.high - self.high_open

    @property
    def exact(self) -> bool:
        """Tell whether exactly one amount is lawful."""
        return self.first == self.last

    def contains(self, amount: int) -> bool:
        """Tell whether amount is lawful."""
        return self.first <= amount <= self.last

    def describe(self) -> str:
        """Say the interval in Vietnamese, for messages and bases."""
        if self.low == self.high:
            return f"đúng {format_dong(self.low)}"
        low = f"{'trên' if self.low_open else 'từ'} {format_dong(self.low)}"
        high = f"{'dưới' if self.high_open else 'đến'} {format_dong(self.high)}"
        joiner = " và " if self.low_open and self.high_open else " "
        return f"{low}{joiner}{high}"


def net_circumstances(mitigating: int, aggravating: int) -> int:
    """Net the circumstances, each mitigating cancelling one aggravating: > 0 aggravating (D118 Art. 9(1))."""
    if mitigating < 0 or aggravating < 0:
        raise ValueError("circumstance counts cannot be negative")
    return aggravating - mitigating


def lawful_interval(fine_min: int, fine_max: int, net: int, on: date) -> Interval:
    """Return the lawful amounts of a range for the net circumstances, by the rule in force on on (D118 Art. 9(1))."""
    strict = value_on("circumstance_rule", on) is CircumstanceRule.STRICT
    avg = Fraction(fine_min + fine_max, 2)
    whole = avg.denominator == 1
    if net == 0 or fine_min == fine_max:
        amount = _round_half_up(avg)
        return Interval(amount, amount)
    if net <= -2:
        return Interval(fine_min, fine_min)
    if net >= 2:
        return Interval(fine_max, fine_max)
    if net == -1:  # below the average; the average itself is lawful only under the original rule
        return Interval(fine_min, math.floor(avg), low_open=strict, high_open=strict and whole)
    return Interval(math.ceil(avg), fine_max, low_open=strict and whole, high_open=strict)


def propose(interval: Interval) -> int:
    """Propose an amount: the interval's midpoint rounded half up to 1,000 đồng, kept inside it (SPEC §3.3)."""
    if interval.exact:
        return interval.first
    middle = Fraction(interval.low + interval.high, 2)
    rounded = _round_half_up(middle / PROPOSAL_STEP) * PROPOSAL_STEP
    if interval.contains(rounded):
        return rounded
    # Rounding reached a bound: the whole-đồng midpoint, pulled inside an open bound.
    return min(max(_round_half_up(middle), interval.first), interval.last)


def describe_circumstances(mitigating: int, aggravating: int, interval: Interval, on: date) -> str:
    """Explain in Vietnamese how the circumstances gave the interval, with the rule's article."""
    return (
        f"{mitigating} tình tiết giảm nhẹ, {aggravating} tình tiết tăng nặng → {interval.describe()} "
        f"theo {reference('circumstance_rule', on)}"
    )


def deemed_never_sanctioned_on(completed_on: date, warning: bool) -> date:
    """Return the first day a person counts as never sanctioned: 6 months after a warning, else 1 year (Law Art. 7)."""
    if warning:
        end = add_months(completed_on, value_on("deemed_never_sanctioned_months_after_warning", completed_on))
    else:
        end = add_years(completed_on, value_on("deemed_never_sanctioned_years", completed_on))
    return end + timedelta(days=1)  # the period's last day still counts (Civil Code Art. 148)


def repeat_offender(prior: Iterable[tuple[date, bool]], on: date) -> bool:
    """Tell whether a prior sanction (day completed, was a warning) still counts on on (Law Art. 7, 10(1)(b))."""
    return any(on < deemed_never_sanctioned_on(day, warning) for day, warning in prior)
