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
CASE_STATUS_LABELS = {
    "recorded": "đã lập biên bản",
    "decided": "đã ra quyết định xử phạt",
    "dismissed": "đã kết thúc không ra quyết định xử phạt",
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
    "minor_not_sanctionable": (
        "Người vi phạm chưa đủ 14 tuổi, hoặc từ đủ 14 tuổi đến dưới 16 tuổi vi phạm không cố ý: không bị xử phạt "
        "(điểm a khoản 1 Điều 5, Điều 65)"
    ),
}
DISMISSAL_ARTICLE = "Điều 65 Luật Xử lý vi phạm hành chính (sửa đổi, bổ sung năm 2020)"


def check_case_transition(current: str, target: str) -> None:
    """Refuse a case transition the table does not allow (a decided or dismissed case is closed)."""
    if target not in CASE_TRANSITIONS.get(current, frozenset()):
        raise RuleViolation(
            "case_closed" if current != "recorded" else "transition_not_allowed",
            f"Vụ việc {CASE_STATUS_LABELS.get(current, current)}: không thể chuyển sang trạng thái "
            f"“{CASE_STATUS_LABELS.get(target, target)}”.",
            DISMISSAL_ARTICLE,
        )


# Law Art. 73–79, 86: a sanction decision's states (SPEC §1). Every state but `issued` is derived when
# read from the facts (delivery, payments, relief granted, enforcement, dates), never stored; the
# table says which change of derived status the lawful flow allows, whatever the order of the facts.
# A warning is executed once delivered (Law Art. 22): issued → closed. A fully paid fine ends the
# matter (paid; `closed` is kept for the archive). Annulment has no time limit (D118 Art. 15) and may
# follow payment (the money is returned), so it is reachable from every other state. A reversed payment
# is a correction, not a transition: it puts the decision back where it would have been.
DECISION_STATES = (
    "issued",
    "delivered",
    "partially_paid",
    "postponed",
    "installments",
    "overdue",
    "enforced",
    "paid",
    "closed",
    "expired",
    "annulled",
)
_ENDS = frozenset({"paid", "closed", "expired", "annulled"})  # closed: exempted (Art. 77)
DECISION_TRANSITIONS = {
    # Part of the fine may be paid the very day the decision is delivered.
    "issued": frozenset({"delivered", "partially_paid", "closed"}) | _ENDS,
    "delivered": frozenset({"partially_paid", "postponed", "installments", "overdue", "enforced"}) | _ENDS,
    "partially_paid": frozenset({"postponed", "installments", "overdue", "enforced"}) | _ENDS,
    # Law Art. 76: when the postponement ends the fine is owed again, on its new due date.
    "postponed": frozenset({"delivered", "partially_paid", "overdue"}) | _ENDS,
    # An installment missed makes the decision overdue; paying it up puts it back on schedule.
    "installments": frozenset({"overdue", "enforced"}) | _ENDS,
    # Law Art. 76 and 79 set no day by which relief must be asked for: it may follow the due date.
    "overdue": frozenset({"postponed", "installments", "enforced"}) | _ENDS,
    "enforced": _ENDS,
    "paid": frozenset({"closed", "annulled"}),
    "closed": frozenset({"annulled"}),
    "expired": frozenset({"annulled"}),
    "annulled": frozenset(),
}


def decision_status(
    *,
    delivered: bool,
    fine_total: int,
    outstanding: int,
    on: date,
    payment_due: date | None,
    execution_expires: date,
    annulled: bool = False,
    paid: int = 0,
    postponed: bool = False,
    installments: bool = False,
    enforced: bool = False,
    overdue: bool | None = None,
    remitted: bool = False,
) -> str:
    """Derive a sanction decision's status on a day (SPEC §1: derived when read, never swept by a job).

    Law Art. 74 (expired), 76 (postponed), 79 (installments), 86 (enforced). `overdue` defaults to
    "payment_due has passed"; with installments pass whether an installment is past due and unpaid.
    """
    if annulled:
        return "annulled"
    if fine_total == 0:  # a warning is executed once delivered (Law Art. 22)
        return "closed" if delivered else "issued"
    if outstanding <= 0:
        return "closed" if remitted else "paid"  # Law Art. 77: the rest exempted
    if on > execution_expires:
        return "expired"  # Law Art. 74: one year from the decision
    if not delivered:
        return "issued"
    if postponed:
        return "postponed"
    if enforced:
        return "enforced"
    if overdue is None:
        overdue = payment_due is not None and on > payment_due
    if overdue:
        return "overdue"
    if installments:
        return "installments"
    return "partially_paid" if paid > 0 else "delivered"
