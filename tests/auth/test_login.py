"""Sign-in: Vietnamese page, argon2 hashes, CSRF, throttling, safe redirects, secure cookies."""

import sqlalchemy as sa

from penalties import create_app
from penalties.auth.models import User
from penalties.extensions import db
from tests.helpers import PASSWORD, csrf_from, post_form, sign_in


def test_login_page_is_vietnamese(client):
    page = client.get("/login")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="vi">' in html and "Đăng nhập" in html and "Mật khẩu" in html


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login?next=/admin/users" in response.location


def test_sign_in_and_out(client, users):
    response = post_form(client, "/login", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Người dùng admin" in home
    token = csrf_from(home)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_without_saying_which_part(client, users):
    response = post_form(client, "/login", {"username": "admin", "password": "sai-mat-khau"})
    assert response.status_code == 422
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_deactivated_user_cannot_sign_in(app, client, users):
    with app.app_context():
        db.session.get(User, users["officer"]).active = False
        db.session.commit()
    response = post_form(client, "/login", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 422


def test_login_without_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 400
    assert "Phiên làm việc của biểu mẫu" in response.get_data(as_text=True)


def test_next_never_leaves_the_site(client, users):
    html = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login?next=//evil.example/x", data={"username": "admin", "password": PASSWORD, "csrf_token": csrf_from(html)}
    )
    assert response.location == "/"


def test_passwords_are_stored_as_argon2id(ctx, users):
    from penalties.auth.operations import UserInput, create_user

    user = create_user(UserInput(username="moi", role="board", unit_code="HN"), "Mot-mat-khau-dai", actor=None)
    assert user.password_hash.startswith("$argon2id$") and "Mot-mat-khau-dai" not in user.password_hash


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "production-secret")
    monkeypatch.setenv("PENALTIES_PUBLIC_URL", "https://xuphat.example.gov.vn")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite")
    monkeypatch.setenv("PENALTIES_ENV", "production")
    monkeypatch.delenv("PENALTIES_SECURE_COOKIES", raising=False)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax" and app.config["REMEMBER_COOKIE_SECURE"]


def test_production_without_secret_key_fails_fast(monkeypatch):
    import pytest

    from penalties.config import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PENALTIES_ENV", "production")
    with pytest.raises(ConfigError):
        create_app()


def test_production_without_its_public_address_warns(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("SECRET_KEY", "production-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite")
    monkeypatch.setenv("PENALTIES_ENV", "production")
    monkeypatch.delenv("PENALTIES_PUBLIC_URL", raising=False)
    with caplog.at_level("WARNING"):
        create_app()
    assert "PENALTIES_PUBLIC_URL" in caplog.text


def test_user_pages_create_and_refuse_duplicates(app, client, users):
    sign_in(client, users["admin"])
    data = {
        "username": "canbo2",
        "full_name": "Cán bộ Hai",
        "role": "officer",
        "unit": "HN-TH-PT",
        "position": "",
        "password": "Mat-khau-moi-1",
    }
    assert post_form(client, "/admin/users/new", data).status_code == 302
    again = post_form(client, "/admin/users/new", data)
    assert again.status_code == 422 and "đã được dùng" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(User.username == "canbo2")) == 1


def test_user_form_names_the_bad_fields_and_saves_nothing(app, client, users):
    sign_in(client, users["admin"])
    cases = [
        ({"username": "", "full_name": "X", "role": "officer", "unit": "HN-TH-PT", "password": "12345678"}, "bắt buộc"),
        (
            {"username": "a" * 65, "full_name": "X", "role": "officer", "unit": "HN-TH-PT", "password": "12345678"},
            "Tối đa 64",
        ),
        (
            {"username": "bad name", "full_name": "X", "role": "officer", "unit": "HN-TH-PT", "password": "12345678"},
            "Tên đăng nhập gồm",
        ),
        (
            {"username": "noroleunit", "full_name": "X", "role": "officer", "unit": "", "password": "12345678"},
            "Phải chọn đơn vị",
        ),
        (
            {"username": "short", "full_name": "X", "role": "officer", "unit": "HN-TH-PT", "password": "123"},
            "ít nhất 8",
        ),
        (
            {"username": "badrole", "full_name": "X", "role": "chief", "unit": "HN-TH-PT", "password": "12345678"},
            "Lựa chọn không hợp lệ",
        ),
        (
            {"username": "badunit", "full_name": "X", "role": "officer", "unit": "NOPE", "password": "12345678"},
            "Không có đơn vị",
        ),
    ]
    for data, message in cases:
        response = post_form(client, "/admin/users/new", {**data, "position": ""})
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), (data, message)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 5


def test_admin_cannot_lock_themselves(app, client, users):
    sign_in(client, users["admin"])
    response = post_form(client, f"/admin/users/{users['admin']}/active", {}, page="/admin/users")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, users["admin"]).active


def test_locking_a_user_revokes_their_tokens(app, client, users):
    from tests.helpers import Api, token_for

    with app.app_context():
        token = token_for(users["officer"])
    api = Api(client, token)
    assert api.get("/units").status_code == 200
    sign_in(client, users["admin"])
    post_form(client, f"/admin/users/{users['officer']}/active", {}, page="/admin/users")
    assert api.get("/units").status_code == 401
