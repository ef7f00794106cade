"""Failed sign-ins, counted per account and per address in storage every worker shares (the database, or Redis
when configured): after a few failures the account (or the address) waits, longer after each further failure.

Successful sign-ins never count, so a ward office behind one address does not lock itself out at 8:00; an
account is locked for everyone who tries it, so several workers or servers let no more guesses through than one.
Each failure is written to the audit trail (kind `sign_in_throttles`).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from penalties.core.audit import AuditEntry
from penalties.core.db import Model, Moment


class SignInThrottle(Model):
    """Failures of one account or one address in the current window, and until when it must wait."""

    __tablename__ = "sign_in_throttles"
    __table_args__ = (sa.CheckConstraint("failures >= 0", name="failures_nonnegative"),)

    key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)  # "account:<username>" or "address:<ip>"
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(Moment)
    locked_until: Mapped[datetime | None] = mapped_column(Moment)


@dataclass(frozen=True)
class Policy:
    """How many failures a key may have in a window before it waits, and how long it waits."""

    window: timedelta = timedelta(minutes=15)
    account_failures: int = 5
    address_failures: int = 30  # a ward office: many people behind one address
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(minutes=15)

    def wait_after(self, failures: int, allowed: int) -> timedelta | None:
        """Return how long to wait after `failures` failures (doubling from the first wait), or None."""
        if failures < allowed:
            return None
        doubled = self.first_wait * (2 ** min(failures - allowed, 16))
        return min(doubled, self.longest_wait)


def account_key(username: str) -> str:
    return "account:" + (username or "").strip().lower()[:64]


def address_key(address: str | None) -> str:
    return "address:" + (address or "unknown")[:64]


@dataclass(frozen=True)
class Refusal:
    """A sign-in refused before the password is checked: wait this many seconds."""

    retry_after: int


class DatabaseStore:
    """Counters in the table sign_in_throttles, changed by one atomic statement each (every worker shares it)."""

    def __init__(self, session):
        self.session = session

    def locked_until(self, keys: list[str], now: datetime) -> datetime | None:
        query = sa.select(sa.func.max(SignInThrottle.locked_until)).where(
            SignInThrottle.key.in_(keys), SignInThrottle.locked_until > now
        )
        return self.session.scalar(query)

    def fail(self, key: str, now: datetime, policy: Policy) -> int:
        table = SignInThrottle.__table__
        insert = _upsert(self.session)(table).values(key=key, failures=1, window_start=now, locked_until=None)
        expired = table.c.window_start < now - policy.window
        statement = insert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": sa.case((expired, 1), else_=table.c.failures + 1),
                "window_start": sa.case((expired, now), else_=table.c.window_start),
            },
        ).returning(table.c.failures)
        return self.session.execute(statement).scalar_one()

    def lock(self, key: str, until: datetime, now: datetime) -> None:
        self.session.execute(sa.update(SignInThrottle).where(SignInThrottle.key == key).values(locked_until=until))

    def clear(self, key: str) -> None:
        self.session.execute(sa.delete(SignInThrottle).where(SignInThrottle.key == key))


def _upsert(session):
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


class RedisStore:
    """Counters in Redis (PENALTIES_THROTTLE_STORAGE=redis://…): INCR with the window as expiry, a lock key."""

    PREFIX = "penalties:sign-in:"

    def __init__(self, client):
        self.client = client

    def locked_until(self, keys: list[str], now: datetime) -> datetime | None:
        waits = [self.client.pttl(self.PREFIX + "lock:" + key) for key in keys]
        longest = max((w for w in waits if w and w > 0), default=None)
        return now + timedelta(milliseconds=longest) if longest else None

    def fail(self, key: str, now: datetime, policy: Policy) -> int:
        name = self.PREFIX + "failures:" + key
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, int(policy.window.total_seconds()), nx=True)
        return int(pipe.execute()[0])

    def lock(self, key: str, until: datetime, now: datetime) -> None:
        milliseconds = max(1, int((until - now).total_seconds() * 1000))
        self.client.set(self.PREFIX + "lock:" + key, "1", px=milliseconds)

    def clear(self, key: str) -> None:
        self.client.delete(self.PREFIX + "failures:" + key, self.PREFIX + "lock:" + key)


class Throttle:
    """Refuse a locked account or address; count a failure; forget an account's failures once it signs in."""

    def __init__(self, store, session, policy: Policy = Policy()):
        self.store, self.session, self.policy = store, session, policy

    def check(self, username: str, address: str | None, now: datetime) -> Refusal | None:
        """Return a refusal while the account or the address must wait, else None."""
        until = self.store.locked_until([account_key(username), address_key(address)], now)
        if until is None:
            return None
        return Refusal(max(1, math.ceil((until - now).total_seconds())))

    def failed(self, username: str, address: str | None, now: datetime) -> None:
        """Count a failed sign-in for the account and the address, lock those over their allowance, audit it."""
        for key, allowed in (
            (account_key(username), self.policy.account_failures),
            (address_key(address), self.policy.address_failures),
        ):
            failures = self.store.fail(key, now, self.policy)
            wait = self.policy.wait_after(failures, allowed)
            if wait is not None:
                self.store.lock(key, now + wait, now)
            self._audit(key, failures, now + wait if wait else None, address, now)

    def succeeded(self, username: str) -> None:
        """Forget the account's failures (the address keeps its count: others may be guessing from it)."""
        self.store.clear(account_key(username))

    def _audit(self, key: str, failures: int, until: datetime | None, address: str | None, now: datetime) -> None:
        after = {"failures": failures, "locked_until": until.isoformat() if until else None, "address": address}
        self.session.execute(
            sa.insert(AuditEntry).values(
                at=now,
                actor_id=None,
                action="update",
                object_type=SignInThrottle.__tablename__,
                object_id=key[:64],
                before={"failures": failures - 1},
                after=after,
            )
        )


_redis_clients: dict[str, object] = {}


def sign_in_throttle() -> Throttle:
    """Return the throttle of this configuration: counters in the database, or in Redis when
    PENALTIES_THROTTLE_STORAGE names one (several servers without a shared database do not exist here, but a
    Redis the servers share keeps the counters off the database's write path)."""
    from penalties.extensions import db

    url = current_app.config["THROTTLE_STORAGE"]
    if url.startswith(("redis://", "rediss://", "unix://")):
        if url not in _redis_clients:
            import redis

            _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=2)
        store = RedisStore(_redis_clients[url])
    else:
        store = DatabaseStore(db.session)
    return Throttle(store, db.session, current_app.config.get("SIGN_IN_POLICY") or Policy())
