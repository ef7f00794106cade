"""Every route × every role (anonymous included): the status says the permission rule holds.

A route that is not in ACCESS fails the test, so a new route cannot ship without a rule.
"""

import hashlib

import pytest
from itsdangerous import URLSafeTimedSerializer

from penalties.auth.permissions import ROLE_PERMISSIONS, Permission
from tests.helpers import sign_in

P = Permission
PUBLIC, SIGNED_IN = "public", "signed_in"
# endpoint → who may use it (for every method the route has)
ACCESS = {
    "static": PUBLIC,
    "bootstrap.static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.set_language": PUBLIC,
    "home.index": SIGNED_IN,
    "auth.users": P.MANAGE_USERS,
    "auth.user_new": P.MANAGE_USERS,
    "auth.user_edit": P.MANAGE_USERS,
    "auth.user_active": P.MANAGE_USERS,
    "units.index": P.MANAGE_UNITS,
    "units.new": P.MANAGE_UNITS,
    "units.edit": P.MANAGE_UNITS,
    "units.toggle_active": P.MANAGE_UNITS,
    "audit.index": P.MANAGE_USERS,
    # For the kind the route test asks (cases): its own pages' permission; test_unit_scope walks every kind.
    "audit.detail": P.VIEW_CASES,
    "catalogue.sectors": P.MANAGE_CATALOGUE,
    "catalogue.acts": P.VIEW_REFERENCE,
    "catalogue.law_parameters": P.VIEW_REFERENCE,
    "catalogue.sector_new": P.MANAGE_CATALOGUE,
    "catalogue.sector_edit": P.MANAGE_CATALOGUE,
    "catalogue.sector_active": P.MANAGE_CATALOGUE,
    "catalogue.act_new": P.MANAGE_CATALOGUE,
    "catalogue.act_edit": P.MANAGE_CATALOGUE,
    "catalogue.act_active": P.MANAGE_CATALOGUE,
    "catalogue.act_import": P.MANAGE_CATALOGUE,
    "catalogue.act_import_template": P.MANAGE_CATALOGUE,
    "workdays.index": P.MANAGE_CATALOGUE,
    "workdays.withdraw": P.MANAGE_CATALOGUE,
    "api-docs.openapi_json": PUBLIC,
    "api_auth.token": PUBLIC,
    "api_reference.units": P.VIEW_REFERENCE,
    "api_reference.create_unit_": P.MANAGE_UNITS,
    "api_reference.sectors": P.VIEW_REFERENCE,
    "api_reference.circumstances": P.VIEW_REFERENCE,
    "api_reference.acts": P.VIEW_REFERENCE,
    "api_reference.create_act_": P.MANAGE_CATALOGUE,
    "api_admin.users": P.MANAGE_USERS,
    "cases.index": P.VIEW_CASES,
    "cases.new": P.RECORD_CASE,
    "cases.violator_lookup": P.RECORD_CASE,
    "cases.detail": P.VIEW_CASES,
    "cases.dismiss": P.DISMISS_CASE,
    "cases.hand_over_case": P.ISSUE_DECISION,
    "cases.evidence": P.VIEW_CASES,
    "cases.evidence_thumb": P.VIEW_CASES,
    "cases.record_pdf": P.VIEW_CASES,
    "cases.deadlines": P.VIEW_CASES,
    "decisions.new": P.ISSUE_DECISION,
    "decisions.detail": P.VIEW_DECISIONS,
    "decisions.pdf": P.VIEW_DECISIONS,
    "decisions.delivery": P.RECORD_DELIVERY,
    "decisions.correct": P.ISSUE_DECISION,
    "payments.record": P.RECORD_PAYMENT,
    "payments.reverse": P.RECORD_PAYMENT,
    "payments.installments": P.MANAGE_INSTALLMENTS,
    "payments.postponement": P.MANAGE_INSTALLMENTS,
    "payments.reduction": P.MANAGE_INSTALLMENTS,
    "payments.enforcement": P.ENFORCE,
    "payments.relief_pdf": P.VIEW_DECISIONS,
    "payments.hardship_evidence": P.VIEW_DECISIONS,
    "payments.overdue": P.VIEW_DECISIONS,
    "appeals.index": P.VIEW_DECISIONS,
    "appeals.file": P.HANDLE_APPEALS,
    "appeals.suspend": P.HANDLE_APPEALS,
    "appeals.resolve": P.HANDLE_APPEALS,
    "verify.index": PUBLIC,
    "verify.result": PUBLIC,
    "api_decisions.issue": P.ISSUE_DECISION,
    "api_decisions.detail": P.VIEW_DECISIONS,
    "api_decisions.pdf": P.VIEW_DECISIONS,
    "api_decisions.delivery": P.RECORD_DELIVERY,
    "api_decisions.verify": PUBLIC,
    "api_cases.index": P.VIEW_CASES,
    "api_cases.create": P.RECORD_CASE,
    "api_cases.detail": P.VIEW_CASES,
    "api_cases.dismiss": P.DISMISS_CASE,
    "api_admin.create_user_": P.MANAGE_USERS,
    "api_money.pay": P.RECORD_PAYMENT,
    "api_money.payments": P.VIEW_DECISIONS,
    "api_money.reverse": P.RECORD_PAYMENT,
    "api_money.installments": P.MANAGE_INSTALLMENTS,
    "api_money.postponement": P.MANAGE_INSTALLMENTS,
    "api_money.reduction": P.MANAGE_INSTALLMENTS,
    "api_money.enforcement": P.ENFORCE,
    "api_money.relief_pdf": P.VIEW_DECISIONS,
    "api_money.overdue": P.VIEW_DECISIONS,
    "api_appeals.file": P.HANDLE_APPEALS,
    "api_appeals.listing": P.VIEW_DECISIONS,
    "api_appeals.detail": P.VIEW_DECISIONS,
    "api_appeals.suspension": P.HANDLE_APPEALS,
    "api_appeals.resolution": P.HANDLE_APPEALS,
    "api_stats.stats": P.VIEW_REPORTS,
    "reports.dashboard": P.VIEW_REPORTS,
    "reports.export_xlsx": P.VIEW_REPORTS,
    "reports.export_csv": P.VIEW_REPORTS,
    "reports.export_pdf": P.VIEW_REPORTS,
    "reports.annual_pdf": P.VIEW_REPORTS,
    "reports.cases_xlsx": P.VIEW_CASES,
    "reports.cases_csv": P.VIEW_CASES,
}
# Some views answer GET and POST under one endpoint but serve each method's own rule.
ACCESS_BY_METHOD = {
    ("api_reference.units", "POST"): P.MANAGE_UNITS,
    ("api_reference.acts", "POST"): P.MANAGE_CATALOGUE,
    ("api_admin.users", "POST"): P.MANAGE_USERS,
}
ROLES = (None, "officer", "legal", "board", "admin")


def _values(rule, ids) -> dict:
    values = {}
    for name in rule.arguments:
        values[name] = {
            "filename": "css/app.css",
            "code": "en",
            "object_type": "cases",
        }.get(name, ids.get(name, 1))
    return values


def _csrf(app, client) -> str:
    raw = hashlib.sha1(b"route-test").hexdigest()
    with client.session_transaction() as session:
        session["csrf_token"] = raw
    return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)


def _routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_has_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "routes without an access rule in ACCESS"
    assert set(ACCESS) - endpoints == set(), "rules for routes that no longer exist"
    for endpoint in endpoints - {"static", "bootstrap.static", "api-docs.openapi_json"}:
        view = app.view_functions[endpoint]
        assert getattr(view, "access", None) is not None, f"{endpoint} has no permission decorator"


def _expected_ok(rule_access, role) -> bool:
    if rule_access == PUBLIC:
        return True
    if role is None:
        return False
    if rule_access == SIGNED_IN:
        return True
    return rule_access in ROLE_PERMISSIONS[role]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_route_for_every_role(app, users, role):
    ids = {
        "user_id": users["officer"],
        "unit_id": 1,
        "object_id": "1",
        "case_id": 1,
        "document_id": 1,
        "decision_id": 1,
    }
    failures = []
    for rule, method in _routes(app):
        client = app.test_client()
        if role:
            sign_in(client, users[role])
        headers = {}
        api = rule.rule.startswith("/api/")
        if api and role:
            from tests.helpers import token_for

            with app.app_context():
                headers["Authorization"] = f"Bearer {token_for(users[role])}"
        url = rule.build(_values(rule, ids), append_unknown=False)[1]
        data = {"csrf_token": _csrf(app, client)} if method == "POST" and not api else None
        kwargs = {"json": {}} if api and method == "POST" else {"data": data}
        response = client.open(url, method=method, headers=headers, **kwargs)
        access = ACCESS_BY_METHOD.get((rule.endpoint, method), ACCESS[rule.endpoint])
        status = response.status_code
        response.close()
        if status >= 500:
            failures.append(f"{method} {url}: {status}")
        elif _expected_ok(access, role):
            if status in (401, 403) or (status == 302 and "/login" in response.location and access != PUBLIC):
                failures.append(f"{method} {url}: {status}, expected access")
        elif role is None:
            denied = status == 401 if api else (status == 302 and "/login" in response.location)
            if not denied:
                failures.append(f"{method} {url}: {status}, expected sign-in")
        elif status != 403:
            failures.append(f"{method} {url}: {status}, expected 403")
    assert failures == []
