"""Time of the board's statistics (SPEC §7) as a ratio to the hand-written SQL over the raw tables, same run.

    python -m bench.reports --db sqlite|postgresql --cases 1000000 [--reuse --keep] [--runs 7] [--requests 10]

Prepares the database as bench.cases does (migrations + `flask seed bench`: cases with their decisions,
deliveries, payments, installments, postponements, enforcements and appeals). For a year of all units and the
same year of one ward it times, in this process, RAW_SQL — the straightforward aggregate over cases, decisions,
payments, appeals and enforcements that computes the headline figures — and `reports.queries.stats` (median of
--runs each), and checks that their figures are identical; then, served by gunicorn as bench.cases serves the
app, GET /api/v1/stats and the dashboard GET /reports/ (when it answers), median of --requests each. Every
time is divided by the raw query's; goal ≤ 0.25. See README.md.
"""

import argparse
import json
import os
import secrets
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import common

GOAL = 0.25
BOARD = "bcd.quan"  # the demo member of the programme board: reads every unit
TOP, WARD = "HN", "HN-TH-PT"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
RESULTS = common.ROOT / "bench" / "results"
LEGAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The headline figures of SPEC §7 for [from, to] and the units under :unit_id, from the raw tables, as one would
# write it by hand: one pass over each table's rows of the period, the money of each decision by subqueries.
# {payment_due} and {least}/{greatest} are the dialect's; :unexpired is the earliest issue date whose fine may
# still be executed on `to` (Law Art. 74: reports.facts.earliest_unexpired).
RAW_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT id FROM units WHERE id = :unit_id
    UNION ALL
    SELECT units.id FROM units JOIN tree ON units.parent_id = tree.id
),
recorded AS (
    SELECT c.decision_due_on AS due_on,
           COALESCE(s.issued_on, CASE WHEN c.dismissed_on <= :date_to THEN c.dismissed_on END) AS settled_on
    FROM cases c
    LEFT JOIN decisions s ON s.case_id = c.id AND s.kind = 'sanction' AND s.issued_on <= :date_to
    WHERE c.unit_id IN (SELECT id FROM tree) AND c.recorded_at >= :starts_at AND c.recorded_at < :ends_before
),
sanctions AS (
    SELECT d.id, d.warning,
        CASE WHEN EXISTS (SELECT 1 FROM decisions a WHERE a.amends_id = d.id AND a.kind = 'annulment'
                          AND a.issued_on <= :date_to) THEN 1 ELSE 0 END AS annulled,
        COALESCE((SELECT a.fine_total FROM decisions a WHERE a.amends_id = d.id AND a.kind = 'amendment'
                  AND a.issued_on <= :date_to ORDER BY a.issued_on DESC, a.id DESC LIMIT 1), d.fine_total) AS in_force,
        COALESCE((SELECT a.issued_on FROM decisions a WHERE a.amends_id = d.id AND a.kind = 'amendment'
                  AND a.issued_on <= :date_to ORDER BY a.issued_on DESC, a.id DESC LIMIT 1), d.issued_on)
            AS in_force_issued,
        COALESCE((SELECT SUM(p.principal) FROM payments p WHERE p.decision_id = d.id AND p.paid_on <= :date_to), 0)
            AS paid,
        COALESCE((SELECT SUM(r.amount) FROM reductions r WHERE r.decision_id = d.id AND r.decided_on <= :date_to), 0)
            AS remitted,
        COALESCE((SELECT SUM(p.principal) FROM payments p WHERE p.decision_id = d.id AND p.paid_on <=
                  (SELECT MAX(r.decided_on) FROM reductions r WHERE r.decision_id = d.id AND r.decided_on <= :date_to)),
                 0) AS paid_at_reduction,
        (SELECT {payment_due} FROM deliveries v WHERE v.decision_id = d.id AND v.delivered_on <= :date_to)
            AS payment_due,
        (SELECT SUM(i.amount) FROM installment_plans ip JOIN installments i ON i.plan_id = ip.id
         WHERE ip.decision_id = d.id AND ip.decided_on <= :date_to) AS planned,
        (SELECT SUM(CASE WHEN i.due_on < :date_to THEN i.amount ELSE 0 END)
         FROM installment_plans ip JOIN installments i ON i.plan_id = ip.id
         WHERE ip.decision_id = d.id AND ip.decided_on <= :date_to) AS planned_due,
        CASE WHEN EXISTS (SELECT 1 FROM postponements pp WHERE pp.decision_id = d.id AND pp.decided_on <= :date_to
                          AND pp.until_on >= :date_to) THEN 1 ELSE 0 END AS postponed,
        (SELECT MAX(pp.until_on) FROM postponements pp WHERE pp.decision_id = d.id AND pp.decided_on <= :date_to)
            AS postponed_until,
        CASE WHEN EXISTS (SELECT 1 FROM appeals ap WHERE ap.decision_id = d.id AND ap.suspended_on <= :date_to
                          AND (ap.resolved_on IS NULL OR ap.resolved_on > :date_to)) THEN 1 ELSE 0 END AS suspended
    FROM decisions d
    WHERE d.kind = 'sanction' AND d.issued_on BETWEEN :date_from AND :date_to AND d.unit_id IN (SELECT id FROM tree)
),
fines AS (
    SELECT s.*, CASE WHEN s.annulled = 1 THEN 0 ELSE s.in_force END AS total,
        CASE WHEN s.annulled = 1 THEN 0 ELSE {least}(s.remitted, {greatest}(s.in_force - s.paid_at_reduction, 0))
        END AS reduced
    FROM sanctions s
),
left_owed AS (
    SELECT f.*, f.total - f.reduced AS due_total FROM fines f
),
owing AS (
    SELECT f.*,
        CASE WHEN f.planned IS NULL THEN CASE WHEN f.payment_due < :date_to THEN f.due_total ELSE 0 END
             ELSE {least}(f.due_total, CASE WHEN f.planned_due > 0
                                            THEN {greatest}(f.due_total - f.planned, 0) + f.planned_due
                                            WHEN f.payment_due < :date_to THEN {greatest}(f.due_total - f.planned, 0)
                                            ELSE 0 END)
        END AS owed
    FROM left_owed f
)
SELECT
    (SELECT COUNT(*) FROM recorded) AS cases,
    (SELECT COUNT(*) FROM recorded WHERE settled_on IS NOT NULL OR due_on < :date_to) AS timed,
    (SELECT COUNT(*) FROM recorded WHERE settled_on <= due_on) AS on_time,
    (SELECT COUNT(*) FROM cases c WHERE c.unit_id IN (SELECT id FROM tree)
     AND c.status = 'dismissed' AND c.dismissed_on BETWEEN :date_from AND :date_to) AS dismissed,
    COUNT(*) AS decisions,
    COALESCE(SUM(CASE WHEN warning THEN 1 ELSE 0 END), 0) AS warnings,
    COALESCE(SUM(annulled), 0) AS annulled,
    COALESCE(SUM(total), 0) AS fines_imposed,
    COALESCE(SUM(CASE WHEN paid < due_total THEN paid ELSE due_total END), 0) AS fines_collected,
    COALESCE(SUM(reduced), 0) AS fines_reduced,
    COALESCE(SUM(CASE WHEN payment_due IS NOT NULL AND postponed = 0 AND suspended = 0
                      AND (in_force_issued >= :unexpired OR postponed_until >= :unexpired) AND paid < owed
                      THEN 1 ELSE 0 END), 0) AS overdue,
    (SELECT COUNT(*) FROM enforcements e JOIN decisions d ON d.id = e.decision_id
     WHERE d.unit_id IN (SELECT id FROM tree) AND e.decided_on BETWEEN :date_from AND :date_to) AS enforced,
    (SELECT COUNT(*) FROM appeals ap JOIN decisions d ON d.id = ap.decision_id
     WHERE d.unit_id IN (SELECT id FROM tree) AND ap.filed_on BETWEEN :date_from AND :date_to) AS appeals_filed,
    (SELECT COUNT(*) FROM appeals ap JOIN decisions d ON d.id = ap.decision_id
     WHERE d.unit_id IN (SELECT id FROM tree) AND ap.resolved_on BETWEEN :date_from AND :date_to) AS appeals_resolved,
    (SELECT COUNT(*) FROM appeals ap JOIN decisions d ON d.id = ap.decision_id
     WHERE d.unit_id IN (SELECT id FROM tree) AND ap.resolved_on BETWEEN :date_from AND :date_to
     AND (ap.resolve_due_on IS NULL OR ap.resolved_on <= ap.resolve_due_on)) AS appeals_on_time
FROM owing
"""
DIALECT = {
    "sqlite": {
        "payment_due": "date(v.delivered_on, '+' || d.payment_period_days || ' days')",
        "least": "min",
        "greatest": "max",
    },
    "postgresql": {"payment_due": "v.delivered_on + d.payment_period_days", "least": "least", "greatest": "greatest"},
}
HEADLINE = (
    "cases",
    "decisions",
    "dismissed",
    "warnings",
    "fines_imposed",
    "fines_collected",
    "fines_reduced",
    "collection_rate",
    "decided_on_time",
    "decided_on_time_rate",
    "lapsed",
    "overdue",
    "enforced",
    "appeals_filed",
    "appeals_resolved",
    "appeals_resolved_on_time",
    "appeals_resolved_on_time_rate",
    "annulled",
)


def raw_statement(dialect: str):
    """Return RAW_SQL for the dialect as a SQLAlchemy text with typed parameters."""
    import sqlalchemy as sa

    from penalties.core.db import Moment

    return sa.text(RAW_SQL.format(**DIALECT[dialect])).bindparams(
        sa.bindparam("starts_at", type_=Moment()),
        sa.bindparam("ends_before", type_=Moment()),
        *(sa.bindparam(name, type_=sa.Date()) for name in ("date_from", "date_to", "unexpired")),
    )


def raw_figures(conn, date_from: date, date_to: date, unit_id: int) -> dict:
    """Return the headline figures of RAW_SQL for [date_from, date_to] and the units under unit_id."""
    from penalties.reports.facts import earliest_unexpired
    from penalties.reports.queries import figures_of
    from penalties.workdays.queries import work_calendar

    starts_at = datetime.combine(date_from, clock.min, LEGAL_TZ).astimezone(UTC)
    ends_before = datetime.combine(date_to + timedelta(days=1), clock.min, LEGAL_TZ).astimezone(UTC)
    values = {
        "date_from": date_from,
        "date_to": date_to,
        "unit_id": unit_id,
        "unexpired": earliest_unexpired(date_to, work_calendar()),
    }
    values |= {"starts_at": starts_at, "ends_before": ends_before}
    counts = conn.execute(raw_statement(conn.dialect.name), values).one()._mapping
    figures = figures_of(counts)  # the same arithmetic from the counts as the application (tested on its own)
    return {key: figures[key] for key in HEADLINE}


@dataclass
class Scope:
    label: str
    date_from: date
    date_to: date
    unit: str


@dataclass
class Timing:
    scope: str
    surface: str
    ms: float
    ratio: float | None = None
    note: str = ""


@dataclass
class Result:
    timings: list[Timing] = field(default_factory=list)
    rows: dict = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)


SCOPES = (
    Scope("a year, all units", *YEAR, TOP),
    Scope("a year, one ward", *YEAR, WARD),
    Scope("report year so far, all units", date(2025, 12, 15), date(2026, 11, 20), TOP),
)
COUNTED = ("cases", "decisions", "deliveries", "payments", "installment_plans", "postponements", "enforcements")
COUNTED += ("appeals", "report_facts", "report_days", "report_act_days")


def _median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def in_process(db: common.Database, args, result: Result) -> dict[str, float]:
    """Time RAW_SQL and stats() alternately, --runs times each, in this process; check their figures agree.

    Return the raw query's median time per scope (ms)."""
    os.environ.update(db.env())
    import sqlalchemy as sa

    from penalties import create_app
    from penalties.extensions import db as sql
    from penalties.reports.queries import stats
    from penalties.units.models import Unit

    app, raw_ms = create_app(), {}
    with app.app_context():
        ids = dict(sql.session.execute(sa.select(Unit.code, Unit.id)).tuples().all())
        result.rows = {name: sql.session.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar() for name in COUNTED}
        for scope in SCOPES:
            raw_runs, our_runs = [], []
            for _ in range(args.runs):  # alternately: a busy neighbour weighs on both
                sql.session.remove()
                started = time.perf_counter()
                raw = raw_figures(sql.session.connection(), scope.date_from, scope.date_to, ids[scope.unit])
                raw_runs.append(time.perf_counter() - started)
                sql.session.remove()
                started = time.perf_counter()
                ours = stats(scope.date_from, scope.date_to, ids[scope.unit])
                our_runs.append(time.perf_counter() - started)
            if {key: ours[key] for key in HEADLINE} != raw:
                wrong = {key: (ours[key], raw[key]) for key in HEADLINE if ours[key] != raw[key]}
                result.mismatches.append(f"{scope.label}: stats() ≠ raw SQL {wrong}")
            raw_ms[scope.label] = _median_ms(raw_runs)
            ours_ms = _median_ms(our_runs)
            result.timings.append(Timing(scope.label, "raw SQL (baseline)", raw_ms[scope.label], 1.0))
            result.timings.append(Timing(scope.label, "stats()", ours_ms, ours_ms / raw_ms[scope.label]))
            print(f"{scope.label}: raw {raw_ms[scope.label]:.0f} ms, stats() {ours_ms:.1f} ms; figures {raw}")
        sql.session.remove()
    return raw_ms


def credentials(db: common.Database) -> tuple[str, str]:
    """Give the board member a known password and a fresh API token."""
    password = f"Bench-{secrets.token_urlsafe(12)}-9a"
    common.flask(db, "users", "password", BOARD, "--password", password, capture=True)
    token = common.flask(db, "users", "token", BOARD, capture=True).strip().splitlines()[-1]
    return password, token


def _timed(port: int, path: str, headers: dict, count: int) -> tuple[int, float, str]:
    """GET path `count` times one after the other (after one unmeasured); return status, median ms, last body."""
    status, _, body = common.request(port, path, headers)
    runs = []
    for _ in range(count):
        started = time.perf_counter()
        status, _, body = common.request(port, path, headers)
        runs.append(time.perf_counter() - started)
    return status, _median_ms(runs), body


def served(db: common.Database, args, raw_ms: dict, result: Result) -> None:
    """Time GET /api/v1/stats and the dashboard through gunicorn, as bench.cases serves the app."""
    password, token = credentials(db)
    api = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    log = Path(db.instance) / "gunicorn.log"
    with common.gunicorn(db, "bench.wsgi_bench:app", args.workers, log) as port:
        pages = {"Cookie": common.sign_in(port, BOARD, password)}
        for scope in SCOPES:
            query = f"from={scope.date_from}&to={scope.date_to}&unit={scope.unit}"
            status, ms, body = _timed(port, f"/api/v1/stats?{query}", api, args.requests)
            note = "" if status == 200 else f"answered {status}"
            if status == 200:
                figures = json.loads(body)
                with_raw = _raw_again(db, scope)
                if {key: figures[key] for key in HEADLINE} != with_raw:
                    result.mismatches.append(f"{scope.label}: API ≠ raw SQL")
            result.timings.append(Timing(scope.label, "GET /api/v1/stats", ms, ms / raw_ms[scope.label], note))
            dates = f"from={scope.date_from:%d/%m/%Y}&to={scope.date_to:%d/%m/%Y}&unit={scope.unit}"
            status, ms, _ = _timed(port, f"/reports/?{dates}", pages, args.requests)
            if status == 200:
                result.timings.append(Timing(scope.label, "GET /reports/ (dashboard)", ms, ms / raw_ms[scope.label]))
            else:
                result.timings.append(Timing(scope.label, "GET /reports/ (dashboard)", 0.0, None, f"answered {status}"))
            common.drain(port)


_RAW_CACHE: dict = {}


def _raw_again(db: common.Database, scope: Scope) -> dict:
    """The raw figures of the scope, computed once (in_process ran them in this process already)."""
    if scope.label not in _RAW_CACHE:
        import sqlalchemy as sa

        from penalties import create_app
        from penalties.extensions import db as sql
        from penalties.units.models import Unit

        with create_app().app_context():
            unit_id = sql.session.scalar(sa.select(Unit.id).where(Unit.code == scope.unit))
            _RAW_CACHE[scope.label] = raw_figures(sql.session.connection(), scope.date_from, scope.date_to, unit_id)
            sql.session.remove()
    return _RAW_CACHE[scope.label]


def report(result: Result, meta: dict) -> str:
    """Return the figures as Markdown: a line about the run, then one row per scope and surface."""
    rows = ", ".join(f"{name} {count:,}" for name, count in result.rows.items())
    lines = [
        f"### {meta['db']}, {meta['cases']:,} cases — {meta['date']}",
        "",
        f"{os.cpu_count()} cores, load average {meta['load_before']} before and {meta['load_after']} after; "
        f"{meta['runs']} runs in process, {meta['requests']} requests served (medians). Rows: {rows}.",
        "",
        "| period, units | what | ms | ÷ raw SQL | goal ≤ 0.25 |",
        "|---|---|---:|---:|---|",
    ]
    for t in result.timings:
        if t.ratio is None:
            lines.append(f"| {t.scope} | {t.surface} | – | – | {t.note} |")
            continue
        mark = "baseline" if t.surface.startswith("raw") else ("ok" if t.ratio <= GOAL else "**no**")
        lines.append(f"| {t.scope} | {t.surface} | {t.ms:,.1f} | {t.ratio:.3f} | {mark} {t.note} |")
    lines.append("")
    lines.append(
        "Figures identical: " + ("yes" if not result.mismatches else "**NO** — " + "; ".join(result.mismatches))
    )
    return "\n".join(lines)


def _write(result: Result, meta: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"reports-{meta['db']}-{meta['cases']}.json"
    timings = [t.__dict__ for t in result.timings]
    data = {**meta, "timings": timings, "rows": result.rows, "mismatches": result.mismatches}
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    parts = ["# bench/reports.py — the board's statistics against the hand-written SQL (written by the benchmark)", ""]
    for path in sorted(RESULTS.glob("reports-*.json")):
        saved = json.loads(path.read_text())
        parts += [
            report(Result([Timing(**t) for t in saved["timings"]], saved["rows"], saved["mismatches"]), saved),
            "",
        ]
    (RESULTS / "reports.md").write_text("\n".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7, help="in-process runs of each query (medians are kept)")
    parser.add_argument("--requests", type=int, default=10, help="requests of each page (medians are kept)")
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--no-server", action="store_true", help="only the in-process measurements")
    args = parser.parse_args()
    args.revision = "head"
    from bench.cases import prepare

    db = common.database(args.db, str(args.cases))
    try:
        load_seconds = prepare(db, args)
        meta = {"db": args.db, "cases": args.cases, "date": str(date.today()), "load_seconds": load_seconds}
        meta |= {"runs": args.runs, "requests": args.requests, "load_before": _load()}
        result = Result()
        raw_ms = in_process(db, args, result)
        if not args.no_server:
            served(db, args, raw_ms, result)
        meta["load_after"] = _load()
        print()
        print(report(result, meta))
        if load_seconds:
            print(f"\nload: {args.cases:,} cases in {load_seconds:.0f} s")
        _write(result, meta)
        if result.mismatches:
            raise SystemExit("the figures differ")
    finally:
        if not args.keep:
            db.drop()


def _load() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


if __name__ == "__main__":
    main()
