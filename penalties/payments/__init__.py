"""Money owed under a decision: payments and reversals, installments, postponement, enforcement, overdue list."""

from flask import Blueprint

# No prefix: the forms post under /decisions/<id>/…, the lists live under /payments/….
bp = Blueprint("payments", __name__)
