"""API authentication: tokens stored hashed, with expiry; 401 without, 403 for the wrong role."""

from datetime import timedelta

import sqlalchemy as sa

from penalties.auth.models import ApiToken
from penalties.extensions import db
from tests.helpers import PASSWORD, Api, token_for


def test_token_for_username_and_password(app, client, users):
    response = Api(client, None).post("/auth/token", {"username": "legal", "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {"token", "expires_at"} and "+" in body["expires_at"] or body["expires_at"].endswith("Z")
    with app.app_context():
        stored = db.session.scalar(sa.select(ApiToken))
        assert stored.token_hash != body["token"] and len(stored.token_hash) == 64
    assert Api(client, body["token"]).get("/units").status_code == 200


def test_wrong_password_gets_401_in_the_error_shape(client, users):
    response = Api(client, None).post("/auth/token", {"username": "legal", "password": "sai"})
    assert response.status_code == 401
    error = response.get_json()["error"]
    assert error["code"] == "invalid_credentials" and error["message"]


def test_missing_invalid_and_expired_tokens_get_401(app, client, users):
    assert Api(client, None).get("/units").status_code == 401
    assert Api(client, "not-a-token").get("/units").status_code == 401
    with app.app_context():
        token = token_for(users["legal"])
        row = db.session.scalar(sa.select(ApiToken))
        row.expires_at = row.created_at - timedelta(seconds=1)
        db.session.commit()
    response = Api(client, token).get("/units")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"


def test_a_session_cookie_does_not_authenticate_the_api(client, users):
    from tests.helpers import sign_in

    sign_in(client, users["admin"])
    assert client.get("/api/v1/units").status_code == 401


def test_valid_token_wrong_role_gets_403(app, client, users):
    with app.app_context():
        token = token_for(users["board"])
    response = Api(client, token).post("/units", {"code": "X", "name": "X", "level": "commune", "parent_code": "HN"})
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


def test_errors_follow_accept_language(app, client, users):
    vi = Api(client, None).post("/auth/token", {"username": "x", "password": "y"}).get_json()["error"]["message"]
    en = Api(client, None, lang="en").post("/auth/token", {"username": "x", "password": "y"}).get_json()["error"]
    assert vi == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert en["message"] == "Wrong username or password."


def test_openapi_document_describes_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in (
        "/api/v1/auth/token",
        "/api/v1/units",
        "/api/v1/users",
        "/api/v1/acts",
        "/api/v1/sectors",
        "/api/v1/circumstances",
    ):
        assert path in spec["paths"], path
