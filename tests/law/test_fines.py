"""Fines from range, party, age and circumstances (SPEC §3, §5, §5b; penalties.law.fines)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law.errors import RuleViolation
from penalties.law.fines import (
    ActRange,
    AgeRule,
    FineLine,
    Interval,
    age_on,
    check_amount,
    deemed_never_sanctioned_on,
    fine_for_act,
    lawful_interval,
    minor_rule,
    net_circumstances,
    party_range,
    propose,
    repeat_offender,
    right_to_explain,
    simplified_procedure_allowed,
    total,
    warning_allowed,
)

M = 1_000_000
K = 1_000
ON = date(2026, 3, 2)  # under the Decree 68/2025 rule
OLD = date(2025, 5, 1)  # last day of the original Decree 118 rule
NEW = date(2025, 5, 2)  # first day of the Decree 68/2025 rule


def d(text: str) -> date:
    return date.fromisoformat(text)


# SPEC §3 test vectors. Organisation amounts are given where the decree prints them (D16/2022,
# D168/2024 Art. 12(7)); D45/2022 prints the individual amount and organisation = 2 × (default).
HOUSE = ActRange("d16_16_7_a", 30 * M, 40 * M, 60 * M, 80 * M, False, "điểm a khoản 7 Điều 16 Nghị định 16/2022/NĐ-CP")
RED_LIGHT_BIKE = ActRange("d168_7_7_c", 4 * M, 6 * M, legal_basis="điểm c khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP")
RED_LIGHT_CAR = ActRange("d168_6_9_b", 18 * M, 20 * M, legal_basis="điểm b khoản 9 Điều 6 Nghị định 168/2024/NĐ-CP")
HELMET = ActRange("d168_7_2_h", 400 * K, 600 * K, legal_basis="điểm h khoản 2 Điều 7 Nghị định 168/2024/NĐ-CP")
SIDEWALK = ActRange("d168_12_7", 2 * M, 3 * M, 4 * M, 6 * M, False, "khoản 7 Điều 12 Nghị định 168/2024/NĐ-CP")
LITTER = ActRange("d45_25_2_c", 500 * K, 1 * M, None, None, True, "điểm c khoản 2 Điều 25 Nghị định 45/2022/NĐ-CP")
VENDING = ActRange("d168_12_2_e", 200 * K, 250 * K, legal_basis="điểm e khoản 2 Điều 12 Nghị định 168/2024/NĐ-CP")

VECTORS = [
    # act, party, (no circumstances, 2 mitigating, 2 aggravating)
    (HOUSE, "individual", (35 * M, 30 * M, 40 * M)),
    (HOUSE, "organization", (70 * M, 60 * M, 80 * M)),
    (RED_LIGHT_BIKE, "individual", (5 * M, 4 * M, 6 * M)),
    (RED_LIGHT_CAR, "individual", (19 * M, 18 * M, 20 * M)),
    (HELMET, "individual", (500 * K, 400 * K, 600 * K)),
    (SIDEWALK, "individual", (2_500 * K, 2 * M, 3 * M)),
    (SIDEWALK, "organization", (5 * M, 4 * M, 6 * M)),
    (LITTER, "individual", (750 * K, 500 * K, 1 * M)),
    (LITTER, "organization", (1_500 * K, 1 * M, 2 * M)),
]
CIRCUMSTANCES = [("none", 0, 0), ("2 mitigating", 2, 0), ("2 aggravating", 0, 2)]


@pytest.mark.parametrize("on", [OLD, NEW, ON], ids=str)
@pytest.mark.parametrize(("label", "mitigating", "aggravating"), CIRCUMSTANCES, ids=[c[0] for c in CIRCUMSTANCES])
@pytest.mark.parametrize(("act", "party", "amounts"), VECTORS, ids=[f"{v[0].code}-{v[1]}" for v in VECTORS])
def test_spec_vectors(act, party, amounts, label, mitigating, aggravating, on) -> None:
    expected = amounts[[c[0] for c in CIRCUMSTANCES].index(label)]
    line = fine_for_act(act, party, on, None, mitigating, aggravating)
    assert line.amount == expected
    assert line.interval == Interval(expected, expected)  # exactly this amount, nothing else
    assert (line.fine_min, line.fine_max) == (min(amounts), max(amounts))
    check_amount(line, expected, "")
    for other in (expected - 1, expected + 1):
        with pytest.raises(RuleViolation) as caught:
            check_amount(line, other, "lý do")
        assert caught.value.code == "fine_out_of_range"


def test_one_mitigating_on_house_without_permit() -> None:
    line = fine_for_act(HOUSE, "individual", ON, mitigating=1)
    assert line.amount == 32_500_000
    assert (line.low, line.high, line.low_open, line.high_open) == (30 * M, 35 * M, True, True)
    for lawful in (30 * M + 1, 32_500_000, 34_999_999):
        assert line.interval.contains(lawful)
    for unlawful in (30 * M, 35 * M, 29 * M, 36 * M):
        assert not line.interval.contains(unlawful)
    assert "1 tình tiết giảm nhẹ, 0 tình tiết tăng nặng → trên 30.000.000 đ và dưới 35.000.000 đ" in line.basis
    assert "68/2025" in line.basis


def test_one_aggravating_on_house_without_permit_organisation() -> None:
    line = fine_for_act(HOUSE, "organization", ON, aggravating=1)
    assert line.amount == 75 * M
    assert line.interval == Interval(70 * M, 80 * M, True, True)


@pytest.mark.parametrize(("mitigating", "aggravating"), [(1, 1), (2, 2), (3, 3), (3, 1), (1, 3)])
def test_circumstances_cancel_each_other(mitigating: int, aggravating: int) -> None:
    line = fine_for_act(HOUSE, "individual", ON, mitigating=mitigating, aggravating=aggravating)
    expected = {0: 35 * M, 2: 40 * M, -2: 30 * M}[aggravating - mitigating]
    assert line.amount == expected


def test_minor_aged_17_no_helmet() -> None:
    line = fine_for_act(HELMET, "individual", ON, birth_date=d("2008-07-15"))
    assert (line.fine_min, line.fine_max, line.amount) == (200 * K, 300 * K, 250 * K)
    assert "Điều 134" in line.basis


# --- the sides of 2025-05-02 (Decree 68/2025) --------------------------------------------------


@pytest.mark.parametrize(
    ("on", "aggravating", "interval", "proposal"),
    [
        (OLD, 0, Interval(30 * M, 35 * M), 32_500_000),  # one circumstance: closed half
        (NEW, 0, Interval(30 * M, 35 * M, True, True), 32_500_000),  # strictly between
        (OLD, 2, Interval(35 * M, 40 * M), 37_500_000),
        (NEW, 2, Interval(35 * M, 40 * M, True, True), 37_500_000),
    ],
)
def test_one_circumstance_either_side_of_decree_68(on, aggravating, interval, proposal) -> None:
    line = fine_for_act(HOUSE, "individual", on, mitigating=1, aggravating=aggravating)
    assert line.interval == interval
    assert line.amount == proposal
    bound = 30 * M if aggravating == 0 else 40 * M
    assert line.interval.contains(bound) is (on == OLD)
    assert line.interval.contains(35 * M) is (on == OLD)
    assert ("68/2025" in line.basis) is (on == NEW)


def test_old_rule_allows_the_minimum_with_one_mitigating_new_rule_does_not() -> None:
    check_amount(fine_for_act(HOUSE, "individual", OLD, mitigating=1), 30 * M, "hoàn cảnh khó khăn")
    with pytest.raises(RuleViolation) as caught:
        check_amount(fine_for_act(HOUSE, "individual", NEW, mitigating=1), 30 * M, "hoàn cảnh khó khăn")
    assert caught.value.code == "fine_out_of_range"
    assert "trên 30.000.000 đ và dưới 35.000.000 đ" in caught.value.message
    assert "Điều 9 khoản 1 Nghị định 118/2021/NĐ-CP" in caught.value.article


# --- check_amount -------------------------------------------------------------------------------


def test_amount_differing_from_the_proposal_needs_a_reason() -> None:
    line = fine_for_act(HOUSE, "individual", ON, mitigating=1)
    check_amount(line, 32_500_000, "")
    check_amount(line, 31 * M, "Đã tự nguyện khắc phục một phần")
    for blank in ("", "   ", None):
        with pytest.raises(RuleViolation) as caught:
            check_amount(line, 31 * M, blank)
        assert caught.value.code == "reason_required"
        assert caught.value.field == "reason"
        assert "32.500.000 đ" in caught.value.message


def test_out_of_range_message_gives_the_interval_in_dong() -> None:
    line = fine_for_act(HOUSE, "individual", ON)
    with pytest.raises(RuleViolation) as caught:
        check_amount(line, 30 * M, "lý do")
    assert caught.value.message == (
        "Số tiền phạt 30.000.000 đ cho hành vi d16_16_7_a không hợp lệ: mức phạt hợp pháp là đúng 35.000.000 đ."
    )
    assert caught.value.field == "amount"
    assert unicodedata.is_normalized("NFC", caught.value.message)


# --- minors (Law Art. 5, 134) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "age", "rule"),
    [
        ("2012-03-03", 13, AgeRule.NO_SANCTION),  # 14 tomorrow
        ("2012-03-02", 14, AgeRule.WARNING_ONLY),  # 14th birthday on the violation date
        ("2010-03-03", 15, AgeRule.WARNING_ONLY),
        ("2010-03-02", 16, AgeRule.REDUCED_FINE),
        ("2008-03-03", 17, AgeRule.REDUCED_FINE),
        ("2008-03-02", 18, AgeRule.ADULT),
    ],
)
def test_age_boundaries_on_the_violation_date(birth: str, age: int, rule: AgeRule) -> None:
    assert age_on(d(birth), ON) == age
    assert minor_rule(age, ON) is rule


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        ("2008-02-29", "2026-02-28", 17),  # born on a leap day: a year older on 1 March
        ("2008-02-29", "2026-03-01", 18),
        ("2008-02-29", "2028-02-29", 20),
        ("2010-12-31", "2026-12-30", 15),
        ("2010-12-31", "2026-12-31", 16),
    ],
)
def test_age_on(birth: str, day: str, age: int) -> None:
    assert age_on(d(birth), d(day)) == age


def test_under_14_is_not_sanctioned() -> None:
    line = fine_for_act(HELMET, "individual", ON, birth_date=d("2012-03-03"), aggravating=2)
    assert (line.no_sanction, line.warning_only, line.amount) == (True, False, 0)
    assert "chưa đủ 14 tuổi" in line.basis
    check_amount(line, 0, "")
    with pytest.raises(RuleViolation) as caught:
        check_amount(line, 400 * K, "lý do")
    assert "không được phạt tiền" in caught.value.message


def test_14_to_16_gets_a_warning_only() -> None:
    line = fine_for_act(HOUSE, "individual", ON, birth_date=d("2012-03-02"), aggravating=2)
    assert (line.no_sanction, line.warning_only, line.amount) == (False, True, 0)
    assert (line.fine_min, line.fine_max) == (0, 0)
    with pytest.raises(RuleViolation):
        check_amount(line, 1, "lý do")


@pytest.mark.parametrize(
    ("birth", "expected"),
    [("2010-03-02", (200 * K, 300 * K, 250 * K)), ("2008-03-02", (400 * K, 600 * K, 500 * K))],
)
def test_16_is_halved_18_is_not(birth: str, expected: tuple[int, int, int]) -> None:
    line = fine_for_act(HELMET, "individual", ON, birth_date=d(birth))
    assert (line.fine_min, line.fine_max, line.amount) == expected


def test_minor_with_circumstances_uses_the_halved_range() -> None:
    assert fine_for_act(HELMET, "individual", ON, d("2009-01-01"), mitigating=2).amount == 200 * K
    line = fine_for_act(HELMET, "individual", ON, d("2009-01-01"), mitigating=1)
    assert line.interval == Interval(200 * K, 250 * K, True, True)
    assert line.amount == 225 * K


def test_organisation_ignores_birth_date() -> None:
    assert fine_for_act(LITTER, "organization", ON, birth_date=d("2015-01-01")).amount == 1_500 * K


# --- circumstances, intervals, proposals -------------------------------------------------------


@pytest.mark.parametrize(("m", "a", "net"), [(0, 0, 0), (1, 0, -1), (0, 1, 1), (2, 1, -1), (1, 3, 2), (4, 0, -4)])
def test_net_circumstances(m: int, a: int, net: int) -> None:
    assert net_circumstances(m, a) == net


def test_net_circumstances_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        net_circumstances(-1, 0)


@pytest.mark.parametrize(
    ("fine_min", "fine_max", "net", "on", "interval"),
    [
        (30 * M, 40 * M, 0, ON, Interval(35 * M, 35 * M)),
        (30 * M, 40 * M, -3, ON, Interval(30 * M, 30 * M)),
        (30 * M, 40 * M, 5, ON, Interval(40 * M, 40 * M)),
        (30 * M, 40 * M, -1, OLD, Interval(30 * M, 35 * M)),
        (30 * M, 40 * M, 1, OLD, Interval(35 * M, 40 * M)),
        (5 * M, 5 * M, 1, ON, Interval(5 * M, 5 * M)),  # a fixed amount stays fixed
        (100_000, 100_001, 0, ON, Interval(100_001, 100_001)),  # half a đồng rounds up
        (1_000, 2_001, -1, ON, Interval(1_000, 1_500, True, False)),  # (1000, 1500.5) in whole đồng
        (1_000, 2_001, 1, ON, Interval(1_501, 2_001, False, True)),
        (1_000, 2_001, -1, OLD, Interval(1_000, 1_500)),
    ],
)
def test_lawful_interval(fine_min: int, fine_max: int, net: int, on: date, interval: Interval) -> None:
    assert lawful_interval(fine_min, fine_max, net, on) == interval


@pytest.mark.parametrize(
    ("interval", "proposal"),
    [
        (Interval(30 * M, 35 * M, True, True), 32_500_000),
        (Interval(200 * K, 225 * K, True, True), 213 * K),  # 212,500 rounds half up to 1,000
        (Interval(100_000, 100_800, True, True), 100_400),  # 100,000 is the open bound: integer midpoint
        (Interval(100_000, 101_000, True, True), 100_500),  # 101,000 is the open bound
        (Interval(100_100, 100_400), 100_250),  # 100,000 is outside the closed interval
        (Interval(100_000, 100_400), 100_000),  # a closed bound may be proposed
        (Interval(1_000, 1_500, True, False), 1_250),
        (Interval(7_000, 7_000), 7_000),
        (Interval(0, 0), 0),
    ],
)
def test_propose(interval: Interval, proposal: int) -> None:
    assert propose(interval) == proposal


def test_street_vending_one_mitigating_proposal_is_rounded_to_a_thousand() -> None:
    line = fine_for_act(VENDING, "individual", ON, mitigating=1)
    assert line.amount == 213_000
    assert line.interval == Interval(200 * K, 225 * K, True, True)


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval(35 * M, 35 * M), "đúng 35.000.000 đ"),
        (Interval(30 * M, 35 * M), "từ 30.000.000 đ đến 35.000.000 đ"),
        (Interval(30 * M, 35 * M, True, True), "trên 30.000.000 đ và dưới 35.000.000 đ"),
        (Interval(1_000, 1_500, True, False), "trên 1.000 đ đến 1.500 đ"),
    ],
)
def test_interval_describe(interval: Interval, text: str) -> None:
    assert interval.describe() == text


def test_empty_interval_is_refused() -> None:
    with pytest.raises(ValueError):
        Interval(100, 101, True, True)


# --- party ranges and acts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("act", "party", "expected"),
    [
        (HOUSE, "individual", (30 * M, 40 * M)),
        (HOUSE, "organization", (60 * M, 80 * M)),  # printed by D16/2022
        (LITTER, "organization", (1 * M, 2 * M)),  # default 2 × (Law Art. 24(2))
        (RED_LIGHT_BIKE, "organization", (8 * M, 12 * M)),
    ],
)
def test_party_range(act: ActRange, party: str, expected: tuple[int, int]) -> None:
    assert party_range(act, party) == expected


def test_party_must_be_known() -> None:
    with pytest.raises(ValueError):
        party_range(HOUSE, "household")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"fine_min": 2, "fine_max": 1},
        {"fine_min": -1, "fine_max": 1},
        {"fine_min": 1, "fine_max": 2, "org_fine_min": 2},
        {"fine_min": 1, "fine_max": 2, "org_fine_min": 5, "org_fine_max": 4},
    ],
)
def test_act_range_is_validated(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        ActRange("x", **kwargs)


def test_organisation_basis_names_the_party() -> None:
    line = fine_for_act(SIDEWALK, "organization", ON)
    assert line.basis.startswith(
        "Khung tiền phạt đối với tổ chức: từ 4.000.000 đ đến 6.000.000 đ theo khoản 7 Điều 12 Nghị định 168/2024/NĐ-CP"
    )
    assert "0 tình tiết giảm nhẹ, 0 tình tiết tăng nặng → đúng 5.000.000 đ" in line.basis
    assert unicodedata.is_normalized("NFC", line.basis)


def test_act_punished_by_warning_only() -> None:
    line = fine_for_act(ActRange("d45_25_1", 0, 0, warning_allowed=True), "individual", ON)
    assert (line.warning_only, line.amount) == (True, 0)


def test_total_adds_each_act() -> None:
    lines = [fine_for_act(HOUSE, "individual", ON), fine_for_act(LITTER, "individual", ON, mitigating=2)]
    assert total(lines) == 35_500_000
    assert total([]) == 0


# --- warnings, explanation, simplified procedure ------------------------------------------------


@pytest.mark.parametrize(
    ("act", "mitigating", "age", "allowed"),
    [
        (LITTER, 1, None, True),  # the act allows it and there is a mitigating circumstance
        (LITTER, 0, 30, False),  # no mitigating circumstance
        (HOUSE, 2, 30, False),  # the act does not allow it
        (HOUSE, 0, 14, True),  # minors 14–16: always a warning
        (HOUSE, 0, 15, True),
        (HOUSE, 0, 16, False),
        (LITTER, 1, 13, False),  # under 14: no sanction at all
    ],
)
def test_warning_allowed(act: ActRange, mitigating: int, age: int | None, allowed: bool) -> None:
    assert warning_allowed(act, mitigating, age, ON) is allowed


@pytest.mark.parametrize(
    ("act", "party", "licence", "has_right"),
    [
        (HOUSE, "individual", False, True),
        (HELMET, "individual", False, False),
        (HELMET, "individual", True, True),  # a licence may be withdrawn
        (ActRange("a", 10 * M, 15 * M), "individual", False, True),  # maximum exactly 15 M
        (ActRange("a", 10 * M, 15 * M - 1), "individual", False, False),
        (ActRange("a", 10 * M, 15 * M), "organization", False, True),  # × 2 = 30 M
        (ActRange("a", 10 * M, 15 * M, 10 * M, 29_999_999), "organization", False, False),
        (RED_LIGHT_CAR, "individual", False, True),
    ],
)
def test_right_to_explain(act: ActRange, party: str, licence: bool, has_right: bool) -> None:
    assert right_to_explain(act, party, ON, licence_withdrawal=licence) is has_right


@pytest.mark.parametrize(
    ("amount", "party", "on", "equipment", "allowed"),
    [
        (250_000, "individual", "2025-06-30", False, True),
        (250_001, "individual", "2025-06-30", False, False),
        (500_000, "individual", "2025-06-30", False, False),  # no-helmet average, old threshold
        (500_000, "individual", "2025-07-01", False, True),  # Law 88/2025 doubled it
        (500_001, "individual", "2025-07-01", False, False),
        (500_000, "organization", "2025-06-30", False, True),
        (1_000_000, "organization", "2025-06-30", False, False),
        (1_000_000, "organization", "2025-07-01", False, True),
        (0, "individual", "2025-07-01", False, True),  # a warning
        (0, "individual", "2025-07-01", True, False),  # caught by a camera: always a record
        (225_000, "individual", "2025-06-30", True, False),
    ],
)
def test_simplified_procedure_allowed(amount: int, party: str, on: str, equipment: bool, allowed: bool) -> None:
    assert simplified_procedure_allowed(amount, party, d(on), equipment) is allowed


# --- recidivism (Law Art. 7; SPEC §5 tn_b) ------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "warning", "first_clean_day"),
    [
        ("2026-01-10", True, "2026-07-11"),  # 6 months after a warning
        ("2026-01-10", False, "2027-01-11"),  # 1 year after any other sanction
        ("2025-08-31", True, "2026-03-01"),  # 28 Feb 2026 is the period's last day
        ("2024-02-29", False, "2025-03-01"),  # leap day: the period ends 28 Feb 2025
    ],
)
def test_deemed_never_sanctioned_on(completed: str, warning: bool, first_clean_day: str) -> None:
    assert deemed_never_sanctioned_on(d(completed), warning) == d(first_clean_day)


@pytest.mark.parametrize(
    ("prior", "on", "repeat"),
    [
        ([("2025-03-01", False)], "2026-03-01", True),  # last day of the year
        ([("2025-03-01", False)], "2026-03-02", False),
        ([("2025-09-01", True)], "2026-03-01", True),
        ([("2025-09-01", True)], "2026-03-02", False),
        ([("2025-03-01", True)], "2026-03-01", False),  # a warning is forgotten sooner
        ([("2024-01-01", False), ("2025-12-01", True)], "2026-03-01", True),
        ([], "2026-03-01", False),
    ],
)
def test_repeat_offender(prior: list[tuple[str, bool]], on: str, repeat: bool) -> None:
    assert repeat_offender([(d(day), warning) for day, warning in prior], d(on)) is repeat


# --- properties --------------------------------------------------------------------------------

thousands = st.integers(min_value=0, max_value=1_000_000).map(lambda n: n * 1_000)
ranges = st.tuples(thousands, thousands).map(sorted)
fine_days = st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 12, 31))
counts = st.integers(min_value=0, max_value=4)


@given(bounds=ranges, net=st.integers(-4, 4), on=fine_days)
def test_proposal_lies_in_the_interval_inside_the_range(bounds: list[int], net: int, on: date) -> None:
    fine_min, fine_max = bounds
    interval = lawful_interval(fine_min, fine_max, net, on)
    assert fine_min <= interval.first <= interval.last <= fine_max
    assert interval.contains(propose(interval))


@given(bounds=ranges, net=st.integers(-4, 4), on=fine_days)
def test_open_intervals_never_contain_their_bounds(bounds: list[int], net: int, on: date) -> None:
    interval = lawful_interval(*bounds, net, on)
    if interval.low_open:
        assert not interval.contains(interval.low)
    if interval.high_open:
        assert not interval.contains(interval.high)


@given(bounds=ranges, mitigating=counts, aggravating=counts, on=fine_days)
def test_organisation_is_twice_the_individual_by_default(bounds, mitigating, aggravating, on) -> None:
    act = ActRange("a", *bounds)
    person = fine_for_act(act, "individual", on, None, mitigating, aggravating)
    firm = fine_for_act(act, "organization", on, None, mitigating, aggravating)
    assert party_range(act, "organization") == (2 * bounds[0], 2 * bounds[1])
    assert (firm.fine_min, firm.fine_max) == (2 * person.fine_min, 2 * person.fine_max)
    if person.interval.exact:
        assert firm.amount == 2 * person.amount


@given(
    bounds=ranges,
    mitigating=counts,
    aggravating=counts,
    on=fine_days,
    party=st.sampled_from(["individual", "organization"]),
)
def test_more_mitigating_never_raises_more_aggravating_never_lowers(bounds, mitigating, aggravating, on, party) -> None:
    act = ActRange("a", *bounds)
    base = fine_for_act(act, party, on, None, mitigating, aggravating).amount
    assert fine_for_act(act, party, on, None, mitigating + 1, aggravating).amount <= base
    assert fine_for_act(act, party, on, None, mitigating, aggravating + 1).amount >= base


@given(
    bounds=ranges,
    mitigating=counts,
    aggravating=counts,
    on=fine_days,
    birth=st.dates(date(1950, 1, 1), date(2015, 1, 1)),
)
def test_any_fine_line_accepts_its_own_proposal(bounds, mitigating, aggravating, on, birth) -> None:
    line = fine_for_act(ActRange("a", *bounds), "individual", on, birth, mitigating, aggravating)
    assert isinstance(line, FineLine)
    check_amount(line, line.amount, "")
    assert 0 <= line.fine_min <= line.fine_max <= bounds[1]
    if age_on(birth, on) < 18:
        assert line.fine_max * 2 <= bounds[1]
