"""`flask reports check|rebuild`: hold the statistics' summary to the raw tables, or compute it again.

The session hooks keep the summary exact with every write made through the application; a write that
bypasses it (SQL by hand, a restore of some tables) is found by `check` and repaired by `rebuild`.
"""

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from tqdm import tqdm

from penalties.cases.models import Case
from penalties.extensions import db
from penalties.reports import summary
from penalties.reports.models import SUMMED, ReportActDay, ReportDay, ReportFact

reports_cli = AppGroup("reports", help="Thống kê / statistics.")
# What a table of the summary holds, compared row by row (ids aside); rows adding nothing do not count.
KEPT = {
    ReportFact.__table__: None,
    ReportDay.__table__: SUMMED,
    ReportActDay.__table__: ("cases",),
}


def _rows(table: sa.Table) -> sa.Select:
    query = sa.select(*(c for c in table.c if c.name != "id"))  # a fact's id is given anew by a rebuild
    summed = KEPT[table]
    return query if summed is None else query.where(sa.or_(*(table.c[name] != 0 for name in summed)))


def _rebuild(conn, label: str) -> int:
    low, high = conn.execute(sa.select(sa.func.min(Case.id), sa.func.max(Case.id))).one()
    total = high - low + 1 if low is not None else 0
    with tqdm(total=total, unit=" cases", unit_scale=True, mininterval=1, desc=label) as bar:
        return summary.rebuild(conn, progress=bar.update)


def _differences(conn) -> dict[str, int]:
    """Rebuild inside the open transaction and count the rows of each table that differ from those kept."""
    kept = {}
    for table in KEPT:
        copy = f"kept_{table.name}"
        conn.execute(sa.text(f"CREATE TEMPORARY TABLE {copy} AS {_compiled(conn, _rows(table))}"))
        kept[table] = copy
    _rebuild(conn, "kiểm tra / checking")
    counts = {}
    for table, copy in kept.items():
        fresh = _compiled(conn, _rows(table))
        missing = f"SELECT count(*) FROM (SELECT * FROM {copy} EXCEPT {fresh}) AS d"
        extra = f"SELECT count(*) FROM ({fresh} EXCEPT SELECT * FROM {copy}) AS d"
        counts[table.name] = conn.execute(sa.text(missing)).scalar() + conn.execute(sa.text(extra)).scalar()
    return counts


def _compiled(conn, query: sa.Select) -> str:
    return str(query.compile(conn, compile_kwargs={"literal_binds": True}))


@reports_cli.command("check")
def check() -> None:
    """Compare the summary with the raw tables; change nothing. Exit status 1 when they differ."""
    conn = db.session.connection()
    try:
        counts = _differences(conn)
    finally:
        db.session.rollback()  # the rebuild and the copies are undone
    for name, count in counts.items():
        click.echo(f"{name}: {count} dòng khác / rows differ")
    if any(counts.values()):
        click.echo("Bảng tổng hợp không khớp dữ liệu gốc: chạy `flask reports rebuild`. / The summary is stale.")
        raise SystemExit(1)
    click.echo("Bảng tổng hợp khớp dữ liệu gốc. / The summary agrees with the raw tables.")


@reports_cli.command("rebuild")
@click.confirmation_option(prompt="Tính lại toàn bộ bảng tổng hợp thống kê? / Rebuild the whole summary?")
def rebuild() -> None:
    """Compute the whole summary again from the raw tables, in one transaction."""
    facts = _rebuild(db.session.connection(), "thống kê / statistics")
    db.session.commit()
    click.echo(f"{facts} sự kiện thống kê / facts")
