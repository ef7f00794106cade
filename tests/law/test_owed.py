"""What a decision owes, as pure law (law.payments.owed_on; SPEC v2 §2, §6a, §6b): SPEC's worked examples through
the facts, the late-fee pause of a request (granted or refused) and what accrued before it, a reduction, and
properties against a day-by-day reference of the late fee."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from penalties.law.calendar import WorkCalendar
from penalties.law.errors import RuleViolation
from penalties.law.late_fee import Tranche
from penalties.law.payments import Amendment, Money, Paid, Plan, Postponed, Reduced, Request, fine_on, owed_on
from penalties.law.relief import check_reduction

CAL = WorkCalendar()
ONE_DAY = timedelta(days=1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def _money(fine=5_000_000, delivered="2026-03-01", **facts) -> Money:
    return Money(fine, d("2026-02-27"), 10, d(delivered) if delivered else None, **facts)


@pytest.mark.parametrize(
    ("facts", "on", "late_fee", "status"),
    [
        # SPEC §2: delivered 01/03, due 11/03, 5,000,000 paid 21/03: 12/03 … 20/03 = 9 days → 22,500.
        ({"payments": (Paid(d("2026-03-21"), 5_000_000),)}, "2026-04-01", 22_500, "partially_paid"),
        ({}, "2026-03-11", 0, "delivered"),
        ({}, "2026-03-13", 2_500, "overdue"),
        # A refused request 15/03 → 20/03: those 6 days cost nothing; 12–14/03 and 21–30/03 do (13 days).
        ({"refused": (Request(d("2026-03-15"), d("2026-03-20")),)}, "2026-03-31", 32_500, "overdue"),
        # A postponement asked 15/03, granted 20/03 until 20/04: nothing from the request to the end.
        (
            {"postponements": (Postponed(d("2026-03-15"), d("2026-03-20"), d("2026-04-20")),)},
            "2026-04-21",
            7_500,
            "overdue",
        ),
        (
            {"postponements": (Postponed(d("2026-03-15"), d("2026-03-20"), d("2026-04-20")),)},
            "2026-04-01",
            7_500,
            "postponed",
        ),
    ],
)
def test_worked_examples(facts, on, late_fee, status):
    figures = owed_on(_money(**facts), d(on), CAL)
    assert (figures.late_fee, figures.status) == (late_fee, status)


def test_the_fee_before_an_installment_request_stays_owed():
    plan = Plan(
        d("2026-03-25"), d("2026-03-30"), (Tranche(d("2026-04-15"), 14_000_000), Tranche(d("2026-05-15"), 21_000_000))
    )
    figures = owed_on(_money(35_000_000, "2026-03-05", plan=plan), d("2026-04-10"), CAL)
    assert figures.late_fee == 9 * 17_500 and figures.status == "installments"
    assert "Khoản 2 Điều 5 Thông tư 18/2023/TT-BTC" in figures.basis and any("Điều 79" in b for b in figures.basis)
    # The first installment missed: it is overdue on its own, from the day after its due date.
    late = owed_on(_money(35_000_000, "2026-03-05", plan=plan), d("2026-04-18"), CAL)
    assert late.overdue and late.late_fee == 9 * 17_500 + 2 * 7_000


def test_a_reduction_lowers_what_is_owed_from_its_decision_only():
    postponed = (Postponed(d("2026-03-05"), d("2026-03-05"), d("2026-04-05")),)
    reduced = (Reduced(d("2026-04-10"), d("2026-04-12"), 2_000_000),)
    money = _money(postponements=postponed, reductions=reduced)
    before = owed_on(money, d("2026-04-10"), CAL)  # 06/04 … 09/04 on 5,000,000: 4 × 2,500
    assert before.total == 5_000_000 and before.late_fee == 10_000
    after = owed_on(money, d("2026-04-20"), CAL)  # + 13/04 … 19/04 on 3,000,000: 7 × 1,500
    assert after.total == 3_000_000 and after.reduced == 2_000_000 and after.late_fee == 10_000 + 10_500
    assert fine_on(money, d("2026-04-20")).collected == 0
    exempt = (*reduced, Reduced(d("2026-04-20"), d("2026-04-20"), 3_000_000, exempt=True))
    done = owed_on(_money(postponements=postponed, reductions=exempt), d("2026-05-01"), CAL)
    # The fee accrued stays owed (SPEC §2), and may be collected: past due, though no part of the fine is.
    assert done.total == 0 and done.late_fee == 20_500 and done.past_due and not done.overdue
    paid = (Paid(d("2026-05-02"), 0, 20_500),)
    closed = owed_on(_money(postponements=postponed, reductions=exempt, payments=paid), d("2026-05-03"), CAL)
    assert closed.outstanding == 0 and closed.status == "closed"


@pytest.mark.parametrize(
    ("kind", "amount", "postponed", "reduced", "paid", "allowed"),
    [
        ("reduce", 1_000_000, True, False, 0, 1_000_000),
        ("reduce", 1_000_000, False, False, 0, None),  # Art. 77(1): only after a postponement
        ("reduce", 3_000_000, True, False, 0, None),  # the whole rest is an exemption
        ("reduce", None, True, False, 0, None),
        ("exempt", None, False, True, 0, 3_000_000),  # Art. 77(2)(a): after a reduction
        ("exempt", None, False, False, 1, 3_000_000),  # Art. 77(2)(b): after an installment paid
        ("exempt", None, True, False, 0, None),
        ("exempt", 1_000_000, False, True, 0, None),
        ("waive", None, True, True, 1, None),
    ],
)
def test_reduction_rules(kind, amount, postponed, reduced, paid, allowed):
    facts = {
        "party": "individual",
        "kind": kind,
        "remaining": 3_000_000,
        "amount": amount,
        "requested_on": d("2026-04-01"),
    }
    facts |= {"hardship": "UBND phường xác nhận", "postponed": postponed, "reduced": reduced, "installments_paid": paid}
    if allowed is None:
        with pytest.raises(RuleViolation) as refused:
            check_reduction(**facts)
        assert refused.value.code == "reduction_not_allowed" and "Điều 77" in refused.value.article
    else:
        assert check_reduction(**facts) == allowed


def _reference(fine: int, due: date, paid: list[tuple[date, int]], pauses: list[tuple[date, date]], on: date) -> int:
    """The late fee day by day: 0.05 % of what is unpaid on each day after the due date, outside every pause."""
    total, day = Fraction(0), due + ONE_DAY
    while day < on:
        unpaid = fine - sum(amount for when, amount in paid if when <= day)
        if not any(start <= day <= end for start, end in pauses):
            total += Fraction(5, 10000) * max(unpaid, 0)
        day += ONE_DAY
    return int(total + Fraction(1, 2))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 400).map(lambda n: n * 100_000),
    st.lists(st.tuples(st.integers(0, 120), st.integers(1, 60)), max_size=3),
    st.lists(st.tuples(st.integers(1, 120), st.integers(1, 100)), max_size=3),
    st.integers(0, 200),
)
def test_requests_pause_the_fee_like_the_day_by_day_reference(fine, asked, paid, days):
    delivered, due = d("2026-03-01"), d("2026-03-11")
    requests = tuple(Request(due + timedelta(days=a), due + timedelta(days=a + b)) for a, b in asked)
    payments, left = [], fine
    for offset, share in sorted(paid):
        amount = min(left, fine * share // 100)
        if amount > 0:
            payments.append((due + timedelta(days=offset), amount))
            left -= amount
    on = due + timedelta(days=days)
    money = Money(
        fine, d("2026-02-27"), 10, delivered, payments=tuple(Paid(w, a) for w, a in payments), refused=requests
    )
    pauses = [(r.requested_on, min(r.decided_on, on)) for r in requests if r.requested_on <= on]
    assert owed_on(money, on, CAL).late_fee == _reference(fine, due, payments, pauses, on)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 100).map(lambda n: n * 100_000), st.integers(0, 90), st.integers(0, 60), st.integers(0, 120))
def test_a_request_never_raises_the_fee_and_keeps_what_accrued_before(fine, start, length, days):
    due = d("2026-03-11")
    asked = Request(due + timedelta(days=start), due + timedelta(days=start + length))
    on = due + timedelta(days=days)
    plain, paused = _money(fine), _money(fine, refused=(asked,))
    assert owed_on(paused, on, CAL).late_fee <= owed_on(plain, on, CAL).late_fee
    before = min(on, asked.requested_on)
    assert owed_on(paused, on, CAL).late_fee >= owed_on(plain, before, CAL).late_fee


def test_an_exemption_remits_the_rest_so_a_later_amendment_refunds_nothing_paid():
    paid = (Paid(d("2026-03-20"), 14_000_000),)
    exempt = (Reduced(d("2026-04-01"), d("2026-04-02"), 21_000_000, exempt=True),)
    amended = (Amendment(d("2026-05-01"), 30_000_000),)
    money = _money(35_000_000, "2026-03-05", payments=paid, reductions=exempt, amendments=amended)
    figures = owed_on(money, d("2026-06-01"), CAL)
    assert figures.refund_due == 0 and figures.total == 14_000_000 and figures.reduced == 16_000_000
    assert fine_on(money, d("2026-06-01")).collected == 14_000_000
    lower = _money(
        35_000_000, "2026-03-05", payments=paid, reductions=exempt, amendments=(Amendment(d("2026-05-01"), 10_000_000),)
    )
    assert owed_on(lower, d("2026-06-01"), CAL).refund_due == 4_000_000  # paid beyond the amended fine itself


def test_the_fee_before_installments_is_owed_at_once_beside_them():
    plan = Plan(
        d("2026-03-25"), d("2026-03-30"), (Tranche(d("2026-04-15"), 14_000_000), Tranche(d("2026-05-15"), 21_000_000))
    )
    paid = (Paid(d("2026-04-15"), 14_000_000), Paid(d("2026-05-15"), 21_000_000))
    money = _money(35_000_000, "2026-03-05", plan=plan, payments=paid)
    # The plan spreads the fine, not the fee that accrued before it: that fee is owed now, as a late installment's
    # own fee is (the overdue list shows "only the late fee"), while the installments run on schedule.
    running = owed_on(money, d("2026-04-20"), CAL)
    assert running.late_fee == 157_500 and running.past_due and not running.overdue
    assert running.status == "installments"
    done = owed_on(money, d("2026-05-20"), CAL)  # the plan paid: the fee before it is what is left, to collect
    assert done.outstanding == 157_500 and done.past_due and not done.overdue
