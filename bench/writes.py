"""What keeping the statistics' summary costs a write: the write with the session hooks ÷ the same write without.

    python -m bench.writes --db sqlite|postgresql --cases 1000000 [--reuse --keep] [--writes 40]

On the database of bench.cases / bench.reports (`--reuse` takes the one they kept), in this process: record a
case (record_case + commit, as the page does) and record a payment on a delivered decision that is still owed
(record_payment + commit), alternately with reports.hooks registered and removed, --writes times each; the
medians and their ratio. The cases written without the hooks have their facts rewritten at the end, so the
summary stays exact (`flask reports check` agrees).
"""

import argparse
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from bench import common

LEGAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WARD, OFFICER, SIGNER = "HN-TH-PT", "canbo.pt", "chutich.pt"
TODAY = date(2026, 11, 20)


def _median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def measure(db: common.Database, writes: int) -> dict[str, tuple[float, float]]:
    """Return {write: (median ms with the hooks, median ms without)}."""
    import os

    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    os.environ.update(db.env())
    from penalties import create_app
    from penalties.auth.models import User
    from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, record_case
    from penalties.decisions.models import Decision, Delivery
    from penalties.extensions import db as sql
    from penalties.law.errors import RuleViolation
    from penalties.payments.models import Payment
    from penalties.payments.operations import PaymentInput, record_payment
    from penalties.reports import hooks, summary
    from penalties.units.models import Unit
    from penalties.workdays.queries import work_calendar

    def hooked(on: bool) -> None:
        if on:
            hooks.listen()
            return
        for name, handler in hooks.HANDLERS.items():
            if event.contains(Session, name, handler):
                event.remove(Session, name, handler)

    app, times, unhooked = create_app(), {"record a case": ([], []), "record a payment": ([], [])}, set()
    with app.app_context():
        users = {
            u.username: u.id for u in sql.session.scalars(sa.select(User).where(User.username.in_((OFFICER, SIGNER))))
        }
        ward = sql.session.scalar(sa.select(Unit.id).where(Unit.code == WARD))
        calendar = work_calendar()
        unpaid = (
            sa.select(Decision.id)
            .join(Delivery, Delivery.decision_id == Decision.id)
            .where(Decision.unit_id == ward, Decision.kind == "sanction", Decision.fine_total >= 1_000_000)
            .where(~sa.exists().where(Payment.decision_id == Decision.id))
            .order_by(Decision.id.desc())
            .limit(2 * writes)
        )
        owed = list(sql.session.scalars(unpaid))
        sql.session.remove()
        for n in range(2 * writes):
            on = n % 2 == 0  # alternately: a busy neighbour weighs on both
            hooked(on)
            moment = datetime.combine(TODAY - timedelta(days=3), clock(9, n % 60), LEGAL_TZ)
            person = ViolatorInput(
                "individual", f"Trần Văn Bench {n}", f"0019{time.time_ns() % 10**8:08d}", "Số 2 Âu Cơ"
            )
            data = CaseInput(
                unit=WARD,
                violator=person,
                violations=[ViolationInput("GT-7-7c", moment.date())],
                detected_at=moment - timedelta(minutes=15),
                recorded_at=moment,
                location_unit=WARD,
                location_address="Số 5 đường Âu Cơ",
                description="Đo chi phí ghi.",
            )
            started = time.perf_counter()
            officer = sql.session.get(User, users[OFFICER])
            case = record_case(
                data, [], actor=officer, now=datetime.combine(TODAY, clock(12), LEGAL_TZ), calendar=calendar
            )
            sql.session.commit()
            times["record a case"][0 if on else 1].append(time.perf_counter() - started)
            if not on:
                unhooked.add(case.id)
            sql.session.remove()
            if n < len(owed):
                started = time.perf_counter()
                decision = sql.session.get(Decision, owed[n])
                signer = sql.session.get(User, users[SIGNER])
                receipt = f"BENCH-{time.time_ns()}"
                paid = PaymentInput(amount=1_000_000 // 2, paid_on=TODAY, method="cash", receipt_no=receipt)
                try:
                    record_payment(decision, paid, actor=signer, today=TODAY)
                except RuleViolation:  # postponed, suspended, expired…: not this one
                    sql.session.remove()
                    continue
                sql.session.commit()
                times["record a payment"][0 if on else 1].append(time.perf_counter() - started)
                if not on:
                    unhooked.add(decision.case_id)
                sql.session.remove()
        hooked(True)
        summary.refresh(sql.session.connection(), unhooked)  # the summary exact again
        sql.session.commit()
    return {name: (_median_ms(on), _median_ms(off)) for name, (on, off) in times.items() if on and off}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--writes", type=int, default=40, help="writes of each kind with and without (medians)")
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    args.revision = "head"
    from bench.cases import prepare

    db = common.database(args.db, str(args.cases))
    try:
        prepare(db, args)
        results = measure(db, args.writes)
        print(f"\n### {args.db}, {args.cases:,} cases — {date.today()} ({args.writes} writes of each kind each way)\n")
        print("| write (+ commit) | with the summary ms | without ms | ratio |")
        print("|---|---:|---:|---:|")
        for name, (on, off) in results.items():
            print(f"| {name} | {on:.1f} | {off:.1f} | {on / off:.2f} |")
    finally:
        if not args.keep:
            db.drop()


if __name__ == "__main__":
    main()
