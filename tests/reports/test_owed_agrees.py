"""One meaning of what a decision owes (issue 12, point 8): the statistics' SQL (reports.facts.decision_state and
decision_figures) agrees with law.payments.owed_on, the pure function the decision page, the API and the summary
call, on a random dataset made by the operations (tests/reports/test_fast_path.Builder: payments on time, late, in
part, reversed; installments; postponements; reductions and exemptions; refused requests; appeals suspending;
amendments and annulments), for every sanction decision, on days chosen at random and on the days things change."""

import random
from datetime import timedelta

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from penalties.decisions.models import Decision
from penalties.decisions.queries import figures_on, money_of
from penalties.extensions import db
from penalties.law.payments import fine_on
from penalties.payments.models import Reduction
from penalties.reports.facts import decision_figures, decision_state, earliest_unexpired
from penalties.workdays.queries import work_calendar
from tests.reports.test_fast_path import FIRST, TODAY, _build


def _sql(on, ids) -> dict:
    """The SQL figures of every sanction decision as of `on`: {id: (imposed, collected, reduced, annulled, overdue)}."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL jit = off"))  # as reports.queries.stats: compiling costs seconds
    state = decision_state(on).where(Decision.id.in_(ids)).cte("state")
    figures = decision_figures(state.c, on, earliest_unexpired(on, work_calendar()))
    names = ("fines_imposed", "fines_collected", "fines_reduced", "annulled", "overdue")
    query = sa.select(state.c.id, *(figures[name].label(name) for name in names))
    return {row.id: tuple(int(row[i + 1]) for i in range(len(names))) for row in db.session.execute(query)}


def _pure(decision, on, calendar) -> tuple:
    figures, fine = figures_on(decision, on, calendar), fine_on(money_of(decision), on)
    return (fine.fine, fine.collected, fine.reduced, int(fine.annulled), int(figures.overdue))


def test_the_sql_of_the_statistics_agrees_with_owed_on(app, users, acts, no_documents):
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Decision.id), 0)))  # what other tests left
        _build(seed=11, cases=70)
        assert db.session.scalar(sa.select(sa.func.count(Reduction.id))), "a reduction in the data"
        built = sa.select(Decision).where(Decision.kind == "sanction", Decision.id > before)
        decisions = db.session.scalars(built).all()
        ids = [d.id for d in decisions]
        calendar = work_calendar()
        changes = set()
        for d in decisions:
            money = money_of(d)
            changes |= {p.paid_on for p in money.payments} | {r.decided_on for r in money.reductions}
            if money.delivered_on:
                changes.add(money.delivered_on + timedelta(days=d.payment_period_days + 1))
        days = sorted(random.Random(5).sample(sorted(day for day in changes if FIRST <= day <= TODAY), 8))

        def agree(on):
            sql = _sql(on, ids)
            for d in decisions:
                assert sql[d.id] == _pure(d, on, calendar), (d.id, on)

        for on in days:
            agree(on)

        @settings(max_examples=12, derandomize=True, deadline=None)
        @given(st.dates(FIRST, TODAY + timedelta(days=400)))
        def at_random(on):
            agree(on)

        at_random()
