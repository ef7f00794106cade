"""`flask seed bench`: many realistic cases, fast, for the benchmarks of bench/ (never for production).

Rows go in by batches of 10,000 cases, one transaction each: SQLAlchemy Core executemany (COPY on
PostgreSQL, 3× faster than psycopg's executemany); ids are assigned here so that violations can name
their case. The rows bypass the ORM and therefore the audit flush hook: they are benchmark data. What
record_case derives is derived the same way: gap-free numbers per unit and year, the violator snapshot,
`search_folded` (core.text.fold of the same text), the deadlines of law/deadlines and the proposed fines
of law/fines. Most cases then get their decision and what follows (seeds.bench_decisions), numbered in
their own series. The statistics' summary, which the session hooks cannot see these rows through, is
rebuilt at the end (reports.summary.rebuild). Deterministic for a given seed.
"""

import itertools
import json
import random
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta
from functools import cache
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from tqdm import tqdm

from penalties.appeals.models import Appeal
from penalties.auth.models import User
from penalties.cases.models import Case, Violation, Violator, case_circumstances
from penalties.cases.operations import RECORD_SERIES, snapshot
from penalties.cases.pricing import act_range
from penalties.catalogue.models import Act, Circumstance, Sector
from penalties.core.formatting import LEGAL_TZ
from penalties.core.numbering import NumberSequence
from penalties.core.text import fold
from penalties.decisions.models import Decision, DecisionLine, Delivery
from penalties.extensions import db
from penalties.law import deadlines, fines
from penalties.law.lifecycle import DISMISSAL_REASONS
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Payment, Postponement
from penalties.payments.operations import ENFORCEMENT_SERIES
from penalties.reports import summary
from penalties.seeds.bench_decisions import Outcomes
from penalties.units.models import Unit
from penalties.workdays.queries import work_calendar

FIRST_DAY, LAST_DAY = date(2025, 1, 1), date(2026, 11, 20)
FAMILY = {"Nguyễn": 38, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 4, "Huỳnh": 2, "Phan": 4, "Vũ": 3, "Võ": 2}
FAMILY |= {"Đặng": 2, "Bùi": 2, "Đỗ": 1.5, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1, "Lý": 0.5}
FAMILY_NAMES, FAMILY_WEIGHTS = list(FAMILY), list(itertools.accumulate(FAMILY.values()))
MIDDLE = {
    "m": ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Đình", "Tiến"),
    "f": ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Minh", "Thu", "Hồng", "Phương", "Kim", "Thúy", "Bích"),
}
GIVEN = {
    "m": "An Bình Cường Dũng Đức Giang Hải Hùng Khánh Long Minh Nam Quân Sơn Tuấn Thắng Hiếu Phong Trung Việt".split(),  # noqa: SIM905
    "f": "An Giang Hà Hạnh Hoa Hương Khánh Lan Linh Mai Ngọc Phương Thảo Trang Vân Yến Nhung Thủy Hằng Dung".split(),  # noqa: SIM905
}
STREETS = {
    "HN-TH-BUOI": ("Thụy Khuê", "Lạc Long Quân", "Hoàng Hoa Thám", "Võng Thị", "Trích Sài"),
    "HN-TH-NT": ("Nhật Chiêu", "Âu Cơ", "Đặng Thai Mai", "Nhật Tân", "Lạc Long Quân"),
    "HN-TH-PT": ("An Dương Vương", "Phú Thượng", "Võ Chí Công", "Lạc Long Quân"),
    "HN-TH-QA": ("Quảng An", "Xuân Diệu", "Đặng Thai Mai", "Tô Ngọc Vân", "Quảng Bá"),
    "HN-TH-TK": ("Thụy Khuê", "Thanh Niên", "Mai Xuân Thưởng", "Hoàng Hoa Thám"),
    "HN-TH-TL": ("Âu Cơ", "Tứ Liên", "Nghi Tàm", "Xuân Diệu"),
    "HN-TH-XL": ("Xuân La", "Lạc Long Quân", "Võ Chí Công", "Xuân Tảo"),
    "HN-TH-YP": ("Yên Phụ", "Nghi Tàm", "Thanh Niên", "Nguyễn Đình Thi"),
}
ELSEWHERE = ("phố Đội Cấn, phường Đội Cấn, quận Ba Đình", "đường Trần Duy Hưng, phường Trung Hòa, quận Cầu Giấy")
ELSEWHERE += ("đường Phạm Văn Đồng, phường Cổ Nhuế 1, quận Bắc Từ Liêm",)
# CCCD province codes: Hà Nội first, then neighbouring provinces people come from.
PROVINCES = (1, 1, 1, 1, 1, 1, 1, 26, 30, 33, 34, 36, 38, 40)
ACT_WEIGHTS = {"GT-7-2h": 30, "GT-7-7c": 14, "GT-12-7": 14, "GT-12-2e": 12, "MT-25-2a": 10, "MT-25-2c": 8}
ACT_WEIGHTS |= {"MT-25-2d": 5, "GT-6-9b": 4, "XD-16-7a": 3}
ORGANIZATION_ACTS = ("XD-16-7a", "GT-12-7", "MT-25-2c", "MT-25-2d")
COMPANY_WORDS = ("Xây dựng", "Thương mại", "Dịch vụ", "Hồng Hà", "Tây Hồ", "Sông Hồng", "Thăng Long", "Minh Phát")
DISMISSALS = ("no_violation", "violator_unknown", "exempt", "transferred")
# Shares of the cases: a known violator again, an organisation, one more act, dismissed, circumstances.
REPEAT, ORGANIZATION, MORE_ACTS, DISMISSED, MITIGATING, AGGRAVATING = 0.15, 0.03, 0.15, 0.04, 0.08, 0.03
RECENT_VIOLATORS = 50_000
_fold_word = cache(fold)


def _fold(text: str) -> str:
    """Return fold(text), word by word from a cache: fold works per character and joins words with one space."""
    return " ".join(map(_fold_word, text.split()))


_Ward = namedtuple("_Ward", "id name streets creator_id signer_id signer_position")
_Act = namedtuple("_Act", "id code description years range")
_Line = namedtuple("_Line", "violation_id act fine")  # a violation, its act, its fine (law.fines.FineLine)
# The tables of a batch, in the order they are written (foreign keys).
TABLES = {
    "violators": Violator.__table__,
    "cases": Case.__table__,
    "violations": Violation.__table__,
    "circumstances": case_circumstances,
    "decisions": Decision.__table__,
    "lines": DecisionLine.__table__,
    "deliveries": Delivery.__table__,
    "plans": InstallmentPlan.__table__,
    "installments": Installment.__table__,
    "postponements": Postponement.__table__,
    "payments": Payment.__table__,
    "enforcements": Enforcement.__table__,
    "appeals": Appeal.__table__,
}


class _Load:
    """One load: the random source, the reference rows, the next ids and numbers, cached law results."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.wards = _wards()
        self.ward_ids = list(self.wards)
        self.acts = {a.code: a for a in _acts()}
        self.codes = [c for c in ACT_WEIGHTS if c in self.acts]
        self.weights = list(itertools.accumulate(ACT_WEIGHTS[c] for c in self.codes))
        self.circumstances = dict(db.session.execute(sa.select(Circumstance.code, Circumstance.id)).all())
        self.ids = {n: db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(t.c.id), 0))) for n, t in _IDS.items()}
        self.seqs, self.last_day = _last_numbers(), LAST_DAY
        people = Violator.__table__
        self.taken = set(db.session.execute(sa.select(people.c.kind, people.c.id_number)).tuples())
        self.recent: list[dict] = []
        # The law's answers depend on few distinct arguments (about 700 days): computed once each.
        calendar = work_calendar()
        self.record_due = cache(lambda day, complex_: deadlines.record_due(day, complex_, calendar).due)
        self.decision_due = cache(lambda day, explain, very: deadlines.decision_due(day, explain, very, calendar).due)
        self.limit = cache(
            lambda years, ended_on, day: deadlines.limitation_expires(years, ended_on, day, calendar).due
        )
        self.resolve_due = cache(lambda day: deadlines.complaint_resolution_due(day, calendar).due)
        self.fine, self.explains = cache(fines.fine_for_act), cache(fines.right_to_explain)
        self.accept_due = cache(lambda day: deadlines.complaint_acceptance_due(day, calendar).due)

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def next_seq(self, unit_id: int, year: int, series: str) -> int:
        """Return the next number of the series, after those already stored (gap-free, as next_number)."""
        key = (unit_id, year, series)
        self.seqs[key] = self.seqs.get(key, 0) + 1
        return self.seqs[key]

    def name(self, sex: str) -> str:
        family = self.rng.choices(FAMILY_NAMES, cum_weights=FAMILY_WEIGHTS)[0]
        return f"{family} {self.rng.choice(MIDDLE[sex])} {self.rng.choice(GIVEN[sex])}"

    def person(self, created_at: datetime) -> dict:
        rng, sex = self.rng, self.rng.choice("mf")
        name = self.name(sex)
        born = date(rng.randint(1955, 2006), rng.randint(1, 12), rng.randint(1, 28))  # adults only
        century = (0 if born.year < 2000 else 2) + (sex == "f")
        number = self.unique(
            "individual", lambda: f"{rng.choice(PROVINCES):03d}{century}{born:%y}{rng.randrange(10**6):06d}"
        )
        home = rng.choice(self.ward_ids) if rng.random() < 0.8 else None
        return self.violator("individual", name, number, born, self.address(home), None, created_at)

    def organization(self, created_at: datetime) -> dict:
        rng = self.rng
        kind = rng.choice(("Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã"))
        name = f"{kind} {rng.choice(COMPANY_WORDS)} {rng.choice(GIVEN['m'])} {rng.randint(1, 99)}"
        number = self.unique("organization", lambda: f"010{rng.randrange(10**7):07d}")  # a Hà Nội enterprise code
        boss = self.person(created_at)["name"]
        address = self.address(rng.choice(self.ward_ids))
        return self.violator("organization", name, number, None, address, boss, created_at)

    def unique(self, kind: str, draw) -> str:
        """Return a new ID number of the kind (the database holds each once)."""
        while (kind, number := draw()) in self.taken:
            pass
        return number

    def violator(self, kind, name, number, born, address, representative, created_at) -> dict:
        self.taken.add((kind, number))
        return {
            "id": None,
            "kind": kind,
            "name": name,
            "id_number": number,
            "birth_date": born,
            "address": address,
            "representative": representative,
            "search_folded": _fold(f"{name} {number} {address}"),
            "created_at": created_at,
        }

    def address(self, ward_id: int | None) -> str:
        rng = self.rng
        if ward_id is None:
            return f"Số {rng.randint(1, 300)} {rng.choice(ELSEWHERE)}, Hà Nội"
        ward = self.wards[ward_id]
        lane = f"ngõ {rng.randint(1, 200)} " if rng.random() < 0.6 else ""
        return f"Số {rng.randint(1, 300)}, {lane}{rng.choice(ward.streets)}, {ward.name}, quận Tây Hồ, Hà Nội"

    def place(self, ward: _Ward) -> str:
        rng, street = self.rng, self.rng.choice(ward.streets)
        where = rng.random()
        if where < 0.5:
            return f"Trước số nhà {rng.randint(1, 400)} {street}, {ward.name}"
        if where < 0.8:
            return f"Số {rng.randint(1, 400)} {street}, {ward.name}"
        return f"Ngã tư {street} - {rng.choice(ward.streets + ('Lạc Long Quân',))}, {ward.name}"

    def pick_violator(self, at: datetime, rows: dict) -> dict:
        """Return a violator seen recently (a repeat) or a new one, added to the batch."""
        if self.recent and self.rng.random() < REPEAT:
            return self.rng.choice(self.recent)
        violator = self.organization(at) if self.rng.random() < ORGANIZATION else self.person(at)
        violator["id"] = self.next_id("violators")
        rows["violators"].append(violator)
        if len(self.recent) < RECENT_VIOLATORS:
            self.recent.append(violator)
        else:
            self.recent[self.rng.randrange(RECENT_VIOLATORS)] = violator
        return violator

    def pick_acts(self, party: str) -> list[_Act]:
        rng = self.rng
        if party == "organization":
            return [self.acts[rng.choice([c for c in ORGANIZATION_ACTS if c in self.acts])]]
        count = 1 if rng.random() >= MORE_ACTS else 2 if rng.random() < 0.85 else 3
        codes: list[str] = []
        while len(codes) < count:
            code = rng.choices(self.codes, cum_weights=self.weights)[0]
            if code not in codes:
                codes.append(code)
        return [self.acts[code] for code in codes]

    def case(self, recorded_at: datetime, rows: dict) -> None:
        """Add one case, its violations and circumstances to the batch, derived as record_case derives them."""
        rng = self.rng
        ward = self.wards[rng.choice(self.ward_ids)]
        violator = self.pick_violator(recorded_at, rows)
        party, acts = violator["kind"], self.pick_acts(violator["kind"])
        detected_at = recorded_at - timedelta(minutes=rng.randint(5, 120))
        detected_on, recorded_on = detected_at.date(), recorded_at.date()  # both in LEGAL_TZ
        explain = any(self.explains(act.range, party, detected_on) for act in acts)
        very_complex, complex_record = explain and rng.random() < 0.05, rng.random() < 0.02
        case_id = self.next_id("cases")
        limits, lines, mitigating = self.violations(case_id, acts, party, detected_on, rows)
        seq = self.next_seq(ward.id, recorded_on.year, RECORD_SERIES)
        number, place = f"{seq}/{RECORD_SERIES}", self.place(ward)
        folded = _fold(f"{number} {violator['name']} {violator['id_number']} {violator['address']} {place}")
        dismissed = rng.random() < DISMISSED
        dismissed_on = min(recorded_on + timedelta(days=rng.randint(2, 30)), LAST_DAY) if dismissed else None
        case = {
            "id": case_id,
            "unit_id": ward.id,
            "year": recorded_on.year,
            "seq": seq,
            "number": number,
            "status": "dismissed" if dismissed_on else "recorded",
            "violator_id": violator["id"],
            "detected_at": detected_at,
            "recorded_at": recorded_at,
            "location_unit_id": ward.id,
            "location_address": place,
            "description": self.description(violator, acts, detected_at, place),
            "witnesses": f"Ông {self.name('m')}, tổ trưởng tổ dân phố" if rng.random() < 0.2 else "",
            "needs_explanation": explain,
            "very_complex": very_complex,
            "complex_record": complex_record,
            "repeat_offender": False,  # bench data hold no sanction decision to repeat
            "violator_snapshot": snapshot(SimpleNamespace(**violator)),  # what record_case writes
            "search_folded": folded,
            "record_due_on": self.record_due(detected_on, complex_record),
            "decision_due_on": self.decision_due(recorded_on, explain, very_complex),
            "limitation_expires_on": min(limits),  # the case's acts are all still sanctionable
            "dismissed_on": dismissed_on,
            "dismissal_reason": DISMISSAL_REASONS[rng.choice(DISMISSALS)] if dismissed_on else None,
            "created_by_id": ward.creator_id,
            "created_at": recorded_at,
            "version": 1,
        }
        rows["cases"].append(case)
        Outcomes(self, rows).after(case, ward, party, lines, mitigating)

    def violations(self, case_id: int, acts: list[_Act], party: str, day: date, rows: dict) -> tuple:
        """Add the violations and circumstances of a case to the batch; return each act's limitation expiry,
        the lines (_Line) and the number of mitigating circumstances."""
        mitigating, aggravating = int(self.rng.random() < MITIGATING), int(self.rng.random() < AGGRAVATING)
        codes = ["gn_2"] * mitigating + ["tn_i"] * aggravating
        rows["circumstances"] += [{"case_id": case_id, "circumstance_id": self.circumstances[c]} for c in codes]
        limits, lines = [], []
        for position, act in enumerate(acts, start=1):
            ended_on = None if act.code.startswith("XD") else day  # a building site goes on; the rest ended
            limits.append(self.limit(act.years, ended_on, day))
            line = self.fine(act.range, party, day, None, mitigating, aggravating)
            lines.append(_Line(self.next_id("violations"), act, line))
            rows["violations"].append(
                {
                    "id": lines[-1].violation_id,
                    "case_id": case_id,
                    "position": position,
                    "act_id": act.id,
                    "ended_on": ended_on,
                    "violated_on": day,
                    "limitation_expires_on": limits[-1],
                    "warning_only": line.warning_only,
                    "no_sanction": line.no_sanction,
                    "fine_min": line.fine_min,
                    "fine_max": line.fine_max,
                    "proposed_amount": line.amount,
                    "basis": line.basis,
                }
            )
        return limits, lines, mitigating

    def description(self, violator: dict, acts: list[_Act], at: datetime, place: str) -> str:
        who = violator["name"]
        if violator["kind"] == "individual":
            who = ("bà " if int(violator["id_number"][3]) % 2 else "ông ") + who  # CCCD: odd digit, female
        what = "; ".join(a.description[0].lower() + a.description[1:] for a in acts)
        return f"Hồi {at:%H} giờ {at:%M} phút ngày {at:%d/%m/%Y}, tại {place}, {who} đã có hành vi: {what}."


_IDS = {name: table for name, table in TABLES.items() if name != "circumstances"}


def _wards() -> dict[int, _Ward]:
    """Return the demo wards; each case is created by a user of its ward, else by the administrator; its
    decisions are signed by a user of the ward with a sanctioning position, else by one of another unit."""
    admin = db.session.scalar(sa.select(User.id).order_by((User.role == "admin").desc(), User.id).limit(1))
    units = db.session.scalars(sa.select(Unit).where(Unit.code.in_(STREETS), Unit.active.is_(True)).order_by(Unit.code))
    signers = sa.select(User.id, User.position).where(User.role == "legal", User.position.is_not(None))
    anyone = db.session.execute(signers.order_by(User.id).limit(1)).first() or (admin, "chu_tich_ubnd_xa")
    wards = {}
    for unit in units:
        creator = db.session.scalar(
            sa.select(User.id).where(User.unit_id == unit.id, User.role.in_(("officer", "legal"))).order_by(User.id)
        )
        signer = db.session.execute(signers.where(User.unit_id == unit.id).order_by(User.id).limit(1)).first()
        wards[unit.id] = _Ward(unit.id, unit.name, STREETS[unit.code], creator or admin, *(signer or anyone))
    if not wards or admin is None:
        raise RuntimeError("the demo wards and users are missing (flask seed demo)")
    return wards


def _acts() -> list[_Act]:
    """Return the demo acts in a version valid over the whole period of the bench data."""
    query = (
        sa.select(Act, sa.func.coalesce(Act.limitation_years, Sector.limitation_years))
        .join(Sector, Sector.id == Act.sector_id)
        .where(Act.code.in_(ACT_WEIGHTS), Act.active.is_(True), Act.valid_from <= FIRST_DAY)
        .where(sa.or_(Act.valid_to.is_(None), Act.valid_to >= LAST_DAY))
        .order_by(Act.code, Act.valid_from)
    )
    return [_Act(a.id, a.code, a.description, years, act_range(a)) for a, years in db.session.execute(query)]


def _last_numbers() -> dict[tuple[int, int, str], int]:
    """Return the last number taken per (unit, year, series), stored or used, so the bench numbers follow."""
    table = NumberSequence.__table__
    stored = sa.select(table.c.unit_id, table.c.year, table.c.series, table.c.last_value)
    last = {(unit, year, series): value for unit, year, series, value in db.session.execute(stored)}
    used = (
        sa.select(Case.unit_id, Case.year, sa.literal(RECORD_SERIES), sa.func.max(Case.seq)).group_by(
            Case.unit_id, Case.year
        ),
        sa.select(Decision.unit_id, Decision.year, Decision.series, sa.func.max(Decision.seq)).group_by(
            Decision.unit_id, Decision.year, Decision.series
        ),
        sa.select(
            Enforcement.unit_id, Enforcement.year, sa.literal(ENFORCEMENT_SERIES), sa.func.max(Enforcement.seq)
        ).group_by(Enforcement.unit_id, Enforcement.year),
    )
    for query in used:
        for unit, year, series, value in db.session.execute(query):
            last[(unit, year, series)] = max(last.get((unit, year, series), 0), value)
    return last


def _moments(count: int, rng: random.Random):
    """Yield `count` recording moments from FIRST_DAY to LAST_DAY in order: fewer at weekends, 7:00–21:00."""
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    weights = [(10, 10, 10, 10, 10, 6, 4)[day.weekday()] for day in days]
    total, running, done = sum(weights), 0, 0
    for day, weight in zip(days, weights, strict=True):
        running += weight
        upto = count * running // total
        start = datetime.combine(day, time(7), LEGAL_TZ)
        for second in sorted(rng.randrange(14 * 3600) for _ in range(upto - done)):
            yield start + timedelta(seconds=second)
        done = upto


def _batches(load: _Load, count: int, seed: int, size: int):
    """Yield the rows of `count` cases, `size` cases at a time."""
    moments = _moments(count, random.Random(f"moments-{seed}"))
    while chunk := list(itertools.islice(moments, size)):
        rows = {name: [] for name in TABLES}
        for at in chunk:
            load.case(at, rows)
        yield rows


def _insert(engine: sa.Engine, rows: dict) -> int:
    """Insert one batch in one transaction (executemany; COPY on PostgreSQL); return its number of cases."""
    with engine.begin() as conn:
        for name, batch in rows.items():
            table = TABLES[name]
            if not batch:
                continue
            if conn.dialect.name != "postgresql":
                conn.execute(table.insert(), batch)
                continue
            # psycopg's executemany costs ~100 µs a row in Python; COPY does the same rows 3× faster.
            names = list(batch[0])
            cursor = conn.connection.driver_connection.cursor()
            with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row([json.dumps(v) if isinstance(v, dict | list) else v for v in row.values()])
    return len(rows["cases"])


def _finish(load: _Load) -> None:
    """Store the last numbers, move PostgreSQL's id sequences past the ids given here."""
    table = NumberSequence.__table__
    upsert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(table)
    upsert = upsert.on_conflict_do_update(
        index_elements=["unit_id", "year", "series"], set_={"last_value": upsert.excluded.last_value}
    )
    numbers = [{"unit_id": u, "year": y, "series": s, "last_value": v} for (u, y, s), v in load.seqs.items()]
    with db.engine.begin() as conn:
        conn.execute(upsert, numbers)
        if conn.dialect.name == "postgresql":
            for name, last in load.ids.items():
                if last:
                    sequence = f"pg_get_serial_sequence('{TABLES[name].name}', 'id')"
                    conn.execute(sa.text(f"SELECT setval({sequence}, {int(last)})"))


def _summarise(progress: bool) -> None:
    """Rebuild the statistics' summary from every case (the session hooks never saw these rows): ANALYZE first,
    for the planner to know the tables just loaded, and after."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    with db.engine.begin() as conn:
        low, high = conn.execute(sa.select(sa.func.min(Case.id), sa.func.max(Case.id))).one()
        total = (high - low + 1) if low is not None else 0
        bar = tqdm(total=total, unit=" cases", unit_scale=True, disable=not progress, mininterval=1, desc="thống kê")
        with bar:
            summary.rebuild(conn, progress=bar.update)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def seed_bench(count: int, seed: int = 0, batch_size: int = 10_000, progress: bool = True) -> dict:
    """Insert `count` benchmark cases after the existing ones; return how many rows of each kind were added."""
    load, engine = _Load(seed), db.engine
    db.session.commit()  # end the read transaction: the batches write through their own connections
    totals = dict.fromkeys(TABLES, 0)
    # A thread writes one batch while the next is generated: the database works meanwhile.
    bar = tqdm(total=count, unit=" cases", unit_scale=True, disable=not progress, mininterval=1)
    with bar, ThreadPoolExecutor(max_workers=1) as writer:
        pending = writer.submit(int)  # nothing written yet
        for rows in _batches(load, count, seed, batch_size):
            bar.update(pending.result())
            pending = writer.submit(_insert, engine, rows)
            for name, batch in rows.items():
                totals[name] += len(batch)
        bar.update(pending.result())
    _finish(load)
    _summarise(progress)
    return totals
