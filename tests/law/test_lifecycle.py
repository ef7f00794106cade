"""States of cases and decisions (SPEC §1; penalties.law.lifecycle)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penalties.law.calendar import WorkCalendar
from penalties.law.deadlines import execution_expires
from penalties.law.errors import RuleViolation
from penalties.law.lifecycle import (
    CASE_STATUS_LABELS,
    CASE_TRANSITIONS,
    DECISION_STATES,
    DECISION_TRANSITIONS,
    check_case_transition,
    decision_status,
)

ISSUED = date(2026, 3, 2)
DUE = date(2026, 3, 14)
EXPIRES = date(2027, 3, 2)


def d(text: str) -> date:
    return date.fromisoformat(text)


def _status(on: str = "2026-03-10", **facts) -> str:
    known = {
        "delivered": True,
        "fine_total": 5_000_000,
        "outstanding": 5_000_000,
        "payment_due": DUE,
        "execution_expires": EXPIRES,
    }
    return decision_status(on=d(on), **(known | facts))


@pytest.mark.parametrize(
    ("on", "facts", "status"),
    [
        ("2026-03-10", {}, "delivered"),
        ("2026-03-14", {}, "delivered"),  # the due day is still on time
        ("2026-03-15", {}, "overdue"),
        ("2026-03-10", {"delivered": False, "payment_due": None}, "issued"),
        ("2026-03-20", {"delivered": False, "payment_due": None}, "issued"),
        ("2026-03-10", {"paid": 1_000_000, "outstanding": 4_000_000}, "partially_paid"),
        ("2026-03-15", {"paid": 1_000_000, "outstanding": 4_000_000}, "overdue"),
        ("2026-03-10", {"paid": 5_000_000, "outstanding": 0}, "paid"),
        ("2027-06-01", {"paid": 5_000_000, "outstanding": 0}, "paid"),  # paid stays paid after the limitation
        ("2026-03-10", {"delivered": False, "outstanding": 0, "payment_due": None}, "paid"),  # paid on the spot
        ("2027-03-02", {}, "overdue"),  # the last day of execution (Law Art. 74)
        ("2027-03-03", {}, "expired"),
        ("2027-03-03", {"delivered": False, "payment_due": None}, "expired"),
        ("2026-03-10", {"annulled": True}, "annulled"),
        ("2026-03-10", {"annulled": True, "outstanding": 0}, "annulled"),
        ("2027-03-03", {"annulled": True}, "annulled"),
        ("2026-03-10", {"fine_total": 0, "outstanding": 0}, "closed"),  # a warning, delivered
        ("2026-03-10", {"fine_total": 0, "outstanding": 0, "delivered": False}, "issued"),
        ("2026-03-10", {"fine_total": 0, "outstanding": 0, "annulled": True}, "annulled"),
        ("2026-04-01", {"postponed": True}, "postponed"),  # no overdue while postponed (Law Art. 76)
        ("2026-04-01", {"postponed": True, "delivered": False}, "issued"),
        ("2026-04-01", {"postponed": True, "enforced": True}, "postponed"),
        ("2026-04-01", {"enforced": True}, "enforced"),
        ("2026-04-01", {"enforced": True, "paid": 1_000_000, "outstanding": 4_000_000}, "enforced"),
        ("2026-03-10", {"installments": True}, "installments"),
        ("2026-03-10", {"installments": True, "paid": 2_000_000, "outstanding": 3_000_000}, "installments"),
        ("2026-04-01", {"installments": True}, "overdue"),  # by default: past payment_due
        ("2026-04-01", {"installments": True, "overdue": False}, "installments"),  # on schedule
        ("2026-04-01", {"installments": True, "overdue": True}, "overdue"),  # an installment missed
        ("2026-03-10", {"overdue": True}, "overdue"),
        ("2026-04-01", {"overdue": False, "paid": 1, "outstanding": 4_999_999}, "partially_paid"),
        ("2026-04-01", {"payment_due": None}, "delivered"),
    ],
)
def test_decision_status(on, facts, status):
    assert _status(on, **facts) == status
    assert status in DECISION_STATES


def test_the_first_callers_arguments_still_work():
    assert (
        decision_status(
            delivered=True,
            fine_total=5_000_000,
            outstanding=5_000_000,
            on=d("2026-03-20"),
            payment_due=DUE,
            execution_expires=EXPIRES,
            annulled=False,
        )
        == "overdue"
    )


def test_the_transition_table_covers_every_state():
    assert set(DECISION_TRANSITIONS) == set(DECISION_STATES)
    for source, targets in DECISION_TRANSITIONS.items():
        assert targets <= set(DECISION_STATES)
        assert source not in targets
    assert DECISION_TRANSITIONS["annulled"] == frozenset()
    assert all("annulled" in targets for state, targets in DECISION_TRANSITIONS.items() if state != "annulled")
    # SPEC §1: from delivered or partially paid, a decision may become overdue, postponed, in installments, enforced.
    for state in ("delivered", "partially_paid"):
        assert {"overdue", "postponed", "installments", "enforced", "paid", "expired"} <= DECISION_TRANSITIONS[state]


@st.composite
def histories(draw):
    """The facts of one decision over time: delivery, payments, one relief, enforcement, annulment."""
    fine = draw(st.sampled_from([0, 5_000_000, 35_000_000]))
    delivered = draw(st.none() | st.integers(0, 30))
    after = (delivered or 0) + 1
    relief = draw(st.sampled_from(["none", "postponed", "installments"])) if delivered is not None else "none"
    start = draw(st.integers(after, after + 60))
    window = (start, start + draw(st.integers(0, 90))) if relief == "postponed" else None
    installments = start if relief == "installments" else None
    enforced = draw(st.none() | st.integers(max(after, window[1] + 2 if window else after), 400))
    until = ISSUED + timedelta(days=window[1]) if window else None
    expires = execution_expires(ISSUED, WorkCalendar(), until).due
    last_payment_day = (expires - ISSUED).days
    first_payment_day = delivered if delivered is not None else 0
    payments = draw(
        st.lists(
            st.tuples(st.integers(first_payment_day, max(first_payment_day, last_payment_day)), st.integers(1, fine)),
            max_size=4,
        )
        if fine
        else st.just([])
    )
    annulled = draw(st.none() | st.integers(0, 500))
    return fine, delivered, window, installments, enforced, payments, annulled, expires


def _status_on(day: int, history) -> str:
    fine, delivered, window, installments, enforced, payments, annulled, expires = history
    paid = min(fine, sum(amount for paid_day, amount in payments if paid_day <= day))
    is_delivered = delivered is not None and delivered <= day
    return decision_status(
        delivered=is_delivered,
        fine_total=fine,
        outstanding=fine - paid,
        on=ISSUED + timedelta(days=day),
        payment_due=ISSUED + timedelta(days=delivered + 10) if is_delivered else None,
        execution_expires=expires,
        annulled=annulled is not None and annulled <= day,
        paid=paid,
        postponed=window is not None and window[0] <= day <= window[1],
        installments=installments is not None and installments <= day,
        enforced=enforced is not None and enforced <= day,
    )


@settings(deadline=None)
@given(histories())
def test_derived_statuses_only_move_along_the_table(history):
    statuses = [_status_on(day, history) for day in range(0, 520)]
    for before, after in zip(statuses, statuses[1:], strict=False):
        assert before == after or after in DECISION_TRANSITIONS[before], (before, after)


# --- cases ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["decided", "dismissed"])
def test_a_recorded_case_is_decided_or_dismissed(target):
    assert check_case_transition("recorded", target) is None


@pytest.mark.parametrize(
    ("current", "target", "code"),
    [
        ("decided", "dismissed", "case_closed"),
        ("dismissed", "decided", "case_closed"),
        ("recorded", "recorded", "transition_not_allowed"),
    ],
)
def test_a_closed_case_stays_closed(current, target, code):
    with pytest.raises(RuleViolation) as caught:
        check_case_transition(current, target)
    assert caught.value.code == code
    assert "Điều 65" in caught.value.article
    assert CASE_STATUS_LABELS[current] in caught.value.message and current not in caught.value.message.split()
    assert set(CASE_TRANSITIONS) == {"recorded", "decided", "dismissed"}
