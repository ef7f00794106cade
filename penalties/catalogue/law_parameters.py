"""The numbers of the law the system applies (law.parameters), as people read them: each version with its day of
effect, its legal reference and whether SPEC confirmed it ([U]: kept as data so it can be corrected)."""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from penalties.core.formatting import money
from penalties.law.parameters import PARAMETERS, ByParty, CircumstanceRule, Period, Unit

# How a count reads, by a word of the parameter's name (the first that matches).
SUFFIXES = (
    ("_working_days", "{} ngày làm việc"),
    ("_days", "{} ngày"),
    ("_months", "{} tháng"),
    ("_years", "{} năm"),
    ("_below_age", "dưới {} tuổi"),
    ("_multiplier", "gấp {} lần"),
)
UNITS = {Unit.DAYS: "ngày", Unit.WORKING_DAYS: "ngày làm việc", Unit.MONTHS: "tháng", Unit.YEARS: "năm"}
WORDS = {
    CircumstanceRule.ORIGINAL: "một tình tiết: nửa khung [tối thiểu, trung bình] hoặc [trung bình, tối đa]",
    CircumstanceRule.STRICT: "một tình tiết: giữa mức trung bình và mức tối thiểu / tối đa (không bằng)",
    "abolished": "bãi bỏ (chính quyền địa phương hai cấp)",
    "per_sector_decree": "theo nghị định xử phạt của từng lĩnh vực",
}


def _share(value: Fraction) -> str:
    percent = value * 100
    text = f"{float(percent):.4f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"


def reading(name: str, value) -> str:
    """Return a parameter's value as a sentence fragment: '7 ngày làm việc', '0,05%', '15.000.000 đ (cá nhân)…'."""
    if isinstance(value, str):  # CircumstanceRule too (a StrEnum)
        return WORDS.get(value, str(value))
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        for word, text in SUFFIXES:
            if f"{word}_" in f"{name}_":  # record_due_working_days_complex: working days
                return text.format(value)
        return money(value) if value >= 1000 else str(value)
    if isinstance(value, Fraction):
        return _share(value)
    if isinstance(value, Period):
        return f"{value.count} {UNITS[value.unit]}"
    if isinstance(value, ByParty):
        return f"cá nhân {money(value.individual)}; tổ chức {money(value.organization)}"
    if isinstance(value, tuple) and len(value) == 2:  # a signer's authority: a share of the maximum, and a cap
        share, cap = value
        text = f"{_share(share)} mức phạt tối đa của lĩnh vực"
        return text + (f", không quá {money(cap)}" if cap is not None else "")
    return str(value)


@dataclass(frozen=True)
class Row:
    name: str
    description: str
    valid_from: date
    value: str
    reference: str
    confirmed: bool
    in_force: bool


def rows(today: date) -> list[Row]:
    """Return every version of every parameter, the one in force today marked."""
    result = []
    for parameter in PARAMETERS.values():
        current = max(
            (v for v in parameter.versions if v.valid_from <= today), key=lambda v: v.valid_from, default=None
        )
        for version in parameter.versions:
            result.append(
                Row(
                    parameter.name,
                    parameter.description,
                    version.valid_from,
                    reading(parameter.name, version.value),
                    version.reference,
                    version.confirmed,
                    version is current,
                )
            )
    return result
