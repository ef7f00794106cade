"""The working-day calendar: public holidays and the government's swap days (SPEC §2)."""

from flask import Blueprint

bp = Blueprint("workdays", __name__, url_prefix="/admin/workdays")
