"""`flask seed bench`: bulk benchmark cases hold what record_case would have derived (no timings here)."""

from collections import defaultdict

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.cases.models import Case
from penalties.cases.operations import RECORD_SERIES, snapshot
from penalties.cases.queries import CaseFilters, search_cases
from penalties.core.formatting import local_today
from penalties.core.numbering import NumberSequence
from penalties.core.text import fold
from penalties.extensions import db
from penalties.seeds import bench


def _seed(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=["seed", *args])
    assert result.exit_code == 0, result.output


def test_seed_bench_adds_consistent_cases_numbered_after_the_existing_ones(app):
    _seed(app, "demo")
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.max(Case.id))) or 0
    _seed(app, "bench", "--cases", "120", "--seed", "3")
    _seed(app, "bench", "--cases", "80", "--seed", "4")  # a second load continues the numbers
    with app.app_context():
        numbers = defaultdict(list)
        for unit_id, year, seq in db.session.execute(sa.select(Case.unit_id, Case.year, Case.seq)):
            numbers[(unit_id, year)].append(seq)
        records = sa.select(NumberSequence).where(NumberSequence.series == RECORD_SERIES)
        last = {(s.unit_id, s.year): s.last_value for s in db.session.scalars(records)}
        for key, seqs in numbers.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)) and last[key] == len(seqs), key
        cases = list(db.session.scalars(sa.select(Case).where(Case.id > before).order_by(Case.id)))
        assert len(cases) == 200
        assert {c.unit.code for c in cases} <= set(bench.STREETS)
        for case in cases:
            violator, recorded_on = case.violator, local_today(case.recorded_at)
            assert case.number == f"{case.seq}/{RECORD_SERIES}" and case.year == recorded_on.year
            assert bench.FIRST_DAY <= recorded_on <= bench.LAST_DAY
            text = f"{case.number} {violator.name} {violator.id_number} {violator.address} {case.location_address}"
            assert case.search_folded == fold(text)
            assert case.violator_snapshot == snapshot(violator)
            assert case.violations and all(v.fine_min <= v.proposed_amount <= v.fine_max for v in case.violations)
            assert case.limitation_expires_on == min(v.limitation_expires_on for v in case.violations)
            assert 8 <= (case.decision_due_on - recorded_on).days <= 62
            assert (case.status == "dismissed") == (case.dismissed_on is not None)
        assert sum(len(v.id_number) == 12 for v in {c.violator for c in cases}) > 150


def test_seed_bench_cases_are_found_without_diacritics(app):
    _seed(app, "bench", "--cases", "200")
    with app.app_context():
        legal = db.session.scalar(sa.select(User).where(User.username == "phaply.pt"))
        target = db.session.scalar(
            sa.select(Case).where(Case.unit_id == legal.unit_id, Case.number.like("%/BB-VPHC")).order_by(Case.id.desc())
        )
        words = fold(target.violator.name)
        assert words.isascii() and words != target.violator.name.lower()
        page = search_cases(legal, CaseFilters(q=words), None, 200)
        assert target in page.items
        assert all(c.unit_id == legal.unit_id for c in page.items)


def test_seed_bench_is_deterministic_for_a_seed(app):
    _seed(app, "demo")
    with app.app_context():
        first = list(bench._batches(bench._Load(seed=11), 60, 11, 25))
        second = list(bench._batches(bench._Load(seed=11), 60, 11, 25))
        db.session.rollback()
    assert [len(rows["cases"]) for rows in first] == [25, 25, 10]
    assert first == second


def test_seed_bench_decisions_and_what_follows_hold_together(app):
    """Decided cases have their one sanction decision, numbers follow in each series, money stays within the
    fine, and the statistics' summary rebuilt by the seed gives what the raw tables give."""
    from datetime import date

    from bench.reports import HEADLINE, raw_figures
    from penalties.decisions.models import Decision
    from penalties.payments.models import Enforcement, Payment
    from penalties.reports.queries import stats
    from penalties.units.models import Unit

    _seed(app, "bench", "--cases", "400", "--seed", "5")
    with app.app_context():
        sanctions = dict(
            db.session.execute(sa.select(Decision.case_id, Decision.issued_on).where(Decision.kind == "sanction")).all()
        )
        for case in db.session.scalars(sa.select(Case)):
            assert (case.status == "decided") == (case.id in sanctions), case.id
            if case.id in sanctions:
                assert local_today(case.recorded_at) <= sanctions[case.id] <= case.decision_due_on
        numbers = defaultdict(list)
        for unit_id, year, series, seq in db.session.execute(
            sa.select(Decision.unit_id, Decision.year, Decision.series, Decision.seq)
        ):
            numbers[(unit_id, year, series)].append(seq)
        last = {(s.unit_id, s.year, s.series): s.last_value for s in db.session.scalars(sa.select(NumberSequence))}
        for key, seqs in numbers.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)) and last[key] == len(seqs), key
        paid = sa.select(Payment.decision_id, sa.func.sum(Payment.principal)).group_by(Payment.decision_id)
        fines = dict(db.session.execute(sa.select(Decision.id, Decision.fine_total)).all())
        assert all(total <= fines[decision_id] for decision_id, total in db.session.execute(paid))
        assert db.session.scalar(sa.select(sa.func.count(Enforcement.id))) > 0
        kinds = set(db.session.scalars(sa.select(Decision.kind).distinct()))
        assert {"sanction", "amendment"} <= kinds
        top = db.session.scalar(sa.select(Unit.id).where(Unit.code == "HN"))
        for first, last_day in ((date(2025, 1, 1), date(2025, 12, 31)), (date(2025, 12, 15), bench.LAST_DAY)):
            fast = stats(first, last_day)
            assert fast == stats(first, last_day, from_facts=True)
            assert {key: fast[key] for key in HEADLINE} == raw_figures(db.session.connection(), first, last_day, top)
