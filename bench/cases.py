"""Throughput of the cases list, a filtered list, a search and a case, as a ratio to a bare route.

    python -m bench.cases --db sqlite|postgresql --cases 1000000 [--reuse --keep] [--revision REV] [--explain]

Prepares a database (migrations + `flask seed bench`), serves the app with gunicorn (2 sync workers)
and measures each request with the same load driver as `/bench/bare`, in the same run. See README.md.
"""

import argparse
import json
import os
import secrets
import statistics
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from bench import common

USER = "phaply.pt"  # the demo legal user of Phường Phú Thượng: sees one ward of the eight
SEARCH = "nguyen van an"
GOAL = 0.3


@dataclass
class Target:
    surface: str
    what: str
    path: str
    rps: float = 0.0
    ratio: float = 0.0
    error: str = ""


def targets(case_id: int, id_number: str, pages: bool) -> list[Target]:
    """Return what is measured: the API always, the pages when /cases/ answers."""
    queries = {
        "list": "",
        "filtered (status + sector)": "?status=recorded&sector=giao_thong_duong_bo",
        f"search “{SEARCH}”": f"?q={quote(SEARCH)}",
        "search, one ID number": f"?q={id_number}",
    }
    found = []
    for surface, base in (("pages", "/cases/"), ("api", "/api/v1/cases")):
        if surface == "pages" and not pages:
            continue
        found += [Target(surface, what, base + query) for what, query in queries.items()]
        found.append(Target(surface, "case", f"{base.rstrip('/')}/{case_id}"))
    return found


def prepare(db: common.Database, args) -> float | None:
    """Create, migrate and load the database; return the seconds the load took (None when reused)."""
    if args.reuse and db.exists():
        common.flask(db, "db", "upgrade", args.revision)
        return None
    common.create(db)
    common.flask(db, "db", "upgrade", args.revision)
    started = time.perf_counter()
    common.flask(db, "seed", "bench", "--cases", str(args.cases), "--seed", str(args.seed))
    return time.perf_counter() - started


def credentials(db: common.Database) -> tuple[str, str]:
    """Give the demo user a known password and a fresh API token."""
    password = f"Bench-{secrets.token_urlsafe(12)}-9a"
    common.flask(db, "users", "password", USER, "--password", password, capture=True)
    token = common.flask(db, "users", "token", USER, capture=True).strip().splitlines()[-1]
    return password, token


def run(db: common.Database, args) -> dict:
    """Serve the app and measure every target against the bare route; return the figures."""
    password, token = credentials(db)
    bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    bare = Target("bare", "bare route (baseline)", "/bench/bare")
    with common.gunicorn(db, "bench.wsgi_bench:app", args.workers, Path(db.instance) / "gunicorn.log") as port:
        headers = {"pages": {"Cookie": common.sign_in(port, USER, password)}, "api": bearer, "bare": {}}
        measured = _targets(port, headers)
        working = [t for t in measured if not t.error]
        for target in (bare, *working):
            _settle(
                port, common.measure(port, target.path, headers[target.surface], args.warmup, args.connections), args
            )
        # Each request is measured right after the bare route, so a busy neighbour weighs on both.
        rates, ratios = {t.path: [] for t in (bare, *working)}, {t.path: [] for t in working}
        for turn in range(args.repeat):
            for target in working:
                base = _measure(port, bare, {}, args)
                rate = _measure(port, target, headers[target.surface], args)
                rates[bare.path].append(base)
                rates[target.path].append(rate)
                ratios[target.path].append(rate / base if base else 0.0)
                print(f"[{turn + 1}/{args.repeat}] {target.surface:>5} {target.what:<28} {rate:8.1f} req/s, ", end="")
                print(f"bare {base:7.1f} req/s: {rate / base:.3f} {target.error}")
    bare.rps = statistics.median(rates[bare.path])
    for target in working:
        target.rps, target.ratio = statistics.median(rates[target.path]), statistics.median(ratios[target.path])
    return {"baseline_rps": bare.rps, "targets": [asdict(t) for t in measured], "token": token}


def _targets(port: int, headers: dict) -> list[Target]:
    """Return the targets, those that do not answer 200 marked with their error (they are not measured)."""
    status, _, body = common.request(port, "/api/v1/cases?limit=20", headers["api"])
    if status != 200:
        raise RuntimeError(f"GET /api/v1/cases answered {status}")
    sample = json.loads(body)["items"][10]
    pages = common.request(port, "/cases/", headers["pages"])[0] == 200
    measured = targets(sample["id"], sample["violator"]["id_number"], pages)
    for target in measured:
        status = common.request(port, target.path, headers[target.surface])[0]
        target.error = "" if status == 200 else f"answered {status}"
    return measured


def _measure(port: int, target: Target, headers: dict, args) -> float:
    rate = _settle(port, common.measure(port, target.path, headers, args.seconds, args.connections), args)
    if rate.not_ok:
        target.error = f"{rate.not_ok} answers other than 200 under load"
    return rate.rps


def _settle(port: int, rate: common.Rate, args) -> common.Rate:
    """Let the requests the load left queued finish, so the next measurement starts on idle workers."""
    time.sleep(min(30.0, rate.latency_ms / 1000 * args.connections / args.workers))
    common.drain(port)
    return rate


def report(result: dict, args) -> str:
    """Return the figures as a Markdown table."""
    lines = [
        f"{args.db}, {args.cases:,} cases, {args.workers} sync workers, {os.cpu_count()} cores, {date.today()}: "
        f"bare route {result['baseline_rps']:.0f} req/s",
        "",
        "| surface | request | req/s | × bare | |",
        "|---|---|---:|---:|---|",
    ]
    for t in result["targets"]:
        mark = t["error"] or ("ok" if t["ratio"] >= GOAL else f"< {GOAL}")
        lines.append(f"| {t['surface']} | {t['what']} | {t['rps']:.0f} | {t['ratio']:.2f} | {mark} |")
    return "\n".join(lines)


def explain(db: common.Database, measured: list[Target], token: str) -> None:
    """Make each request once in this process; print its statements, the time of each and the slowest one's plan.

    The statements are replayed one by one afterwards, rows fetched, so their time includes the fetch
    (SQLite does most of its work there, after `execute` has returned).
    """
    os.environ.update(db.env())
    import sqlalchemy as sa

    from penalties import create_app
    from penalties.auth.models import User
    from penalties.extensions import db as sql

    app, seen = create_app(), []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    with app.app_context():
        engine, user_id = sql.engine, sql.session.scalar(sa.select(User.id).where(User.username == USER))
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(user_id), True
    for target in measured:
        headers = {"Authorization": f"Bearer {token}"} if target.surface == "api" else {}
        client.get(target.path, headers=headers)  # warm the caches, as the load did
        sa.event.listen(engine, "before_cursor_execute", record)
        seen.clear()
        started = time.perf_counter()
        status = client.get(target.path, headers=headers).status_code
        spent = time.perf_counter() - started
        sa.event.remove(engine, "before_cursor_execute", record)
        timed = [(_replay(engine, *s), *s) for s in seen if s[0].lstrip().upper().startswith("SELECT")]
        print(f"\n### {target.surface} {target.what} ({target.path}): {status}")
        print(f"{len(seen)} statements, {sum(t[0] for t in timed) * 1000:.1f} ms of them in the database;")
        print(f"{spent * 1000:.1f} ms for the whole request (in this process, no HTTP)")
        if timed:
            _plan(engine, max(timed, key=lambda t: t[0]))


def _replay(engine, statement: str, parameters) -> float:
    with engine.connect() as conn:
        started = time.perf_counter()
        conn.exec_driver_sql(statement, parameters).fetchall()
        return time.perf_counter() - started


def _plan(engine, slowest: tuple) -> None:
    seconds, statement, parameters = slowest
    print(f"slowest ({seconds * 1000:.1f} ms):\n{statement}\n{parameters}")
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    with engine.connect() as conn:
        for row in conn.exec_driver_sql(prefix + statement, parameters):
            print("   ", " | ".join(str(v) for v in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections of the load driver")
    parser.add_argument("--seconds", type=int, default=4, help="length of one measurement")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measurements (medians are kept)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load on each request before measuring")
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--revision", default="head", help="migrate to this revision (compare a migration's effect)")
    parser.add_argument("--explain", action="store_true", help="also show the queries of each request and plans")
    args = parser.parse_args()
    db = common.database(args.db, str(args.cases))
    try:
        load_seconds = prepare(db, args)
        result = run(db, args)
        result |= {"db": args.db, "cases": args.cases, "load_seconds": load_seconds, "date": str(date.today())}
        print()
        print(report(result, args))
        if load_seconds:
            print(f"\nload: {args.cases:,} cases in {load_seconds:.0f} s")
        label = "" if args.revision == "head" else f"-{args.revision}"
        out = common.ROOT / "bench" / "results" / f"cases-{args.db}-{args.cases}{label}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps({k: v for k, v in result.items() if k != "token"}, indent=2, ensure_ascii=False))
        if args.explain:
            explain(db, [Target(**t) for t in result["targets"]], result["token"])
    finally:
        if not args.keep:
            db.drop()


if __name__ == "__main__":
    main()
