"""Who may sign what: the fine authority of each position (SPEC §4; Law Art. 52, 54; Decree 189/2025).

A position may fine an individual up to a share of the sector maximum (Law Art. 24), sometimes capped;
an organisation's limit is twice the individual one (Law Art. 52(1)). Authority is judged against the
maximum of each act's range for the party, never against the amount chosen (Law Art. 52(2)), for every
act of the decision. The shares and caps are the dated parameters `authority_<position>` of
`penalties.law.parameters`, read in the version in force on the DECISION date (SPEC §0): Law 67/2020
Art. 38–39 until 2025-06-30, Decree 189/2025 from 2025-07-01, when the district level was abolished.
A deputy signs with the principal's authority under a delegation decision (Law Art. 54): the caller
passes the principal's position; the signature reads "KT." and the grounds cite the delegation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from penalties.law.circumstances import format_dong
from penalties.law.errors import RuleViolation
from penalties.law.fines import PARTY_LABEL
from penalties.law.parameters import D118, LAW_2020, Party, Version, parameter, reference, value_on
from penalties.law.positions import POSITIONS

__all__ = [
    "ABOLISHED",
    "PER_SECTOR_DECREE",
    "Limit",
    "check_authority",
    "delegation_ground",
    "parameter_name",
    "position_limit",
    "signature_prefix",
]

# Values of an authority parameter that are not (share, cap): the sector decree alone gives the amount
# (no general rule to compute), or the title no longer exists.
PER_SECTOR_DECREE = "per_sector_decree"
ABOLISHED = "abolished"

MULTIPLIER = "authority_organization_multiplier"
DELEGATION_ARTICLE = f"Điều 54 {LAW_2020}; Điều 10 {D118}"
SIGNATURE_PREFIX = "KT."


@dataclass(frozen=True)
class Limit:
    """The most a position may fine one act of the party, and why (Law Art. 52; SPEC §4).

    `confirmed` is False when the limit rests on a value SPEC marks [U].
    """

    amount: int
    basis: str
    article: str
    confirmed: bool = True


def parameter_name(position: str) -> str:
    """Return the name of the parameter holding a position's share and cap."""
    return f"authority_{position}"


def _title(position: str) -> str:
    """Return the Vietnamese title of a position code."""
    return POSITIONS[position]


def _require_position(position: str | None) -> str:
    """Refuse a signer without a sanctioning position, or with a code the law does not know."""
    if not position:
        raise RuleViolation(
            "no_authority",
            "Người ký không có chức danh có thẩm quyền xử phạt vi phạm hành chính: "
            "quyết định phải do người có thẩm quyền hoặc cấp phó được giao quyền ký.",
            "Điều 52 và Điều 54 " + LAW_2020,
            "position",
        )
    if position not in POSITIONS:
        raise RuleViolation(
            "no_authority",
            f"Chức danh «{position}» không thuộc các chức danh có thẩm quyền xử phạt vi phạm hành chính.",
            "Điều 52 " + LAW_2020,
            "position",
        )
    return position


def _version(position: str | None, on: date) -> tuple[str, Version]:
    """Return the position and its authority version in force on the decision date, refusing abolished titles."""
    position = _require_position(position)
    version = parameter(parameter_name(position)).version_on(on)
    if version.value == ABOLISHED:
        raise RuleViolation(
            "position_abolished",
            f"Từ ngày {version.valid_from:%d/%m/%Y} chức danh {_title(position)} không còn thẩm quyền xử phạt "
            f"vi phạm hành chính (đã tổ chức chính quyền địa phương hai cấp); quyết định ngày {on:%d/%m/%Y} "
            f"phải do {_title('chu_tich_ubnd_xa')} hoặc người có thẩm quyền khác ký.",
            version.reference,
            "position",
        )
    return position, version


def _percent(share: Fraction) -> str:
    """Write a share as a Vietnamese percentage: 1/2 → "50 %", 1/40 → "2,5 %"."""
    percent = share * 100
    text = str(percent.numerator) if percent.denominator == 1 else f"{float(percent):g}".replace(".", ",")
    return f"{text} %"


def position_limit(position: str | None, sector_max_individual: int, party: str, on: date) -> Limit:
    """Return the most the position may fine one act of the party on the decision date (Law Art. 52; SPEC §4).

    Individual: share × the sector maximum for individuals, at most the cap; organisation: twice that.
    """
    if not isinstance(sector_max_individual, int) or sector_max_individual <= 0:
        raise ValueError("sector_max_individual must be a positive number of đồng")
    party = Party(party)
    position, version = _version(position, on)
    if version.value == PER_SECTOR_DECREE:
        raise RuleViolation(
            "authority_unknown",
            f"Vào ngày {on:%d/%m/%Y}, mức phạt tiền mà {_title(position)} được áp dụng do nghị định xử phạt "
            "vi phạm hành chính của từng lĩnh vực quy định, không tính được theo một tỷ lệ chung: hệ thống "
            "không tự xác định. Đề nghị đối chiếu nghị định của lĩnh vực, hoặc chuyển hồ sơ đến Chủ tịch "
            "Ủy ban nhân dân có thẩm quyền.",
            version.reference,
            "position",
        )
    share, cap = version.value
    computed = math.floor(share * sector_max_individual)  # "đến" a share: never above it
    amount = computed if cap is None else min(computed, cap)
    basis = (
        f"{_title(position)}: {_percent(share)} mức phạt tối đa của lĩnh vực "
        f"({format_dong(sector_max_individual)}) = {format_dong(computed)}"
    )
    if cap is not None:
        basis += f", nhưng không quá {format_dong(cap)}"
        if computed > cap:
            basis += f" → {format_dong(amount)}"
    basis += f" ({version.reference})"
    article = version.reference
    if party is Party.ORGANIZATION:
        multiplier = value_on(MULTIPLIER, on)
        amount *= multiplier
        basis += f"; đối với tổ chức gấp {multiplier:02d} lần: {format_dong(amount)} ({reference(MULTIPLIER, on)})"
        article = f"{reference(MULTIPLIER, on)}; {article}"
    return Limit(amount=amount, basis=basis, article=article, confirmed=version.confirmed)


def check_authority(
    position: str | None,
    acts: Iterable[tuple[str, int, int]],
    party: str,
    on: date,
    delegated: bool = False,
) -> None:
    """Refuse a decision whose signer may not fine some act up to the maximum of its range (Law Art. 52, 54).

    acts: (act code, maximum of the act's range for the party, sector maximum for individuals), one per
    act of the decision. A deputy signing "KT." (delegated) holds the principal's authority: position is
    the principal's. Nothing is returned; every act within the limit means the signer is competent.
    """
    party = Party(party)
    position, version = _version(position, on)  # no position, unknown or abolished: refused even without acts
    refused: list[tuple[str, int, Limit]] = []
    for code, act_max, sector_max in acts:
        if not isinstance(act_max, int) or act_max < 0:
            raise ValueError(f"{code}: the maximum of the act's range must be a non-negative number of đồng")
        limit = position_limit(position, sector_max, party, on)
        if act_max > limit.amount:
            refused.append((code, act_max, limit))
    if not refused:
        return
    signer = _title(position)
    if delegated:
        signer = f"Cấp phó được giao quyền ({SIGNATURE_PREFIX} {signer})"
    details = "; ".join(
        f"hành vi {code} có mức tối đa của khung tiền phạt đối với {PARTY_LABEL[party]} là {format_dong(act_max)}, "
        f"vượt thẩm quyền phạt tiền {format_dong(limit.amount)} [{limit.basis}]"
        for code, act_max, limit in refused
    )
    article = f"{reference(MULTIPLIER, on)}; {version.reference}"
    if delegated:
        article += f"; {DELEGATION_ARTICLE}"
    raise RuleViolation(
        "authority_exceeded",
        f"{signer} không có thẩm quyền ra quyết định: {details}. Thẩm quyền được xác định theo mức tối đa "
        "của khung tiền phạt của từng hành vi, không theo mức phạt áp dụng; chuyển hồ sơ đến người có thẩm quyền.",
        article,
    )


def signature_prefix(delegated: bool) -> str:
    """Return "KT." before the principal's title when a deputy signs with delegated authority (Law Art. 54)."""
    return SIGNATURE_PREFIX if delegated else ""


def delegation_ground(number: str, on: date) -> str:
    """Return the ground citing the delegation decision a deputy signs under (Law Art. 54; D118 Art. 10)."""
    if not (number or "").strip() or on is None:
        raise RuleViolation(
            "delegation_incomplete",
            "Quyết định giao quyền xử phạt phải có cả số và ngày.",
            DELEGATION_ARTICLE,
            "delegation",
        )
    return f"Quyết định giao quyền số {number.strip()} ngày {on:%d/%m/%Y}"
