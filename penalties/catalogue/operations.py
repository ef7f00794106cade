"""Use-cases of the reference data: sectors and catalogue acts (SPEC §3, §5)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.catalogue.models import Act, Sector
from penalties.core.audit import act_as
from penalties.core.text import fold, nfc
from penalties.extensions import db
from penalties.law.errors import RuleViolation

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
# Versions of the law before 2022-01-01 are past every limitation period (SPEC §0).
EARLIEST = date(2022, 1, 1)
MAX_AMOUNT = 10**15


@dataclass
class ActInput:
    code: str
    sector: str
    legal_basis: str
    description: str
    fine_min: int
    fine_max: int
    org_fine_min: int | None = None
    org_fine_max: int | None = None
    warning_allowed: bool = False
    additional_sanctions: list[str] = field(default_factory=list)
    remedial_measures: list[str] = field(default_factory=list)
    valid_from: date | None = None
    valid_to: date | None = None
    limitation_years: int | None = None  # None: the sector's (Law Art. 6(1))


@dataclass
class SectorInput:
    code: str
    name: str
    limitation_years: int
    max_fine_individual: int
    max_fine_organisation: int | None = None


def _sector(code: str) -> Sector:
    sector = db.session.scalar(sa.select(Sector).where(Sector.code == code))
    if sector is None or not sector.active:
        raise RuleViolation("sector_unknown", _("Không có lĩnh vực mã %(c)s.", c=code), field="sector")
    return sector


def _check_amount(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise RuleViolation("amount_invalid", _("Số tiền phải là số nguyên đồng, không âm."), field=name)


def _ranges(data: ActInput) -> tuple[int, int, int, int]:
    for name in ("fine_min", "fine_max", "org_fine_min", "org_fine_max"):
        _check_amount(name, getattr(data, name))
    # Law Art. 24(2): an organisation's fine is twice an individual's, unless the decree prints both.
    org_min = data.org_fine_min if data.org_fine_min is not None else 2 * data.fine_min
    org_max = data.org_fine_max if data.org_fine_max is not None else 2 * data.fine_max
    if data.fine_min > data.fine_max:
        raise RuleViolation(
            "fine_range_invalid", _("Mức phạt tối thiểu lớn hơn mức tối đa."), "Điều 23, 24 Luật XLVPHC", "fine_min"
        )
    if org_min > org_max:
        raise RuleViolation(
            "fine_range_invalid",
            _("Mức phạt tối thiểu đối với tổ chức lớn hơn mức tối đa."),
            "Điều 23, 24 Luật XLVPHC",
            "org_fine_min",
        )
    return data.fine_min, data.fine_max, org_min, org_max


def _validity(data: ActInput) -> tuple[date, date | None]:
    start = data.valid_from or EARLIEST
    if data.valid_to is not None and data.valid_to < start:
        raise RuleViolation("validity_invalid", _("Ngày hết hiệu lực trước ngày có hiệu lực."), field="valid_to")
    return start, data.valid_to


def _texts(items: list[str]) -> list[str]:
    return [nfc(x) for x in items or [] if nfc(x)]


def _fill_act(act: Act, data: ActInput) -> Act:
    act.sector = _sector(data.sector)
    act.fine_min, act.fine_max, act.org_fine_min, act.org_fine_max = _ranges(data)
    act.valid_from, act.valid_to = _validity(data)
    act.legal_basis, act.description = nfc(data.legal_basis), nfc(data.description)
    if not act.legal_basis:
        raise RuleViolation("legal_basis_required", _("Căn cứ pháp lý là bắt buộc."), field="legal_basis")
    if not act.description:
        raise RuleViolation("description_required", _("Mô tả hành vi là bắt buộc."), field="description")
    act.warning_allowed = bool(data.warning_allowed)
    if data.limitation_years not in (None, 1, 2):
        raise RuleViolation(
            "limitation_invalid", _("Thời hiệu xử phạt là 1 hoặc 2 năm."), "Điều 6 Luật XLVPHC", "limitation_years"
        )
    act.limitation_years = data.limitation_years
    act.additional_sanctions = _texts(data.additional_sanctions)
    act.remedial_measures = _texts(data.remedial_measures)
    act.search_folded = fold(f"{act.code} {act.legal_basis} {act.description}")
    return act


def _overlapping(code: str, start: date, end: date | None, exclude_id: int | None) -> bool:
    query = sa.select(Act.id).where(Act.code == code, sa.or_(Act.valid_to.is_(None), Act.valid_to >= start))
    if end is not None:
        query = query.where(Act.valid_from <= end)
    if exclude_id is not None:
        query = query.where(Act.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def _close_previous_version(code: str, start: date) -> None:
    """End the open-ended version of `code` that began before `start` on the day before it.

    A new decree replaces the old text from its effective date (SPEC §0): giving the same code with a
    later `valid_from` is how a new version is added, so the previous one stops the day before.
    """
    previous = db.session.scalar(
        sa.select(Act)
        .where(Act.code == code, Act.valid_to.is_(None), Act.valid_from < start)
        .order_by(Act.valid_from.desc())
        .limit(1)
    )
    if previous is not None:
        previous.valid_to = start - timedelta(days=1)


def create_act(data: ActInput, *, actor) -> Act:
    """Add a version of an act to the catalogue; versions of one code may not overlap in time.

    A later `valid_from` for an existing code closes the open-ended previous version the day before.
    """
    act_as(db.session, actor)
    code = (data.code or "").strip()
    if not CODE.match(code):
        raise RuleViolation(
            "code_invalid", _("Mã hành vi gồm 1–40 ký tự không dấu: chữ, số, dấu chấm, gạch."), field="code"
        )
    act = _fill_act(Act(code=code), data)
    _close_previous_version(code, act.valid_from)
    if _overlapping(code, act.valid_from, act.valid_to, None):
        raise RuleViolation(
            "act_version_overlap",
            _("Mã %(c)s đã có một phiên bản hiệu lực trong khoảng thời gian này.", c=code),
            field="valid_from",
        )
    db.session.add(act)
    db.session.flush()
    return act


def update_act(act: Act, data: ActInput, *, actor) -> Act:
    """Change a catalogue act (for a change of the law, add a new version instead)."""
    act_as(db.session, actor)
    _fill_act(act, data)
    if _overlapping(act.code, act.valid_from, act.valid_to, act.id):
        raise RuleViolation(
            "act_version_overlap",
            _("Mã %(c)s đã có một phiên bản hiệu lực trong khoảng thời gian này.", c=act.code),
            field="valid_from",
        )
    db.session.flush()
    return act


def set_act_active(act: Act, active: bool, *, actor) -> None:
    """Withdraw (or restore) an act: it is no longer offered for new cases."""
    act_as(db.session, actor)
    act.active = active
    db.session.flush()


def _fill_sector(sector: Sector, data: SectorInput) -> Sector:
    if not nfc(data.name):
        raise RuleViolation("name_required", _("Tên lĩnh vực là bắt buộc."), field="name")
    if data.limitation_years not in (1, 2):
        raise RuleViolation(
            "limitation_invalid", _("Thời hiệu xử phạt là 1 hoặc 2 năm."), "Điều 6 Luật XLVPHC", "limitation_years"
        )
    for name in ("max_fine_individual", "max_fine_organisation"):
        _check_amount(name, getattr(data, name))
    if not data.max_fine_individual:
        raise RuleViolation("amount_invalid", _("Mức phạt tối đa phải lớn hơn 0."), field="max_fine_individual")
    sector.name, sector.limitation_years = nfc(data.name), data.limitation_years
    sector.max_fine_individual = data.max_fine_individual
    sector.max_fine_organisation = data.max_fine_organisation or None
    return sector


def create_sector(data: SectorInput, *, actor) -> Sector:
    """Add a sector with its limitation period and maximum fine (Law Art. 6, 24)."""
    act_as(db.session, actor)
    code = (data.code or "").strip()
    if not re.match(r"^[a-z][a-z0-9_]{1,39}$", code):
        raise RuleViolation("code_invalid", _("Mã lĩnh vực: chữ thường không dấu, số, gạch dưới."), field="code")
    if db.session.scalar(sa.select(Sector.id).where(Sector.code == code)) is not None:
        raise RuleViolation("code_taken", _("Mã lĩnh vực %(c)s đã tồn tại.", c=code), field="code")
    sector = _fill_sector(Sector(code=code), data)
    db.session.add(sector)
    db.session.flush()
    return sector


def update_sector(sector: Sector, data: SectorInput, *, actor) -> Sector:
    """Change a sector's name, limitation period or maximum fine."""
    act_as(db.session, actor)
    _fill_sector(sector, data)
    db.session.flush()
    return sector


def set_sector_active(sector: Sector, active: bool, *, actor) -> None:
    """Withdraw (or restore) a sector."""
    act_as(db.session, actor)
    sector.active = active
    db.session.flush()
