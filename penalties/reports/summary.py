"""The summary the statistics read (reports.models), derived from the raw tables: the facts of some cases
rewritten in the transaction that changed them (refresh, called by reports.hooks), or all of them (rebuild).

Each fact is computed as reports.facts defines it, for a `to` after every event of its case ("settled"); the
day from which that holds is kept with the dates a period ending earlier needs (reports.queries). The sums of
report_days and report_act_days follow by differences: what the old rows of the cases added is taken off,
what the new ones add is put on, in sorted key order (concurrent writers add, never overwrite).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from penalties.appeals.models import Appeal
from penalties.cases.models import Case, Violation
from penalties.catalogue.models import Act
from penalties.core.formatting import local_today
from penalties.decisions.models import Decision, Delivery
from penalties.law.payments import Money, Paid, fine_on
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Payment, Postponement, Reduction
from penalties.reports.facts import decision_figures, decision_state, greatest
from penalties.reports.models import SUMMED, WINDOW, ReportActDay, ReportDay, ReportFact

FAR = date(9999, 12, 31)  # a `to` after every event: a decision's figures once nothing about it can change
FACTS, DAYS, ACT_DAYS = ReportFact.__table__, ReportDay.__table__, ReportActDay.__table__
ONE_DAY = timedelta(days=1)
EVENTS = ("later", "payments", "plans", "postponed", "reduced", "suspended")  # what may change a decision's figures
Where = Callable[[sa.ColumnElement], sa.ColumnElement]  # a condition on a case id column


def _ids(values: Iterable[int]) -> str:
    return "," + "".join(f"{v}," for v in sorted(values))


def _parse(text: str | None) -> list[int]:
    return [int(v) for v in (text or "").split(",") if v]


BLANK = dict.fromkeys(c.name for c in FACTS.c if c.name != "id") | dict.fromkeys(SUMMED, 0)
BLANK |= {"simple": False, "owed_later": False}


def _fact(kind: str, source_id: int, case_id: int, unit_id: int, day: date, sectors: str, **values) -> dict:
    row = BLANK | {"kind": kind, "source_id": source_id, "case_id": case_id, "unit_id": unit_id, "day": day}
    row |= {"sectors": sectors, "settles_on": day, **values}
    row["lingers"] = row["settles_on"] > day + timedelta(days=WINDOW)
    return row


def _latest(*days: date | None) -> date:
    return max(day for day in days if day is not None)


def _after(day: date | None) -> date | None:
    return day + ONE_DAY if day is not None else None


def _settling(day: date, changes: Iterable[date | None], figures: Callable[[date], tuple]) -> date:
    """Return the first day from which figures(to) stays what it ends as, knowing it changes only on `changes`."""
    points = [day, *sorted({point for point in changes if point is not None and point > day})]
    final, settles = figures(points[-1]), points[-1]
    for point in reversed(points[:-1]):  # figures(to) is figures(point) from a point to the next
        if figures(point) != final:
            break
        settles = point
    return settles


def _case_figures(due: date, decided_on: date | None, dismissed_on: date | None):
    """timed and on_time of a case as of `to`, as facts._case_facts reads them."""

    def figures(on: date) -> tuple:
        decided = decided_on is not None and decided_on <= on
        settled = decided_on if decided else dismissed_on if dismissed_on is not None and dismissed_on <= on else None
        return settled is not None or due < on, settled is not None and settled <= due

    return figures


def _simple_figures(d, payments: list[tuple[date, int]]):
    """Collected and overdue (the time limit of execution aside) of a simple decision as of `to`: the fine part
    of law.payments.owed_on (fine_on), which the SQL of facts.decision_figures agrees with."""
    paid = tuple(Paid(day, principal) for day, principal in payments)
    money = Money(d.fine_total, d.issued_on, d.payment_period_days, d.delivered_on, payments=paid)

    def figures(on: date) -> tuple:
        fine = fine_on(money, on)
        return fine.collected, fine.late(on)

    return figures


def _statements(where: Where) -> dict[str, sa.Select]:
    """The statements that read the raw tables for the cases whose id meets `where`."""
    sanction = aliased(Decision, name="sanction")
    of_cases = sa.select(Decision.id).where(where(Decision.case_id))
    max_ = sa.func.max
    decisions = (Decision.id, Decision.case_id, Decision.unit_id, Decision.issued_on, Decision.warning)
    return {
        "acts": sa.select(Violation.case_id, Violation.act_id, Act.sector_id)
        .join(Act, Act.id == Violation.act_id)
        .where(where(Violation.case_id)),
        "cases": sa.select(
            Case.id, Case.unit_id, Case.recorded_at, Case.decision_due_on, Case.dismissed_on, sanction.issued_on
        )
        .outerjoin(sanction, sa.and_(sanction.case_id == Case.id, sanction.kind == "sanction"))
        .where(where(Case.id)),
        "decisions": sa.select(*decisions, Decision.fine_total, Decision.payment_period_days, Delivery.delivered_on)
        .outerjoin(Delivery, Delivery.decision_id == Decision.id)
        .where(Decision.kind == "sanction", where(Decision.case_id)),
        # The events after issue that change a decision's figures: their latest days (and the payments).
        "later": sa.select(Decision.amends_id, max_(Decision.issued_on))
        .where(Decision.kind.in_(("amendment", "annulment")), where(Decision.case_id))
        .group_by(Decision.amends_id),
        "payments": sa.select(Payment.decision_id, Payment.paid_on, sa.func.sum(Payment.principal))
        .where(Payment.decision_id.in_(of_cases))
        .group_by(Payment.decision_id, Payment.paid_on)
        .order_by(Payment.decision_id, Payment.paid_on),
        "plans": sa.select(InstallmentPlan.decision_id, max_(InstallmentPlan.decided_on), max_(Installment.due_on))
        .join(Installment, Installment.plan_id == InstallmentPlan.id)
        .where(InstallmentPlan.decision_id.in_(of_cases))
        .group_by(InstallmentPlan.decision_id),
        "postponed": sa.select(Postponement.decision_id, max_(Postponement.decided_on), max_(Postponement.until_on))
        .where(Postponement.decision_id.in_(of_cases))
        .group_by(Postponement.decision_id),
        "reduced": sa.select(Reduction.decision_id, max_(Reduction.decided_on))
        .where(Reduction.decision_id.in_(of_cases))
        .group_by(Reduction.decision_id),
        "suspended": sa.select(Appeal.decision_id, max_(Appeal.suspended_on), max_(Appeal.resolved_on))
        .where(Appeal.decision_id.in_(of_cases), Appeal.suspended_on.is_not(None))
        .group_by(Appeal.decision_id),
        "enforcements": sa.select(Enforcement.id, Enforcement.decided_on, Decision.unit_id, Decision.case_id)
        .join(Decision, Decision.id == Enforcement.decision_id)
        .where(where(Decision.case_id)),
        "appeals": sa.select(
            Appeal.id, Appeal.filed_on, Appeal.resolved_on, Appeal.resolve_due_on, Decision.unit_id, Decision.case_id
        )
        .join(Decision, Decision.id == Appeal.decision_id)
        .where(where(Decision.case_id)),
    }


def _settled_state() -> sa.Select:
    """The figures of the decisions DECISION_IDS once nothing about them can change, as reports.facts computes them."""
    state = decision_state(FAR).where(Decision.id.in_(DECISION_IDS)).cte("settled").prefix_with("MATERIALIZED")
    figures = decision_figures(state.c, FAR, None)
    unexpired = greatest(state.c.in_force_issued, sa.func.coalesce(state.c.postponed_until, state.c.in_force_issued))
    return sa.select(state.c.id, *(v.label(k) for k, v in figures.items()), unexpired.label("unexpired_from"))


# Built once: a set of cases is IDS (refresh) or LOW…HIGH (rebuild).
IDS, LOW, HIGH = sa.bindparam("ids", expanding=True), sa.bindparam("low"), sa.bindparam("high")
DECISION_IDS = sa.bindparam("decision_ids", expanding=True)
BY_IDS = _statements(lambda column: column.in_(IDS))
BY_RANGE = _statements(lambda column: column.between(LOW, HIGH))
SETTLED = _settled_state()
OLD_FACTS = sa.select(FACTS).where(FACTS.c.case_id.in_(IDS))
DROP_FACTS = FACTS.delete().where(FACTS.c.case_id.in_(IDS))
LOCK_CASES = sa.select(Case.id).where(Case.id.in_(IDS)).order_by(Case.id).with_for_update()


def _case_facts(rows_of, sectors: dict, acts: dict) -> list[dict]:
    """A case recorded: settled once decided or dismissed, and past its decision due date (facts._case_facts)."""
    rows = []
    for case_id, unit_id, recorded_at, due, dismissed_on, decided_on in rows_of("cases"):
        day, in_sectors = local_today(recorded_at), sectors.get(case_id, ",")
        figures = _case_figures(due, decided_on, dismissed_on)
        rows.append(
            _fact(
                "case",
                case_id,
                case_id,
                unit_id,
                day,
                in_sectors,
                acts=acts.get(case_id, ","),
                cases=1,
                settles_on=(settles := _settling(day, (decided_on, dismissed_on, due + ONE_DAY), figures)),
                timed=int(figures(settles)[0]),
                on_time=int(figures(settles)[1]),
                due_on=due,
                decided_on=decided_on,
                dismissed_on=dismissed_on,
            )
        )
        if dismissed_on is not None:
            rows.append(_fact("dismissal", case_id, case_id, unit_id, dismissed_on, in_sectors, dismissed=1))
    return rows


def _settles_on(d, due: date | None, events: dict) -> date:
    """The last day a decision's figures may change (facts._in_force, _money: each `<= on` or `< on` there)."""
    days = [d.issued_on, d.delivered_on, _after(due), *events["later"].get(d.id, ())]
    days += [day for day, _ in events["payments"].get(d.id, ())]
    plan = events["plans"].get(d.id, (None, None))
    postponed = events["postponed"].get(d.id, (None, None))
    days += [plan[0], _after(plan[1]), postponed[0], _after(postponed[1]), *events["suspended"].get(d.id, ())]
    days += events["reduced"].get(d.id, ())
    return _latest(*days)


def _events(rows_of) -> dict[str, dict]:
    """The events after issue that may change a decision's figures, per decision; the payments per day."""
    events = {name: {r[0]: tuple(r[1:]) for r in rows_of(name)} for name in EVENTS if name != "payments"}
    events["payments"] = defaultdict(list)
    for decision_id, day, principal in rows_of("payments"):
        events["payments"][decision_id].append((day, principal))
    return events


def _decision_facts(conn, rows_of, sectors: dict) -> list[dict]:
    """A sanction decision issued: settled after its last event, then overdue while owed until it expires."""
    events, rows, complex_ = _events(rows_of), [], {}
    for d in rows_of("decisions"):
        due = d.delivered_on + timedelta(days=d.payment_period_days) if d.delivered_on else None
        payments = events["payments"].get(d.id, [])
        later = any(d.id in events[name] for name in ("later", "plans", "postponed", "reduced", "suspended"))
        row = _fact(
            "decision",
            d.id,
            d.case_id,
            d.unit_id,
            d.issued_on,
            sectors.get(d.case_id, ","),
            decisions=1,
            warnings=int(bool(d.warning)),
            simple=len(payments) <= 2 and not later,
            delivered_on=d.delivered_on,
            payment_due=due,
            unexpired_from=d.issued_on,
        )
        if row["simple"]:  # no amendment nor annulment: the fine as issued; paid on two days at most
            _settle_simple(row, d, due, payments)
        else:
            complex_[d.id] = row
            row["settles_on"] = _settles_on(d, due, events)
        rows.append(_lingering(row))
    ids = sorted(complex_)
    for start in range(0, len(ids), 500):
        for row in conn.execute(SETTLED, {"decision_ids": ids[start : start + 500]}):
            fact, values = complex_[row.id], row._mapping
            names = ("annulled", "fines_imposed", "fines_collected", "fines_reduced", "unexpired_from")
            fact.update({k: values[k] for k in names})
            _owed(fact, bool(values["overdue"]))
    return rows


def _settle_simple(row: dict, d, due: date | None, payments: list[tuple[date, int]]) -> None:
    figures = _simple_figures(d, payments)
    changes = (d.delivered_on, _after(due), *(day for day, _ in payments))
    row["settles_on"] = _settling(d.issued_on, changes, figures)
    collected, owed = figures(row["settles_on"])
    row.update(fines_imposed=d.fine_total, fines_collected=collected)
    if payments:
        row.update(paid_on=payments[-1][0], paid=sum(principal for _, principal in payments))
    if len(payments) == 2:
        row.update(first_paid_on=payments[0][0], first_paid=payments[0][1])
    _owed(row, owed)


def _owed(row: dict, owed: bool) -> None:
    """Overdue once settled, until its execution expires: summed by day (`owing`) or read one by one (`owed_later`)."""
    row["owing"] = int(owed and row["unexpired_from"] == row["day"])
    row["owed_later"] = owed and row["unexpired_from"] != row["day"]


def _lingering(row: dict) -> dict:
    row["lingers"] = row["settles_on"] > row["day"] + timedelta(days=WINDOW)
    return row


def _other_facts(rows_of, sectors: dict) -> list[dict]:
    """Enforcement decisions and appeals: counted on their own day, settled at once (facts._appeal_facts)."""
    rows = []
    for id_, day, unit_id, case_id in rows_of("enforcements"):
        rows.append(_fact("enforcement", id_, case_id, unit_id, day, sectors.get(case_id, ","), enforced=1))
    for id_, filed_on, resolved_on, due, unit_id, case_id in rows_of("appeals"):
        in_sectors = sectors.get(case_id, ",")
        rows.append(_fact("appeal_filed", id_, case_id, unit_id, filed_on, in_sectors, appeals_filed=1))
        if resolved_on is not None:
            on_time = int(due is None or resolved_on <= due)
            resolved = {"appeals_resolved": 1, "appeals_on_time": on_time}
            rows.append(_fact("appeal_resolved", id_, case_id, unit_id, resolved_on, in_sectors, **resolved))
    return rows


def fact_rows(conn, values: dict) -> list[dict]:
    """Return the rows of report_facts of some cases, computed from the raw tables: those of the ids `ids`, or
    those of `low` to `high`."""
    statements = BY_IDS if "ids" in values else BY_RANGE

    def rows_of(name: str):
        return conn.execute(statements[name], values)

    sectors, acts = defaultdict(set), defaultdict(set)
    for case_id, act_id, sector_id in rows_of("acts"):
        sectors[case_id].add(sector_id)
        acts[case_id].add(act_id)
    sectors, acts = {k: _ids(v) for k, v in sectors.items()}, {k: _ids(v) for k, v in acts.items()}
    rows = _case_facts(rows_of, sectors, acts) + _decision_facts(conn, rows_of, sectors)
    return rows + _other_facts(rows_of, sectors)


def sums(rows: Iterable[dict], sign: int = 1, days=None, acts=None) -> tuple[dict, Counter]:
    """Add what the facts add to report_days (per unit, sector, day) and report_act_days (unit, day, act)."""
    days = defaultdict(lambda: [0] * len(SUMMED)) if days is None else days
    acts = Counter() if acts is None else acts
    for row in rows:
        values = [sign * row[name] for name in SUMMED]
        for sector in (0, *_parse(row["sectors"])):
            total = days[(row["unit_id"], sector, row["day"])]
            for i, value in enumerate(values):
                total[i] += value
        for act in _parse(row["acts"]) if row["kind"] == "case" else ():
            acts[(row["unit_id"], row["day"], act)] += sign
    return days, acts


@cache
def _upsert(dialect: str, table: sa.Table, keys: tuple[str, ...], names: tuple[str, ...]):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table)
    added = {name: table.c[name] + statement.excluded[name] for name in names}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=added)


def _add(conn, table: sa.Table, keys: tuple[str, ...], names: tuple[str, ...], changes: dict) -> None:
    """Add the changes to the rows of the keys (created when missing), in key order."""
    rows = [dict(zip(keys, k, strict=True)) | dict(zip(names, v, strict=True)) for k, v in sorted(changes.items())]
    rows = [row for row in rows if any(row[name] for name in names)]
    if rows:
        conn.execute(_upsert(conn.dialect.name, table, keys, names), rows)


def _store(conn, days: dict, acts: Counter) -> None:
    _add(conn, DAYS, ("unit_id", "sector_id", "day"), SUMMED, days)
    _add(conn, ACT_DAYS, ("unit_id", "day", "act_id"), ("cases",), {k: [v] for k, v in acts.items()})


def refresh(conn, case_ids: Iterable[int]) -> None:
    """Rewrite the facts of these cases from the raw tables and carry the difference into the sums."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        if conn.dialect.name == "postgresql":  # one writer per case at a time: the old rows read are the last ones
            conn.execute(LOCK_CASES, {"ids": chunk})
        old = [row._asdict() for row in conn.execute(OLD_FACTS, {"ids": chunk})]
        new = fact_rows(conn, {"ids": chunk})
        conn.execute(DROP_FACTS, {"ids": chunk})
        if new:
            conn.execute(FACTS.insert(), new)
        _store(conn, *sums(new, 1, *sums(old, -1)))


def _bulk_insert(conn, table: sa.Table, rows: list[dict]) -> None:
    """Insert many rows at once: COPY on PostgreSQL, the driver's executemany on SQLite (SQLAlchemy's own
    handling of each parameter costs more than the insert)."""
    if not rows:
        return
    names = list(rows[0])
    if conn.dialect.name == "postgresql":
        with conn.connection.driver_connection.cursor().copy(
            f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(list(row.values()))
        return
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    plain = [[v.isoformat() if isinstance(v, date) else v for v in row.values()] for row in rows]
    conn.connection.driver_connection.cursor().executemany(sql, plain)


def rebuild(conn, batch: int = 20_000, progress: Callable[[int], None] | None = None) -> int:
    """Compute every fact and sum again from the raw tables; return the number of facts."""
    for table in (ACT_DAYS, DAYS, FACTS):
        conn.execute(table.delete())
    low, high = conn.execute(sa.select(sa.func.min(Case.id), sa.func.max(Case.id))).one()
    days, acts, count = None, None, 0
    for start in range(low or 0, (high or -1) + 1, batch):  # ids of consecutive cases, `batch` at a time
        rows = fact_rows(conn, {"low": start, "high": start + batch - 1})
        _bulk_insert(conn, FACTS, rows)
        days, acts = sums(rows, 1, days, acts)
        count += len(rows)
        if progress:
            progress(min(batch, high - start + 1))
    if days is not None:
        _store(conn, days, acts)
    return count
