"""Pages of the audit trail."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit")
