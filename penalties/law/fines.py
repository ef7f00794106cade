"""The fine for each violated act: the party's range, minors, circumstances, checks (SPEC §3, §5b).

Order of SPEC §3: the range of the catalogue act for the party (Law Art. 24(2)), then the minor rule
(Law Art. 5, 134), then the circumstances (Decree 118 Art. 9(1), `penalties.law.circumstances`).
The numbers come from `penalties.law.parameters`, in the version in force on the violation date.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from penalties.law.circumstances import (
    Interval,
    deemed_never_sanctioned_on,
    describe_circumstances,
    format_dong,
    lawful_interval,
    net_circumstances,
    propose,
    repeat_offender,
)
from penalties.law.errors import RuleViolation
from penalties.law.parameters import START, ByParty, Party, reference, value_on

__all__ = [
    "ActRange",
    "AgeRule",
    "FineLine",
    "Interval",
    "age_on",
    "check_amount",
    "deemed_never_sanctioned_on",
    "fine_for_act",
    "lawful_interval",
    "minor_rule",
    "net_circumstances",
    "party_range",
    "propose",
    "repeat_offender",
    "right_to_explain",
    "simplified_procedure_allowed",
    "total",
    "warning_allowed",
]

PARTY_LABEL = {Party.INDIVIDUAL: "cá nhân", Party.ORGANIZATION: "tổ chức"}


@dataclass(frozen=True)
class ActRange:
    """A catalogue act's fine range; organisation amounts None when the decree prints none (SPEC §3.1)."""

    code: str
    fine_min: int
    fine_max: int
    org_fine_min: int | None = None
    org_fine_max: int | None = None
    warning_allowed: bool = False
    legal_basis: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.fine_min <= self.fine_max:
            raise ValueError(f"{self.code}: need 0 ≤ fine_min ≤ fine_max")
        if (self.org_fine_min is None) != (self.org_fine_max is None):
            raise ValueError(f"{self.code}: give both organisation amounts or neither")
        if self.org_fine_min is not None and not 0 <= self.org_fine_min <= self.org_fine_max:
            raise ValueError(f"{self.code}: need 0 ≤ org_fine_min ≤ org_fine_max")


class AgeRule(StrEnum):
    """What the violator's age allows (Law Art. 5(1), 134)."""

    ADULT = "adult"
    NO_SANCTION = "no_sanction"  # under 14
    WARNING_ONLY = "warning_only"  # 14 to under 16
    REDUCED_FINE = "reduced_fine"  # 16 to under 18: at most half the adult fine


@dataclass(frozen=True)
class FineLine:
    """The fine for one act: the party's range, the lawful interval, the proposal and why (SPEC §3)."""

    act: str
    fine_min: int
    fine_max: int
    low: int
    high: int
    low_open: bool
    high_open: bool
    amount: int
    warning_only: bool
    no_sanction: bool
    basis: str
    article: str = ""

    @property
    def interval(self) -> Interval:
        """Return the lawful amounts."""
        return Interval(self.low, self.high, self.low_open, self.high_open)


def age_on(birth_date: date, day: date) -> int:
    """Return the age in completed years on day; one is a year older on the birthday itself."""
    # Born on 29 February: a year is completed on 1 March in a common year (the later day, in the
    # violator's favour, where the law is silent).
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def party_range(act: ActRange, party: str, on: date = START) -> tuple[int, int]:
    """Return the act's range for the party on on; organisation = 2 × individual unless printed (Law Art. 24(2))."""
    if Party(party) is Party.INDIVIDUAL:
        return act.fine_min, act.fine_max
    if act.org_fine_min is not None and act.org_fine_max is not None:
        return act.org_fine_min, act.org_fine_max
    # The multiplier has not changed since 2012, so callers without a date may rely on the default.
    multiplier = value_on("organization_fine_multiplier", on)
    return act.fine_min * multiplier, act.fine_max * multiplier


def minor_rule(age: int, on: date) -> AgeRule:
    """Return what a violator of this age on the violation date may receive (Law Art. 5(1), 134)."""
    if age < value_on("minor_no_sanction_below_age", on):
        return AgeRule.NO_SANCTION
    if age < value_on("minor_warning_only_below_age", on):
        return AgeRule.WARNING_ONLY
    if age < value_on("minor_reduced_fine_below_age", on):
        return AgeRule.REDUCED_FINE
    return AgeRule.ADULT


def _age_rule(party: str, birth_date: date | None, on: date) -> AgeRule:
    """Apply the minor rule to individuals of known birth date; organisations have no age."""
    if Party(party) is Party.ORGANIZATION or birth_date is None:
        return AgeRule.ADULT
    return minor_rule(age_on(birth_date, on), on)


def _no_fine(act: ActRange, rule: AgeRule, basis: str, article: str) -> FineLine:
    """Return the line of an act that may not be fined: a warning at most, or nothing at all."""
    return FineLine(
        act=act.code,
        fine_min=0,
        fine_max=0,
        low=0,
        high=0,
        low_open=False,
        high_open=False,
        amount=0,
        warning_only=rule is not AgeRule.NO_SANCTION,
        no_sanction=rule is AgeRule.NO_SANCTION,
        basis=basis,
        article=article,
    )


_MINOR_BASIS = {
    AgeRule.NO_SANCTION: ("minor_no_sanction_below_age", "Người vi phạm chưa đủ 14 tuổi: không bị xử phạt"),
    AgeRule.WARNING_ONLY: ("minor_warning_only_below_age", "Người từ đủ 14 tuổi đến dưới 16 tuổi: chỉ bị cảnh cáo"),
    AgeRule.REDUCED_FINE: (
        "minor_reduced_fine_below_age",
        "Người từ đủ 16 tuổi đến dưới 18 tuổi: mức phạt tiền không quá 1/2 mức phạt đối với người thành niên",
    ),
}


def _minor_basis(rule: AgeRule, on: date) -> tuple[str, str]:
    """Return the sentence and the article of a minor rule."""
    name, text = _MINOR_BASIS[rule]
    article = reference(name, on)
    return f"{text} theo {article}", article


def _reduced_range(low: int, high: int, on: date) -> tuple[int, int]:
    """Halve a range for a violator aged 16 to under 18 (Law Art. 134)."""
    share = value_on("minor_fine_share", on)
    # "At most half": round down so a half đồng never takes the fine above the half.
    return math.floor(low * share), math.floor(high * share)


UNINTENTIONAL_MINOR = "Người từ đủ 14 tuổi đến dưới 16 tuổi vi phạm không cố ý: không bị xử phạt"


def needs_intent(party: str, birth_date: date | None, violation_on: date) -> bool:
    """Tell whether the violation must say if it was intentional: a violator aged 14 to under 16, who is
    sanctioned only for an intentional violation (Law Art. 5(1)(a))."""
    return _age_rule(party, birth_date, violation_on) is AgeRule.WARNING_ONLY


def check_intent(party: str, birth_date: date | None, violation_on: date, intentional: bool | None) -> None:
    """Refuse a violation of a violator aged 14 to under 16 that does not say whether it was intentional."""
    if intentional is None and needs_intent(party, birth_date, violation_on):
        raise RuleViolation(
            "intent_required",
            "Người vi phạm từ đủ 14 tuổi đến dưới 16 tuổi chỉ bị xử phạt về vi phạm do cố ý: phải ghi rõ hành vi "
            "được thực hiện do cố ý hay vô ý.",
            reference("minor_warning_only_below_age", violation_on),
            "intentional",
        )


def fine_for_act(
    act: ActRange,
    party: str,
    violation_on: date,
    birth_date: date | None = None,
    mitigating: int = 0,
    aggravating: int = 0,
    intentional: bool | None = None,
) -> FineLine:
    """Propose the fine for one act and explain it (SPEC §3; Law Art. 5(1), 23(4), 24, 134; D118 Art. 9(1)).

    A violator aged 14 to under 16 is sanctioned only for an intentional act (Law Art. 5(1)(a)): an act said to
    be unintentional carries no sanction."""
    low, high = party_range(act, party, violation_on)
    source = f" theo {act.legal_basis}" if act.legal_basis else ""
    basis = [f"Khung tiền phạt đối với {PARTY_LABEL[Party(party)]}: {Interval(low, high).describe()}{source}"]
    rule = _age_rule(party, birth_date, violation_on)
    if rule is AgeRule.WARNING_ONLY and intentional is False:
        article = reference("minor_warning_only_below_age", violation_on)
        return _no_fine(act, AgeRule.NO_SANCTION, "; ".join([*basis, f"{UNINTENTIONAL_MINOR} theo {article}"]), article)
    if rule in (AgeRule.NO_SANCTION, AgeRule.WARNING_ONLY):
        text, article = _minor_basis(rule, violation_on)
        return _no_fine(act, rule, "; ".join([*basis, text]), article)
    if rule is AgeRule.REDUCED_FINE:
        low, high = _reduced_range(low, high, violation_on)
        text, _ = _minor_basis(rule, violation_on)
        basis.append(f"{text} → {Interval(low, high).describe()}")
    if high == 0:  # the act is punished by a warning only
        return _no_fine(act, AgeRule.WARNING_ONLY, "; ".join(basis), act.legal_basis)
    interval = lawful_interval(low, high, net_circumstances(mitigating, aggravating), violation_on)
    basis.append(describe_circumstances(mitigating, aggravating, interval, violation_on))
    return FineLine(
        act=act.code,
        fine_min=low,
        fine_max=high,
        low=interval.low,
        high=interval.high,
        low_open=interval.low_open,
        high_open=interval.high_open,
        amount=propose(interval),
        warning_only=False,
        no_sanction=False,
        basis="; ".join(basis),
        article=reference("circumstance_rule", violation_on),
    )


def check_amount(line: FineLine, amount: int, reason: str | None = "") -> None:
    """Refuse an amount outside the lawful interval, or differing from the proposal without a reason (SPEC §3.3)."""
    if not line.interval.contains(amount):
        if line.no_sanction or line.warning_only:
            allowed = "không được phạt tiền"
        else:
            allowed = f"mức phạt hợp pháp là {line.interval.describe()}"
        raise RuleViolation(
            "fine_out_of_range",
            f"Số tiền phạt {format_dong(amount)} cho hành vi {line.act} không hợp lệ: {allowed}.",
            line.article,
            "amount",
        )
    if amount != line.amount and not (reason or "").strip():
        raise RuleViolation(
            "reason_required",
            f"Số tiền phạt {format_dong(amount)} khác mức đề xuất {format_dong(line.amount)}: phải ghi rõ lý do.",
            line.article,
            "reason",
        )


def check_sanctionable(lines: Iterable[FineLine]) -> None:
    """Refuse a sanction decision when no act of the case may be sanctioned at all (Law Art. 5(1)): a violator
    under 14, or aged 14 to under 16 whose acts were all unintentional — the case can only be dismissed."""
    lines = list(lines)
    if lines and all(line.no_sanction for line in lines):
        raise RuleViolation(
            "not_sanctionable",
            "Không có hành vi nào bị xử phạt: người vi phạm chưa đủ 14 tuổi, hoặc từ đủ 14 tuổi đến dưới 16 tuổi và "
            "vi phạm không cố ý. Chỉ có thể ra quyết định không xử phạt (đóng vụ việc).",
            lines[0].article,
            "violations",
        )


def total(lines: Iterable[FineLine]) -> int:
    """Add the fines of the acts of one decision, each fined separately (SPEC §3.4)."""
    return sum(line.amount for line in lines)


def warning_allowed(act: ActRange, mitigating_count: int, age: int | None, on: date) -> bool:
    """Tell whether a warning may replace the fine: act allows it + mitigating, or a minor 14–16 (Law Art. 22)."""
    rule = AgeRule.ADULT if age is None else minor_rule(age, on)
    if rule is AgeRule.NO_SANCTION:
        return False
    if rule is AgeRule.WARNING_ONLY:
        return True
    return act.warning_allowed and mitigating_count >= 1


def _threshold(name: str, party: str, on: date) -> int:
    """Return the party's amount of a ByParty parameter in force on on."""
    value: ByParty = value_on(name, on)
    return value.for_party(party)


def right_to_explain(act: ActRange, party: str, on: date, licence_withdrawal: bool = False) -> bool:
    """Tell whether the record must state the right to explain: max ≥ 15 M / 30 M, or a licence (Law Art. 61)."""
    _, high = party_range(act, party, on)
    return licence_withdrawal or high >= _threshold("right_to_explain_min_fine_max", party, on)


def simplified_procedure_allowed(amount: int, party: str, on: date, technical_equipment: bool) -> bool:
    """Tell whether a warning or fine of amount may be imposed without a record (Law Art. 56, SPEC §5b)."""
    if technical_equipment:  # violations caught by professional equipment always need a record
        return False
    return amount <= _threshold("simplified_procedure_max_fine", party, on)
