"""Public verification of issued documents: anyone may check a decision by its hash or QR code."""

from flask import Blueprint

bp = Blueprint("verify", __name__, url_prefix="/verify")
