"""Reference data: sectors, circumstances, the catalogue of acts, holiday overrides."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")
