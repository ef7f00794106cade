"""The navigation bar of each role: links shown only when the permission behind them is held."""

from flask_babel import lazy_gettext as _l

from penalties.auth.permissions import Permission, acting_user

LINKS = (
    ("home.index", _l("Trang chủ"), None),
    ("cases.index", _l("Biên bản"), Permission.VIEW_CASES),
    ("cases.new", _l("Lập biên bản"), Permission.RECORD_CASE),
    ("cases.deadlines", _l("Thời hạn"), Permission.RECORD_CASE),
    ("payments.overdue", _l("Quá hạn nộp phạt"), Permission.VIEW_DECISIONS),
    ("appeals.index", _l("Khiếu nại"), Permission.VIEW_DECISIONS),
    ("reports.dashboard", _l("Thống kê"), Permission.VIEW_REPORTS),
    ("units.index", _l("Đơn vị"), Permission.MANAGE_UNITS),
    ("auth.users", _l("Người dùng"), Permission.MANAGE_USERS),
    ("catalogue.sectors", _l("Lĩnh vực"), Permission.MANAGE_CATALOGUE),
    ("catalogue.acts", _l("Danh mục hành vi"), Permission.VIEW_REFERENCE),
    ("workdays.index", _l("Lịch làm việc"), Permission.MANAGE_CATALOGUE),
    ("audit.index", _l("Nhật ký"), Permission.MANAGE_USERS),
)


def navigation() -> list[tuple[str, str]]:
    """Return (endpoint, label) of the links the current user may follow."""
    user = acting_user()
    if user is None:
        return []
    return [(endpoint, label) for endpoint, label, perm in LINKS if perm is None or user.can(perm)]
