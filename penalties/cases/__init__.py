"""Violation records (biên bản vi phạm hành chính): record, find, read, dismiss."""

from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/cases")
