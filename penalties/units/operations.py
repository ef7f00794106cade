"""Use-cases of units: create, update, deactivate."""

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.core.audit import act_as
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.units.models import LEVELS, Unit

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
    return unit


def update_unit(unit: Unit, data: UnitInput, *, actor) -> Unit:
    """Change a unit's name, level, parent and Treasury account (the code stays)."""
    act_as(db.session, actor)
    if not (data.name or "").strip():
        raise RuleViolation("name_required", _("Tên đơn vị là bắt buộc."), field="name")
    _apply(unit, data, _parent(data, unit))
    db.session.flush()
    return unit


def set_unit_active(unit: Unit, active: bool, *, actor) -> None:
    """Deactivate (or reactivate) a unit; it stays in the records that name it."""
    act_as(db.session, actor)
    unit.active = active
    db.session.flush()
