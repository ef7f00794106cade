"""Sign-in and sign-out, the language switch, and the administration of users."""

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import abort, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from penalties.auth import bp
from penalties.auth.forms import ROLE_LABELS, LoginForm, PasswordForm, UserForm
from penalties.auth.models import User
from penalties.auth.operations import (
    SignInRefused,
    create_user,
    end_session,
    issue_token,
    set_active,
    set_password,
    sign_in,
    update_user,
)
from penalties.auth.permissions import Permission, permission_required, public
from penalties.auth.sessions import SESSION_KEY
from penalties.auth.throttle import sign_in_throttle
from penalties.core.db import utcnow
from penalties.core.forms import ConfirmForm, apply_rule_error
from penalties.core.pagination import keyset_page
from penalties.core.text import fold
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.units.queries import unit_choices


def _safe_next(target: str | None) -> str:
    """Return a local path to go to after sign-in; never another site."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        now = utcnow()
        try:
            user = sign_in(
                form.username.data, form.password.data, request.remote_addr, now=now, throttle=sign_in_throttle()
            )
        except SignInRefused as refused:
            db.session.commit()
            return _too_many(form, refused.retry_after)
        if user is not None:
            value, _row = issue_token(user, now=now, hours=_session_hours(), kind="session")
            db.session.commit()
            _fresh_session()  # nothing of the anonymous session carries over (no fixation) but the language
            session.permanent = True
            session[SESSION_KEY] = value
            login_user(user)
            flash(_("Xin chào, %(name)s.", name=user.display_name), "success")
            return redirect(_safe_next(request.args.get("next")))
        db.session.commit()  # the failure is counted for every worker
        form.form_errors.append(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


def _fresh_session() -> None:
    """Empty the session cookie, keeping only the language the person chose."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def _session_hours() -> float:
    return current_app.permanent_session_lifetime.total_seconds() / 3600


def _too_many(form, retry_after: int):
    form.form_errors.append(_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)d giây.", n=retry_after))
    response = make_response(render_template("auth/login.html", form=form), 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


@bp.post("/logout")
@public
def logout():
    form = ConfirmForm()
    if form.validate_on_submit():
        if session.get(SESSION_KEY):
            end_session(session[SESSION_KEY], now=utcnow())
            db.session.commit()
        logout_user()
        _fresh_session()
        flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/lang/<code>")
@public
def set_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    return redirect(_safe_next(request.args.get("next")))


@bp.get("/admin/users")
@permission_required(Permission.MANAGE_USERS)
def users():
    q = (request.args.get("q") or "").strip()
    role = request.args.get("role") or ""
    query = sa.select(User)
    if q:
        like = f"%{fold(q)}%"
        query = query.where(sa.or_(User.username.like(like), sa.func.lower(User.full_name).like(f"%{q.lower()}%")))
    if role in ROLE_LABELS:
        query = query.where(User.role == role)
    page = keyset_page(query, [User.username], request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return render_template("auth/users.html", page=page, q=q, role=role, roles=ROLE_LABELS, confirm=ConfirmForm())


def _user_form(user: User | None = None) -> UserForm:
    form = UserForm(obj=None)
    form.unit.choices = [("", _("— Không (chỉ quản trị) —")), *unit_choices()]
    if user is not None and request.method == "GET":
        form.username.data, form.full_name.data, form.role.data = user.username, user.full_name, user.role
        form.unit.data = user.unit.code if user.unit else ""
        form.position.data, form.title.data = user.position or "", user.title or ""
        form.delegation_number.data, form.delegation_on.data = user.delegation_number, user.delegation_on
    return form


@bp.route("/admin/users/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def user_new():
    form = _user_form()
    if form.validate_on_submit():
        try:
            user = create_user(form.to_input(), form.password.data or "", actor=current_user)
        except RuleViolation as err:
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã tạo người dùng %(u)s.", u=user.username), "success")
            return redirect(url_for("auth.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/user_form.html", form=form, user=None), status


def get_user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def user_edit(user_id: int):
    user = get_user_or_404(user_id)
    form = _user_form(user)
    form.username.data = user.username
    if form.validate_on_submit():
        try:
            update_user(user, form.to_input(), actor=current_user)
            if form.password.data:
                set_password(user, form.password.data, actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu người dùng %(u)s.", u=user.username), "success")
            return redirect(url_for("auth.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/user_form.html", form=form, user=user, password_form=PasswordForm()), status


@bp.post("/admin/users/<int:user_id>/active")
@permission_required(Permission.MANAGE_USERS)
def user_active(user_id: int):
    user = get_user_or_404(user_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        set_active(user, not user.active, actor=current_user)
    except RuleViolation as err:
        db.session.rollback()
        flash(err.message, "danger")
    else:
        db.session.commit()
        message = _("Đã mở khóa %(u)s.") if user.active else _("Đã khóa %(u)s.")
        flash(message % {"u": user.username}, "success")
    return redirect(url_for("auth.users"))
