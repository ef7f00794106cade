"""The filters of the statistics pages, read from the query string: a period preset or dates, a unit, a sector.

read_request is shared by the dashboard and its exports, so a link keeps meaning the same figures.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from penalties.catalogue.models import Sector
from penalties.core.forms import DayField, Form, optional
from penalties.extensions import db
from penalties.reports.filters import FilterError, ReportFilters, resolve, visible_units
from penalties.reports.queries import report_period
from penalties.units.models import Unit

PRESETS = {
    "month": _l("Tháng này"),
    "quarter": _l("Quý này"),
    "year": _l("Năm nay"),
    "annual": _l("Kỳ báo cáo năm"),
    "last_annual": _l("Kỳ báo cáo năm trước"),
}


def preset_period(name: str, today: date) -> tuple[date, date]:
    """Return [from, to] of a preset; those still running end today (the figures cannot be of the future).

    The annual report period runs 15/12 → 14/12 (Circular 01/2023/TT-BTP, as amended).
    """
    if name == "month":
        return today.replace(day=1), today
    if name == "quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if name == "year":
        return date(today.year, 1, 1), today
    start = report_period(today)[0]
    if name == "annual":
        return start, today
    if name == "last_annual":
        return date(start.year - 1, 12, 15), start - timedelta(days=1)
    raise KeyError(name)


class ReportForm(Form):
    """Dates, unit and sector of the statistics (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    date_from = DayField(_l("Từ ngày"), name="from", validators=[optional()])
    date_to = DayField(_l("Đến ngày"), name="to", validators=[optional()])
    unit = SelectField(_l("Đơn vị"), choices=[], validate_choice=False)
    sector = SelectField(_l("Lĩnh vực"), choices=[], validate_choice=False)
    notice: str | None = None  # what is shown instead of what was asked


def _choices(form: ReportForm, user) -> None:
    units = sa.select(Unit.code, Unit.name).where(Unit.active.is_(True)).order_by(Unit.code)
    visible = visible_units(user)
    if visible is not None:
        units = units.where(Unit.id.in_(visible))
    everyone = _("Mọi đơn vị") if visible is None else _("Đơn vị của tôi")
    form.unit.choices = [("", everyone), *((code, name) for code, name in db.session.execute(units))]
    sectors = db.session.execute(sa.select(Sector.code, Sector.name).order_by(Sector.name))
    form.sector.choices = [("", _("Mọi lĩnh vực")), *((code, name) for code, name in sectors)]


def _asked_period(form: ReportForm, args, today: date) -> tuple[date | None, date | None]:
    """Return the dates typed, else those of the preset, else None (the default period)."""
    if args.get("from") or args.get("to"):
        if form.date_from.errors or form.date_to.errors:
            return None, None
        return form.date_from.data, form.date_to.data
    preset = args.get("preset")
    if not preset:
        return None, None
    if preset not in PRESETS:
        form.form_errors.append(_("Không có kỳ báo cáo “%(p)s”; đang hiển thị kỳ mặc định.", p=preset))
        return None, None
    return preset_period(preset, today)


def _show(form: ReportForm, filters: ReportFilters) -> None:
    """Show the period the figures are for in the date fields without an error, and say so if it is not the one
    asked for."""
    for field, value in ((form.date_from, filters.date_from), (form.date_to, filters.date_to)):
        if not field.errors:
            field.raw_data, field.data = None, value
    if form.form_errors or any(field.errors for field in form):
        period = {"a": f"{filters.date_from:%d/%m/%Y}", "b": f"{filters.date_to:%d/%m/%Y}"}
        form.notice = _("Đang hiển thị số liệu từ %(a)s đến %(b)s, không theo điều kiện chưa hợp lệ.", **period)


def read_request(args, user, today: date) -> tuple[ReportForm, ReportFilters | None]:
    """Return the form of the query string and the filters it asks for.

    What cannot be given (a bad date, from after to, a unit out of reach, an unknown sector) is shown as an
    error on its field and dropped: the figures are then those of the default period, or of every unit or
    sector. None only when the user can read no figures at all (an account without a unit).
    """
    form = ReportForm(formdata=args)
    _choices(form, user)
    form.validate()
    date_from, date_to = _asked_period(form, args, today)
    unit, sector = form.unit.data or None, form.sector.data or None
    while True:
        try:
            filters = resolve(user, date_from, date_to, unit, sector, today)
        except FilterError as err:
            field = {"from": form.date_from, "to": form.date_to, "unit": form.unit, "sector": form.sector}.get(
                err.field
            )
            if field is None:
                form.form_errors.append(err.message)
                return form, None
            field.errors = [*field.errors, err.message]
            if err.field in ("from", "to"):
                date_from = date_to = None
            elif err.field == "unit":
                unit = None
            else:
                sector = None
        else:
            _show(form, filters)
            return form, filters
