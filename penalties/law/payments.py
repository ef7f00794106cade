"""What a sanction decision owes on a day, as pure law: allocation, installments, the facts and `owed_on`
(SPEC §2, §6a, §6b).

Law = Luật Xử lý vi phạm hành chính: Art. 73 (payment due), 74 (execution limitation), 76 (postponement),
77 (reduction, exemption), 78 (late fee), 79 (installments). `owed_on` derives a decision's figures and status
on a day from its facts (`Money`): the decision page, the API, the overdue list and the statistics' Python
paths all call it, and a test holds the statistics' SQL to it. The late fee's arithmetic is law/late_fee.py; the
rules that grant or refuse relief are law/relief.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from penalties.law.calendar import WorkCalendar
from penalties.law.deadlines import execution_expires, payment_due
from penalties.law.errors import RuleViolation
from penalties.law.late_fee import Pause, Tranche, accrued_exactly, round_half_up, unpaid_by_tranche
from penalties.law.lifecycle import decision_status
from penalties.law.parameters import D118, LAW_2020

_ONE_DAY = timedelta(days=1)
ALLOCATION_BASIS = f"Điều 78 {LAW_2020}"
CIRCULAR_18 = "Khoản 2 Điều 5 Thông tư 18/2023/TT-BTC"


def dong(amount: int) -> str:
    """Write an amount the Vietnamese way: 5022500 → "5.022.500 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def allocate(amount: int, principal_owed: int, fee_owed: int) -> tuple[int, int]:
    """Split a payment: the fine first, then the late fee (SPEC §6b). Returns (principal, late_fee)."""
    principal_owed, fee_owed = max(principal_owed, 0), max(fee_owed, 0)
    most = principal_owed + fee_owed
    if most == 0:
        raise RuleViolation(
            "amount_invalid", "Quyết định không còn khoản tiền nào phải nộp.", ALLOCATION_BASIS, "amount"
        )
    if amount <= 0 or amount > most:
        raise RuleViolation(
            "amount_invalid",
            f"Số tiền nộp phải lớn hơn 0 và không vượt quá số tiền còn phải nộp: tối đa {dong(most)} "
            f"(tiền phạt {dong(principal_owed)}, tiền chậm nộp phạt {dong(fee_owed)}).",
            ALLOCATION_BASIS,
            "amount",
        )
    principal = min(amount, principal_owed)
    return principal, amount - principal


def installment_tranches(
    payment_due: date, fine_total: int, paid_before: int, schedule: Sequence[Tranche]
) -> list[Tranche]:
    """Return what falls due when: the whole fine by payment_due, or the installments (Law Art. 73, 79).

    With installments, what was paid before they were granted stays a tranche due on payment_due.
    """
    if not schedule:
        return [Tranche(payment_due, fine_total)]
    before = [Tranche(payment_due, paid_before)] if paid_before > 0 else []
    return [*before, *schedule]


def fit_tranches(tranches: Sequence[Tranche], total: int) -> list[Tranche]:
    """Make the tranches add up to the total owed (amended or reduced after the plan): trim, or extend the last."""
    result, left = [], total
    for tranche in tranches:
        amount = min(tranche.amount, left)
        if amount > 0:
            result.append(Tranche(tranche.due_on, amount))
        left -= amount
    if left > 0 and tranches:
        last = result.pop() if result and result[-1].due_on == tranches[-1].due_on else Tranche(tranches[-1].due_on, 0)
        result.append(Tranche(last.due_on, last.amount + left))
    return result


# What the records say about one sanction decision's money: plain facts, every one with its own days; the
# figures of a day are derived from them by `owed_on` alone (SPEC §1: derived when read, never stored).


@dataclass(frozen=True)
class Paid:
    """Money received (a reversal is negative), split between the fine and the late fee (SPEC §6b)."""

    paid_on: date
    principal: int
    late_fee: int = 0


@dataclass(frozen=True)
class Amendment:
    """A correcting decision that sets a new fine total from the day it is issued (D118 Art. 15)."""

    issued_on: date
    fine_total: int


@dataclass(frozen=True)
class Request:
    """A request for installments, postponement or reduction/exemption and the day it was decided, granted or
    refused: no late fee from the one through the other (Circular 18/2023/TT-BTC Art. 5(2))."""

    requested_on: date
    decided_on: date


@dataclass(frozen=True)
class Plan(Request):
    """Installments granted (Law Art. 79)."""

    schedule: tuple[Tranche, ...] = ()


@dataclass(frozen=True)
class Postponed(Request):
    """A postponement granted up to and including `until` (Law Art. 76)."""

    until: date


@dataclass(frozen=True)
class Reduced(Request):
    """A reduction of the remaining fine, or its exemption (`exempt`), by `amount` (Law Art. 77)."""

    amount: int
    exempt: bool = False


@dataclass(frozen=True)
class Suspension:
    """Execution suspended while an appeal is considered (Law Art. 15), until the day it resumes, if known."""

    start: date
    resumed_on: date | None = None


@dataclass(frozen=True)
class Money:
    """The facts of a sanction decision's money, whatever the day: `owed_on` reads those up to its day."""

    fine_total: int  # as issued; 0 for a warning
    issued_on: date
    payment_period_days: int
    delivered_on: date | None = None
    amendments: tuple[Amendment, ...] = ()  # in the order they were issued
    annulled_on: date | None = None
    payments: tuple[Paid, ...] = ()
    plan: Plan | None = None
    postponements: tuple[Postponed, ...] = ()
    reductions: tuple[Reduced, ...] = ()
    refused: tuple[Request, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    enforced_on: tuple[date, ...] = ()


@dataclass(frozen=True)
class Figures:
    """What is owed under a sanction decision on a day (SPEC §2, §6a, §6b), with the articles applied."""

    total: int  # the fine owed: the decision in force, less what was reduced or exempted; 0 once annulled
    delivered_on: date | None
    payment_due: date | None
    paid_total: int  # all money received: fine and late fee
    late_fee: int  # late fee still owed
    outstanding: int  # fine still owed + late fee still owed
    status: str
    principal_paid: int = 0
    late_fee_paid: int = 0
    late_fee_accrued: int = 0
    refund_due: int = 0  # paid beyond what the decision in force asks (annulled, amended downwards, reduced)
    expires_on: date | None = None  # last day the fine may be executed (Law Art. 74)
    postponed_until: date | None = None
    suspended: bool = False
    next_due: Tranche | None = None  # the next installment (or the whole fine) still to pay
    tranches: tuple[Tranche, ...] = ()
    reduced: int = 0  # remitted by reduction or exemption (Law Art. 77)
    # A part of the fine past its own due date still unpaid, while it may be executed, not postponed nor
    # suspended: the status `overdue`, the overdue list and the statistics' `overdue` (SPEC §7).
    overdue: bool = False
    # Money owed past its day that may be collected: overdue, or a late fee left once the fine is paid — the
    # overdue list and enforcement (Law Art. 86), which also collects the late fee (form MQĐ12c).
    past_due: bool = False
    basis: tuple[str, ...] = ()


def _in_force(money: Money, on: date) -> tuple[int, date]:
    """The fine total of the decision in force on `on` and the day it was issued (the latest amendment)."""
    total, issued = money.fine_total, money.issued_on
    for amendment in sorted((a for a in money.amendments if a.issued_on <= on), key=lambda a: a.issued_on):
        total, issued = amendment.fine_total, amendment.issued_on
    return total, issued


def _pauses(money: Money, on: date) -> tuple[list[Pause], bool]:
    """The days without late fee up to `on`, and whether execution is suspended on `on`."""
    requests = [*money.refused, *money.postponements, *money.reductions, *([money.plan] if money.plan else [])]
    pauses = [Pause(r.requested_on, min(r.decided_on, on)) for r in requests if r.requested_on <= on]
    pauses += [Pause(p.decided_on, p.until) for p in money.postponements if p.decided_on <= on]
    suspended = False
    for s in (s for s in money.suspensions if s.start <= on):
        resumed = s.resumed_on if s.resumed_on is not None and s.resumed_on <= on else None
        pauses.append(Pause(s.start, max(resumed - _ONE_DAY, s.start) if resumed else on))
        suspended = suspended or resumed is None
    return pauses, suspended


def _tranches(money: Money, due: date | None, total: int, plan: Plan | None) -> list[Tranche]:
    """What falls due when for a fine total: the whole by the payment due date, or the installments granted."""
    if due is None or total <= 0:
        return []
    if plan is None:
        return [Tranche(due, total)]
    paid_before = max(total - sum(t.amount for t in plan.schedule), 0)
    return fit_tranches(installment_tranches(due, total, paid_before, plan.schedule), total)


def _remitted(money: Money, fine: int, by: date) -> int:
    """What the reductions decided on or before `by` remit (Law Art. 77): their amounts, at most the fine left
    unpaid on the last of their days — an exemption remits the rest, so a later amendment downwards does not turn
    what was paid before it into a refund."""
    done = [r for r in money.reductions if r.decided_on <= by]
    if not done or fine <= 0:
        return 0
    last = max(r.decided_on for r in done)
    paid = sum(p.principal for p in money.payments if p.paid_on <= last)
    return min(sum(r.amount for r in done), max(fine - paid, 0))


def _fee(money: Money, on: date, due, fine: int, paid, pauses, expires: date) -> Fraction:
    """The late fee accrued by `on`, period by period: a plan granted or a reduction changes what is owed from
    the day after its decision, never what accrued before the request (SPEC §2; Circular 18/2023 Art. 5(2))."""
    plan = money.plan if money.plan is not None and money.plan.decided_on <= on else None
    reductions = [r for r in money.reductions if r.decided_on <= on]
    changes = sorted({r.decided_on + _ONE_DAY for r in [*reductions, *([plan] if plan else [])]})
    total, starts = Fraction(0), [None, *(day for day in changes if day <= on)]
    for start, end in zip(starts, [*starts[1:], on + _ONE_DAY], strict=True):
        before = start or date.min
        owed = fine - (_remitted(money, fine, before - _ONE_DAY) if start else 0)
        tranches = _tranches(money, due, owed, plan if plan and plan.decided_on < before else None)
        total += accrued_exactly(tranches, paid, min(end, on), pauses, stop=expires, start=start)
    return total


@dataclass(frozen=True)
class Fine:
    """The fine principal under a sanction decision on a day, its due dates and payments (Law Art. 73, 77, 79)."""

    fine: int  # the fine of the decision in force; 0 once annulled
    reduced: int  # remitted by reduction or exemption (Law Art. 77)
    issued_on: date  # the day the decision in force was issued
    annulled: bool
    payment_due: date | None  # None until delivered
    principal_paid: int
    tranches: tuple[Tranche, ...]
    lacking: tuple[int, ...]  # what each tranche still owes
    plan: Plan | None

    @property
    def total(self) -> int:
        """The fine owed: in force, less what was remitted."""
        return self.fine - self.reduced

    @property
    def collected(self) -> int:
        """The fine principal paid, up to what is owed: more is to be refunded, not collected (SPEC §7)."""
        return min(self.principal_paid, self.total)

    def late(self, on: date) -> bool:
        """Tell whether a part of the fine (an installment, or the whole) is past its own due date unpaid."""
        return any(left > 0 and t.due_on < on for t, left in zip(self.tranches, self.lacking, strict=True))


def fine_on(money: Money, on: date) -> Fine:
    """The fine principal part of `owed_on`, without the late fee and the time limit of execution: what the
    statistics count (SPEC §7: fines imposed and collected, overdue while executable)."""
    principal_paid = sum(p.principal for p in money.payments if p.paid_on <= on)
    annulled = money.annulled_on is not None and money.annulled_on <= on
    in_force, issued = _in_force(money, on)
    fine = 0 if annulled else in_force
    reduced = _remitted(money, fine, on)
    delivered = money.delivered_on is not None and money.delivered_on <= on
    due = payment_due(money.delivered_on, money.payment_period_days).due if delivered else None
    plan = money.plan if money.plan is not None and money.plan.decided_on <= on else None
    tranches = _tranches(money, due, fine - reduced, plan)
    lacking = unpaid_by_tranche(tranches, principal_paid)
    return Fine(fine, reduced, issued, annulled, due, principal_paid, tuple(tranches), tuple(lacking), plan)


def owed_on(money: Money, on: date, calendar: WorkCalendar) -> Figures:
    """Derive what a sanction decision owes on `on` from its facts (SPEC §2, §6a, §6b; Law Art. 73–79).

    The fine follows the decision in force (nothing once annulled), less what was reduced or exempted; the
    payments go to the fine first; the late fee runs on each installment after its own due date, never while
    postponed, suspended or while a request is considered, and stops with the execution time limit.
    """
    part = fine_on(money, on)
    paid = [(p.paid_on, p.principal) for p in money.payments if p.paid_on <= on]
    fee_paid = sum(p.late_fee for p in money.payments if p.paid_on <= on)
    postponements = [p for p in money.postponements if p.decided_on <= on]
    postponed_until = max((p.until for p in postponements), default=None)
    expires = execution_expires(part.issued_on, calendar, postponed_until).due
    pauses, suspended = _pauses(money, on)
    accrued = round_half_up(_fee(money, on, part.payment_due, part.fine, paid, pauses, expires))
    fee_owed, unpaid = max(accrued - fee_paid, 0), max(part.total - part.principal_paid, 0)
    postponed = any(p.decided_on <= on <= p.until for p in postponements)
    collectable = not (suspended or postponed or part.annulled) and on <= expires
    overdue = part.late(on) and collectable
    reductions = [r for r in money.reductions if r.decided_on <= on]
    status = decision_status(
        delivered=part.payment_due is not None,
        fine_total=part.fine,
        outstanding=unpaid + fee_owed,
        on=on,
        payment_due=part.payment_due,
        execution_expires=expires,
        annulled=part.annulled,
        paid=part.principal_paid,
        postponed=postponed,
        installments=len(part.tranches) > 1,
        enforced=any(day <= on for day in money.enforced_on),
        overdue=overdue,
        remitted=any(r.exempt for r in reductions),
    )
    owing = zip(part.tranches, part.lacking, strict=True)
    return Figures(
        total=part.total,
        delivered_on=money.delivered_on if part.payment_due else None,
        payment_due=part.payment_due,
        paid_total=part.principal_paid + fee_paid,
        late_fee=fee_owed,
        outstanding=unpaid + fee_owed,
        status=status,
        principal_paid=part.principal_paid,
        late_fee_paid=fee_paid,
        late_fee_accrued=accrued,
        refund_due=max(part.principal_paid - part.total, 0) + max(fee_paid - accrued, 0),
        expires_on=expires,
        postponed_until=postponed_until,
        suspended=suspended,
        next_due=next((Tranche(t.due_on, left) for t, left in owing if left), None),
        tranches=part.tranches,
        reduced=part.reduced,
        overdue=overdue,
        past_due=collectable and (part.late(on) or fee_owed > 0),
        basis=_basis(part, accrued, postponements, reductions, pauses, on > expires),
    )


def _basis(part: Fine, accrued, postponements, reductions, pauses, expired) -> tuple[str, ...]:
    """The articles the figures applied, in the order of the Law."""
    rules = [(part.payment_due is not None, f"Điều 73 {LAW_2020}"), (expired, f"Điều 74 {LAW_2020}")]
    rules += [(bool(postponements), f"Điều 76 {LAW_2020}"), (bool(reductions), f"Điều 77 {LAW_2020}")]
    rules += [(accrued > 0, f"Điều 78 {LAW_2020}"), (part.plan is not None, f"Điều 79 {LAW_2020}")]
    rules += [(bool(pauses), CIRCULAR_18), (part.annulled, f"Điều 15 {D118}")]
    return tuple(text for applies, text in rules if applies)
