"""What the statistics are asked for — a period, a unit, a sector — checked once for the API and the pages;
and the figures a case list can be narrowed to: the cases behind a number of the dashboard (SPEC §7).

The checks raise FilterError, which the API answers as an error and the dashboard shows on its form.
A figure's cases are read from the very facts the statistics sum (reports.facts), so the list holds
exactly the cases counted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from penalties.auth.scope import visible_unit_ids
from penalties.catalogue.models import Sector
from penalties.extensions import db
from penalties.reports import queries
from penalties.reports.facts import Period, Scope, facts
from penalties.units.models import Unit
from penalties.units.queries import get_unit_by_code

# The board reads everything (API.md, Roles); the administrator keeps every unit, so reads their figures too.
EVERY_UNIT_ROLES = ("board", "admin")
# The periods statistics are given for (API.md, Conventions): none before 2000, none longer than 5 years, so that
# no request of the dashboard, the exports or a figure's case list reads more than five years of facts.
PERIOD_START = date(2000, 1, 1)
PERIOD_MAX_YEARS = 5


class FilterError(Exception):
    """A period, unit or sector the statistics cannot be given for: status, code, message, the field at fault."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


@dataclass(frozen=True)
class ReportFilters:
    """A checked request for statistics: [date_from, date_to], the unit (for legal and officers their own
    by default), the sector, and the units the user may read (None: every unit)."""

    date_from: date
    date_to: date
    unit: Unit | None
    sector: Sector | None
    visible: list[int] | None

    def stats(self) -> dict:
        """Return the figures of queries.stats for these filters."""
        unit_id, sector_id = (self.unit.id if self.unit else None), (self.sector.id if self.sector else None)
        return queries.stats(self.date_from, self.date_to, unit_id, sector_id, visible_unit_ids=self.visible)

    def query_args(self) -> dict:
        """Return the filters as the query arguments of the pages (dates as dd/mm/yyyy), absent ones left out."""
        args = {"from": f"{self.date_from:%d/%m/%Y}", "to": f"{self.date_to:%d/%m/%Y}"}
        if self.unit:
            args["unit"] = self.unit.code
        if self.sector:
            args["sector"] = self.sector.code
        return args


def visible_units(user) -> list[int] | None:
    """Return the units whose figures the user may read; None means every unit."""
    return None if user.role in EVERY_UNIT_ROLES else visible_unit_ids(user)


def check_period(date_from: date | None, date_to: date | None, today: date) -> tuple[date, date]:
    """Return [from, to]: by default the annual report period so far (15/12 → today); no future, from ≤ to, and
    within what the statistics are kept for: from 2000 on, at most 5 years at once (API.md, period_out_of_range)."""
    date_to = date_to or today
    date_from = date_from or queries.report_period(date_to)[0]
    for name, day in (("to", date_to), ("from", date_from)):
        if day > today:
            raise FilterError(422, "date_in_future", _("Ngày không được ở tương lai."), name)
    if date_from > date_to:
        message = _("Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).")
        raise FilterError(422, "date_order", message, "from")
    if date_from < PERIOD_START or date_from < years_before(date_to, PERIOD_MAX_YEARS):
        message = _(
            "Kỳ thống kê phải bắt đầu từ ngày %(start)s trở đi và dài không quá %(years)d năm.",
            start=f"{PERIOD_START:%d/%m/%Y}",
            years=PERIOD_MAX_YEARS,
        )
        raise FilterError(422, "period_out_of_range", message, "from")
    return date_from, date_to


def years_before(day: date, years: int) -> date:
    """Return the same day `years` years earlier (28 February for a 29 February that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def find_unit(code: str | None, visible: list[int] | None) -> Unit | None:
    """Return the unit of the code, if the user may read its figures."""
    if code is None:
        return None
    unit = get_unit_by_code(code)
    if unit is None:
        raise FilterError(422, "unit_unknown", _("Không có đơn vị mã %(c)s.", c=code), "unit")
    if visible is not None and unit.id not in visible:
        message = _("Bạn chỉ xem được số liệu của đơn vị mình và các đơn vị trực thuộc.")
        raise FilterError(403, "unit_not_allowed", message, "unit")
    return unit


def find_sector(code: str | None) -> Sector | None:
    """Return the sector of the code."""
    if code is None:
        return None
    sector = db.session.scalar(sa.select(Sector).where(Sector.code == code))
    if sector is None:
        raise FilterError(422, "sector_unknown", _("Không có lĩnh vực mã %(c)s.", c=code), "sector")
    return sector


def resolve(
    user, date_from: date | None, date_to: date | None, unit: str | None, sector: str | None, today: date
) -> ReportFilters:
    """Check what the user asks for (period, then unit, then sector); legal and officers get their unit by default."""
    date_from, date_to = check_period(date_from, date_to, today)
    visible = visible_units(user)
    found_unit, found_sector = find_unit(unit, visible), find_sector(sector)
    if found_unit is None and visible is not None:
        found_unit = user.unit
        if found_unit is None:
            raise FilterError(403, "unit_not_allowed", _("Tài khoản chưa thuộc đơn vị nào."))
    return ReportFilters(date_from, date_to, found_unit, found_sector, visible)


@dataclass(frozen=True)
class Figure:
    """A number of the dashboard as a filter of the case list: its label, and which facts it counts."""

    label: str
    counts: Callable  # facts columns → SQL condition: the fact adds to this figure
    per_case: bool = True  # False: a case may add more than one to the figure (several appeals, enforcements)


FIGURES = {
    "cases": Figure(_l("Biên bản lập trong kỳ"), lambda f: f.cases > 0),
    "decided_on_time": Figure(_l("Ra quyết định hoặc không ra quyết định đúng hạn"), lambda f: f.on_time > 0),
    "lapsed": Figure(_l("Quá hạn ra quyết định (Điều 65)"), lambda f: f.timed > f.on_time),
    "dismissed": Figure(_l("Không ra quyết định xử phạt"), lambda f: f.dismissed > 0),
    "decisions": Figure(_l("Quyết định xử phạt ban hành trong kỳ"), lambda f: f.decisions > 0),
    "warnings": Figure(_l("Quyết định phạt cảnh cáo"), lambda f: f.warnings > 0),
    "annulled": Figure(_l("Quyết định bị hủy bỏ"), lambda f: f.annulled > 0),
    "fined": Figure(_l("Quyết định có tiền phạt"), lambda f: f.fines_imposed > 0),
    "collected": Figure(_l("Quyết định đã thu tiền phạt"), lambda f: f.fines_collected > 0),
    "overdue": Figure(_l("Quyết định quá hạn nộp phạt"), lambda f: f.overdue > 0),
    "enforced": Figure(_l("Quyết định cưỡng chế"), lambda f: f.enforced > 0, per_case=False),
    "appeals_filed": Figure(_l("Khiếu nại, khởi kiện đã nhận"), lambda f: f.appeals_filed > 0, per_case=False),
    "appeals_resolved": Figure(_l("Khiếu nại đã giải quyết"), lambda f: f.appeals_resolved > 0, per_case=False),
    "appeals_on_time": Figure(_l("Khiếu nại giải quyết đúng hạn"), lambda f: f.appeals_on_time > 0, per_case=False),
    "appeals_late": Figure(
        _l("Khiếu nại giải quyết quá hạn"), lambda f: f.appeals_resolved > f.appeals_on_time, per_case=False
    ),
}


def figure_case_ids(
    figure: str,
    period: tuple[date, date],
    unit_ids: list[int] | None = None,
    sector_id: int | None = None,
    month: str | None = None,
) -> sa.Select:
    """Return SELECT case_id of the facts that add to the figure in the period, in those units (None: all) and
    sector, and in the month ('2026-03') of by_month if given."""
    units = sa.select(Unit.id, Unit.id.label("bucket"))
    if unit_ids is not None:
        units = units.where(Unit.id.in_(unit_ids))
    scope = Scope(units.cte("figure_units"), sector_id)
    counted = facts(Period(*period), scope).subquery("figure_facts")
    query = sa.select(counted.c.case_id).where(FIGURES[figure].counts(counted.c))
    return query.where(counted.c.month == month) if month else query
