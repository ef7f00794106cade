"""Use-cases of the calendar: declare a swap day, withdraw it."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.catalogue.models import HolidayOverride
from penalties.core.audit import act_as
from penalties.core.text import nfc
from penalties.extensions import db
from penalties.law.errors import RuleViolation


def declare_override(day: date, working: bool, name: str, *, actor) -> HolidayOverride:
    """Declare a weekday off or a weekend day worked, as the Government announces each year."""
    act_as(db.session, actor)
    if not nfc(name):
        raise RuleViolation("name_required", _("Hãy ghi căn cứ (ví dụ: Thông báo của Bộ Nội vụ)."), field="name")
    if db.session.scalar(sa.select(HolidayOverride.id).where(HolidayOverride.day == day)) is not None:
        raise RuleViolation("day_taken", _("Ngày này đã được khai báo."), field="day")
    if working and day.weekday() < 5:
        raise RuleViolation("not_a_weekend", _("Chỉ khai báo làm bù cho thứ Bảy hoặc Chủ nhật."), field="day")
    row = HolidayOverride(day=day, working=working, name=nfc(name))
    db.session.add(row)
    db.session.flush()
    return row


def withdraw_override(row: HolidayOverride, *, actor) -> None:
    """Remove a swap day declared by mistake (the audit trail keeps what it was)."""
    act_as(db.session, actor)
    db.session.delete(row)
    db.session.flush()
