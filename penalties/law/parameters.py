"""The numbers of the law as dated parameters (SPEC §0; STYLE "The law as code", after OpenFisca).

One entry per parameter; each version carries the day it takes effect and its legal reference, and
`value_on(name, day)` answers with the version in force on that day. A new decree is a new version
here plus a test, never a hunt through the code. Versions start on 2022-01-01 (Law 67/2020 and
Decree 118/2021 in force): older cases are past every limitation period (SPEC §0).
Versions marked `confirmed=False` are the [U] values of SPEC: kept as data so they can be corrected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from penalties.law.errors import RuleViolation

START = date(2022, 1, 1)

LAW = "Luật Xử lý vi phạm hành chính"
LAW_2020 = f"{LAW} (sửa đổi, bổ sung năm 2020)"
LAW_2025 = f"{LAW} (sửa đổi, bổ sung năm 2020 và năm 2025)"
D118 = "Nghị định 118/2021/NĐ-CP"
D118_68 = f"{D118} (sửa đổi, bổ sung bởi Nghị định 68/2025/NĐ-CP)"
COMPLAINTS = "Luật Khiếu nại 2011"
COMPLAINTS_2025 = "Luật Khiếu nại (sửa đổi, bổ sung bởi Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP)"


class Party(StrEnum):
    """Who is sanctioned: Law Art. 24(2) sets an organisation's fine apart from an individual's."""

    INDIVIDUAL = "individual"
    ORGANIZATION = "organization"


class CircumstanceRule(StrEnum):
    """Which text of Decree 118 Art. 9(1) turns one circumstance into an amount (SPEC §3.3)."""

    # 2022-01-01 → 2025-05-01: one circumstance allows the closed half [min, avg] or [avg, max].
    ORIGINAL = "d118_2021"
    # From 2025-05-02 (Decree 68/2025): one circumstance → strictly between the bound and avg.
    STRICT = "d68_2025"


class Unit(StrEnum):
    """How a period is counted (SPEC §2: calendar days unless the rule says working days)."""

    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class Period:
    """A length of time with its unit, for rules whose unit changes between versions."""

    count: int
    unit: Unit


@dataclass(frozen=True)
class ByParty:
    """One amount for individuals and one for organisations (Law Art. 24(2))."""

    individual: int
    organization: int

    def for_party(self, party: str) -> int:
        """Return the amount for party ("individual" or "organization")."""
        return self.individual if Party(party) is Party.INDIVIDUAL else self.organization


@dataclass(frozen=True)
class Version:
    """One value of a parameter, in force from `valid_from` until the next version."""

    valid_from: date
    value: object
    reference: str
    confirmed: bool = True


@dataclass(frozen=True)
class Parameter:
    """A named number of the law and its versions, oldest first."""

    name: str
    description: str
    versions: tuple[Version, ...]

    def version_on(self, day: date) -> Version:
        """Return the version in force on day; refuse a day before the first version (SPEC §0)."""
        in_force = [v for v in self.versions if v.valid_from <= day]
        if not in_force:
            first = self.versions[0].valid_from
            raise RuleViolation(
                "rule_not_in_force",
                f"Quy định «{self.description}» chưa có hiệu lực vào ngày {day:%d/%m/%Y} "
                f"(hệ thống áp dụng từ ngày {first:%d/%m/%Y}).",
                self.versions[0].reference,
            )
        return in_force[-1]


def _p(name: str, description: str, *versions: tuple) -> tuple[str, Parameter]:
    """Build one registry entry from (valid_from, value, reference[, confirmed]) tuples."""
    built = tuple(sorted((Version(*v) for v in versions), key=lambda v: v.valid_from))
    return name, Parameter(name, description, built)


_JULY_2025 = date(2025, 7, 1)

PARAMETERS: Mapping[str, Parameter] = MappingProxyType(
    dict(
        [
            # Deadlines of the procedure (SPEC §2).
            _p("record_due_working_days", "thời hạn lập biên bản", (START, 2, f"Điều 12 khoản 2 {D118}")),
            _p(
                "record_due_working_days_complex",
                "thời hạn lập biên bản đối với vụ việc phức tạp",
                (START, 5, f"Điều 12 khoản 2 {D118}"),
            ),
            _p(
                "decision_due_working_days", "thời hạn ra quyết định xử phạt", (START, 7, f"Điều 66 khoản 1 {LAW_2020}")
            ),
            _p(
                "decision_due_months_explanation",
                "thời hạn ra quyết định xử phạt khi có giải trình hoặc xác minh",
                (START, 1, f"Điều 66 khoản 1 {LAW_2020}"),
            ),
            _p(
                "decision_due_months_very_complex",
                "thời hạn ra quyết định xử phạt đối với vụ việc đặc biệt nghiêm trọng, phức tạp",
                (START, 2, f"Điều 66 khoản 1 {LAW_2020}"),
            ),
            _p(
                "delivery_due_working_days",
                "thời hạn giao quyết định xử phạt",
                (START, 2, f"Điều 70 {LAW_2020}"),
                (_JULY_2025, 3, f"Điều 70 {LAW_2025}", False),
            ),
            _p("payment_period_days", "thời hạn nộp tiền phạt", (START, 10, f"Điều 73 khoản 1 {LAW_2020}")),
            _p("late_fee_rate_per_day", "tỷ lệ tiền chậm nộp phạt", (START, Fraction(5, 10000), f"Điều 78 {LAW_2020}")),
            _p(
                "execution_limitation_years", "thời hiệu thi hành quyết định xử phạt", (START, 1, f"Điều 74 {LAW_2020}")
            ),
            _p("correction_years", "thời hạn đính chính, sửa đổi, bổ sung quyết định", (START, 1, f"Điều 15 {D118}")),
            # Complaints and lawsuits (SPEC §2).
            _p("complaint_filing_days", "thời hiệu khiếu nại", (START, 90, f"Điều 9 {COMPLAINTS}")),
            _p(
                "complaint_acceptance_period",
                "thời hạn thụ lý khiếu nại",
                (START, Period(10, Unit.DAYS), f"Điều 27 {COMPLAINTS}"),
                (date(2026, 7, 1), Period(7, Unit.WORKING_DAYS), COMPLAINTS_2025),
            ),
            _p(
                "complaint_resolution_days",
                "thời hạn giải quyết khiếu nại lần đầu",
                (START, 30, f"Điều 28 {COMPLAINTS}"),
            ),
            _p(
                "complaint_resolution_days_complex",
                "thời hạn giải quyết khiếu nại lần đầu (vụ việc phức tạp hoặc vùng sâu, vùng xa)",
                (START, 45, f"Điều 28 {COMPLAINTS}"),
            ),
            _p(
                "complaint_resolution_days_complex_remote",
                "thời hạn giải quyết khiếu nại lần đầu (vụ việc phức tạp ở vùng sâu, vùng xa)",
                (START, 60, f"Điều 28 {COMPLAINTS}"),
            ),
            _p(
                "second_complaint_filing_days",
                "thời hạn khiếu nại lần hai",
                (START, 30, f"Điều 33 {COMPLAINTS}"),
            ),
            _p(
                "second_complaint_filing_days_remote",
                "thời hạn khiếu nại lần hai (vùng sâu, vùng xa)",
                (START, 45, f"Điều 33 {COMPLAINTS}"),
            ),
            _p(
                "second_complaint_resolution_days",
                "thời hạn giải quyết khiếu nại lần hai",
                (START, 45, f"Điều 37 {COMPLAINTS}"),
            ),
            _p(
                "second_complaint_resolution_days_complex",
                "thời hạn giải quyết khiếu nại lần hai (vụ việc phức tạp hoặc vùng sâu, vùng xa)",
                (START, 60, f"Điều 37 {COMPLAINTS}"),
            ),
            _p(
                "second_complaint_resolution_days_complex_remote",
                "thời hạn giải quyết khiếu nại lần hai (vụ việc phức tạp ở vùng sâu, vùng xa)",
                (START, 70, f"Điều 37 {COMPLAINTS}"),
            ),
            _p("lawsuit_years", "thời hiệu khởi kiện", (START, 1, "Điều 116 Luật Tố tụng hành chính 2015")),
            # An indicative court time limit (general cases; extendable), not a rule the unit enforces [U].
            _p(
                "lawsuit_preparation_months",
                "thời hạn chuẩn bị xét xử vụ án hành chính",
                (START, 4, "Điều 130 Luật Tố tụng hành chính 2015", False),
            ),
            # Payment relief (SPEC §6b).
            _p(
                "installment_min_fine",
                "mức phạt tối thiểu để nộp tiền phạt nhiều lần",
                (START, ByParty(15_000_000, 150_000_000), f"Điều 79 khoản 1 {LAW_2020}"),
            ),
            _p("installment_max_payments", "số lần nộp phạt tối đa", (START, 3, f"Điều 79 khoản 2 {LAW_2020}")),
            _p(
                "installment_first_share_min",
                "tỷ lệ tối thiểu của lần nộp đầu",
                (START, Fraction(40, 100), f"Điều 79 khoản 2 {LAW_2020}"),
            ),
            _p("installment_max_months", "thời hạn nộp phạt nhiều lần", (START, 6, f"Điều 79 khoản 2 {LAW_2020}")),
            _p(
                "postponement_min_fine",
                "mức phạt tối thiểu để hoãn thi hành quyết định phạt tiền",
                (START, ByParty(2_000_000, 100_000_000), f"Điều 76 khoản 1 {LAW_2020}"),
            ),
            _p("postponement_max_months", "thời hạn hoãn tối đa", (START, 3, f"Điều 76 khoản 2 {LAW_2020}")),
            # Determining the fine (SPEC §3, §5, §5b).
            _p(
                "organization_fine_multiplier",
                "mức phạt tiền đối với tổ chức so với cá nhân",
                (START, 2, f"Điều 24 khoản 2 {LAW_2020}"),
            ),
            _p(
                "circumstance_rule",
                "cách xác định mức phạt khi có tình tiết giảm nhẹ, tăng nặng",
                (START, CircumstanceRule.ORIGINAL, f"Điều 9 khoản 1 {D118}"),
                (date(2025, 5, 2), CircumstanceRule.STRICT, f"Điều 9 khoản 1 {D118_68}"),
            ),
            _p("minor_no_sanction_below_age", "tuổi chịu xử phạt", (START, 14, f"Điều 5 khoản 1 {LAW_2020}")),
            _p(
                "minor_warning_only_below_age",
                "tuổi chỉ bị cảnh cáo",
                (START, 16, f"Điều 5 khoản 1 điểm a và Điều 134 {LAW_2020}"),
            ),
            _p("minor_reduced_fine_below_age", "tuổi được giảm mức phạt", (START, 18, f"Điều 134 {LAW_2020}")),
            _p(
                "minor_fine_share",
                "tỷ lệ mức phạt đối với người chưa thành niên",
                (START, Fraction(1, 2), f"Điều 134 {LAW_2020}"),
            ),
            _p(
                "right_to_explain_min_fine_max",
                "mức tối đa của khung tiền phạt làm phát sinh quyền giải trình",
                (START, ByParty(15_000_000, 30_000_000), f"Điều 61 khoản 1 {LAW_2020}"),
            ),
            _p(
                "explanation_written_working_days",
                "thời hạn giải trình bằng văn bản",
                (START, 5, f"Điều 61 khoản 2 {LAW_2020}", False),
            ),
            _p(
                "explanation_hearing_request_working_days",
                "thời hạn yêu cầu giải trình trực tiếp",
                (START, 2, f"Điều 61 khoản 3 {LAW_2020}", False),
            ),
            _p(
                "simplified_procedure_max_fine",
                "mức phạt tối đa xử phạt không lập biên bản",
                (START, ByParty(250_000, 500_000), f"Điều 56 khoản 1 {LAW_2020}"),
                (_JULY_2025, ByParty(500_000, 1_000_000), f"Điều 56 khoản 1 {LAW_2025}"),
            ),
            _p(
                "deemed_never_sanctioned_months_after_warning",
                "thời hạn được coi là chưa bị xử phạt sau khi bị cảnh cáo",
                (START, 6, f"Điều 7 {LAW_2020}"),
            ),
            _p(
                "deemed_never_sanctioned_years",
                "thời hạn được coi là chưa bị xử phạt sau hình thức xử phạt khác",
                (START, 1, f"Điều 7 {LAW_2020}"),
            ),
            # Sanctioning authority (SPEC §4; penalties.law.authority), by the decision date. One entry per
            # position of penalties.law.positions, named authority_<position>; its value is
            # (share of the sector maximum for individuals, cap in đồng or None), or "per_sector_decree"
            # where only the sector decree gives the amount, or "abolished" once the title is gone.
            _p(
                "authority_organization_multiplier",
                "thẩm quyền phạt tiền đối với tổ chức so với cá nhân",
                (START, 2, f"Điều 52 {LAW_2020}"),
                (_JULY_2025, 2, f"Điều 52 {LAW_2025}"),
            ),
            _p(
                "authority_chu_tich_ubnd_xa",
                "thẩm quyền phạt tiền của Chủ tịch Ủy ban nhân dân cấp xã",
                (START, (Fraction(10, 100), 5_000_000), f"Điều 38 khoản 1 {LAW_2020}"),
                (_JULY_2025, (Fraction(50, 100), None), "Điều 5 khoản 1 Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_chu_tich_ubnd_huyen",
                "thẩm quyền phạt tiền của Chủ tịch Ủy ban nhân dân cấp huyện",
                (START, (Fraction(50, 100), 50_000_000), f"Điều 38 khoản 2 {LAW_2020}"),
                (_JULY_2025, "abolished", "Điều 3 Luật 88/2025/QH15; Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_chu_tich_ubnd_tinh",
                "thẩm quyền phạt tiền của Chủ tịch Ủy ban nhân dân cấp tỉnh",
                (START, (Fraction(100, 100), None), f"Điều 38 khoản 3 {LAW_2020}"),
                (_JULY_2025, (Fraction(100, 100), None), "Điều 5 khoản 2 Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_giam_doc_so",
                "thẩm quyền phạt tiền của Giám đốc Sở",
                (START, "per_sector_decree", f"{LAW_2020} và nghị định xử phạt vi phạm hành chính của lĩnh vực", False),
                (_JULY_2025, (Fraction(80, 100), None), f"Điều 37a khoản 2 {LAW_2025}; Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_truong_cong_an_xa",
                "thẩm quyền phạt tiền của Trưởng Công an cấp xã",
                (
                    START,
                    "per_sector_decree",
                    f"Điều 39 {LAW_2020} và nghị định xử phạt vi phạm hành chính của lĩnh vực",
                    False,
                ),
                (_JULY_2025, (Fraction(50, 100), None), "Điều 8 khoản 4 Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_chien_si_cand",
                "thẩm quyền phạt tiền của Chiến sĩ Công an nhân dân",
                (START, (Fraction(1, 100), 500_000), f"Điều 39 khoản 1 {LAW_2020}", False),
                (_JULY_2025, (Fraction(10, 100), None), "Điều 8 khoản 1 Nghị định 189/2025/NĐ-CP"),
            ),
            # The police titles of Decree 189/2025 Art. 8 (SPEC v2 §4; law-research §4.4): shares confirmed by
            # the press reports of the decree, the clause of each not read [U]; before 2025-07-01 each title's
            # amount was in the sector decrees.
            _p(
                "authority_truong_don_cand",
                "thẩm quyền phạt tiền của Trưởng đồn Công an, Trạm trưởng, Đội trưởng",
                (START, "per_sector_decree", f"Điều 39 {LAW_2020} và nghị định xử phạt của lĩnh vực", False),
                (_JULY_2025, (Fraction(30, 100), None), "Điều 8 Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_truong_phong_cong_an_tinh",
                "thẩm quyền phạt tiền của Trưởng phòng nghiệp vụ Công an cấp tỉnh",
                (START, "per_sector_decree", f"Điều 39 {LAW_2020} và nghị định xử phạt của lĩnh vực", False),
                (_JULY_2025, (Fraction(80, 100), None), "Điều 8 Nghị định 189/2025/NĐ-CP"),
            ),
            _p(
                "authority_giam_doc_cong_an_tinh",
                "thẩm quyền phạt tiền của Giám đốc Công an cấp tỉnh",
                (START, "per_sector_decree", f"Điều 39 {LAW_2020} và nghị định xử phạt của lĩnh vực", False),
                (_JULY_2025, (Fraction(100, 100), None), "Điều 8 Nghị định 189/2025/NĐ-CP"),
            ),
            # SPEC v2 §4 [U]: the provincial chief inspector signs at the sector decrees' amounts until Decree
            # 311/2026 (amending Decree 189/2025) groups the title with the directors of departments, 80 %.
            _p(
                "authority_chanh_thanh_tra_tinh",
                "thẩm quyền phạt tiền của Chánh Thanh tra tỉnh",
                (START, "per_sector_decree", f"Điều 46 {LAW_2020} và nghị định xử phạt của lĩnh vực", False),
                (
                    _JULY_2025,
                    "per_sector_decree",
                    f"Điều 37a {LAW_2025}; Nghị định 189/2025/NĐ-CP và nghị định xử phạt của lĩnh vực",
                    False,
                ),
                (
                    date(2026, 9, 26),
                    (Fraction(80, 100), None),
                    f"Điều 37a {LAW_2025}; Nghị định 311/2026/NĐ-CP sửa đổi, bổ sung Nghị định 189/2025/NĐ-CP",
                    False,
                ),
            ),
        ]
    )
)


def parameter(name: str) -> Parameter:
    """Return the parameter called name; an unknown name is a programming error (KeyError)."""
    return PARAMETERS[name]


def value_on(name: str, day: date) -> Any:
    """Return the value of parameter name in force on day (SPEC §0)."""
    return parameter(name).version_on(day).value


def reference(name: str, day: date) -> str:
    """Return the legal reference of the version of parameter name in force on day."""
    return parameter(name).version_on(day).reference
