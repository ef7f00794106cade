"""Render time of the decision PDF and throughput of serving it, each as a ratio to a baseline in the same run.

    python -m bench.documents [--db sqlite|postgresql] [--repeat 30] [--rounds 5] [--profile 5]

1. Render, in this one process: a fresh database (migrations, `flask seed demo`), one sanction decision
   issued today by `chutich.pt` for a demo case of Phường Phú Thượng, then `--repeat` renders of form
   MQĐ02 from `decision_data` (QR codes included, as `issue_document` renders it), each followed by a
   render of a one-page document — a title and a paragraph of Vietnamese text, same print.css, same font,
   same fetcher and font configuration. Ratio of the medians; goal ≤ 2.0. `--profile N` renders each
   N more times under cProfile and splits the time by WeasyPrint phase.
2. Serving: gunicorn (2 sync workers) serving bench/wsgi_bench.py as bench.cases does; the stored PDF by
   the API (bearer token) and by the page route (session cookie), each measured right after the bare
   route, `--rounds` times; median of the per-round ratios (their range too); goal ≥ 0.5. A small
   authenticated read (`GET /api/v1/units`) is measured the same way, without a goal, as a reference.

Writes bench/results/documents-<db>.json and bench/results/documents.md (a table of every such file).
"""

import argparse
import cProfile
import importlib
import inspect
import io
import json
import os
import pstats
import secrets
import statistics
import time
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from bench import common
from bench.cases import Target, _measure, _settle

SIGNER = "chutich.pt"  # the demo chairman of Phường Phú Thượng
WARD = "HN-TH-PT"
RENDER_GOAL = 2.0  # decision render ÷ one-page render, at most
SERVE_GOAL = 0.5  # stored PDF throughput ÷ bare route throughput, at least
RESULTS = common.ROOT / "bench" / "results"
# The baseline document: the decision's stylesheet and font (its four faces), one title, one paragraph, one page.
ONE_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="documents/print.css"></head>
<body><h1 class="doc-type">{{ title }}</h1>
<div class="body"><p>{{ text }} <i>Nơi nhận:</i> <b><i>Như trên.</i></b></p></div></body></html>"""
ONE_PAGE_TEXT = (
    "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012, được sửa đổi, bổ sung năm 2020 và năm 2025; "
    "Ủy ban nhân dân phường Phú Thượng thông báo: người dân khi tham gia giao thông phải đội mũ bảo hiểm, "
    "chấp hành hiệu lệnh đèn tín hiệu và không lấn chiếm vỉa hè để buôn bán, đỗ xe hay tập kết vật liệu xây dựng."
)
# Where a render spends its time: (label, module, function); cumulative, so rows overlap: "↳" rows are
# inside the row above them (Pango shaping inside layout, SVG and fonts inside the PDF output).
PHASES = (
    ("Jinja template", "flask.templating", "render_template render_template_string"),
    ("HTML parse", "weasyprint", "HTML.__init__"),
    ("stylesheets, cascade set-up", "weasyprint.css", "get_all_computed_styles"),
    ("box tree (styles computed lazily)", "weasyprint.formatting_structure.build", "build_formatting_structure"),
    ("↳ QR SVG parse (images)", "weasyprint.images", "get_image_from_uri"),
    ("layout", "weasyprint.layout", "layout_document"),
    ("↳ text shaping, line breaking (Pango)", "weasyprint.text.line_break", "split_first_line"),
    ("PDF output", "weasyprint.pdf", "generate_pdf"),
    ("↳ drawing pages", "weasyprint.draw", "draw_page"),
    ("↳ ↳ QR SVG drawing", "weasyprint.images", "SVGImage.draw"),
    ("↳ font subsetting, embedding", "weasyprint.pdf.fonts", "build_fonts_dictionary"),
    ("PDF serialisation (pydyf)", "pydyf", "PDF.write"),
)


def prepare(db: common.Database) -> None:
    """Create a fresh database, migrate it and load the demo data."""
    common.create(db)
    common.flask(db, "db", "upgrade")
    common.flask(db, "seed", "demo", capture=True)


def issue(app) -> dict:
    """Issue today's sanction decision for the first demo case of the ward that allows one; return what it is."""
    import sqlalchemy as sa

    from penalties.auth.models import User
    from penalties.cases.models import Case
    from penalties.core.formatting import local_today
    from penalties.decisions.operations import DecisionInput, issue_decision
    from penalties.extensions import db
    from penalties.law.errors import RuleViolation
    from penalties.units.models import Unit

    with app.app_context():
        signer = db.session.scalar(sa.select(User).where(User.username == SIGNER))
        cases = db.session.scalars(
            sa.select(Case).join(Unit, Case.unit_id == Unit.id).where(Unit.code == WARD, Case.status == "recorded")
        ).all()
        for case in sorted(cases, key=lambda c: c.id):
            try:
                decision = issue_decision(
                    case, DecisionInput(signer=SIGNER), actor=signer, today=local_today(datetime.now(UTC))
                )
            except RuleViolation:
                db.session.rollback()
                continue
            db.session.commit()
            acts = [line.act.code for line in decision.lines]
            return {"id": decision.id, "number": decision.number, "case_id": case.id, "acts": acts}
    raise RuntimeError(f"no demo case of {WARD} could be decided by {SIGNER}")


def renderers(app, decision_id: int):
    """Return the decision's data (built once) and the two renders: the decision, and the one-page baseline."""
    from flask import render_template_string
    from weasyprint import HTML

    from penalties.core.render import STATIC_BASE, StaticOnlyFetcher, font_config, render_pdf
    from penalties.decisions.documents import TEMPLATE, decision_data
    from penalties.decisions.models import Decision
    from penalties.extensions import db

    started = time.perf_counter()
    data = decision_data(db.session.get(Decision, decision_id))
    data_seconds = time.perf_counter() - started

    def decision() -> bytes:
        return render_pdf(TEMPLATE, doc=data)

    def one_page() -> bytes:
        # render_pdf's path, with an inline template instead of a file of templates/documents/.
        html = render_template_string(ONE_PAGE, title="THÔNG BÁO", text=ONE_PAGE_TEXT)
        fetcher = StaticOnlyFetcher(app.static_folder)
        return HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher).write_pdf(font_config=font_config())

    return data_seconds, decision, one_page


def _summary(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p90_ms": ordered[max(0, -(-len(ordered) * 9 // 10) - 1)] * 1000,
        "min_ms": ordered[0] * 1000,
        "n": len(ordered),
    }


def _pdf_facts(pdf: bytes) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    return {"pages": len(reader.pages), "bytes": len(pdf), "fonts": sorted(fonts)}


def time_renders(app, decision_id: int, repeat: int, warmup: int) -> dict:
    """Time `repeat` renders of each document, alternating them so a busy neighbour weighs on both."""
    with app.app_context():
        data_seconds, decision, one_page = renderers(app, decision_id)
        facts = {"decision": _pdf_facts(decision()), "one_page": _pdf_facts(one_page())}
        for _ in range(warmup):
            decision(), one_page()
        times = {"decision": [], "one_page": []}
        for turn in range(repeat):
            for name, render in (("decision", decision), ("one_page", one_page)):
                started = time.perf_counter()
                render()
                times[name].append(time.perf_counter() - started)
            print(f"[{turn + 1}/{repeat}] decision {times['decision'][-1] * 1000:6.0f} ms, ", end="")
            print(f"one page {times['one_page'][-1] * 1000:6.0f} ms")
    result = {name: {**_summary(times[name]), **facts[name]} for name in times}
    result["ratio"] = result["decision"]["median_ms"] / result["one_page"]["median_ms"]
    result["decision_data_ms"] = data_seconds * 1000
    return result


def profile_renders(app, decision_id: int, count: int) -> dict:
    """Render each document `count` times under cProfile; return the milliseconds per render of each phase."""
    phases = {}
    with app.app_context():
        _, decision, one_page = renderers(app, decision_id)
        for name, render in (("decision", decision), ("one_page", one_page)):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(count):
                render()
            profiler.disable()
            stats = pstats.Stats(profiler).stats
            total = sum(tt for _, _, tt, _, _ in stats.values())
            phases[name] = {"total (profiled)": total / count * 1000}
            for label, keys in _phase_keys():
                phases[name][label] = sum(stats[key][3] for key in keys if key in stats) / count * 1000
            if name == "decision":
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
                print(text.getvalue())
    return phases


def _phase_keys() -> list[tuple[str, list[tuple]]]:
    """Return each phase with the cProfile keys (file, first line, name) of its functions."""
    phases = []
    for label, module, names in PHASES:
        keys = []
        for name in names.split():
            function = importlib.import_module(module)
            for part in name.split("."):
                function = getattr(function, part)
            code = inspect.unwrap(function).__code__
            keys.append((code.co_filename, code.co_firstlineno, code.co_name))
        phases.append((label, keys))
    return phases


def credentials(db: common.Database) -> tuple[str, str]:
    """Give the chairman a known password and a fresh API token."""
    password = f"Bench-{secrets.token_urlsafe(12)}-9a"
    common.flask(db, "users", "password", SIGNER, "--password", password, capture=True)
    token = common.flask(db, "users", "token", SIGNER, capture=True).strip().splitlines()[-1]
    return password, token


def serve(db: common.Database, decision_id: int, args) -> dict:
    """Serve the app; measure the stored PDF (API and page) right after the bare route, `rounds` times."""
    password, token = credentials(db)
    bare = Target("bare", "bare route (baseline)", "/bench/bare")
    measured = [
        Target("api", "stored PDF (bearer token)", f"/api/v1/decisions/{decision_id}/pdf"),
        Target("pages", "stored PDF (session cookie)", f"/decisions/{decision_id}/pdf"),
        # No goal: what signing in by token and one small read cost, to tell them from serving the PDF.
        Target("api", "reference: small authenticated read", "/api/v1/units"),
    ]
    with common.gunicorn(db, "bench.wsgi_bench:app", args.workers, Path(db.instance) / "gunicorn.log") as port:
        headers = {"api": {"Authorization": f"Bearer {token}"}, "bare": {}}
        headers["pages"] = {"Cookie": common.sign_in(port, SIGNER, password)}
        for target in measured:
            status, answer, _ = common.request(port, target.path, headers[target.surface])
            kind = answer.get("Content-Type", "")
            expected = "application/pdf" if target.path.endswith("/pdf") else "application/json"
            target.error = "" if status == 200 and kind == expected else f"answered {status} {kind}"
        working = [t for t in measured if not t.error]
        for target in (bare, *working):
            _settle(
                port, common.measure(port, target.path, headers[target.surface], args.warmup, args.connections), args
            )
        rates, ratios = {t.path: [] for t in (bare, *working)}, {t.path: [] for t in working}
        for turn in range(args.rounds):
            for target in working:
                base = _measure(port, bare, {}, args)
                rate = _measure(port, target, headers[target.surface], args)
                rates[bare.path].append(base)
                rates[target.path].append(rate)
                ratios[target.path].append(rate / base if base else 0.0)
                print(f"[{turn + 1}/{args.rounds}] {target.path}: {rate:.0f} req/s, bare {base:.0f}: {rate / base:.3f}")
    bare.rps = statistics.median(rates[bare.path])
    for target in working:
        target.rps, target.ratio = statistics.median(rates[target.path]), statistics.median(ratios[target.path])
    spread = {path: [min(r), max(r)] for path, r in ratios.items()}  # a shared machine: show how much rounds vary
    return {"baseline_rps": bare.rps, "targets": [asdict(t) for t in measured], "ratio_range": spread}


def report(result: dict) -> str:
    """Return one run's figures as Markdown."""
    render, serving = result["render"], result["serving"]
    met = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    d, o = render["decision"], render["one_page"]
    lines = [
        f"### {result['db']}, {result['date']}, {result['cores']} cores (load average {result['load']:.1f} at start)",
        "",
        f"`{result['command']}`; decision {result['decision']['number']} (acts {', '.join(result['decision']['acts'])}); "
        f"`decision_data` (QR codes included) took {render['decision_data_ms']:.0f} ms once.",
        "",
        "| figure | median | p90 | ratio | goal | |",
        "|---|---:|---:|---:|---:|---|",
        f"| render MQĐ02 ({d['pages']} p., {d['bytes'] // 1024} KiB) | {d['median_ms']:.0f} ms | {d['p90_ms']:.0f} ms "
        f"| {render['ratio']:.2f} × one page | ≤ {RENDER_GOAL} | {met(render['ratio'] <= RENDER_GOAL)} |",
        f"| render one page ({o['pages']} p., {o['bytes'] // 1024} KiB) | {o['median_ms']:.0f} ms "
        f"| {o['p90_ms']:.0f} ms | 1 | | |",
        f"| bare route | {serving['baseline_rps']:.0f} req/s | | 1 | | |",
    ]
    for t in serving["targets"]:
        pdf = t["path"].endswith("/pdf")
        mark = t["error"] or (met(t["ratio"] >= SERVE_GOAL) if pdf else "reference")
        low, high = serving["ratio_range"].get(t["path"], [0, 0])
        lines.append(
            f"| {t['what']}: `GET {t['path']}` | {t['rps']:.0f} req/s | | {t['ratio']:.2f} × bare ({low:.2f}–{high:.2f}) "
            f"| {f'≥ {SERVE_GOAL}' if pdf else ''} | {mark} |"
        )
    if phases := result.get("phases"):
        lines += [
            "",
            "Where a render goes (cProfile, ms per render, inflated by the profiler; ↳: inside the row above):",
        ]
        lines += ["", "| phase | MQĐ02 | one page |", "|---|---:|---:|"]
        lines += [f"| {k} | {v:.0f} | {phases['one_page'][k]:.0f} |" for k, v in phases["decision"].items()]
    return "\n".join(lines)


def write_markdown() -> None:
    """Rewrite documents.md from every documents-<db>.json."""
    runs = [json.loads(path.read_text()) for path in sorted(RESULTS.glob("documents-*.json"))]
    head = ["# Decision PDF: render and serving, as ratios (`python -m bench.documents`)", ""]
    (RESULTS / "documents.md").write_text("\n".join(head + ["\n\n".join(report(run) for run in runs)]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=30, help="timed renders of each document")
    parser.add_argument("--warmups", type=int, default=3, help="untimed renders of each document first")
    parser.add_argument("--profile", type=int, default=5, help="renders of each under cProfile (0: none)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of serving measurements (medians kept)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections of the load driver")
    parser.add_argument("--seconds", type=int, default=4, help="length of one serving measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load on each route before measuring")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    db = common.database(args.db, "documents")
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    try:
        prepare(db)
        os.environ.update(db.env())
        from penalties import create_app

        app = create_app()
        decision = issue(app)
        print(f"decision {decision['number']} (id {decision['id']}), case {decision['case_id']}, {decision['acts']}")
        render = time_renders(app, decision["id"], args.repeat, args.warmups)
        phases = profile_renders(app, decision["id"], args.profile) if args.profile else {}
        with app.app_context():
            from penalties.extensions import db as sql

            sql.engine.dispose()  # the server gets the database to itself
        serving = serve(db, decision["id"], args)
        command = f"python -m bench.documents --db {args.db} --repeat {args.repeat} --rounds {args.rounds}"
        result = {"db": args.db, "date": str(date.today()), "cores": os.cpu_count(), "load": load, "command": command}
        result |= {"decision": decision, "render": render, "phases": phases, "serving": serving}
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"documents-{args.db}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
        write_markdown()
        print()
        print(report(result))
    finally:
        if not args.keep:
            db.drop()


if __name__ == "__main__":
    main()
