"""Roles and permissions, kept as data; one decorator enforces them on every route."""

import enum
from functools import wraps

from flask import abort, g, redirect, request, url_for
from flask_login import current_user


class Permission(enum.StrEnum):
    VIEW_REFERENCE = "view_reference"
    VIEW_CASES = "view_cases"
    RECORD_CASE = "record_case"
    DISMISS_CASE = "dismiss_case"
    VIEW_DECISIONS = "view_decisions"
    ISSUE_DECISION = "issue_decision"
    RECORD_DELIVERY = "record_delivery"
    RECORD_PAYMENT = "record_payment"
    MANAGE_INSTALLMENTS = "manage_installments"
    ENFORCE = "enforce"
    HANDLE_APPEALS = "handle_appeals"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_UNITS = "manage_units"
    MANAGE_CATALOGUE = "manage_catalogue"


_READ = {Permission.VIEW_REFERENCE, Permission.VIEW_CASES, Permission.VIEW_DECISIONS}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    # Officers record cases in their unit (API.md, Roles).
    "officer": frozenset(_READ | {Permission.RECORD_CASE, Permission.VIEW_REPORTS, Permission.VIEW_AUDIT}),
    # Legal staff prepare and issue decisions, record payments and handle appeals.
    "legal": frozenset(
        _READ
        | {
            Permission.RECORD_CASE,
            Permission.DISMISS_CASE,
            Permission.ISSUE_DECISION,
            Permission.RECORD_DELIVERY,
            Permission.RECORD_PAYMENT,
            Permission.MANAGE_INSTALLMENTS,
            Permission.ENFORCE,
            Permission.HANDLE_APPEALS,
            Permission.VIEW_REPORTS,
            Permission.VIEW_AUDIT,
        }
    ),
    # The programme board reads statistics and everything, and writes nothing.
    "board": frozenset(_READ | {Permission.VIEW_REPORTS, Permission.VIEW_AUDIT}),
    # Administrators keep users, units and the catalogue.
    "admin": frozenset(
        {
            Permission.VIEW_REFERENCE,
            Permission.VIEW_REPORTS,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_USERS,
            Permission.MANAGE_UNITS,
            Permission.MANAGE_CATALOGUE,
        }
    ),
}
ROLES = tuple(ROLE_PERMISSIONS)


def role_has(role: str, permission: Permission) -> bool:
    """Return whether the role grants the permission."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def is_api_request() -> bool:
    """Return whether the request is for the JSON API (bearer tokens, JSON errors)."""
    return request.path.startswith("/api/")


def acting_user():
    """Return the signed-in user: the bearer token's for the API, the session's for pages; else None."""
    if is_api_request():
        return g.get("api_user")
    return current_user if current_user.is_authenticated else None


def permission_required(permission: Permission):
    """Let the view run only for a user whose role grants `permission` (401/login, else 403)."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            user = acting_user()
            if user is None:
                if is_api_request():
                    abort(401)
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not user.can(permission):
                abort(403)
            return view(*args, **kwargs)

        guarded.access = permission
        return guarded

    return decorate


def public(view):
    """Mark a view as open to everyone, signed in or not (the route test reads the mark)."""
    view.access = "public"
    return view


def signed_in(view):
    """Let any signed-in user run the view."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if acting_user() is None:
            if is_api_request():
                abort(401)
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    guarded.access = "signed_in"
    return guarded
