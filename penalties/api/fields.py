"""Marshmallow fields with our messages, and the split of API.md: wrong type → 400, bad value → 422."""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from penalties.core.inputs import day_problem, text_problem


def N_(message: str) -> str:
    """Mark a message for translation; it is translated when the error is answered."""
    return message


TYPE_ERRORS = {
    "int": N_("Phải là một số nguyên."),
    "str": N_("Phải là một chuỗi ký tự."),
    "bool": N_("Phải là true hoặc false."),
    "date": N_("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
    "datetime": N_("Thời điểm không hợp lệ (ISO 8601, ví dụ 2026-03-02T09:30:00+07:00)."),
    "list": N_("Phải là một danh sách."),
    "object": N_("Phải là một đối tượng JSON."),
}
REQUIRED = N_("Trường này là bắt buộc.")
NOT_NULL = N_("Trường này không được để trống (null).")
_COMMON = {"required": REQUIRED, "null": NOT_NULL, "validator_failed": N_("Giá trị không hợp lệ.")}


def is_type_error(message: str) -> bool:
    """Return whether a field message says the value had the wrong JSON type."""
    return message in TYPE_ERRORS.values()


class Int(fields.Integer):
    default_error_messages = {**_COMMON, "invalid": TYPE_ERRORS["int"], "too_large": N_("Số quá lớn.")}

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)


class Str(fields.String):
    """A text the databases can store: no NUL or other control character, no lone surrogate (core.inputs)."""

    default_error_messages = {**_COMMON, "invalid": TYPE_ERRORS["str"], "invalid_utf8": TYPE_ERRORS["str"]}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if problem := text_problem(text):
            raise ValidationError(problem)
        return text


class Bool(fields.Boolean):
    default_error_messages = {**_COMMON, "invalid": TYPE_ERRORS["bool"]}

    def __init__(self, **kwargs):
        super().__init__(truthy={True}, falsy={False}, **kwargs)


class Day(fields.Date):
    """A date between 1900 and 2999 (core.inputs): nothing we count with lies outside."""

    default_error_messages = {**_COMMON, "invalid": TYPE_ERRORS["date"], "format": TYPE_ERRORS["date"]}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if problem := day_problem(day):
            raise ValidationError(problem)
        return day


class Moment(fields.AwareDateTime):
    """ISO 8601 moment; without an offset it means Asia/Ho_Chi_Minh (API.md, Conventions)."""

    default_error_messages = {
        **_COMMON,
        "invalid": TYPE_ERRORS["datetime"],
        "invalid_awareness": TYPE_ERRORS["datetime"],
        "format": TYPE_ERRORS["datetime"],
    }

    def __init__(self, **kwargs):
        from zoneinfo import ZoneInfo

        super().__init__(default_timezone=ZoneInfo("Asia/Ho_Chi_Minh"), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        if problem := day_problem(moment.date()):
            raise ValidationError(problem)
        return moment


class List(fields.List):
    default_error_messages = {**_COMMON, "invalid": TYPE_ERRORS["list"]}


class Nested(fields.Nested):
    default_error_messages = {**_COMMON, "type": TYPE_ERRORS["object"]}


def length(maximum: int, minimum: int = 1):
    """Between minimum and maximum characters (after the JSON is read)."""
    return validate.Length(min=minimum, max=maximum, error=N_("Độ dài phải từ {min} đến {max} ký tự."))


def not_negative():
    return validate.Range(min=0, max=10**15, error=N_("Phải là số không âm, tối đa {max}."))


class In(Schema):
    """Base of request bodies: unknown keys are ignored, the body must be a JSON object."""

    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": TYPE_ERRORS["object"]}
