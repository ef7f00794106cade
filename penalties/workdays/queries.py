"""Read side of the calendar: the WorkCalendar the law code counts with, built from the overrides."""

from datetime import date

import sqlalchemy as sa

from penalties.catalogue.models import HolidayOverride
from penalties.extensions import db
from penalties.law.calendar import WorkCalendar
from penalties.law.official_days import holiday_source


def work_calendar() -> WorkCalendar:
    """Return the calendar of working days: the `holidays` package plus the admin's overrides."""
    rows = db.session.execute(sa.select(HolidayOverride.day, HolidayOverride.working))
    return WorkCalendar(overrides={day: working for day, working in rows})  # noqa: C416 (a Result has keys())


def overrides_of_year(year: int) -> list[HolidayOverride]:
    query = sa.select(HolidayOverride).where(
        HolidayOverride.day >= date(year, 1, 1), HolidayOverride.day <= date(year, 12, 31)
    )
    return list(db.session.scalars(query.order_by(HolidayOverride.day)))


def days_off_of_year(year: int, calendar: WorkCalendar) -> list[tuple[date, bool, str, str]]:
    """Return the days of a year that differ from the week's rhythm — weekdays off (holidays, swap days) and
    weekend days worked — (day, worked, holiday name, source): the declaration's instrument, else the Labour Code."""
    declared = {row.day: row.name for row in overrides_of_year(year)}
    day, days = date(year, 1, 1), []
    while day.year == year:
        weekday = day.weekday() < 5
        if weekday != calendar.is_working_day(day):
            source = declared.get(day) or holiday_source(day)
            days.append((day, not weekday, calendar.holiday_name(day) or "", source))
        day = date.fromordinal(day.toordinal() + 1)
    return days
