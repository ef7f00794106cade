"""Security headers on every answer (issue: hardening, point 4): a Content-Security-Policy without
'unsafe-inline', no framing, no sniffing, a referrer policy, HSTS in production; and pages that need nothing
inline (no <script> without src, no style attribute, no inline event handler) so the policy holds."""

import re

import pytest

from penalties import create_app
from penalties.core.security import CONTENT_SECURITY_POLICY
from tests.helpers import Api, dispose, sign_in, token_for

INLINE = (
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"javascript:", re.I),
)


def _check_headers(response, production=False):
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert ("Strict-Transport-Security" in headers) is production


def test_pages_api_and_errors_carry_the_headers(app, client, users):
    _check_headers(client.get("/login"))
    _check_headers(client.get("/api/v1/openapi.json"))
    _check_headers(client.get("/api/v1/cases"))  # 401
    _check_headers(client.get("/no-such-page"))  # 404
    static = client.get("/static/css/app.css")
    _check_headers(static)
    static.close()
    with app.app_context():
        api = Api(client, token_for(users["legal"]))
    _check_headers(api.get("/units"))


def test_hsts_in_production_only(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "production-secret")
    monkeypatch.setenv("PENALTIES_PUBLIC_URL", "https://xuphat.example.gov.vn")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite")
    production = create_app({"ENV_NAME": "production"})
    try:
        response = production.test_client().get("/login")
        _check_headers(response, production=True)
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        dispose(production)


def _get_routes(app):
    for rule in app.url_map.iter_rules():
        if (
            "GET" in rule.methods
            and not rule.arguments
            and not rule.rule.startswith(("/api/", "/static", "/bootstrap"))
        ):
            yield rule.rule


@pytest.mark.parametrize("role", [None, "officer", "legal", "board", "admin"])
def test_no_page_needs_anything_inline(app, users, acts, role):
    client = app.test_client()
    if role:
        sign_in(client, users[role])
    failures = []
    for path in _get_routes(app):
        response = client.get(path)
        html = response.content_type.startswith("text/html")
        body = response.get_data(as_text=True) if html else ""
        response.close()
        failures += [f"{path}: {pattern.pattern}" for pattern in INLINE if pattern.search(body)]
    assert not failures, "\n".join(failures)


def test_the_policy_lets_the_pages_own_files_and_images_in():
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "style-src 'self'" in CONTENT_SECURITY_POLICY
    assert "img-src 'self' data: blob:" in CONTENT_SECURITY_POLICY  # charts and QR codes, photo previews


def test_record_and_decision_pages_need_nothing_inline(app, users, acts):
    from tests.hardening.world import build_other_ward

    world = build_other_ward(app, app.test_client())
    client = app.test_client()
    sign_in(client, world.legal_id)
    pages = [f"/cases/{world.ids['evidence_case_id']}", f"/decisions/{world.ids['decision_id']}", "/appeals/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        assert [p.pattern for p in INLINE if p.search(body)] == [], path
        _check_headers(response)
