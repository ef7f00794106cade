"""The administrative map by date (SPEC v2 §0): which unit is in force on a day, its parent as on that day, and
which unit carries on the cases and decisions of a unit that ended.

Pure rules over anything shaped like a unit (`level`, `valid_from`, `valid_to`, `parent`, `successors`); the
caller loads the units.
"""

from datetime import date
from typing import Protocol

from penalties.law.errors import RuleViolation

# Two-level local government: districts (quận, huyện, thị xã) cease on 01/07/2025 and the province's communes
# and wards sit directly under it (Law on the Organisation of Local Government 72/2025/QH15 Art. 2 and 54;
# Resolution 202/2025/QH15).
TWO_LEVELS_FROM = date(2025, 7, 1)
TWO_LEVELS_BASIS = "Điều 2 Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết số 202/2025/QH15"
# A successor carries on what the ended unit had begun, its chairman holding the authority the law gave the
# ended unit's chairman (Law 88/2025/QH15 Art. 3).
CARRY_ON_BASIS = "Điều 3 Luật số 88/2025/QH15"


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class UnitLike(Protocol):
    name: str
    level: str
    valid_from: date | None
    valid_to: date | None
    parent: "UnitLike | None"
    successors: list


def within(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    """Return whether the day lies in [valid_from, valid_to], an open end reaching since ever or for ever."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def in_force(unit: UnitLike, day: date) -> bool:
    """Return whether the unit exists on the day (its dates, open by default); no district from 01/07/2025."""
    if unit.level == "district" and day >= TWO_LEVELS_FROM:
        return False
    return within(unit.valid_from, unit.valid_to, day)


def check_in_force(unit: UnitLike, day: date, field: str = "unit") -> None:
    """Refuse a record or a decision of a unit not in force on its day (422 unit_not_in_force)."""
    if in_force(unit, day):
        return
    if unit.level == "district" and day >= TWO_LEVELS_FROM:
        reason, basis = "các quận, huyện không còn từ ngày 01/7/2025", TWO_LEVELS_BASIS
    elif unit.valid_from is not None and day < unit.valid_from:
        reason, basis = f"đơn vị có hiệu lực từ ngày {_dmy(unit.valid_from)}", TWO_LEVELS_BASIS
    else:
        reason = f"đơn vị đã hết hiệu lực sau ngày {_dmy(unit.valid_to)} và không có đơn vị kế thừa đang hoạt động"
        basis = CARRY_ON_BASIS
    raise RuleViolation(
        "unit_not_in_force", f"{unit.name} không hoạt động vào ngày {_dmy(day)}: {reason}.", basis, field=field
    )


def parent_on(unit: UnitLike, day: date) -> UnitLike | None:
    """Return the unit's direct superior as on the day: the nearest ancestor in force then (Decree 30/2020 App. I:
    a document names the issuing body and the body directly above it)."""
    node = unit.parent
    while node is not None and not in_force(node, day):
        node = node.parent
    return node


def chain_on(unit: UnitLike, day: date) -> list[UnitLike]:
    """Return the unit and its superiors as on the day, lowest first: an address written from 01/07/2025 names
    no district."""
    chain, node = [unit], parent_on(unit, day)
    while node is not None:
        chain.append(node)
        node = parent_on(node, day)
    return chain


def carrying_unit(unit: UnitLike, day: date, location: UnitLike | None = None) -> UnitLike:
    """Return the unit that acts on the day for what `unit` began: itself while in force, else its successor that
    holds the location (the location itself or the successor it lies under), else the first successor listed
    (the one that took the whole or most of the territory), followed on while that one ended too. A unit that
    ended without a successor is returned as it is: the caller's check_in_force names it."""
    seen = set()
    while not in_force(unit, day) and unit.successors and id(unit) not in seen:
        seen.add(id(unit))
        unit = _holding(unit.successors, location, day) or unit.successors[0]
    return unit


def _holding(successors: list, location: UnitLike | None, day: date) -> UnitLike | None:
    if location is None:
        return None
    ancestors = [id(u) for u in chain_on(location, day)] if in_force(location, day) else [id(location)]
    return next((s for s in successors if id(s) in ancestors), None)
