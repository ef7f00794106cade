"""A separate process that issues decisions, for the concurrent numbering test."""

import os
import time
from datetime import date


def issue_many(database_url: str, instance: str, case_ids: list[int], start_at: float) -> list[str]:
    """Issue the decisions of these cases from a fresh app in this process; return their numbers."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["PENALTIES_INSTANCE"] = instance
    from penalties import create_app
    from penalties.auth.models import User
    from penalties.cases.models import Case
    from penalties.decisions.operations import DecisionInput, issue_decision
    from penalties.extensions import db

    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "concurrency"})
    numbers = []
    with app.app_context():
        chair = db.session.scalar(db.select(User).where(User.username == "chair"))
        time.sleep(max(0.0, start_at - time.time()))
        for case_id in case_ids:
            decision = issue_decision(
                db.session.get(Case, case_id),
                DecisionInput(signer="chair", issued_on=date(2026, 3, 4)),
                actor=chair,
                today=date(2026, 3, 4),
            )
            db.session.commit()
            numbers.append(decision.number)
        db.engine.dispose()
    return numbers
