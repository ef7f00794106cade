"""`flask reports check|rebuild`: a write that bypasses the application is found, and repaired."""

import sqlalchemy as sa

from penalties.extensions import db
from penalties.reports.queries import stats
from tests.reports.test_fast_path import FIRST, TODAY


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def test_check_finds_a_write_behind_the_applications_back_and_rebuild_repairs_it(app):
    assert _run(app, "seed", "demo").exit_code == 0
    assert _run(app, "seed", "bench", "--cases", "150", "--seed", "5").exit_code == 0
    checked = _run(app, "reports", "check")
    assert checked.exit_code == 0, checked.output
    assert "khớp dữ liệu gốc" in checked.output
    with app.app_context():
        before = stats(FIRST, TODAY)
        # SQL by hand: the session hooks never see it.
        db.session.execute(
            sa.text(
                "UPDATE decisions SET fine_total = fine_total + 1000 WHERE id = "
                "(SELECT min(id) FROM decisions WHERE kind = 'sanction' AND fine_total > 0)"
            )
        )
        db.session.commit()
        assert stats(FIRST, TODAY)["fines_imposed"] == before["fines_imposed"]  # stale
    stale = _run(app, "reports", "check")
    assert stale.exit_code == 1
    assert "report_facts: 2 dòng khác" in stale.output and "flask reports rebuild" in stale.output
    with app.app_context():  # check changed nothing
        assert stats(FIRST, TODAY)["fines_imposed"] == before["fines_imposed"]
    assert _run(app, "reports", "rebuild").exit_code == 1  # asks first; no answer, nothing done
    rebuilt = _run(app, "reports", "rebuild", "--yes")
    assert rebuilt.exit_code == 0, rebuilt.output
    with app.app_context():
        assert stats(FIRST, TODAY)["fines_imposed"] == before["fines_imposed"] + 1000
        assert stats(FIRST, TODAY) == stats(FIRST, TODAY, from_facts=True)
    assert _run(app, "reports", "check").exit_code == 0
