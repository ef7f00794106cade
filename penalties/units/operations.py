"""Use-cases of units: create, update, deactivate; each dated, with its successors (SPEC §0)."""

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.core.audit import act_as
from penalties.extensions import db
from penalties.law import territory
from penalties.law.errors import RuleViolation
from penalties.units.models import LEVELS, Unit, UnitSuccessor, unit_successors

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
# A unit sits below a unit of a higher level (two-level local government from 2025-07-01).
PARENT_LEVELS = {"province": (), "district": ("province",), "commune": ("district", "province")}


@dataclass
class UnitInput:
    code: str
    name: str
    level: str
    parent_code: str | None = None
    address: str | None = None
    treasury_account: str | None = None
    treasury_name: str | None = None
    treasury_bank_bin: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successors: list[str] = field(default_factory=list)
    successor_code: str | None = None  # API.md: a single successor is accepted as a one-item list


def _parent(data: UnitInput, unit: Unit | None) -> Unit | None:
    if data.level not in LEVELS:
        raise RuleViolation("level_unknown", _("Cấp đơn vị không hợp lệ: %(l)s.", l=data.level), field="level")
    if not data.parent_code:
        if data.level != "province":
            raise RuleViolation("parent_required", _("Đơn vị cấp dưới phải có đơn vị cấp trên."), field="parent_code")
        return None
    parent = db.session.scalar(sa.select(Unit).where(Unit.code == data.parent_code))
    if parent is None:
        raise RuleViolation(
            "parent_unknown", _("Không có đơn vị cấp trên mã %(c)s.", c=data.parent_code), field="parent_code"
        )
    if parent.level not in PARENT_LEVELS[data.level] or (unit is not None and parent.id == unit.id):
        raise RuleViolation("parent_level", _("Đơn vị cấp trên phải thuộc cấp cao hơn."), field="parent_code")
    return parent


def _apply(unit: Unit, data: UnitInput, parent: Unit | None) -> None:
    unit.name, unit.level, unit.parent = data.name.strip(), data.level, parent
    unit.address = (data.address or "").strip() or None
    unit.treasury_account = (data.treasury_account or "").strip() or None
    unit.treasury_name = (data.treasury_name or "").strip() or None
    bin_ = (data.treasury_bank_bin or "").strip()
    if bin_ and not (bin_.isdigit() and len(bin_) == 6):
        raise RuleViolation("bank_bin_invalid", _("Mã BIN ngân hàng gồm đúng 6 chữ số."), field="treasury_bank_bin")
    unit.treasury_bank_bin = bin_ or None
    _dates(unit, data)


def _dates(unit: Unit, data: UnitInput) -> None:
    if data.valid_from and data.valid_to and data.valid_from > data.valid_to:
        raise RuleViolation("date_order", _("Ngày hết hiệu lực không được trước ngày có hiệu lực."), field="valid_to")
    if data.level == "district" and data.valid_from and data.valid_from >= territory.TWO_LEVELS_FROM:
        raise RuleViolation(
            "district_abolished",
            _("Từ ngày 01/7/2025 không còn đơn vị hành chính cấp huyện."),
            territory.TWO_LEVELS_BASIS,
            field="level",
        )
    unit.valid_from, unit.valid_to = data.valid_from, data.valid_to


def _successors(unit: Unit, data: UnitInput) -> None:
    """Set the successors in the order given: each an existing other unit, none of which is succeeded by this one."""
    codes = [c.strip().upper() for c in [*(data.successors or []), data.successor_code or ""] if c and c.strip()]
    codes = list(dict.fromkeys(codes))
    if codes and data.valid_to is None:
        raise RuleViolation(
            "valid_to_required", _("Đơn vị có đơn vị kế thừa phải có ngày hết hiệu lực."), field="valid_to"
        )
    found = {u.code: u for u in db.session.scalars(sa.select(Unit).where(Unit.code.in_(codes)))} if codes else {}
    for code in codes:
        successor = found.get(code)
        if successor is None:
            raise RuleViolation("successor_unknown", _("Không có đơn vị kế thừa mã %(c)s.", c=code), field="successors")
        if successor.id == unit.id or unit.id in _succeeded_by(successor.id):
            raise RuleViolation(
                "successor_cycle",
                _("Đơn vị %(c)s không thể kế thừa %(u)s: vòng kế thừa.", c=code, u=unit.code),
                field="successors",
            )
        if successor.valid_from is not None and data.valid_to is not None and successor.valid_from <= data.valid_to:
            raise RuleViolation(
                "successor_dates",
                _("Đơn vị kế thừa %(c)s phải có hiệu lực sau ngày %(u)s hết hiệu lực.", c=code, u=unit.code),
                field="successors",
            )
    wanted = {found[c].id: i for i, c in enumerate(codes, 1)}
    links = {
        link.successor_id: link
        for link in db.session.scalars(sa.select(UnitSuccessor).where(UnitSuccessor.unit_id == unit.id))
    }
    for successor_id, link in links.items():
        if successor_id not in wanted:
            db.session.delete(link)
        elif link.position != wanted[successor_id]:
            link.position = wanted[successor_id]
    for successor_id, position in wanted.items():
        if successor_id not in links:
            db.session.add(UnitSuccessor(unit_id=unit.id, successor_id=successor_id, position=position))
    db.session.flush()
    db.session.expire(unit, ["successors"])


def _succeeded_by(unit_id: int) -> set[int]:
    """Return the ids of every unit that follows this one through successors."""
    chain = sa.select(unit_successors.c.successor_id.label("id")).where(unit_successors.c.unit_id == unit_id)
    chain = chain.cte("chain", recursive=True)
    chain = chain.union(sa.select(unit_successors.c.successor_id).join(chain, unit_successors.c.unit_id == chain.c.id))
    return set(db.session.scalars(sa.select(chain.c.id)))


def create_unit(data: UnitInput, *, actor) -> Unit:
    """Create a unit below its parent; refuse a taken or malformed code."""
    act_as(db.session, actor)
    code = (data.code or "").strip().upper()
    if not CODE.match(code):
        raise RuleViolation(
            "code_invalid", _("Mã đơn vị gồm 1–32 ký tự: chữ in hoa không dấu, số, dấu chấm, gạch."), field="code"
        )
    if not (data.name or "").strip():
        raise RuleViolation("name_required", _("Tên đơn vị là bắt buộc."), field="name")
    if db.session.scalar(sa.select(Unit.id).where(Unit.code == code)) is not None:
        raise RuleViolation("code_taken", _("Mã đơn vị %(c)s đã tồn tại.", c=code), field="code")
    unit = Unit(code=code)
    _apply(unit, data, _parent(data, None))
    db.session.add(unit)
    db.session.flush()
    _successors(unit, data)
    db.session.flush()
    return unit


def update_unit(unit: Unit, data: UnitInput, *, actor) -> Unit:
    """Change a unit's name, level, parent and Treasury account (the code stays)."""
    act_as(db.session, actor)
    if not (data.name or "").strip():
        raise RuleViolation("name_required", _("Tên đơn vị là bắt buộc."), field="name")
    _apply(unit, data, _parent(data, unit))
    db.session.flush()
    _successors(unit, data)
    db.session.flush()
    return unit


def set_unit_active(unit: Unit, active: bool, *, actor) -> None:
    """Deactivate (or reactivate) a unit; it stays in the records that name it."""
    act_as(db.session, actor)
    unit.active = active
    db.session.flush()
