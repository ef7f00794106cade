"""Money owed under a decision: late fee, allocation, installments, postponement (SPEC §2, §6b).

Law = Luật Xử lý vi phạm hành chính: Art. 73 (payment due), 74 (execution limitation), 76
(postponement), 78 (late fee), 79 (installments). The late fee is summed exactly, as a Fraction, over
runs of days on which nothing changes (what is unpaid, the rate, a pause), and rounded half up to
whole đồng once at the end: a list can compute it for hundreds of decisions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

from penalties.law.calendar import add_months
from penalties.law.errors import RuleViolation
from penalties.law.parameters import LAW_2020, Party, Version, parameter, reference, value_on

_ONE_DAY = timedelta(days=1)
_RATE = "late_fee_rate_per_day"
ALLOCATION_BASIS = f"Điều 78 {LAW_2020}"
_PARTY_NAMES = {Party.INDIVIDUAL: "cá nhân", Party.ORGANIZATION: "tổ chức"}
# Refusal code → (threshold parameter, the relief in words): Law Art. 79(1) and 76(1).
_RELIEF = {
    "installment_not_allowed": ("installment_min_fine", "nộp tiền phạt nhiều lần"),
    "postponement_not_allowed": ("postponement_min_fine", "hoãn thi hành quyết định phạt tiền"),
}


@dataclass(frozen=True)
class Tranche:
    """A part of the fine due by a day: the whole fine (Law Art. 73) or one installment (Law Art. 79)."""

    due_on: date
    amount: int


@dataclass(frozen=True)
class Pause:
    """Days on which no late fee accrues, both ends inclusive: a postponement (Law Art. 76), a suspension."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        """Tell whether day is inside the pause."""
        return self.start <= day <= self.end


def _dong(amount: int) -> str:
    """Write an amount the Vietnamese way: 5022500 → "5.022.500 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def _round_half_up(value: Fraction) -> int:
    """Round to whole đồng, halves up (Law Art. 78 as SPEC §2 reads it)."""
    return math.floor(value + Fraction(1, 2))


def late_days(payment_due: date, paid_or_on: date) -> int:
    """Count the late days: from the day after the due date up to and including the day before payment."""
    return max(0, (paid_or_on - payment_due).days - 1)


def late_fee(unpaid: int, payment_due: date, paid_or_on: date) -> int:
    """Return the surcharge on an unpaid fine: 0.05 % a calendar day, exact, rounded half up once (Law Art. 78)."""
    return accrued_late_fee([Tranche(payment_due, unpaid)], [], paid_or_on)


def unpaid_by_tranche(tranches: Sequence[Tranche], paid_total: int) -> list[int]:
    """Fill the tranches in order with the principal paid so far; return what each still owes."""
    left = max(paid_total, 0)
    owed = []
    for tranche in tranches:
        amount = max(tranche.amount, 0)
        covered = min(left, amount)
        left -= covered
        owed.append(amount - covered)
    return owed


def _edges(
    tranches: Sequence[Tranche],
    payments: Sequence[tuple[date, int]],
    pauses: Sequence[Pause],
    first: date,
    after: date,
    versions: Sequence[Version],
) -> list[date]:
    """Return the days on which the daily fee may change, between first and after (both kept)."""
    days = {first, after, *(version.valid_from for version in versions)}
    days.update(tranche.due_on + _ONE_DAY for tranche in tranches)
    days.update(paid_on for paid_on, _ in payments)
    for pause in pauses:
        days.update((pause.start, pause.end + _ONE_DAY))
    return sorted(day for day in days if first <= day <= after)


def accrued_late_fee(
    tranches: Sequence[Tranche],
    payments: Sequence[tuple[date, int]],
    on: date,
    pauses: Sequence[Pause] = (),
    stop: date | None = None,
) -> int:
    """Late fee accrued up to `on` (Law Art. 78).

    Payments (paid_on, principal; negative = a reversal) fill the tranches earliest due first. Each day
    d with due_on < d < on, outside every pause (postponement, Law Art. 76) and not after `stop` (the
    last day of execution, Law Art. 74) costs rate(d) × what the tranche still owes after the payments
    made by d. The exact sum is rounded half up once.
    """
    ordered = sorted(tranches, key=lambda tranche: tranche.due_on)
    last = on - _ONE_DAY if stop is None else min(on - _ONE_DAY, stop)
    if not ordered or last <= ordered[0].due_on:
        return 0
    rate = parameter(_RATE)
    paid = sorted(payments, key=lambda payment: payment[0])
    edges = _edges(ordered, paid, pauses, ordered[0].due_on + _ONE_DAY, last + _ONE_DAY, rate.versions)
    total, paid_total, applied = Fraction(0), 0, 0
    for start, end in pairwise(edges):  # nothing changes on the days [start, end)
        while applied < len(paid) and paid[applied][0] <= start:
            paid_total += paid[applied][1]
            applied += 1
        if any(pause.covers(start) for pause in pauses):
            continue
        owed = unpaid_by_tranche(ordered, paid_total)
        late = sum(owing for tranche, owing in zip(ordered, owed, strict=True) if tranche.due_on < start)
        total += rate.version_on(start).value * late * (end - start).days
    return _round_half_up(total)


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
            f"Số tiền nộp phải lớn hơn 0 và không vượt quá số tiền còn phải nộp: tối đa {_dong(most)} "
            f"(tiền phạt {_dong(principal_owed)}, tiền chậm nộp phạt {_dong(fee_owed)}).",
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


def _check_relief_allowed(code: str, party: str, fine_total: int, hardship: str, on: date) -> None:
    """Refuse relief below the party's threshold or without a stated hardship (Law Art. 76(1), 79(1))."""
    name, what = _RELIEF[code]
    minimum = value_on(name, on).for_party(party)
    if fine_total < minimum:
        raise RuleViolation(
            code,
            f"Chỉ được {what} khi {_PARTY_NAMES[Party(party)]} bị phạt tiền từ {_dong(minimum)} trở lên "
            f"(mức phạt: {_dong(fine_total)}).",
            reference(name, on),
        )
    if not hardship or not hardship.strip():
        raise RuleViolation(
            code,
            f"Chỉ được {what} khi người bị xử phạt đang gặp khó khăn đặc biệt, đột xuất về kinh tế "
            "và được xác nhận: hãy ghi rõ hoàn cảnh khó khăn.",
            reference(name, on),
            "hardship",
        )


def _installments_refused(message: str, name: str, on: date, field: str | None) -> RuleViolation:
    """Build the refusal of an installment schedule, citing the parameter's article in force on `on`."""
    return RuleViolation("installment_not_allowed", message, reference(name, on), field)


def _check_schedule_shape(schedule: Sequence[Tranche], requested_on: date) -> None:
    """Refuse a schedule with too few or too many payments, an empty payment or dates out of order (Art. 79(2))."""
    most = value_on("installment_max_payments", requested_on)
    if not 2 <= len(schedule) <= most:
        message = f"Nộp tiền phạt nhiều lần: từ 2 đến tối đa {most} lần; lịch đề nghị có {len(schedule)} lần."
        raise _installments_refused(message, "installment_max_payments", requested_on, "schedule")
    for i, tranche in enumerate(schedule):
        if tranche.amount <= 0:
            message = f"Số tiền nộp lần thứ {i + 1} phải lớn hơn 0."
            raise _installments_refused(message, "installment_max_payments", requested_on, f"schedule.{i}.amount")
        previous = schedule[i - 1].due_on if i else None
        if previous is not None and tranche.due_on <= previous:
            message = f"Hạn nộp lần thứ {i + 1} ({tranche.due_on:%d/%m/%Y}) phải sau hạn nộp lần thứ {i}."
            raise _installments_refused(message, "installment_max_months", requested_on, f"schedule.{i}.due_on")
    if schedule[0].due_on < requested_on:
        message = f"Hạn nộp lần thứ nhất không được trước ngày đề nghị ({requested_on:%d/%m/%Y})."
        raise _installments_refused(message, "installment_max_months", requested_on, "schedule.0.due_on")


def _check_schedule_terms(
    schedule: Sequence[Tranche], fine_total: int, paid_before: int, requested_on: date, decision_on: date
) -> None:
    """Refuse a schedule past the months allowed, not adding up, or with too small a first payment (Art. 79(2))."""
    months = value_on("installment_max_months", requested_on)
    limit = add_months(decision_on, months)
    for i, tranche in enumerate(schedule):
        if tranche.due_on > limit:
            message = (
                f"Thời hạn nộp tiền phạt nhiều lần không quá {months} tháng kể từ ngày ra quyết định xử phạt "
                f"(đến hết ngày {limit:%d/%m/%Y}); hạn nộp lần thứ {i + 1} là {tranche.due_on:%d/%m/%Y}."
            )
            raise _installments_refused(message, "installment_max_months", requested_on, f"schedule.{i}.due_on")
    owed, planned = fine_total - paid_before, sum(tranche.amount for tranche in schedule)
    if planned != owed:
        message = f"Tổng số tiền các lần nộp ({_dong(planned)}) phải bằng số tiền phạt còn phải nộp ({_dong(owed)})."
        raise _installments_refused(message, "installment_max_payments", requested_on, "schedule")
    share = value_on("installment_first_share_min", requested_on)
    if paid_before + schedule[0].amount < share * fine_total:
        minimum = _dong(math.ceil(share * fine_total))
        already = f", tính cả {_dong(paid_before)} đã nộp" if paid_before else ""
        message = f"Lần nộp thứ nhất tối thiểu là {_percent(share)} tổng số tiền phạt ({minimum}{already})."
        raise _installments_refused(message, "installment_first_share_min", requested_on, "schedule.0.amount")


def _percent(share: Fraction) -> str:
    """Write a share as a Vietnamese percentage: 2/5 → "40%", 1/8 → "12,5%"."""
    return f"{float(share * 100):g}".replace(".", ",") + "%"


def check_installments(
    *,
    party: str,
    fine_total: int,
    paid_before: int,
    requested_on: date,
    decision_on: date,
    hardship: str,
    schedule: Sequence[Tranche],
) -> None:
    """Refuse a request to pay a fine in installments that breaks a rule of Law Art. 79 (SPEC §6b).

    The rules in force on requested_on apply; the months run from the decision (Art. 79(2)).
    """
    _check_relief_allowed("installment_not_allowed", party, fine_total, hardship, requested_on)
    _check_schedule_shape(schedule, requested_on)
    _check_schedule_terms(schedule, fine_total, paid_before, requested_on, decision_on)


def check_postponement(
    *, party: str, fine_total: int, requested_on: date, decided_on: date, until: date, hardship: str
) -> None:
    """Refuse a postponement of a fine that breaks a rule of Law Art. 76 (SPEC §6b).

    The rules in force on requested_on apply; the months run from the postponement decision (Art. 76(2)).
    """
    code = "postponement_not_allowed"
    _check_relief_allowed(code, party, fine_total, hardship, requested_on)
    if decided_on < requested_on:
        message = f"Quyết định hoãn không được trước ngày đề nghị hoãn ({requested_on:%d/%m/%Y})."
        raise RuleViolation(code, message, reference("postponement_min_fine", requested_on), "decided_on")
    name = "postponement_max_months"
    months = value_on(name, requested_on)
    limit = add_months(decided_on, months)
    if not decided_on < until <= limit:
        message = (
            f"Thời hạn hoãn không quá {months} tháng kể từ ngày quyết định hoãn: hoãn đến một ngày sau "
            f"{decided_on:%d/%m/%Y} và chậm nhất là {limit:%d/%m/%Y}."
        )
        raise RuleViolation(code, message, reference(name, requested_on), "until")
