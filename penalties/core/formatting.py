"""Display formats: money '5.000.000 đ', dates 'dd/mm/yyyy', moments in Asia/Ho_Chi_Minh."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from flask_babel import get_locale

LEGAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def money(amount: int | None) -> str:
    """Return an amount of đồng for display: 5.000.000 đ (vi) or 5,000,000 VND (en)."""
    if amount is None:
        return ""
    locale = str(get_locale() or "vi")
    if locale == "en":
        return f"{format_decimal(amount, locale='en')} VND"
    return f"{format_decimal(amount, locale='vi')} đ"


def day(value: date | None) -> str:
    """Return a date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


def moment(value: datetime | None) -> str:
    """Return a moment in Vietnam's time as dd/mm/yyyy HH:MM."""
    if value is None:
        return ""
    return value.astimezone(LEGAL_TZ).strftime("%d/%m/%Y %H:%M")


def local_today(now: datetime) -> date:
    """Return the legal day (Asia/Ho_Chi_Minh) of a moment."""
    return now.astimezone(LEGAL_TZ).date()


def official_date(day: date) -> str:
    """Return 'ngày 04 tháng 3 năm 2026': a leading 0 for days below 10 and months 1–2 only (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
