"""The administrative map by date (SPEC v2 §0): in force, the parent as on a day, who carries on an ended unit."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.law import territory
from penalties.law.errors import RuleViolation

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@dataclass(eq=False)
class U:
    name: str
    level: str = "commune"
    parent: "U | None" = None
    valid_from: date | None = None
    valid_to: date | None = None
    successors: list = field(default_factory=list)


def hanoi():
    """Resolution 1656/NQ-UBTVQH15 in small: two former wards of Tây Hồ district and the wards after 01/07/2025."""
    hn = U("Thành phố Hà Nội", "province")
    th = U("Quận Tây Hồ", "district", hn, valid_to=BEFORE)
    tay_ho = U("Phường Tây Hồ", parent=hn, valid_from=AFTER)
    hong_ha = U("Phường Hồng Hà", parent=hn, valid_from=AFTER)
    buoi = U("Phường Bưởi", parent=th, valid_to=BEFORE, successors=[tay_ho])
    nhat_tan = U("Phường Nhật Tân", parent=th, valid_to=BEFORE, successors=[hong_ha, tay_ho])
    th.successors = [tay_ho, hong_ha]
    return hn, th, tay_ho, hong_ha, buoi, nhat_tan


def test_in_force_by_its_dates_and_open_by_default():
    hn, th, tay_ho, _, buoi, _ = hanoi()
    assert territory.in_force(hn, date(2000, 1, 1)) and territory.in_force(hn, date(2999, 1, 1))
    assert territory.in_force(buoi, BEFORE) and not territory.in_force(buoi, AFTER)
    assert not territory.in_force(tay_ho, BEFORE) and territory.in_force(tay_ho, AFTER)
    assert territory.in_force(th, BEFORE) and not territory.in_force(th, AFTER)


def test_no_district_from_the_first_of_july_2025_whatever_its_data_say():
    open_district = U("Quận Tây Hồ", "district")  # a database whose district was never ended
    assert territory.in_force(open_district, BEFORE)
    assert not territory.in_force(open_district, AFTER)
    with pytest.raises(RuleViolation) as err:
        territory.check_in_force(open_district, date(2026, 3, 2))
    assert err.value.code == "unit_not_in_force" and "72/2025/QH15" in err.value.article


def test_the_parent_as_on_the_day():
    hn, th, _, _, buoi, _ = hanoi()
    assert territory.parent_on(buoi, date(2025, 6, 20)) is th  # a 2025 decision: "UBND QUẬN TÂY HỒ"
    assert territory.parent_on(buoi, AFTER) is hn  # from 01/07/2025 the ward's superior is the city
    ward = U("Phường Phú Thượng", parent=U("Quận Tây Hồ", "district", hn))  # an un-migrated database
    assert territory.parent_on(ward, date(2026, 3, 2)) is hn
    assert [u.name for u in territory.chain_on(ward, date(2026, 3, 2))] == ["Phường Phú Thượng", "Thành phố Hà Nội"]
    assert [u.name for u in territory.chain_on(ward, BEFORE)] == [
        "Phường Phú Thượng",
        "Quận Tây Hồ",
        "Thành phố Hà Nội",
    ]


def test_the_successor_carries_on():
    _, th, tay_ho, hong_ha, buoi, nhat_tan = hanoi()
    assert territory.carrying_unit(buoi, BEFORE) is buoi
    assert territory.carrying_unit(buoi, AFTER) is tay_ho
    assert territory.carrying_unit(nhat_tan, AFTER) is hong_ha  # the first listed takes most of the territory
    assert territory.carrying_unit(nhat_tan, AFTER, location=tay_ho) is tay_ho  # the one that holds the location
    assert territory.carrying_unit(th, AFTER) is tay_ho


def test_a_chain_of_successors_and_an_end_without_one():
    hn = U("Tỉnh A", "province")
    first = U("Xã A", parent=hn, valid_to=date(2020, 12, 31))
    second = U("Xã B", parent=hn, valid_from=date(2021, 1, 1), valid_to=BEFORE)
    third = U("Xã C", parent=hn, valid_from=AFTER)
    first.successors, second.successors = [second], [third]
    assert territory.carrying_unit(first, date(2026, 1, 5)) is third
    assert territory.carrying_unit(first, date(2024, 1, 5)) is second
    lonely = U("Xã D", parent=hn, valid_to=BEFORE)
    assert territory.carrying_unit(lonely, AFTER) is lonely
    with pytest.raises(RuleViolation) as err:
        territory.check_in_force(lonely, AFTER, "issued_on")
    assert err.value.code == "unit_not_in_force" and err.value.field == "issued_on"
    assert "30/06/2025" in err.value.message and "88/2025" in err.value.article
    with pytest.raises(RuleViolation) as err:
        territory.check_in_force(third, BEFORE)
    assert "01/07/2025" in err.value.message


days = st.dates(date(2022, 1, 1), date(2028, 12, 31))


@given(days, st.one_of(st.none(), days), st.integers(0, 800))
def test_in_force_is_the_closed_interval(day, start, length):
    end = None if start is None else start + timedelta(days=length)
    unit = U("Xã", valid_from=start, valid_to=end)
    expected = (start is None or start <= day) and (end is None or day <= end)
    assert territory.in_force(unit, day) == expected


@given(days)
def test_no_document_names_a_district_from_the_first_of_july_2025(day):
    hn, _, tay_ho, _, buoi, nhat_tan = hanoi()
    for unit in (tay_ho, buoi, nhat_tan):
        levels = [u.level for u in territory.chain_on(unit, day)[1:]]
        assert ("district" in levels) == (day < AFTER and unit is not tay_ho)
        carrier = territory.carrying_unit(unit, day)
        assert territory.in_force(carrier, day) or carrier is tay_ho  # Tây Hồ itself before it began
