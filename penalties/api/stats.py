"""Statistics through the API (API.md, "Statistics"): the figures of SPEC §7 for the programme board."""

from flask_babel import gettext as _

from penalties.api import ApiBlueprint
from penalties.api.stats_schemas import StatsArgs, StatsOut
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.auth.scope import visible_unit_ids
from penalties.catalogue.models import Sector
from penalties.core.db import utcnow
from penalties.core.errors import ApiError
from penalties.core.formatting import local_today
from penalties.extensions import db
from penalties.reports import queries
from penalties.units.queries import get_unit_by_code

blp = ApiBlueprint("api_stats", __name__, description="Thống kê / statistics")

# The board reads everything (API.md, Roles); the administrator keeps every unit, so reads their figures too.
EVERY_UNIT_ROLES = ("board", "admin")


def _period(args: dict, today):
    """Return [from, to]: by default the annual report period so far (15/12 → today)."""
    date_to = args["date_to"] or today
    date_from = args["date_from"] or queries.report_period(date_to)[0]
    for name, day in (("to", date_to), ("from", date_from)):
        if day > today:
            message = _("Ngày không được ở tương lai.")
            raise ApiError(422, "date_in_future", message, fields={name: message})
    if date_from > date_to:
        message = _("Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).")
        raise ApiError(422, "date_order", message, fields={"from": message})
    return date_from, date_to


def _unit(code: str | None, visible: list[int] | None):
    if code is None:
        return None
    unit = get_unit_by_code(code)
    if unit is None:
        message = _("Không có đơn vị mã %(c)s.", c=code)
        raise ApiError(422, "unit_unknown", message, fields={"unit": message})
    if visible is not None and unit.id not in visible:
        message = _("Bạn chỉ xem được số liệu của đơn vị mình và các đơn vị trực thuộc.")
        raise ApiError(403, "unit_not_allowed", message, fields={"unit": message})
    return unit


def _sector(code: str | None):
    if code is None:
        return None
    sector = db.session.scalar(db.select(Sector).where(Sector.code == code))
    if sector is None:
        message = _("Không có lĩnh vực mã %(c)s.", c=code)
        raise ApiError(422, "sector_unknown", message, fields={"sector": message})
    return sector


@blp.route("/stats", methods=["GET"])
@permission_required(Permission.VIEW_REPORTS)
@blp.arguments(StatsArgs, location="query")
@blp.response(200, StatsOut)
def stats(args):
    """Figures of a period for a unit and the units below it, and a sector (SPEC §7); rates null when 0/0."""
    user = acting_user()
    date_from, date_to = _period(args, local_today(utcnow()))
    visible = None if user.role in EVERY_UNIT_ROLES else visible_unit_ids(user)
    unit, sector = _unit(args["unit"], visible), _sector(args["sector"])
    if unit is None and visible is not None:  # legal and officers: their own unit by default
        unit = user.unit
        if unit is None:
            raise ApiError(403, "unit_not_allowed", _("Tài khoản chưa thuộc đơn vị nào."))
    figures = queries.stats(
        date_from,
        date_to,
        unit.id if unit else None,
        sector.id if sector else None,
        visible_unit_ids=visible,
    )
    return {
        **figures,
        "date_from": date_from,
        "date_to": date_to,
        "unit": unit.code if unit else None,
        "sector": sector.code if sector else None,
    }
