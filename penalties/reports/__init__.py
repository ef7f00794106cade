"""Statistics for the programme board (SPEC §7): the figures of a period, a unit and a sector."""

from flask import Blueprint

# Pages come later; until then the blueprint has no routes and is not in FEATURES.
bp = Blueprint("reports", __name__, url_prefix="/reports")
from penalties.reports import export_views  # noqa: E402,F401  (routes)
