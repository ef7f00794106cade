"""The Government's days off and swap days beyond the Labour Code's holidays (SPEC v2 §2), each with its
instrument. Public servants work on a declared Saturday and rest on the weekday it pays for; the calendar's table
(holiday_overrides, seeded from here by `flask seed reference`) wins over the `holidays` package.

Confirmed from two press sources each, the instruments' own texts not being at hand:
- New Year 2026: Fri 02/01 off, Sat 10/01 worked — Government Office letter 12729/VPCP-KGVX of 25/12/2025.
- National Day 2026: Mon 31/08 off, Sat 22/08 worked — the Prime Minister's agreement (Government Office letter of
  13/10/2025), announced by Ministry of Home Affairs notice 9441 of 16/10/2025.
Not confirmed, so not seeded [U]: Tết 2027 (no notice found), 24/11 as a public holiday (Politburo Resolution
80-NQ/TW of 07/01/2026 sets the policy; the Labour Code amendment of Art. 112(1) is still a draft — the `holidays`
package already counts it from 2026).
"""

from dataclasses import dataclass
from datetime import date

VPCP_2026_NEW_YEAR = "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
BNV_2026_NATIONAL_DAY = "Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ (theo ý kiến của Thủ tướng Chính phủ)"


@dataclass(frozen=True)
class OfficialDay:
    """A weekday given off (working False) or a weekend day worked (True), with the instrument that says so."""

    day: date
    working: bool
    source: str


OFFICIAL_DAYS = (
    OfficialDay(
        date(2026, 1, 2), False, f"Nghỉ Tết Dương lịch, hoán đổi với thứ Bảy 10/01/2026 — {VPCP_2026_NEW_YEAR}"
    ),
    OfficialDay(date(2026, 1, 10), True, f"Làm bù cho thứ Sáu 02/01/2026 — {VPCP_2026_NEW_YEAR}"),
    OfficialDay(date(2026, 8, 22), True, f"Làm bù cho thứ Hai 31/8/2026 — {BNV_2026_NATIONAL_DAY}"),
    OfficialDay(
        date(2026, 8, 31), False, f"Nghỉ lễ Quốc khánh, hoán đổi với thứ Bảy 22/8/2026 — {BNV_2026_NATIONAL_DAY}"
    ),
)
LABOUR_CODE_HOLIDAYS = "Điều 112 Bộ luật Lao động 2019"
CULTURE_DAY = (
    "Ngày Văn hóa Việt Nam 24/11: chủ trương tại Nghị quyết số 80-NQ/TW ngày 07/01/2026 của Bộ Chính trị; việc sửa "
    "khoản 1 Điều 112 Bộ luật Lao động chưa được xác nhận [U]"
)


def holiday_source(day: date) -> str:
    """Return what makes a public holiday of the `holidays` package one: the Labour Code, or for 24/11 the policy
    not yet confirmed in law."""
    if (day.month, day.day) == (11, 24) and day.year >= 2026:
        return CULTURE_DAY
    return LABOUR_CODE_HOLIDAYS
