"""Relief from paying a fine as decided: installments (Law Art. 79), postponement (Art. 76), reduction and
exemption (Art. 77) — who may have it, and what a lawful request looks like (SPEC §6a, §6b).

Each check raises a RuleViolation naming the rule and its article; what the relief changes in the money owed
is law/payments.owed_on's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from penalties.law.calendar import add_months
from penalties.law.errors import RuleViolation
from penalties.law.parameters import LAW_2020, Party, reference, value_on
from penalties.law.payments import Tranche, dong

_PARTY_NAMES = {Party.INDIVIDUAL: "cá nhân", Party.ORGANIZATION: "tổ chức"}
# Refusal code → (threshold parameter, the relief in words): Law Art. 79(1) and 76(1).
_RELIEF = {
    "installment_not_allowed": ("installment_min_fine", "nộp tiền phạt nhiều lần"),
    "postponement_not_allowed": ("postponement_min_fine", "hoãn thi hành quyết định phạt tiền"),
}


def _check_relief_allowed(code: str, party: str, fine_total: int, hardship: str, on: date) -> None:
    """Refuse relief below the party's threshold or without a stated hardship (Law Art. 76(1), 79(1))."""
    name, what = _RELIEF[code]
    minimum = value_on(name, on).for_party(party)
    if fine_total < minimum:
        raise RuleViolation(
            code,
            f"Chỉ được {what} khi {_PARTY_NAMES[Party(party)]} bị phạt tiền từ {dong(minimum)} trở lên "
            f"(mức phạt: {dong(fine_total)}).",
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
        message = f"Tổng số tiền các lần nộp ({dong(planned)}) phải bằng số tiền phạt còn phải nộp ({dong(owed)})."
        raise _installments_refused(message, "installment_max_payments", requested_on, "schedule")
    share = value_on("installment_first_share_min", requested_on)
    if paid_before + schedule[0].amount < share * fine_total:
        minimum = dong(math.ceil(share * fine_total))
        already = f", tính cả {dong(paid_before)} đã nộp" if paid_before else ""
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


REDUCTION_KINDS = ("reduce", "exempt")


def _reduction_refused(message: str, clause: str, field: str | None = None) -> RuleViolation:
    return RuleViolation("reduction_not_allowed", message, f"{clause} Điều 77 {LAW_2020}", field)


def check_reduction(
    *,
    party: str,
    kind: str,
    remaining: int,
    amount: int | None,
    requested_on: date,
    hardship: str,
    postponed: bool,
    reduced: bool,
    installments_paid: int,
) -> int:
    """Refuse a reduction or exemption the law does not allow; return the amount remitted (SPEC §6a).

    Law Art. 77 (as amended by Law 67/2020, Art. 1(38)): a part of the fine is reduced for a person or an
    organisation whose execution was postponed (Art. 76) and who is still in certified hardship (clause 1);
    the rest is exempted for one already reduced under clause 1, or who paid the first or second installment
    (Art. 79), and is still in hardship (clauses 2, 3). The law sets no cap on a reduction [U].
    """
    clause = "khoản 1" if kind == "reduce" else ("khoản 2" if Party(party) is Party.INDIVIDUAL else "khoản 3")
    if kind not in REDUCTION_KINDS:
        raise _reduction_refused(
            "Hình thức phải là giảm một phần hoặc miễn phần còn lại của tiền phạt.", clause, "kind"
        )
    if not hardship or not hardship.strip():
        message = (
            "Chỉ được giảm, miễn tiền phạt khi người bị xử phạt tiếp tục gặp khó khăn về kinh tế do thiên tai, "
            "thảm họa, hỏa hoạn, dịch bệnh, bệnh hiểm nghèo, tai nạn và có xác nhận: hãy ghi rõ hoàn cảnh và ai xác nhận."
        )
        raise _reduction_refused(message, clause, "hardship")
    if remaining <= 0:
        raise _reduction_refused("Không còn tiền phạt nào phải nộp để giảm, miễn.", clause)
    if kind == "reduce":
        if not postponed:
            message = (
                "Chỉ được giảm một phần tiền phạt cho cá nhân, tổ chức đã được hoãn thi hành quyết định phạt tiền "
                f"theo Điều 76 (chưa có quyết định hoãn đến ngày đề nghị {requested_on:%d/%m/%Y})."
            )
            raise _reduction_refused(message, clause)
        if amount is None or not 0 < amount < remaining:
            message = (
                f"Số tiền được giảm phải lớn hơn 0 và nhỏ hơn số tiền phạt còn lại ({dong(remaining)}); "
                "miễn toàn bộ phần còn lại là hình thức miễn."
            )
            raise _reduction_refused(message, clause, "amount")
        return amount
    if not reduced and installments_paid < 1:
        message = (
            "Chỉ được miễn phần tiền phạt còn lại khi đã được giảm một phần tiền phạt (khoản 1 Điều 77) hoặc đã nộp "
            "tiền phạt lần thứ nhất hoặc lần thứ hai khi được nộp tiền phạt nhiều lần (Điều 79)."
        )
        raise _reduction_refused(message, clause)
    if amount is not None and amount != remaining:
        message = f"Miễn là miễn toàn bộ phần tiền phạt còn lại: {dong(remaining)}."
        raise _reduction_refused(message, clause, "amount")
    return remaining
