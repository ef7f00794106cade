"""Declarative base, column types and database conventions."""

import os
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    """Base of every model: one metadata with named constraints."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Return the current moment, timezone-aware (for column defaults, evaluated per insert)."""
    return datetime.now(UTC)


class Moment(sa.types.TypeDecorator):
    """A timezone-aware moment, stored in UTC; SQLite keeps no offset, so it is attached on read."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self):
        return datetime

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("moments must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Money is integer đồng (VND has no minor unit).
Money = sa.BigInteger


# How long a SQLite writer waits for the one before it (ms): a small office typing at once queues here.
SQLITE_BUSY_MS = int(os.environ.get("PENALTIES_SQLITE_BUSY_MS", "20000"))
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, connection_record):
    """Make SQLite enforce foreign keys and leave transactions to SQLAlchemy, as PostgreSQL does.

    pysqlite's own transaction handling breaks SAVEPOINTs; SQLAlchemy's documented recipe turns it off
    and emits BEGIN itself (see `_sqlite_begin`).
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Readers do not wait for the writer; the embedded database serves several requests at once.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    """SQLite: a transaction that may write takes the write lock at its start (BEGIN IMMEDIATE), so writers queue
    for it under the busy timeout and each reads what the one before committed — the numbering, the duplicate and
    the amount checks stay exact, as PostgreSQL's row locks keep them. A deferred BEGIN would let two writers read
    the same state and the second fail on its first write ("database is locked"), which no timeout can wait out.
    Pages and API reads (GET) begin deferred: in WAL mode they never wait for a writer."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN" if _reads_only() else "BEGIN IMMEDIATE")


def _reads_only() -> bool:
    from flask import g, has_request_context, request

    return has_request_context() and (request.method in READ_ONLY_METHODS or g.get("reads_only", False))


def read_only_from_now() -> None:
    """Let the rest of this request only read (its error page, for one), without waiting for the write lock."""
    from flask import g

    g.reads_only = True


def is_busy(err: Exception) -> bool:
    """Return whether a database error says the database stayed locked past the busy timeout (SQLite)."""
    orig = getattr(err, "orig", None)
    text = str(orig or err).lower()
    return type(orig).__module__.startswith("sqlite3") and ("locked" in text or "busy" in text)


def one_of(column: str, values) -> str:
    """Return the SQL of a CHECK that `column` holds one of `values`."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"
