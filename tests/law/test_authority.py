"""Who may sign what: position limits, the check against each act, delegation (SPEC §4; penalties.law.authority)."""

from __future__ import annotations

import unicodedata
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from penalties.law.authority import (
    ABOLISHED,
    PER_SECTOR_DECREE,
    Limit,
    check_authority,
    delegation_ground,
    parameter_name,
    position_limit,
    signature_prefix,
)
from penalties.law.errors import RuleViolation
from penalties.law.parameters import START, parameter, reference, value_on
from penalties.law.positions import POSITIONS

M = 1_000_000
K = 1_000
IND = "individual"
ORG = "organization"
OLD = date(2024, 5, 6)  # Law 67/2020 Art. 38–39
NEW = date(2026, 3, 2)  # Decree 189/2025
LAST_OLD = date(2025, 6, 30)
FIRST_NEW = date(2025, 7, 1)

# Sector maxima for individuals (SPEC §5).
CONSTRUCTION = 500 * M  # [U] in SPEC
TRAFFIC = 75 * M
SECURITY = 40 * M

# SPEC §3 vectors: D16/2022 Art. 16(7)(a) house built without permit, 30–40 M / 60–80 M.
HOUSE = "d16_16_7_a"
HOUSE_IND = (HOUSE, 40 * M, CONSTRUCTION)
HOUSE_ORG = (HOUSE, 80 * M, CONSTRUCTION)
HELMET = ("d168_7_2_h", 600 * K, TRAFFIC)
RED_LIGHT_CAR = ("d168_6_9_b", 20 * M, TRAFFIC)


def d(text: str) -> date:
    return date.fromisoformat(text)


def allowed(position: str, acts: list, party: str, on: date) -> bool:
    """Tell whether check_authority lets the position sign; other refusals propagate."""
    try:
        check_authority(position, acts, party, on)
    except RuleViolation as err:
        if err.code != "authority_exceeded":
            raise
        return False
    return True


# position, sector maximum, party, decision date, limit
LIMITS = [
    # SPEC §4 example: construction (500 M), commune chairman.
    ("chu_tich_ubnd_xa", CONSTRUCTION, IND, "2024-05-06", 5 * M),
    ("chu_tich_ubnd_xa", CONSTRUCTION, IND, "2026-03-02", 250 * M),
    ("chu_tich_ubnd_xa", CONSTRUCTION, ORG, "2024-05-06", 10 * M),
    ("chu_tich_ubnd_xa", CONSTRUCTION, ORG, "2026-03-02", 500 * M),
    # Traffic (75 M): commune 5 M, district 37.5 M, province 75 M before (D168/2024 Art. 42 agrees).
    ("chu_tich_ubnd_xa", TRAFFIC, IND, "2024-05-06", 5 * M),
    ("chu_tich_ubnd_xa", TRAFFIC, IND, "2026-03-02", 37_500 * K),
    ("chu_tich_ubnd_xa", TRAFFIC, ORG, "2026-03-02", 75 * M),
    ("chu_tich_ubnd_huyen", TRAFFIC, IND, "2024-05-06", 37_500 * K),
    ("chu_tich_ubnd_huyen", CONSTRUCTION, IND, "2024-05-06", 50 * M),
    ("chu_tich_ubnd_huyen", CONSTRUCTION, ORG, "2024-05-06", 100 * M),
    ("chu_tich_ubnd_tinh", TRAFFIC, IND, "2024-05-06", 75 * M),
    ("chu_tich_ubnd_tinh", CONSTRUCTION, IND, "2024-05-06", 500 * M),
    ("chu_tich_ubnd_tinh", CONSTRUCTION, IND, "2026-03-02", 500 * M),
    ("chu_tich_ubnd_tinh", CONSTRUCTION, ORG, "2026-03-02", 1_000 * M),
    # Under the caps: 10 % of a 30 M sector, 50 % of a 40 M sector.
    ("chu_tich_ubnd_xa", 30 * M, IND, "2024-05-06", 3 * M),
    ("chu_tich_ubnd_huyen", SECURITY, IND, "2024-05-06", 20 * M),
    # Decree 189/2025 titles.
    ("giam_doc_so", CONSTRUCTION, IND, "2026-03-02", 400 * M),
    ("truong_cong_an_xa", SECURITY, IND, "2026-03-02", 20 * M),
    ("chien_si_cand", TRAFFIC, IND, "2024-05-06", 500 * K),  # 1 % = 750 k, cap 500 k [U]
    ("chien_si_cand", SECURITY, IND, "2024-05-06", 400 * K),  # 1 % under the cap
    ("chien_si_cand", SECURITY, ORG, "2024-05-06", 800 * K),
    ("chien_si_cand", TRAFFIC, IND, "2026-03-02", 7_500 * K),
    # SPEC v2 §4: the police titles of Decree 189/2025 Art. 8 and the provincial chief inspector.
    ("truong_don_cand", TRAFFIC, IND, "2026-03-02", 22_500 * K),  # 30 %
    ("truong_phong_cong_an_tinh", TRAFFIC, IND, "2026-03-02", 60 * M),  # 80 %
    ("giam_doc_cong_an_tinh", TRAFFIC, IND, "2026-03-02", 75 * M),  # 100 %
    ("giam_doc_cong_an_tinh", TRAFFIC, ORG, "2026-03-02", 150 * M),
    ("chanh_thanh_tra_tinh", CONSTRUCTION, IND, "2026-09-26", 400 * M),  # 80 % from Decree 311/2026 [U]
]


@pytest.mark.parametrize(("position", "sector_max", "party", "on", "amount"), LIMITS)
def test_position_limit(position: str, sector_max: int, party: str, on: str, amount: int) -> None:
    limit = position_limit(position, sector_max, party, d(on))
    assert isinstance(limit, Limit)
    assert limit.amount == amount
    assert POSITIONS[position] in limit.basis
    assert limit.article in limit.basis or party == ORG
    assert unicodedata.is_normalized("NFC", limit.basis)


def test_basis_explains_the_share_of_the_sector_maximum() -> None:
    limit = position_limit("chu_tich_ubnd_xa", CONSTRUCTION, IND, NEW)
    assert "50 % mức phạt tối đa của lĩnh vực (500.000.000 đ) = 250.000.000 đ" in limit.basis
    assert limit.article == "Điều 5 khoản 1 Nghị định 189/2025/NĐ-CP"
    assert limit.confirmed


def test_basis_names_the_cap_when_it_bites() -> None:
    limit = position_limit("chu_tich_ubnd_xa", CONSTRUCTION, IND, OLD)
    assert "10 % mức phạt tối đa của lĩnh vực (500.000.000 đ) = 50.000.000 đ" in limit.basis
    assert "nhưng không quá 5.000.000 đ → 5.000.000 đ" in limit.basis
    assert "Điều 38 khoản 1" in limit.article and "2020" in limit.article


def test_basis_of_an_organisation_names_the_doubling_and_article_52() -> None:
    limit = position_limit("chu_tich_ubnd_xa", CONSTRUCTION, ORG, NEW)
    assert "đối với tổ chức gấp 02 lần: 500.000.000 đ" in limit.basis
    assert limit.article.startswith("Điều 52 ")
    assert "Nghị định 189/2025/NĐ-CP" in limit.article


def test_spec_example_house_without_permit_commune_chairman_2024_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_authority("chu_tich_ubnd_xa", [HOUSE_IND], IND, OLD)
    err = caught.value
    assert err.code == "authority_exceeded"
    assert HOUSE in err.message
    assert "40.000.000 đ" in err.message  # the act's maximum
    assert "5.000.000 đ" in err.message  # the signer's limit
    assert "Chủ tịch Ủy ban nhân dân cấp xã" in err.message
    assert "mức tối đa của khung tiền phạt" in err.message
    assert err.article.startswith("Điều 52 ")
    assert "Điều 38 khoản 1" in err.article


def test_spec_example_house_without_permit_commune_chairman_2026_is_allowed() -> None:
    check_authority("chu_tich_ubnd_xa", [HOUSE_IND], IND, NEW)
    check_authority("chu_tich_ubnd_xa", [HOUSE_ORG], ORG, NEW)


def test_authority_is_judged_by_the_range_maximum_not_the_amount() -> None:
    # Even the minimum 30 M would be over 5 M; but the point is the 40 M maximum, whatever is imposed.
    assert not allowed("chu_tich_ubnd_xa", [(HOUSE, 40 * M, CONSTRUCTION)], IND, OLD)
    # A 4–6 M act exceeds a 5 M limit although the 5 M midpoint would fit.
    assert not allowed("chu_tich_ubnd_xa", [("d168_7_7_c", 6 * M, TRAFFIC)], IND, OLD)


@pytest.mark.parametrize(
    ("position", "acts", "party", "before", "after"),
    [
        ("chu_tich_ubnd_xa", [HOUSE_IND], IND, False, True),
        ("chu_tich_ubnd_xa", [HOUSE_ORG], ORG, False, True),
        ("chu_tich_ubnd_xa", [RED_LIGHT_CAR], IND, False, True),
        ("chien_si_cand", [HELMET], IND, False, True),
        ("chu_tich_ubnd_tinh", [HOUSE_IND], IND, True, True),
    ],
)
def test_both_sides_of_1_july_2025(position: str, acts: list, party: str, before: bool, after: bool) -> None:
    assert allowed(position, acts, party, LAST_OLD) is before
    assert allowed(position, acts, party, FIRST_NEW) is after


def test_commune_chairman_limit_changes_on_1_july_2025() -> None:
    assert position_limit("chu_tich_ubnd_xa", CONSTRUCTION, IND, LAST_OLD).amount == 5 * M
    assert position_limit("chu_tich_ubnd_xa", CONSTRUCTION, IND, FIRST_NEW).amount == 250 * M


def test_district_chairman_2024_may_fine_the_house() -> None:
    check_authority("chu_tich_ubnd_huyen", [HOUSE_IND], IND, OLD)
    check_authority("chu_tich_ubnd_huyen", [HOUSE_ORG], ORG, OLD)  # 80 M ≤ 2 × 50 M
    check_authority("chu_tich_ubnd_huyen", [HOUSE_IND], IND, LAST_OLD)
    assert not allowed("chu_tich_ubnd_huyen", [(HOUSE, 50 * M + 1, CONSTRUCTION)], IND, OLD)  # over the cap


@pytest.mark.parametrize("on", [FIRST_NEW, NEW], ids=str)
def test_district_chairman_is_abolished_from_1_july_2025(on: date) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_authority("chu_tich_ubnd_huyen", [HOUSE_IND], IND, on)
    err = caught.value
    assert err.code == "position_abolished"
    assert "Chủ tịch Ủy ban nhân dân cấp huyện" in err.message
    assert "01/07/2025" in err.message
    assert "Chủ tịch Ủy ban nhân dân cấp xã" in err.message  # who takes over
    assert "88/2025" in err.article and "189/2025" in err.article
    with pytest.raises(RuleViolation) as caught:
        position_limit("chu_tich_ubnd_huyen", CONSTRUCTION, IND, on)
    assert caught.value.code == "position_abolished"
    with pytest.raises(RuleViolation):  # even a decision with no fined act
        check_authority("chu_tich_ubnd_huyen", [], IND, on)


def test_provincial_chairman_may_fine_up_to_the_sector_maximum() -> None:
    for on in (OLD, NEW):
        check_authority("chu_tich_ubnd_tinh", [(HOUSE, CONSTRUCTION, CONSTRUCTION)], IND, on)
        check_authority("chu_tich_ubnd_tinh", [(HOUSE, 2 * CONSTRUCTION, CONSTRUCTION)], ORG, on)
        assert not allowed("chu_tich_ubnd_tinh", [(HOUSE, CONSTRUCTION + 1, CONSTRUCTION)], IND, on)


@pytest.mark.parametrize(
    ("position", "sector_max", "party", "limit"),
    [
        ("chu_tich_ubnd_xa", TRAFFIC, IND, 37_500 * K),
        ("chu_tich_ubnd_xa", TRAFFIC, ORG, 75 * M),
        ("chu_tich_ubnd_xa", CONSTRUCTION, IND, 250 * M),
        ("chien_si_cand", TRAFFIC, IND, 7_500 * K),
    ],
)
def test_limit_itself_is_allowed_one_dong_more_is_not(position: str, sector_max: int, party: str, limit: int) -> None:
    assert allowed(position, [("act", limit, sector_max)], party, NEW)
    assert not allowed(position, [("act", limit + 1, sector_max)], party, NEW)


def test_every_act_of_the_decision_is_checked() -> None:
    acts = [("d168_7_2_h", 600 * K, TRAFFIC), HOUSE_IND, ("d45_25_2_c", 1 * M, 30 * M)]
    with pytest.raises(RuleViolation) as caught:
        check_authority("chu_tich_ubnd_xa", acts, IND, OLD)
    assert HOUSE in caught.value.message
    assert "d168_7_2_h" not in caught.value.message
    assert "d45_25_2_c" not in caught.value.message
    check_authority("chu_tich_ubnd_xa", acts[:1] + acts[2:], IND, OLD)


def test_several_exceeding_acts_are_all_named() -> None:
    acts = [HOUSE_IND, RED_LIGHT_CAR]
    with pytest.raises(RuleViolation) as caught:
        check_authority("chu_tich_ubnd_xa", acts, IND, OLD)
    assert HOUSE in caught.value.message and "d168_6_9_b" in caught.value.message


def test_each_act_uses_its_own_sector_maximum() -> None:
    # 30 M is within 50 % of construction but not within 50 % of security and order.
    check_authority("chu_tich_ubnd_xa", [("a", 30 * M, CONSTRUCTION)], IND, NEW)
    assert not allowed("chu_tich_ubnd_xa", [("a", 30 * M, CONSTRUCTION), ("b", 30 * M, SECURITY)], IND, NEW)


def test_a_decision_without_fined_acts_needs_only_a_position() -> None:
    check_authority("chu_tich_ubnd_xa", [], IND, NEW)
    check_authority("giam_doc_so", [], IND, OLD)


@pytest.mark.parametrize("position", [None, ""])
def test_missing_position_has_no_authority(position: str | None) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_authority(position, [HOUSE_IND], IND, NEW)
    assert caught.value.code == "no_authority"
    assert "Điều 52" in caught.value.article
    with pytest.raises(RuleViolation) as caught:
        check_authority(position, [], IND, NEW)
    assert caught.value.code == "no_authority"


def test_unknown_position_has_no_authority() -> None:
    with pytest.raises(RuleViolation) as caught:
        position_limit("pho_chu_tich_ubnd_xa", CONSTRUCTION, IND, NEW)
    assert caught.value.code == "no_authority"
    assert "pho_chu_tich_ubnd_xa" in caught.value.message


@pytest.mark.parametrize("position", ["giam_doc_so", "truong_cong_an_xa"])
def test_before_decree_189_the_sector_decree_governs_and_is_not_guessed(position: str) -> None:
    for on in (OLD, LAST_OLD):
        with pytest.raises(RuleViolation) as caught:
            check_authority(position, [HOUSE_IND], IND, on)
        err = caught.value
        assert err.code == "authority_unknown"
        assert POSITIONS[position] in err.message
        assert "nghị định xử phạt vi phạm hành chính của từng lĩnh vực" in err.message
        assert "nghị định xử phạt vi phạm hành chính của lĩnh vực" in err.article
    check_authority(position, [HOUSE_IND], IND, FIRST_NEW)


def test_police_officer_before_and_after_decree_189() -> None:
    old = position_limit("chien_si_cand", TRAFFIC, IND, OLD)
    assert old.amount == 500 * K
    assert not old.confirmed  # 1 %, cap 500,000 is [U]
    assert "Điều 39 khoản 1" in old.article
    new = position_limit("chien_si_cand", TRAFFIC, IND, NEW)
    assert new.amount == 7_500 * K and new.confirmed
    assert new.article == "Điều 8 khoản 1 Nghị định 189/2025/NĐ-CP"


def test_a_decision_before_2022_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        position_limit("chu_tich_ubnd_xa", CONSTRUCTION, IND, d("2021-12-31"))
    assert caught.value.code == "rule_not_in_force"


@pytest.mark.parametrize("sector_max", [0, -1, 1.5])
def test_sector_maximum_must_be_positive_dong(sector_max) -> None:
    with pytest.raises(ValueError):
        position_limit("chu_tich_ubnd_xa", sector_max, IND, NEW)


def test_unknown_party_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        position_limit("chu_tich_ubnd_xa", CONSTRUCTION, "household", NEW)
    with pytest.raises(ValueError):
        check_authority("chu_tich_ubnd_xa", [HOUSE_IND], "household", NEW)


def test_negative_act_maximum_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_authority("chu_tich_ubnd_xa", [(HOUSE, -1, CONSTRUCTION)], IND, NEW)


# Delegation (Law Art. 54; Decree 118 Art. 10).


def test_deputy_holds_the_principals_authority() -> None:
    check_authority("chu_tich_ubnd_xa", [HOUSE_IND], IND, NEW, delegated=True)
    with pytest.raises(RuleViolation) as caught:
        check_authority("chu_tich_ubnd_xa", [HOUSE_IND], IND, OLD, delegated=True)
    err = caught.value
    assert err.code == "authority_exceeded"
    assert "KT. Chủ tịch Ủy ban nhân dân cấp xã" in err.message
    assert "giao quyền" in err.message
    assert "Điều 54" in err.article and "Điều 52" in err.article


def test_signature_prefix() -> None:
    assert signature_prefix(True) == "KT."
    assert signature_prefix(False) == ""


def test_delegation_ground() -> None:
    assert delegation_ground("12/QĐ-GQXP", d("2026-01-05")) == "Quyết định giao quyền số 12/QĐ-GQXP ngày 05/01/2026"
    assert delegation_ground(" 12/QĐ-UBND ", d("2025-12-31")).endswith("số 12/QĐ-UBND ngày 31/12/2025")


@pytest.mark.parametrize("number", ["", "  ", None])
def test_delegation_ground_needs_a_number(number) -> None:
    with pytest.raises(RuleViolation) as caught:
        delegation_ground(number, d("2026-01-05"))
    assert caught.value.code == "delegation_incomplete"
    assert "Điều 54" in caught.value.article


# The parameters behind the limits.


@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_every_position_has_a_dated_authority_parameter(position: str) -> None:
    param = parameter(parameter_name(position))
    assert param.versions[0].valid_from == START
    later = [date(2026, 9, 26)] if position == "chanh_thanh_tra_tinh" else []  # Decree 311/2026 [U]
    assert [v.valid_from for v in param.versions] == [START, FIRST_NEW, *later]
    for version in param.versions:
        value = version.value
        if value in (ABOLISHED, PER_SECTOR_DECREE):
            continue
        share, cap = value
        assert isinstance(share, Fraction) and 0 < share <= 1
        assert cap is None or (isinstance(cap, int) and cap > 0)
    assert "Nghị định 189/2025/NĐ-CP" in reference(parameter_name(position), FIRST_NEW)


@pytest.mark.parametrize(
    ("position", "values"),
    [
        ("chu_tich_ubnd_xa", [(Fraction(1, 10), 5_000_000), (Fraction(1, 2), None)]),
        ("chu_tich_ubnd_huyen", [(Fraction(1, 2), 50_000_000), ABOLISHED]),
        ("chu_tich_ubnd_tinh", [(Fraction(1), None), (Fraction(1), None)]),
        ("giam_doc_so", [PER_SECTOR_DECREE, (Fraction(4, 5), None)]),
        ("truong_cong_an_xa", [PER_SECTOR_DECREE, (Fraction(1, 2), None)]),
        ("chien_si_cand", [(Fraction(1, 100), 500_000), (Fraction(1, 10), None)]),
    ],
)
def test_spec_table(position: str, values: list) -> None:
    assert [v.value for v in parameter(parameter_name(position)).versions] == values


def test_unconfirmed_values_are_flagged() -> None:
    # SPEC §4 marks "per sector decree" and the police officer's 1 %, cap 500,000 as [U].
    flags = {position: [v.confirmed for v in parameter(parameter_name(position)).versions] for position in POSITIONS}
    assert flags == {
        "chu_tich_ubnd_xa": [True, True],
        "chu_tich_ubnd_huyen": [True, True],
        "chu_tich_ubnd_tinh": [True, True],
        "giam_doc_so": [False, True],
        "truong_cong_an_xa": [False, True],
        "chien_si_cand": [False, True],
        # SPEC v2 §4: the police titles of Decree 189/2025 Art. 8, the provincial chief inspector [U].
        "truong_don_cand": [False, True],
        "truong_phong_cong_an_tinh": [False, True],
        "giam_doc_cong_an_tinh": [False, True],
        "chanh_thanh_tra_tinh": [False, False, False],
    }


def test_organisation_multiplier_is_article_52() -> None:
    for on in (LAST_OLD, FIRST_NEW):
        assert value_on("authority_organization_multiplier", on) == 2
        assert reference("authority_organization_multiplier", on).startswith("Điều 52 ")


# Properties.

positions = st.sampled_from(sorted(POSITIONS))
days = st.dates(min_value=START, max_value=date(2030, 12, 31))
sector_maxima = st.integers(min_value=1, max_value=2_000_000_000)
parties = st.sampled_from([IND, ORG])


def computable(position: str, on: date) -> bool:
    value = parameter(parameter_name(position)).version_on(on).value
    return value not in (ABOLISHED, PER_SECTOR_DECREE)


@given(positions, sector_maxima, parties, days)
def test_limit_never_exceeds_the_sector_maximum(position: str, sector_max: int, party: str, on: date) -> None:
    assume(computable(position, on))
    limit = position_limit(position, sector_max, party, on)
    assert 0 <= limit.amount <= sector_max * (2 if party == ORG else 1)


@given(positions, sector_maxima, days)
def test_organisation_limit_is_twice_the_individual_limit(position: str, sector_max: int, on: date) -> None:
    assume(computable(position, on))
    individual = position_limit(position, sector_max, IND, on).amount
    assert position_limit(position, sector_max, ORG, on).amount == 2 * individual


@given(positions, sector_maxima, parties, days, st.integers(0, 4_000_000_000), st.integers(0, 4_000_000_000))
def test_a_larger_act_maximum_is_never_allowed_where_a_smaller_is_refused(
    position: str, sector_max: int, party: str, on: date, a: int, b: int
) -> None:
    assume(computable(position, on))
    smaller, larger = sorted((a, b))
    if not allowed(position, [("act", smaller, sector_max)], party, on):
        assert not allowed(position, [("act", larger, sector_max)], party, on)


@given(positions, sector_maxima, parties, days, st.integers(0, 4_000_000_000))
def test_check_agrees_with_the_limit(position: str, sector_max: int, party: str, on: date, act_max: int) -> None:
    assume(computable(position, on))
    limit = position_limit(position, sector_max, party, on)
    assert allowed(position, [("act", act_max, sector_max)], party, on) is (act_max <= limit.amount)


@given(positions, sector_maxima, days)
def test_provincial_chairman_holds_the_whole_sector_maximum(position: str, sector_max: int, on: date) -> None:
    assume(computable(position, on))
    assert (
        position_limit(position, sector_max, IND, on).amount
        <= position_limit("chu_tich_ubnd_tinh", sector_max, IND, on).amount
        == sector_max
    )


@pytest.mark.parametrize(
    ("position", "on", "competent"),
    [
        ("chanh_thanh_tra_tinh", "2026-09-25", False),  # per sector decree until Decree 311/2026
        ("chanh_thanh_tra_tinh", "2026-09-26", True),
        ("truong_don_cand", "2025-06-30", False),  # before Decree 189/2025: the sector decrees
        ("truong_don_cand", "2025-07-01", True),
        ("giam_doc_cong_an_tinh", "2025-07-01", True),
    ],
)
def test_the_new_titles_sign_from_their_decree(position: str, on: str, competent: bool) -> None:
    helmet = ("GT-7-2h", 600 * K, TRAFFIC)
    if competent:
        check_authority(position, [helmet], IND, d(on))
        return
    with pytest.raises(RuleViolation) as caught:
        check_authority(position, [helmet], IND, d(on))
    assert caught.value.code == "authority_unknown" and POSITIONS[position] in caught.value.message
