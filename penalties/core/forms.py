"""Form base: Vietnamese messages (WTForms ships none), validators that name the rule."""

from datetime import date, datetime

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, validators
from wtforms.widgets import TextInput

from penalties.core.inputs import day_problem, text_problem

# WTForms' own English messages, in Vietnamese; English stays as WTForms writes it.
WTFORMS_VI = {
    "This field is required.": "Trường này là bắt buộc.",
    "Not a valid integer value.": "Phải là một số nguyên.",
    "Not a valid decimal value.": "Phải là một số.",
    "Not a valid float value.": "Phải là một số.",
    "Not a valid date value.": "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).",
    "Not a valid datetime value.": "Thời điểm không hợp lệ.",
    "Not a valid time value.": "Giờ không hợp lệ.",
    "Not a valid choice.": "Lựa chọn không hợp lệ.",
    "Invalid Choice: could not coerce.": "Lựa chọn không hợp lệ.",
    "Choices cannot be None.": "Không có lựa chọn nào.",
    "'%(value)s' is not a valid choice for this field.": "'%(value)s' không phải là lựa chọn hợp lệ.",
    "'%(value)s' are not valid choices for this field.": "'%(value)s' không phải là lựa chọn hợp lệ.",
    "Invalid input.": "Giá trị không hợp lệ.",
    "Invalid value, must be one of: %(values)s.": "Giá trị phải là một trong: %(values)s.",
    "The CSRF token is missing.": "Thiếu mã bảo vệ biểu mẫu (CSRF). Vui lòng tải lại trang.",
    "The CSRF token is invalid.": "Mã bảo vệ biểu mẫu (CSRF) không hợp lệ. Vui lòng tải lại trang.",
    "The CSRF token has expired.": "Mã bảo vệ biểu mẫu (CSRF) đã hết hạn. Vui lòng tải lại trang.",
    "CSRF failed.": "Kiểm tra CSRF thất bại.",
}


class _Messages:
    """WTForms translations object: Vietnamese for the vi locale."""

    def gettext(self, string: str) -> str:
        return WTFORMS_VI.get(string, string) if str(get_locale() or "vi") == "vi" else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    """Base of every form of the application: text it can store and dates it can count with (core.inputs)."""

    class Meta:
        def get_translations(self, form):
            return _Messages()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if problem := _edge_problem(field):
                field.errors = [*field.errors, problem]
                valid = False
        return valid


def _edge_problem(field) -> str | None:
    """Return why a field's value cannot be kept: bad characters in what was typed, a date outside 1900–2999."""
    for raw in getattr(field, "raw_data", None) or []:
        if problem := text_problem(raw):
            return problem
    value = field.data
    if isinstance(value, datetime):
        return day_problem(value.date())
    if isinstance(value, date):
        return day_problem(value)
    return None


class DayField(DateField):
    """A date typed as dd/mm/yyyy (the Vietnamese way), whatever the browser's language."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, format=["%d/%m/%Y", "%Y-%m-%d"], **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d/%m/%Y") if self.data else ""


class ConfirmForm(Form):
    """An empty form: its CSRF token guards a one-button action."""


def required():
    """A value must be given."""
    return validators.InputRequired(message=_l("Trường này là bắt buộc."))


def max_length(n: int):
    """At most n characters."""
    return validators.Length(max=n, message=_l("Tối đa %(max)d ký tự.", max=n))


def optional():
    return validators.Optional()


def apply_rule_error(form: FlaskForm, err) -> None:
    """Show a refused rule beside the field it names, or above the form."""
    message = f"{err.message} ({err.article})" if getattr(err, "article", "") else err.message
    field = getattr(form, err.field, None) if getattr(err, "field", None) else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
    else:
        form.form_errors.append(message)
