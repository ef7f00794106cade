"""Due dates stored before SPEC v2 that end on a day off move to the next working day (Civil Code Art. 148(5),
applied by Law XLVPHC Art. 8): a case's decision due date and limitation, each violation's limitation, an
appeal's acceptance and resolution due dates. The system now computes them so (law.deadlines
.ending_on_a_working_day); the rows written before would otherwise refuse a decision or a complaint the law still
allows. Each distinct stored date is moved once, with the calendar of that day (the `holidays` package and the
declared days off and working days of holiday_overrides). The payment due date is not stored and never moves
(Circular 18/2023/TT-BTC Art. 5(3)). The statistics' facts of the cases concerned are rewritten by
reports.summary.refresh, as 66ed3b5039c2 filled them with reports.summary.rebuild; a database without such rows
(a new installation, the tests) has nothing to move. Downgrade keeps the moved dates: they are the lawful ones.

Revision ID: d4a1f0c2b7e9
Revises: b13e570ca853
Create Date: 2026-12-08 02:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d4a1f0c2b7e9"
down_revision = "b13e570ca853"
branch_labels = None
depends_on = None

COLUMNS = (
    ("cases", "decision_due_on"),
    ("cases", "limitation_expires_on"),
    ("violations", "limitation_expires_on"),
    ("appeals", "accept_due_on"),
    ("appeals", "resolve_due_on"),
)
# The case each table's row belongs to, for the statistics' refresh.
CASE_OF = {
    "cases": "SELECT id FROM cases WHERE {column} = :day",
    "violations": "SELECT case_id FROM violations WHERE {column} = :day",
    "appeals": "SELECT d.case_id FROM appeals a JOIN decisions d ON d.id = a.decision_id WHERE a.{column} = :day",
}


def _calendar(conn):
    from penalties.law.calendar import WorkCalendar

    rows = conn.execute(sa.text("SELECT day, working FROM holiday_overrides"))
    return WorkCalendar(overrides={_day(day): bool(working) for day, working in rows})


def _day(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def upgrade():
    conn = op.get_bind()
    calendar = _calendar(conn)
    cases: set[int] = set()
    for table, column in COLUMNS:
        stored = conn.execute(sa.text(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"))
        for (value,) in list(stored):
            day = _day(value)
            moved = calendar.next_working_day(day)
            if moved == day:
                continue
            cases.update(conn.execute(sa.text(CASE_OF[table].format(column=column)), {"day": value}).scalars())
            conn.execute(
                sa.text(f"UPDATE {table} SET {column} = :moved WHERE {column} = :day"), {"moved": moved, "day": value}
            )
    if cases:
        from penalties.reports.summary import refresh

        refresh(conn, cases)


def downgrade():
    pass
