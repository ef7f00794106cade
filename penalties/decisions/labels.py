"""How decision statuses read on pages."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "issued": _l("Đã ban hành, chưa giao"),
    "delivered": _l("Đã giao, trong thời hạn nộp phạt"),
    "partially_paid": _l("Đã nộp một phần"),
    "paid": _l("Đã nộp đủ"),
    "overdue": _l("Quá hạn nộp phạt"),
    "postponed": _l("Được hoãn thi hành"),
    "installments": _l("Nộp phạt nhiều lần"),
    "enforced": _l("Bị cưỡng chế"),
    "annulled": _l("Đã bị hủy bỏ"),
    "expired": _l("Hết thời hiệu thi hành"),
    "closed": _l("Đã thi hành xong"),
}
