"""Working days and day counting (SPEC §2; Civil Code 2015 Art. 147–148; Labour Code 2019 Art. 112).

Counting (Civil Code Art. 147–148): a period starts on the day after the event, and its last day is
the due date, the last day on which the act is still on time. "N days" ends on event + N; "N months"
and "N years" end on the day with the same number, or on the month's last day when it has none
(2026-01-31 + 1 month = 2026-02-28). A period whose last day is a day off ends at the end of the next
working day (Art. 148(5)): `deadlines.ending_on_a_working_day` applies it to the clocks the law moves
(SPEC v2 §2), not to the 10 days to pay (Circular 18/2023/TT-BTC Art. 5(3)).

Public holidays come from the `holidays` package (country "VN", Vietnamese names, observed days on),
which implements Labour Code 2019 Art. 112: New Year 1/1, Tết (5 days), Hùng Kings 10/3 lunar,
30/4, 1/5, 2/9 plus one adjacent day, and, per the package, Vietnam Culture Day 24/11 from 2026
(Resolution 80-NQ/TW). A holiday falling on a weekend gives a substitute day off on the next working
day (nghỉ bù, Labour Code 2019 Art. 111(3)). Facts checked with holidays 0.109:

- Tết 2026 (Lunar New Year Tue 17 Feb): Mon 16 – Fri 20 Feb 2026.
- Tết 2027 (Lunar New Year Sat 6 Feb): Fri 5 – Tue 9 Feb; Sat 6 and Sun 7 give substitutes
  Thu 4 and Wed 10 Feb, so Thu 4 – Wed 10 Feb 2027 are days off.
- Hùng Kings: Sun 26 Apr 2026 with substitute Mon 27 Apr 2026; Fri 16 Apr 2027.
- 30/4 and 1/5: Thu 30 Apr and Fri 1 May 2026; Fri 30 Apr, Sat 1 May 2027 with substitute Mon 3 May.
- 2/9: Tue 1 and Wed 2 Sep 2026, plus Mon 31 Aug 2026 swapped with Sat 22 Aug 2026 (a working
  Saturday); Thu 2 and Fri 3 Sep 2027.
- 24/11: Tue 24 Nov 2026, Wed 24 Nov 2027.

The package also lists some government swap days (a weekday off in exchange for a working Saturday);
when it lists the day off we honour its working Saturday too, so the pair stays balanced. Every
other swap day is data: the caller passes it in `WorkCalendar.overrides` (SPEC §2, admin table),
and an override always wins over the package.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

_SATURDAY = 5
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _YearData:
    """Public holidays (date → Vietnamese name) and working weekend days of one year."""

    names: Mapping[date, str]
    weekend_workdays: frozenset[date]


@lru_cache(maxsize=256)
def _year_data(year: int) -> _YearData:
    """Load the `holidays` data for one year once; day-by-day counting then costs a dict lookup."""
    this_year = holidays.country_holidays("VN", years=year, language="vi")
    # A working Saturday may pay for a day off in the next year (Sat 27 Dec 2014 for Fri 2 Jan 2015).
    next_year = holidays.country_holidays("VN", years=year + 1, language="vi")
    workdays = this_year.weekend_workdays | next_year.weekend_workdays
    return _YearData(
        names=MappingProxyType(dict(this_year.items())),
        weekend_workdays=frozenset(d for d in workdays if d.year == year),
    )


@dataclass(frozen=True)
class WorkCalendar:
    """Working-day calendar: VN public holidays plus the caller's swap days (SPEC §2).

    `overrides` maps a date to True (a working day, e.g. a Saturday worked in exchange) or False
    (a day off, e.g. a weekday given off by the government); it wins over everything else.
    """

    overrides: Mapping[date, bool] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Freeze a private copy: a later change to the caller's dict must not move our deadlines.
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))

    def is_working_day(self, d: date) -> bool:
        """Tell whether d is a working day: override first, else a weekday that is no public holiday."""
        if d in self.overrides:
            return self.overrides[d]
        data = _year_data(d.year)
        if d.weekday() >= _SATURDAY:
            return d in data.weekend_workdays
        return d not in data.names

    def holiday_name(self, d: date) -> str | None:
        """Return the Vietnamese name of the public holiday on d from `holidays`, or None.

        Overrides have no names; `is_working_day` alone decides whether d counts.
        """
        return _year_data(d.year).names.get(d)

    def day_off_name(self, d: date) -> str | None:
        """Return why d is not a working day (the holiday, "Thứ Bảy", "Chủ nhật", a declared day off), or None."""
        if self.is_working_day(d):
            return None
        if d in self.overrides:
            return "ngày nghỉ theo thông báo của Chính phủ"
        return self.holiday_name(d) or ("Thứ Bảy" if d.weekday() == _SATURDAY else "Chủ nhật")

    def next_working_day(self, d: date) -> date:
        """Return d if it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """Return the n-th working day after start (n ≥ 1); start itself never counts (Art. 147)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        d = start
        for _ in range(n):
            d = self.next_working_day(d + _ONE_DAY)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Count the working days in (a, b]: a excluded, b included; 0 when b ≤ a."""
        count = 0
        d = a + _ONE_DAY
        while d <= b:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count


def add_days(d: date, n: int) -> date:
    """Return the last day of an n-day period from d: d + n (Civil Code Art. 147–148)."""
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Return the day with d's number n months later, clamped to that month's last day (Art. 148)."""
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


def add_years(d: date, n: int) -> date:
    """Return the same day n years later; 29 February becomes 28 February in a common year (Art. 148)."""
    return add_months(d, 12 * n)


def days_between(a: date, b: date) -> int:
    """Return the number of calendar days from a to b (negative when b is before a)."""
    return (b - a).days
