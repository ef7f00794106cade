"""Statistics through the API (API.md, "Statistics"): the figures of SPEC §7 for the programme board."""

from penalties.api import ApiBlueprint
from penalties.api.stats_schemas import StatsArgs, StatsOut
from penalties.auth.permissions import Permission, acting_user, permission_required
from penalties.core.db import utcnow
from penalties.core.errors import ApiError
from penalties.core.formatting import local_today
from penalties.reports.filters import FilterError, resolve

blp = ApiBlueprint("api_stats", __name__, description="Thống kê / statistics")


@blp.route("/stats", methods=["GET"])
@permission_required(Permission.VIEW_REPORTS)
@blp.arguments(StatsArgs, location="query")
@blp.response(200, StatsOut)
def stats(args):
    """Figures of a period for a unit and the units below it, and a sector (SPEC §7); rates null when 0/0."""
    today = local_today(utcnow())
    try:
        filters = resolve(acting_user(), args["date_from"], args["date_to"], args["unit"], args["sector"], today)
    except FilterError as err:
        fields = {err.field: err.message} if err.field else None
        raise ApiError(err.status, err.code, err.message, fields=fields) from None
    return {
        **filters.stats(),
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "unit": filters.unit.code if filters.unit else None,
        "sector": filters.sector.code if filters.sector else None,
    }
