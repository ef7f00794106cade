"""Sign-in and user forms."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField

from penalties.auth.operations import UserInput
from penalties.core.forms import DayField, Form, max_length, optional, required
from penalties.law.positions import POSITIONS

ROLE_LABELS = {
    "officer": _l("Cán bộ lập biên bản"),
    "legal": _l("Pháp chế / người có thẩm quyền"),
    "board": _l("Ban chỉ đạo chương trình"),
    "admin": _l("Quản trị hệ thống"),
}


class LoginForm(Form):
    username = StringField(_l("Tên đăng nhập"), validators=[required(), max_length(64)])
    password = PasswordField(_l("Mật khẩu"), validators=[required(), max_length(256)])


class UserForm(Form):
    username = StringField(_l("Tên đăng nhập"), validators=[required(), max_length(64)])
    full_name = StringField(_l("Họ và tên"), validators=[required(), max_length(200)])
    role = SelectField(_l("Vai trò"), choices=list(ROLE_LABELS.items()), validators=[required()])
    unit = SelectField(_l("Đơn vị"), choices=[], validate_choice=False, validators=[optional()])
    position = SelectField(
        _l("Chức danh có thẩm quyền xử phạt"),
        choices=[("", _l("— Không —")), *POSITIONS.items()],
        validators=[optional()],
    )
    title = StringField(_l("Chức vụ in dưới chữ ký"), validators=[optional(), max_length(100)])
    delegation_number = StringField(_l("Số quyết định giao quyền"), validators=[optional(), max_length(64)])
    delegation_on = DayField(_l("Ngày quyết định giao quyền"), validators=[optional()])
    password = PasswordField(_l("Mật khẩu"), validators=[optional(), max_length(256)])

    def to_input(self) -> UserInput:
        return UserInput(
            username=self.username.data or "",
            role=self.role.data,
            unit_code=self.unit.data or None,
            full_name=(self.full_name.data or "").strip(),
            position=self.position.data or None,
            title=(self.title.data or "").strip() or None,
            delegation_number=(self.delegation_number.data or "").strip() or None,
            delegation_on=self.delegation_on.data,
        )


class PasswordForm(Form):
    password = PasswordField(_l("Mật khẩu mới"), validators=[required(), max_length(256)])
