"""States of cases and decisions and the transitions the law allows, as a table (SPEC §1; Law Art. 65, 74).

Statuses that depend on today's date (overdue, expired) are derived when read, never stored.
"""

from datetime import date

from penalties.law.errors import RuleViolation

CASE_TRANSITIONS = {
    "recorded": frozenset({"decided", "dismissed"}),
    "decided": frozenset(),
    "dismissed": frozenset(),
}
# Law Art. 65(1): no decision is made when the limitation expired, there was no violation, the
# violator is unknown, has died or (an organisation) has been dissolved, or the case is transferred.
DISMISSAL_REASONS = {
    "limitation_expired": "Hết thời hiệu hoặc hết thời hạn ra quyết định xử phạt (điểm c khoản 1 Điều 65)",
    "no_violation": "Không có vi phạm hành chính (Điều 65)",
    "violator_unknown": "Không xác định được đối tượng vi phạm hành chính (Điều 65)",
    "violator_dead": "Cá nhân vi phạm đã chết, mất tích; tổ chức vi phạm đã giải thể, phá sản (Điều 65)",
    "transferred": "Chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm (Điều 62, 65)",
    "exempt": "Trường hợp không xử phạt vi phạm hành chính theo Điều 11 (Điều 65)",
}
DISMISSAL_ARTICLE = "Điều 65 Luật Xử lý vi phạm hành chính (sửa đổi, bổ sung năm 2020)"


def check_case_transition(current: str, target: str) -> None:
    """Refuse a case transition the table does not allow (a decided or dismissed case is closed)."""
    if target not in CASE_TRANSITIONS.get(current, frozenset()):
        raise RuleViolation(
            "case_closed" if current != "recorded" else "transition_not_allowed",
            f"Vụ việc đang ở trạng thái '{current}', không thể chuyển sang '{target}'.",
            DISMISSAL_ARTICLE,
        )


def decision_status(
    *,
    delivered: bool,
    fine_total: int,
    outstanding: int,
    on: date,
    payment_due: date | None,
    execution_expires: date,
    annulled: bool = False,
) -> str:
    """Derive a sanction decision's status on a day (SPEC §1: derived when read, never swept by a job).

    Postponement, installments and enforcement are added with the payment rules (SPEC §6b).
    """
    if annulled:
        return "annulled"
    if fine_total == 0:  # a warning is executed once delivered (Law Art. 22)
        return "closed" if delivered else "issued"
    if outstanding <= 0:
        return "paid"
    if on > execution_expires:
        return "expired"  # Law Art. 74: one year from the decision
    if not delivered:
        return "issued"
    if payment_due is not None and on > payment_due:
        return "overdue"
    return "delivered"
