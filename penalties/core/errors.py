"""Errors: pages in the user's language for people, the JSON shape of API.md for machines."""

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from penalties.law.errors import RuleViolation

log = logging.getLogger(__name__)

STATUS = {
    400: ("bad_request", _l("Yêu cầu không hợp lệ.")),
    401: ("unauthorized", _l("Cần đăng nhập, hoặc mã truy cập (token) hợp lệ và còn hạn.")),
    403: ("forbidden", _l("Bạn không có quyền thực hiện thao tác này.")),
    404: ("not_found", _l("Không tìm thấy trang hoặc đối tượng được yêu cầu.")),
    405: ("method_not_allowed", _l("Phương thức không được hỗ trợ cho địa chỉ này.")),
    409: ("conflict", _l("Thao tác xung đột với trạng thái hiện tại của dữ liệu.")),
    413: ("payload_too_large", _l("Dữ liệu gửi lên quá lớn.")),
    415: ("unsupported_media_type", _l("Kiểu dữ liệu gửi lên không được hỗ trợ.")),
    422: ("validation_error", _l("Dữ liệu không hợp lệ.")),
    429: ("rate_limited", _l("Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.")),
    500: ("internal_error", _l("Đã xảy ra lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên.")),
    503: ("busy", _l("Hệ thống đang bận. Vui lòng thử lại sau vài giây.")),
}
TITLES = {
    400: _l("Yêu cầu không hợp lệ"),
    401: _l("Cần đăng nhập"),
    403: _l("Không có quyền truy cập"),
    404: _l("Không tìm thấy"),
    405: _l("Phương thức không được hỗ trợ"),
    409: _l("Xung đột dữ liệu"),
    413: _l("Dữ liệu quá lớn"),
    415: _l("Kiểu dữ liệu không được hỗ trợ"),
    422: _l("Dữ liệu không hợp lệ"),
    429: _l("Quá nhiều yêu cầu"),
    500: _l("Lỗi hệ thống"),
    503: _l("Hệ thống đang bận"),
}


class ApiError(Exception):
    """An API refusal with its status, code, message, legal article and field errors."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        article: str = "",
        fields: dict | None = None,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.article, self.fields, self.retry_after = article, fields or {}, retry_after


# Broken rules answer 422, except these (API.md): authority is a permission matter, the rest state.
RULE_STATUS = {
    "authority_exceeded": 403,
    "decision_exists": 409,
    "username_taken": 409,
    "code_taken": 409,
    "act_version_overlap": 409,
    "case_closed": 409,
    "delivery_exists": 409,
    "duplicate_receipt": 409,
    "payment_reversed": 409,
    "payment_is_reversal": 409,
    "plan_exists": 409,
    "postponement_exists": 409,
    "nothing_overdue": 409,
    "nothing_owed": 409,
    "not_delivered": 409,
    "decision_annulled": 409,
    "execution_expired": 409,
    "execution_suspended": 409,
    "appeal_pending": 409,
    "appeal_resolved": 409,
    "already_suspended": 409,
    "no_authority": 403,
    "position_abolished": 403,
    "authority_unknown": 403,
}


def rule_status(err: RuleViolation) -> int:
    """Return the HTTP status of a broken rule: 403 for authority, 409 for state, else 422."""
    return RULE_STATUS.get(err.code, 422)


def api_error_response(status: int, code: str, message: str, article: str = "", fields: dict | None = None):
    """Return the JSON error response of API.md."""
    body = {"code": code, "message": str(message)}
    if article:
        body["article"] = article
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    response = jsonify({"error": body})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="penalties"'
    return response


def _page(status: int, message: str | None = None):
    title = TITLES.get(status, STATUS[500][1])
    text = message or STATUS.get(status, STATUS[500])[1]
    return render_template("errors/error.html", status=status, title=title, message=text), status


def _rollback() -> None:
    from penalties.extensions import db

    db.session.rollback()


def handle_http(err: HTTPException):
    _rollback()
    status = err.code or 500
    code, message = STATUS.get(status, ("error", err.description))
    if request.path.startswith("/api/"):
        response = api_error_response(status, code, message)
    else:
        response = make_response(_page(status))
    if status == 429:  # a limit of Flask-Limiter: wait for its window (API.md: rate_limited with Retry-After)
        limit = getattr(getattr(err, "limit", None), "limit", None)
        response.headers["Retry-After"] = str(limit.get_expiry() if limit is not None else 60)
    if status == 405 and getattr(err, "valid_methods", None):
        response.headers["Allow"] = ", ".join(err.valid_methods)
    return response


def handle_api_error(err: ApiError):
    _rollback()
    response = api_error_response(err.status, err.code, err.message, err.article, err.fields)
    if err.retry_after is not None:
        response.headers["Retry-After"] = str(err.retry_after)
    return response


def handle_rule(err: RuleViolation):
    _rollback()
    status = rule_status(err)
    fields = {err.field: err.message} if err.field else None
    if request.path.startswith("/api/"):
        return api_error_response(status, err.code, err.message, err.article, fields)
    message = f"{err.message} ({err.article})" if err.article else err.message
    return _page(status, message)


def handle_input(err):
    """A request refused at the edge (core.inputs): the field named, in JSON or on a page."""
    _rollback()
    if request.path.startswith("/api/"):
        fields = {err.field: err.message} if err.field else None
        return api_error_response(err.status, err.code, err.message, fields=fields)
    message = f"{err.message} ({err.field})" if err.field else err.message
    return _page(err.status, message)


def handle_stale(err):
    """Two requests changed one record at once and this one lost: say so (409), never a 500."""
    _rollback()
    message = _("Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại trang và thực hiện lại.")
    if request.path.startswith("/api/"):
        return api_error_response(409, "stale_version", message)
    return _page(409, message)


def handle_database(err: OperationalError):
    """The embedded database stayed locked past its wait (SQLite): 503 `busy`, try again shortly; else a 500."""
    from penalties.core.db import is_busy, read_only_from_now

    if not is_busy(err):
        return handle_unexpected(err)
    _rollback()
    read_only_from_now()  # the page still names the signed-in user: a read, which never waits
    log.warning("database busy on %s %s", request.method, request.path)
    message = _("Hệ thống đang bận ghi dữ liệu của người khác. Vui lòng thử lại sau vài giây; chưa có gì được lưu.")
    if request.path.startswith("/api/"):
        response = api_error_response(503, "busy", message)
    else:
        response = make_response(_page(503, message))
    response.headers["Retry-After"] = "2"
    return response


def handle_csrf(err: CSRFError):
    _rollback()
    return _page(400, _("Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại."))


def handle_unexpected(err: Exception):
    if isinstance(err, HTTPException):
        return handle_http(err)
    log.exception("unhandled error on %s %s", request.method, request.path)
    _rollback()
    if request.path.startswith("/api/"):
        return api_error_response(500, *STATUS[500])
    return _page(500)


def register_error_handlers(app: Flask) -> None:
    """Install the handlers: API paths answer JSON, pages answer an error page."""
    from penalties.core.inputs import InputError

    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(InputError, handle_input)
    app.register_error_handler(StaleDataError, handle_stale)
    app.register_error_handler(OperationalError, handle_database)
    app.register_error_handler(RuleViolation, handle_rule)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
