"""The numbers of the law as dated parameters (SPEC §0; penalties.law.parameters)."""

from __future__ import annotations

import unicodedata
from datetime import date
from fractions import Fraction

import pytest

from penalties.law.errors import RuleViolation
from penalties.law.parameters import (
    PARAMETERS,
    START,
    ByParty,
    CircumstanceRule,
    Period,
    Unit,
    parameter,
    reference,
    value_on,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("name", "day", "value", "article"),
    [
        ("record_due_working_days", "2026-03-02", 2, "Điều 12 khoản 2 Nghị định 118/2021"),
        ("record_due_working_days_complex", "2026-03-02", 5, "Điều 12 khoản 2 Nghị định 118/2021"),
        ("decision_due_working_days", "2026-03-02", 7, "Điều 66"),
        ("decision_due_months_explanation", "2026-03-02", 1, "Điều 66"),
        ("decision_due_months_very_complex", "2026-03-02", 2, "Điều 66"),
        ("delivery_due_working_days", "2025-06-30", 2, "Điều 70"),
        ("delivery_due_working_days", "2025-07-01", 3, "Điều 70"),
        ("payment_period_days", "2026-03-01", 10, "Điều 73"),
        ("late_fee_rate_per_day", "2026-03-01", Fraction(5, 10000), "Điều 78"),
        ("execution_limitation_years", "2026-03-01", 1, "Điều 74"),
        ("complaint_filing_days", "2026-03-01", 90, "Điều 9 Luật Khiếu nại"),
        ("complaint_acceptance_period", "2026-06-30", Period(10, Unit.DAYS), "Điều 27 Luật Khiếu nại"),
        ("complaint_acceptance_period", "2026-07-01", Period(7, Unit.WORKING_DAYS), "136/2025"),
        ("complaint_resolution_days", "2026-03-01", 30, "Điều 28"),
        ("complaint_resolution_days_complex", "2026-03-01", 45, "Điều 28"),
        ("complaint_resolution_days_complex_remote", "2026-03-01", 60, "Điều 28"),
        ("second_complaint_filing_days", "2026-03-01", 30, "Điều 33"),
        ("second_complaint_resolution_days", "2026-03-01", 45, "Điều 37"),
        ("second_complaint_resolution_days_complex", "2026-03-01", 60, "Điều 37"),
        ("lawsuit_years", "2026-03-01", 1, "Điều 116 Luật Tố tụng hành chính"),
        ("correction_years", "2026-03-01", 1, "Điều 15 Nghị định 118/2021"),
        ("installment_min_fine", "2026-03-01", ByParty(15_000_000, 150_000_000), "Điều 79"),
        ("installment_max_payments", "2026-03-01", 3, "Điều 79"),
        ("installment_first_share_min", "2026-03-01", Fraction(2, 5), "Điều 79"),
        ("installment_max_months", "2026-03-01", 6, "Điều 79"),
        ("postponement_min_fine", "2026-03-01", ByParty(2_000_000, 100_000_000), "Điều 76"),
        ("postponement_max_months", "2026-03-01", 3, "Điều 76"),
        ("circumstance_rule", "2025-05-01", CircumstanceRule.ORIGINAL, "Điều 9 khoản 1 Nghị định 118/2021"),
        ("circumstance_rule", "2025-05-02", CircumstanceRule.STRICT, "68/2025"),
        ("right_to_explain_min_fine_max", "2026-03-01", ByParty(15_000_000, 30_000_000), "Điều 61"),
        ("simplified_procedure_max_fine", "2025-06-30", ByParty(250_000, 500_000), "Điều 56"),
        ("simplified_procedure_max_fine", "2025-07-01", ByParty(500_000, 1_000_000), "Điều 56"),
        ("minor_no_sanction_below_age", "2026-03-01", 14, "Điều 5"),
        ("minor_warning_only_below_age", "2026-03-01", 16, "Điều 134"),
        ("minor_reduced_fine_below_age", "2026-03-01", 18, "Điều 134"),
        ("minor_fine_share", "2026-03-01", Fraction(1, 2), "Điều 134"),
        ("deemed_never_sanctioned_months_after_warning", "2026-03-01", 6, "Điều 7"),
        ("deemed_never_sanctioned_years", "2026-03-01", 1, "Điều 7"),
        ("organization_fine_multiplier", "2026-03-01", 2, "Điều 24"),
    ],
)
def test_value_and_reference_on(name: str, day: str, value: object, article: str) -> None:
    assert value_on(name, d(day)) == value
    assert article in reference(name, d(day))


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("delivery_due_working_days", 2, 3),
        ("simplified_procedure_max_fine", ByParty(250_000, 500_000), ByParty(500_000, 1_000_000)),
    ],
)
def test_law_88_2025_versions_change_on_1_july_2025(name: str, before: object, after: object) -> None:
    assert value_on(name, d("2025-06-30")) == before
    assert value_on(name, d("2025-07-01")) == after
    assert "2025" not in reference(name, d("2025-06-30"))
    assert "năm 2025" in reference(name, d("2025-07-01"))


def test_late_fee_rate_is_exactly_five_hundredths_of_a_percent() -> None:
    rate = value_on("late_fee_rate_per_day", d("2026-03-01"))
    assert isinstance(rate, Fraction)
    assert rate * 100 == Fraction(5, 100)
    assert 5_000_000 * rate * 9 == 22_500  # SPEC §2 worked example


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_every_parameter_starts_on_1_january_2022(name: str) -> None:
    assert parameter(name).versions[0].valid_from == START == d("2022-01-01")
    assert value_on(name, d("2022-01-01")) == parameter(name).versions[0].value


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_a_day_before_the_first_version_is_refused(name: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        value_on(name, d("2021-12-31"))
    assert caught.value.code == "rule_not_in_force"
    assert "31/12/2021" in caught.value.message
    assert caught.value.article == parameter(name).versions[0].reference
    with pytest.raises(RuleViolation):
        reference(name, d("2021-12-31"))


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_versions_are_ordered_and_cited_in_vietnamese(name: str) -> None:
    param = parameter(name)
    starts = [version.valid_from for version in param.versions]
    assert starts == sorted(set(starts))
    for version in param.versions:
        assert version.reference.startswith("Điều ") or version.reference.startswith("Luật ")
        assert unicodedata.is_normalized("NFC", version.reference)
        assert unicodedata.is_normalized("NFC", param.description)


def test_the_last_version_stays_in_force() -> None:
    assert value_on("delivery_due_working_days", d("2099-12-31")) == 3


def test_unconfirmed_values_are_flagged() -> None:
    # SPEC marks the 3 working days of Law 88/2025 [U]: kept as data, flagged for correction.
    versions = parameter("delivery_due_working_days").versions
    assert [version.confirmed for version in versions] == [True, False]


def test_unknown_parameter_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        value_on("no_such_parameter", d("2026-03-01"))


def test_by_party_picks_the_party() -> None:
    amounts = ByParty(15_000_000, 150_000_000)
    assert amounts.for_party("individual") == 15_000_000
    assert amounts.for_party("organization") == 150_000_000
    with pytest.raises(ValueError):
        amounts.for_party("household")


def test_registry_cannot_be_changed_by_a_caller() -> None:
    with pytest.raises(TypeError):
        PARAMETERS["payment_period_days"] = None  # type: ignore[index]
