"""Sign-out ends the session on the server (issue: hardening, point 5): a cookie copied before `POST /logout`
opens nothing afterwards; so for a password change and a deactivation, which also end the user's API tokens."""

from penalties.auth.models import ApiToken
from tests.helpers import PASSWORD, Api, csrf_from, post_form, sign_in, token_for


def _signed_in_by_the_page(app, username: str):
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    answer = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_from(html)})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def _copy_of(app, client):
    """Another browser holding a copy of the client's cookies (what a thief would replay)."""
    thief = app.test_client()
    for cookie in client._cookies.values():
        thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    return thief


def _opens_cases(client) -> bool:
    return client.get("/cases/").status_code == 200


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(app, users):
    client = _signed_in_by_the_page(app, "officer")
    thief = _copy_of(app, client)
    assert _opens_cases(client) and _opens_cases(thief)
    html = client.get("/cases/").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": csrf_from(html)}).status_code == 302
    answer = thief.get("/cases/")
    assert answer.status_code == 302 and "/login" in answer.location
    assert not _opens_cases(client)


def test_sign_out_ends_only_that_session(app, users):
    laptop = _signed_in_by_the_page(app, "officer")
    tablet = _signed_in_by_the_page(app, "officer")
    html = laptop.get("/cases/").get_data(as_text=True)
    laptop.post("/logout", data={"csrf_token": csrf_from(html)})
    assert _opens_cases(tablet) and not _opens_cases(laptop)


def test_a_password_change_ends_every_session_and_token_of_the_user(app, client, users):
    officer = _signed_in_by_the_page(app, "officer")
    with app.app_context():
        api = Api(app.test_client(), token_for(users["officer"]))
    assert api.get("/cases").status_code == 200
    sign_in(client, users["admin"])
    data = {"username": "officer", "full_name": "Cán bộ", "role": "officer", "unit": "HN-TH-PT", "position": ""}
    changed = post_form(client, f"/admin/users/{users['officer']}/edit", {**data, "password": "Mat-khau-moi-2026"})
    assert changed.status_code == 302
    assert not _opens_cases(officer)
    assert api.get("/cases").status_code == 401
    assert _opens_cases(_signed_in_by_the_page_with(app, "officer", "Mat-khau-moi-2026"))


def _signed_in_by_the_page_with(app, username, password):
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_from(html)})
    return client


def test_deactivation_ends_the_sessions_and_reactivation_does_not_revive_them(app, client, users):
    officer = _signed_in_by_the_page(app, "officer")
    sign_in(client, users["admin"])
    for _ in range(2):  # lock, then unlock
        html = client.get("/admin/users").get_data(as_text=True)
        client.post(f"/admin/users/{users['officer']}/active", data={"csrf_token": csrf_from(html)})
    assert not _opens_cases(officer)


def test_sessions_are_rows_on_the_server_and_audited(app, users):
    from penalties.core.audit import AuditEntry
    from penalties.extensions import db

    _signed_in_by_the_page(app, "legal")
    with app.app_context():
        rows = db.session.scalars(db.select(ApiToken).where(ApiToken.kind == "session")).all()
        assert len(rows) == 1 and rows[0].user_id == users["legal"] and rows[0].revoked_at is None
        created = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.object_type == "api_tokens", AuditEntry.action == "create")
        ).all()
        assert created and created[-1].after["kind"] == "session" and created[-1].after["token_hash"] == "***"


def test_a_session_token_is_no_api_token(app, users):
    client = _signed_in_by_the_page(app, "legal")
    with client.session_transaction() as session:
        value = session["sid"]
    assert Api(app.test_client(), value).get("/cases").status_code == 401


def test_signing_in_and_out_keeps_the_language_chosen(app, users):
    client = app.test_client()
    client.get("/lang/en")
    html = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_from(html)})
    page = client.get("/cases/")
    assert page.status_code == 200 and 'lang="en"' in page.get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)
