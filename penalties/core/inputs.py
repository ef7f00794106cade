"""What every request must be before a view sees it: ids the database can hold, text it can store, dates it can
count with, JSON of a sane size and depth. One place for every route, pages and API alike (DEVELOPERS: bad input
gets a clear error, never a 500).
"""

import re
from datetime import date

from flask import Flask, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, ValidationError

# Ids are INTEGER columns: PostgreSQL's integer holds up to 2³¹ − 1 (SQLite more, but the same rows).
ID_MAX = 2**31 - 1
# Dates a person may type: none before 1900 (no record, decision or birth date we handle is older) and none
# after 2999 (date arithmetic on them must not leave the calendar: date.max is 9999-12-31).
DAY_MIN, DAY_MAX = date(1900, 1, 1), date(2999, 12, 31)
# A JSON body of the API: the largest we accept (a case with its violations is a few kB) and how deep it may nest
# (our deepest body nests 4 levels); deeper bodies would exhaust the parser's stack.
JSON_MAX_BYTES = 1024 * 1024
JSON_MAX_DEPTH = 32

# NUL and the other C0 controls but tab, line feed and carriage return; and lone UTF-16 surrogates, which no
# UTF-8 text contains (PostgreSQL refuses NUL in text; neither database can encode a surrogate).
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
TEXT_RULE = _l("Chứa ký tự không hợp lệ (ký tự điều khiển như NUL, hoặc mã Unicode hỏng).")
DAY_RULE = _l("Ngày phải trong khoảng 01/01/1900 – 31/12/2999.")


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a positive id the database can hold; anything larger is simply not found (404)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):
        super().__init__(map, fixed_digits, 1 if min is None else min, ID_MAX if max is None else max, signed)

    def to_python(self, value: str) -> int:
        try:
            return super().to_python(value)
        except ValidationError:
            # Not "try the next rule": that would answer 405 where a route of another method has the same path.
            raise NotFound() from None


def id_schema(converter: IdConverter) -> dict:
    """Return the OpenAPI schema of an id path parameter."""
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}


def text_problem(value: str) -> str | None:
    """Return why a text cannot be stored (a control character, a lone surrogate), or None when it can."""
    if isinstance(value, str) and _BAD_TEXT.search(value):
        return str(TEXT_RULE)
    return None


def day_problem(value: date) -> str | None:
    """Return why a date is refused (outside 1900–2999), or None."""
    if DAY_MIN <= value <= DAY_MAX:
        return None
    return str(DAY_RULE)


def json_depth(data: bytes, limit: int) -> int:
    """Return how deep a JSON text nests, counted up to `limit + 1` (brackets inside strings do not count)."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return 0  # cannot nest deeper than it has brackets
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class InputError(Exception):
    """A request refused at the edge: status, code, message and the field at fault."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def check_request() -> None:
    """Refuse a request whose path, query string or JSON body cannot be handled safely (before every view)."""
    for name, value in (request.view_args or {}).items():
        if problem := text_problem(value):
            raise InputError(404, "not_found", problem, name)
    for name, value in request.args.items(multi=True):
        if problem := text_problem(name) or text_problem(value):
            raise InputError(422, "invalid_text", problem, name)
    if request.is_json and request.method not in ("GET", "HEAD", "OPTIONS"):
        _check_json_body()


def _check_json_body() -> None:
    length = request.content_length
    if length is not None and length > JSON_MAX_BYTES:
        raise InputError(413, "payload_too_large", _("Nội dung JSON quá lớn: tối đa 1 MB."))
    data = request.get_data(cache=True)
    if len(data) > JSON_MAX_BYTES:
        raise InputError(413, "payload_too_large", _("Nội dung JSON quá lớn: tối đa 1 MB."))
    if json_depth(data, JSON_MAX_DEPTH) > JSON_MAX_DEPTH:
        message = _("Nội dung JSON lồng nhau quá sâu: tối đa %(n)d cấp.", n=JSON_MAX_DEPTH)
        raise InputError(400, "malformed_json", message)


def init_inputs(app: Flask) -> None:
    """Install the id converter (before any route is added) and the request check."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(check_request)
