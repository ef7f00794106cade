"""Request parsing for the API: malformed JSON and wrong types → 400, invalid values → 422 (API.md)."""

from flask_babel import gettext as _
from webargs.flaskparser import FlaskParser, is_json_request

from penalties.api.fields import is_type_error
from penalties.core.errors import ApiError


def flatten(messages, prefix: str = "") -> dict[str, str]:
    """Return {'a.b': 'first message'} from marshmallow's nested message dict."""
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = prefix if key == "_schema" and prefix else (f"{prefix}.{key}" if prefix else str(key))
            flat.update(flatten(value, name))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        flat[prefix or "_body"] = messages[0]
    elif isinstance(messages, list):
        for item in messages:
            flat.update(flatten(item, prefix))
    elif isinstance(messages, str):
        flat[prefix or "_body"] = messages
    return flat


class ApiParser(FlaskParser):
    """webargs parser that answers in the error shape of API.md."""

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        messages = error.normalized_messages()
        # One location per schema: name the field itself ("from"), not "query.from".
        if (
            len(messages) == 1
            and next(iter(messages)) in ("json", "query", "form")
            and isinstance(next(iter(messages.values())), dict)
        ):
            messages = next(iter(messages.values()))
        flat = flatten(messages)
        wrong_type = any(is_type_error(m) for m in flat.values())
        fields = {k: _(m) for k, m in flat.items()}
        if wrong_type:
            raise ApiError(400, "invalid_type", _("Kiểu dữ liệu không đúng ở một số trường."), fields=fields)
        raise ApiError(422, "validation_error", _("Dữ liệu không hợp lệ ở một số trường."), fields=fields)

    def _raw_load_json(self, req):
        """The body of a write is a JSON object: none at all is 400, another media type 415 (API.md)."""
        data = req.get_data(cache=True)
        if not data.strip():
            raise ApiError(400, "malformed_json", _("Nội dung gửi lên trống: cần một đối tượng JSON."))
        if not is_json_request(req):
            message = _("Nội dung gửi lên phải là JSON (Content-Type: application/json).")
            raise ApiError(415, "unsupported_media_type", message)
        return super()._raw_load_json(req)

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        raise ApiError(400, "malformed_json", _("Nội dung gửi lên không phải JSON hợp lệ."))
