"""Complaints and lawsuits against a decision: file, suspend execution, resolve; the pending list."""

from flask import Blueprint

# No prefix: filing posts under /decisions/<id>/appeals, the rest lives under /appeals/….
bp = Blueprint("appeals", __name__)
