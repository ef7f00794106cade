"""Administrative units (the tree of province, district, commune)."""

from flask import Blueprint

bp = Blueprint("units", __name__, url_prefix="/admin/units")
