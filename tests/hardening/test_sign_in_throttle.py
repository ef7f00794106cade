"""Failed sign-ins are counted per account and per address in storage every worker shares (issue: hardening,
point 6): two workers let no more guesses through than one; successful sign-ins never count; a locked account
answers 429 (`rate_limited`, `Retry-After`) even to the right password; every failure is audited."""

import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from penalties import create_app
from penalties.auth.throttle import DatabaseStore, Policy, RedisStore, Throttle
from tests.helpers import PASSWORD, Api, csrf_from, dispose


def _login(client, username, password, address="10.0.0.1"):
    html = client.get("/login").get_data(as_text=True)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_from(html)},
        environ_base={"REMOTE_ADDR": address},
    )


def test_five_failures_lock_the_account_even_for_the_right_password(app, client, users):
    statuses = [_login(client, "legal", "sai-mat-khau").status_code for _ in range(5)]
    assert statuses == [422] * 5
    locked = _login(client, "legal", PASSWORD)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1
    assert "Đăng nhập sai quá nhiều lần" in locked.get_data(as_text=True)
    # Another account from the same address is not locked by it.
    assert _login(client, "officer", PASSWORD).status_code == 302


def test_two_workers_share_the_count(app, users, database_url):
    second = create_app({"ENV_NAME": "testing", "SECRET_KEY": "test-secret"})
    try:
        workers = [app.test_client(), second.test_client()]
        statuses = [_login(workers[i % 2], "board", "sai").status_code for i in range(6)]
    finally:
        dispose(second)
    assert statuses == [422, 422, 422, 422, 422, 429]


def test_the_api_answers_rate_limited_with_retry_after(app, client, users):
    api = Api(client, None)
    for _ in range(5):
        assert api.post("/auth/token", {"username": "officer", "password": "sai"}).status_code == 401
    refused = api.post("/auth/token", {"username": "officer", "password": PASSWORD})
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1


@pytest.fixture
def small_office(app, monkeypatch):
    """An address allowance of 4 failures instead of 30: the same rule, fewer (slow, argon2) sign-ins to show it."""
    monkeypatch.setitem(app.config, "SIGN_IN_POLICY", Policy(address_failures=4))


def test_successful_sign_ins_from_one_office_never_count(app, users, small_office):
    for _ in range(8):
        assert _login(app.test_client(), "officer", PASSWORD, address="203.0.113.7").status_code == 302


def test_an_address_guessing_many_accounts_is_locked(app, users, small_office):
    client = app.test_client()
    statuses = [_login(client, f"khong-co-{i}", "sai", address="198.51.100.9").status_code for i in range(5)]
    assert statuses == [422, 422, 422, 422, 429]
    assert _login(app.test_client(), "officer", PASSWORD, address="198.51.100.10").status_code == 302


def test_the_address_allowance_of_a_ward_office_is_thirty():
    assert Policy().address_failures == 30 and Policy().account_failures == 5


def test_every_failure_is_audited(app, client, users):
    from penalties.core.audit import AuditEntry
    from penalties.extensions import db

    _login(client, "legal", "sai", address="10.1.2.3")
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "sign_in_throttles")).all()
    keys = {e.object_id: e.after for e in entries}
    assert keys["account:legal"]["failures"] == 1 and keys["account:legal"]["address"] == "10.1.2.3"
    assert keys["address:10.1.2.3"]["failures"] == 1


T0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def _throttle_checks(throttle: Throttle):
    """The same walk on any store: lock after 5, doubling waits, a success clears the account."""
    for _ in range(5):
        assert throttle.check("an", "1.1.1.1", T0) is None
        throttle.failed("an", "1.1.1.1", T0)
    assert throttle.check("an", "1.1.1.1", T0).retry_after == 30
    assert throttle.check("an", "1.1.1.1", T0 + timedelta(seconds=31)) is None
    throttle.failed("an", "1.1.1.1", T0 + timedelta(seconds=31))  # sixth: one minute
    assert throttle.check("an", "1.1.1.1", T0 + timedelta(seconds=32)).retry_after in (59, 60)
    throttle.succeeded("an")
    assert throttle.check("an", "2.2.2.2", T0 + timedelta(seconds=32)) is None


def test_the_database_store(ctx, users):
    from penalties.extensions import db

    _throttle_checks(Throttle(DatabaseStore(db.session), db.session, Policy()))


def test_waits_double_and_stop_at_fifteen_minutes():
    policy = Policy()
    waits = [policy.wait_after(n, 5) for n in range(4, 12)]
    assert waits[0] is None and waits[1] == timedelta(seconds=30) and waits[2] == timedelta(minutes=1)
    assert waits[-1] == timedelta(minutes=15)


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))
    client.ping()  # make test starts Redis when it is down: never skipped
    prefix = f"penalties-test:{uuid.uuid4().hex}:"
    yield client, prefix
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)


def test_the_redis_store(ctx, users, redis_client):
    from penalties.extensions import db

    client, prefix = redis_client
    store = RedisStore(client)
    store.PREFIX = prefix
    throttle = Throttle(store, db.session, Policy())
    for _ in range(5):
        throttle.failed("an", "1.1.1.1", T0)
    refusal = throttle.check("an", "1.1.1.1", T0)
    assert refusal is not None and 29 <= refusal.retry_after <= 30
    throttle.succeeded("an")
    assert throttle.check("an", "9.9.9.9", T0) is None


def test_the_app_counts_in_redis_when_configured(app, users, redis_client, monkeypatch):
    client_redis, prefix = redis_client
    monkeypatch.setattr(RedisStore, "PREFIX", prefix)
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    redis_app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "test-secret", "THROTTLE_STORAGE": url})
    try:
        client = redis_app.test_client()
        statuses = [_login(client, "legal", "sai").status_code for _ in range(6)]
    finally:
        dispose(redis_app)
    assert statuses == [422] * 5 + [429]
    # The sixth attempt was refused before its password was checked: five failures, counted in Redis.
    assert client_redis.get(prefix + "failures:account:legal") == b"5"
