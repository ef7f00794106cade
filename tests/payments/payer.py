"""A separate process that records payments, for the concurrent double-submit test."""

import os
import time
from datetime import date


def pay_once(database_url: str, instance: str, decision_id: int, amount: int, receipt: str, start_at: float) -> str:
    """Record one payment from a fresh app in this process; return "ok" or the refusal's code."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["PENALTIES_INSTANCE"] = instance
    from penalties import create_app
    from penalties.auth.models import User
    from penalties.decisions.models import Decision
    from penalties.extensions import db
    from penalties.law.errors import RuleViolation
    from penalties.payments.operations import PaymentInput, record_payment

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "concurrency"})
    with app.test_request_context(method="POST"):  # a write, as the payment form's POST is
        legal = db.session.scalar(db.select(User).where(User.username == "legal"))
        decision = db.session.get(Decision, decision_id)
        time.sleep(max(0.0, start_at - time.time()))
        try:
            record_payment(
                decision,
                PaymentInput(amount, date(2026, 3, 5), "cash", receipt),
                actor=legal,
                today=date(2026, 3, 5),
            )
            db.session.commit()
            result = "ok"
        except RuleViolation as err:
            db.session.rollback()
            result = err.code
        db.engine.dispose()
    return result
