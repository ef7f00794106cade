"""The statistics read from the summary agree with the raw tables, on a random dataset made by the operations.

The dataset: cases of two wards recorded over a year, then at random dismissed, decided (warnings too),
delivered, paid (on time, late, in part, reversed), paid in installments, postponed, enforced, appealed
(suspended, upheld, amended, annulled), amended or annulled by a correction, a few decision due dates moved by
a bulk UPDATE; whatever the law refuses is left out. Each write commits as a request does, so the summary is
kept by the session hooks alone. Then, for many periods, units and sectors: every figure of the summary equals
the one computed from the facts (reports.definition), and the headline figures equal bench/reports.py's
hand-written SQL over the raw tables; and the summary kept write after write equals a rebuild.
"""

import random
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.reports import HEADLINE, raw_figures
from penalties.appeals.operations import AppealInput, ResolutionInput, file_appeal, resolve_appeal
from penalties.auth.models import User
from penalties.cases.models import Case
from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, dismiss_case, record_case
from penalties.catalogue.models import Sector
from penalties.core.formatting import LEGAL_TZ
from penalties.decisions.corrections import CorrectionInput, issue_correction
from penalties.decisions.operations import DecisionInput, issue_decision
from penalties.extensions import db
from penalties.law.deadlines import execution_expires as expires
from penalties.law.errors import RuleViolation
from penalties.payments import operations as money
from penalties.payments.models import RefusedRequest
from penalties.reports import summary
from penalties.reports.models import SUMMED, ReportActDay, ReportDay, ReportFact
from penalties.reports.queries import stats
from penalties.units.models import Unit
from penalties.workdays.queries import work_calendar
from tests.helpers import make_user
from tests.payments.money import HARDSHIP

TODAY = date(2026, 11, 20)
FIRST = date(2025, 1, 2)  # the demo acts are in force from 2025-01-01
CODES = ("GT-7-7c", "GT-7-2h", "GT-12-2e", "GT-12-7", "MT-25-2a", "MT-25-2c", "MT-25-2d", "XD-16-7a")
WARDS = ("HN-TH-PT", "HN-TH-PT", "HN-TH-NT")
ONE_DAY = timedelta(days=1)


def _write(operation, *args, **kwargs):
    """Run one operation and commit, as a request does; a refusal of the law leaves nothing."""
    try:
        result = operation(*args, **kwargs)
    except RuleViolation:
        db.session.rollback()
        return None
    db.session.commit()
    return result


class Builder:
    def __init__(self, seed: int):
        self.rng, self.calendar = random.Random(seed), work_calendar()
        make_user("officer_nt", "officer", "HN-TH-NT")
        make_user("chair_nt", "legal", "HN-TH-NT", position="chu_tich_ubnd_xa", title="Chủ tịch")
        users = {u.username: u for u in db.session.scalars(sa.select(User))}
        self.officer = {"HN-TH-PT": users["officer"], "HN-TH-NT": users["officer_nt"]}
        self.signer = {"HN-TH-PT": users["chair"], "HN-TH-NT": users["chair_nt"]}
        self.district = db.session.get(User, make_user("chair_th", "legal", "HN-TH", position="chu_tich_ubnd_huyen"))

    def day(self, start: date, most: int, least: int = 0) -> date:
        return start + timedelta(days=self.rng.randint(least, most))

    def case(self, n: int):
        rng, ward = self.rng, self.rng.choice(WARDS)
        recorded_on = self.day(FIRST, (TODAY - FIRST).days - 3)
        moment = datetime.combine(recorded_on, time(0, 30) if n % 9 == 0 else time(9, 30), LEGAL_TZ)
        codes = rng.sample(CODES, rng.choice((1, 1, 1, 2)))
        person = ViolatorInput("individual", f"Nguyễn Văn {n}", f"0010900{n:05d}", "Số 1 Âu Cơ, Hà Nội")
        data = CaseInput(
            unit=ward,
            violator=person,
            violations=[ViolationInput(code, recorded_on) for code in codes],
            detected_at=moment - timedelta(minutes=20),
            recorded_at=moment,
            location_unit=ward,
            location_address="Số 5 đường Âu Cơ",
            description="Phát hiện khi kiểm tra trên địa bàn.",
        )
        now = datetime.combine(TODAY, time(23), LEGAL_TZ)
        case = _write(record_case, data, [], actor=self.officer[ward], now=now, calendar=self.calendar)
        return case, ward, recorded_on

    def fate(self, n: int) -> None:
        case, ward, recorded_on = self.case(n)
        roll = self.rng.random()
        if roll < 0.12:
            _write(dismiss_case, case, "no_violation", self.day(recorded_on, 40), actor=self.signer[ward], today=TODAY)
        elif roll > 0.22:
            self.decide(case, ward, recorded_on)

    def decide(self, case, ward: str, recorded_on: date) -> None:
        rng = self.rng
        issued_on = self.day(recorded_on, max(0, (case.decision_due_on - recorded_on).days))
        delivered_on = self.day(issued_on, 6) if rng.random() < 0.9 else None
        decision = None
        for warning, signer in (
            (rng.random() < 0.15, self.signer[ward]),
            (False, self.signer[ward]),
            (False, self.district),
        ):
            data = DecisionInput(signer.username, issued_on, delivered_on, warning=warning)  # the ward's chairman,
            decision = decision or _write(issue_decision, case, data, actor=signer, today=TODAY)  # else the district's
        if decision is None or delivered_on is None:
            return
        self.money(decision, ward, delivered_on + timedelta(days=decision.payment_period_days))
        if rng.random() < 0.3:
            self.appeal(decision, ward, delivered_on)
        if rng.random() < 0.08:
            later = CorrectionInput(rng.choice(("correction", "annulment")), self.day(issued_on, 120, 1), "Sai sót.")
            _write(issue_correction, decision, later, actor=self.signer[ward], today=TODAY)

    def pay(self, decision, ward: str, amount: int, day: date):
        receipt = f"BL-{decision.id}-{self.rng.randrange(10**9)}"
        data = money.PaymentInput(amount=amount, paid_on=day, method="cash", receipt_no=receipt)
        return _write(money.record_payment, decision, data, actor=self.signer[ward], today=TODAY)

    def money(self, decision, ward: str, due: date) -> None:
        fates = ["unpaid", "unpaid", "on_time", "on_time", "on_time", "late", "in_part", "reversed"]
        fates += ["installments"] * 6 if decision.fine_total >= 15_000_000 else []  # Law Art. 79: from 15,000,000 đ
        fates += ["postponed"] * 2 if decision.fine_total >= 2_000_000 else []  # Art. 76: from 2,000,000 đ
        if decision.fine_total > 0:
            getattr(self, "_" + self.rng.choice(fates))(decision, ward, due, decision.fine_total)

    def _unpaid(self, decision, ward, due, fine) -> None:
        if self.rng.random() < 0.3:  # a request refused: no late fee while it was considered
            asked = due + timedelta(days=self.rng.randint(1, 20))
            refused = money.PostponementInput(
                asked,
                HARDSHIP,
                None,
                asked + timedelta(days=self.rng.randint(0, 6)),
                outcome="refused",
                reason="Không đủ điều kiện.",
            )
            _write(money.decide_postponement, decision, refused, actor=self.signer[ward], today=TODAY)
        if self.rng.random() < 0.6:
            enforcement = money.EnforcementInput(self.day(due, 60, 3), "salary_deduction")
            _write(money.decide_enforcement, decision, enforcement, actor=self.signer[ward], today=TODAY)

    def _on_time(self, decision, ward, due, fine) -> None:
        self.pay(decision, ward, fine, self.day(due, 0, -9))

    def _late(self, decision, ward, due, fine) -> None:
        self.pay(decision, ward, fine, self.day(due, 100, 1))

    def _in_part(self, decision, ward, due, fine) -> None:
        self.pay(decision, ward, fine // 2, self.day(due, 5, -9))
        if self.rng.random() < 0.6:
            self.pay(decision, ward, fine - fine // 2, self.day(due, 80, 6))

    def _reversed(self, decision, ward, due, fine) -> None:
        paid = self.pay(decision, ward, fine, self.day(due, 3, -9))
        if paid is not None:
            _write(money.reverse_payment, paid, "Nhập nhầm biên lai", actor=self.signer[ward], today=TODAY)

    def _installments(self, decision, ward, due, fine) -> None:
        start, first = due - timedelta(days=8), fine * 2 // 5 + 1_000
        schedule = [(start + timedelta(days=20), first), (start + timedelta(days=80), fine - first)]
        plan = money.InstallmentInput(start, HARDSHIP, schedule)
        if _write(money.decide_installments, decision, plan, actor=self.signer[ward], today=TODAY):
            self.pay(decision, ward, first, schedule[0][0])
            if self.rng.random() < 0.4:  # the rest exempted after the first installment (Law Art. 77(2)(b))
                asked = self.day(schedule[0][0], 40, 1)
                exempt = money.ReductionInput(asked, HARDSHIP, "exempt", decided_on=self.day(asked, 4))
                _write(money.decide_reduction, decision, exempt, actor=self.signer[ward], today=TODAY)

    def _postponed(self, decision, ward, due, fine) -> None:
        decided = due - timedelta(days=5)
        later = money.PostponementInput(decided, HARDSHIP, self.day(decided, 85, 20))
        postponed = _write(money.decide_postponement, decision, later, actor=self.signer[ward], today=TODAY)
        if postponed and self.rng.random() < 0.6:  # a part reduced while postponed (Law Art. 77(1)), then the rest
            asked = self.day(decided, 15, 1)
            part = fine // 1000 * 1000 // 4
            reduce = money.ReductionInput(asked, HARDSHIP, "reduce", part, decided_on=self.day(asked, 4))
            if _write(money.decide_reduction, decision, reduce, actor=self.signer[ward], today=TODAY):
                fine -= part
                if self.rng.random() < 0.3:
                    exempt = money.ReductionInput(self.day(reduce.decided_on, 20, 1), HARDSHIP, "exempt")
                    if _write(money.decide_reduction, decision, exempt, actor=self.signer[ward], today=TODAY):
                        return
        if postponed and self.rng.random() < 0.5:
            self.pay(decision, ward, fine, later.until)

    def appeal(self, decision, ward: str, delivered_on: date) -> None:
        rng = self.rng
        filed_on = self.day(delivered_on, 50, 1)
        suspended_on = self.day(filed_on, 4) if rng.random() < 0.4 else None
        data = AppealInput("complaint", filed_on, "Mức phạt không đúng.", level=1, suspended_on=suspended_on)
        appeal = _write(file_appeal, decision, data, actor=self.signer[ward], today=TODAY, calendar=self.calendar)
        if appeal is None or rng.random() < 0.3:
            return
        outcome = rng.choice(("upheld", "amended", "amended", "annulled"))
        total = decision.fine_total * 4 // 5 // 1000 * 1000 if outcome == "amended" else None
        resolution = ResolutionInput(outcome, self.day(filed_on, 70, 3), new_fine_total=total)
        _write(resolve_appeal, appeal, resolution, actor=self.signer[ward], today=TODAY)

    def late_due_dates(self) -> None:
        """Move a few decision due dates before the decision, as tests/reports/dataset.py does (a bulk UPDATE)."""
        decided = db.session.scalars(sa.select(Case.id).where(Case.status == "decided").order_by(Case.id).limit(4))
        for case_id in list(decided):
            due = sa.select(Case.recorded_at).where(Case.id == case_id).scalar_subquery()
            db.session.execute(sa.update(Case).where(Case.id == case_id).values(decision_due_on=sa.func.date(due)))
        db.session.commit()


def _build(seed: int, cases: int) -> None:
    builder = Builder(seed)
    for n in range(cases):
        builder.fate(n)
    builder.late_due_dates()


def _summary() -> dict:
    conn = db.session.connection()
    facts = conn.execute(sa.select(*(c for c in ReportFact.__table__.c if c.name != "id")))
    counted = sa.or_(*(ReportDay.__table__.c[name] != 0 for name in SUMMED))
    return {
        "facts": sorted(tuple(row) for row in facts),
        "days": sorted(tuple(row) for row in conn.execute(sa.select(ReportDay.__table__).where(counted))),
        "acts": sorted(tuple(row) for row in conn.execute(sa.select(ReportActDay).where(ReportActDay.cases != 0))),
    }


def _ids(model, codes) -> list:
    return [None, *db.session.scalars(sa.select(model.id).where(model.code.in_(codes)).order_by(model.code))]


def _check(date_from: date, date_to: date, unit_id, sector_id, top_id: int) -> None:
    fast = stats(date_from, date_to, unit_id, sector_id)
    assert fast == stats(date_from, date_to, unit_id, sector_id, from_facts=True)
    if sector_id is None:
        raw = raw_figures(db.session.connection(), date_from, date_to, unit_id or top_id)
        assert {key: fast[key] for key in HEADLINE} == raw
    db.session.rollback()


def test_the_summary_agrees_with_the_raw_tables(app, users, acts, no_documents):
    with app.app_context():
        _build(seed=7, cases=60)
        facts = db.session.scalars(sa.select(ReportFact)).all()
        kinds = {(f.kind, f.simple, f.lingers, f.owing or f.owed_later) for f in facts}
        assert {k[0] for k in kinds} == {
            "case",
            "dismissal",
            "decision",
            "enforcement",
            "appeal_filed",
            "appeal_resolved",
        }
        assert {("decision", True), ("decision", False)} <= {k[:2] for k in kinds}, "simple and other decisions"
        assert any(k[2] for k in kinds) and any(k[3] for k in kinds), "lingering and owed facts"
        assert any(f.first_paid_on for f in facts), "a simple decision paid on two days"
        assert any(f.fines_reduced for f in facts), "a fine reduced or exempted"
        assert db.session.scalar(sa.select(sa.func.count(RefusedRequest.id))), "a request refused"
        units = _ids(Unit, ("HN-TH", "HN-TH-NT", "HN-TH-PT"))
        sectors = _ids(Sector, ("giao_thong_duong_bo", "moi_truong", "xay_dung"))
        top = db.session.scalar(sa.select(Unit.id).where(Unit.code == "HN"))
        # `to` on the days facts settle and owed decisions expire, and the day before: where the fast path switches.
        turns = {f.settles_on for f in facts if f.kind == "decision" and not f.simple}
        calendar = work_calendar()
        turns |= {expires(f.unexpired_from, calendar).due + ONE_DAY for f in facts if f.owing or f.owed_later}
        turns |= set(random.Random(3).sample(sorted({f.settles_on for f in facts}), 6))
        for date_to in sorted(day for day in turns if FIRST < day <= TODAY):
            for day in (date_to - timedelta(days=1), date_to):
                _check(FIRST, day, None, None, top)
                _check(day - timedelta(days=70), day, units[3], None, top)

        @settings(max_examples=25, derandomize=True)
        @given(
            st.dates(FIRST, TODAY),
            st.integers(0, 360),
            st.sampled_from(units),
            st.sampled_from(sectors),
        )
        def agree(date_from, days, unit_id, sector_id):
            _check(date_from, min(TODAY, date_from + timedelta(days=days)), unit_id, sector_id, top)

        agree()
        kept = _summary()
        summary.rebuild(db.session.connection())
        assert _summary() == kept


def test_the_summary_follows_a_write_before_its_commit(app, users, acts, no_documents):
    with app.app_context():
        builder = Builder(seed=1)
        case, ward, recorded_on = builder.case(1)
        before = stats(FIRST, TODAY)
        dismiss_case(case, "no_violation", recorded_on, actor=builder.signer[ward], today=TODAY)  # flushed only
        assert stats(FIRST, TODAY)["dismissed"] == before["dismissed"] + 1
        db.session.rollback()
        assert stats(FIRST, TODAY) == before
