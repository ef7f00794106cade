"""Keyset pagination: no OFFSET, an opaque cursor that names the sort key of the last row seen."""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from penalties.extensions import db


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def encode_cursor(values: list) -> str:
    """Return an opaque cursor for the sort key of the last row (dates as ISO text)."""
    return base64.urlsafe_b64encode(json.dumps([_plain(v) for v in values]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list | None:
    """Return the raw sort key of a cursor, or None when it is absent or malformed."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) else None


def _typed(keys: list, values: list) -> list | None:
    """Return the cursor's values converted to the Python types of the key columns, or None if they do not fit."""
    typed = []
    for key, value in zip(keys, values, strict=True):
        kind = key.type.python_type
        try:
            if value is None:
                return None
            if kind is datetime:
                typed.append(datetime.fromisoformat(value))
            elif kind is date:
                typed.append(date.fromisoformat(value))
            elif kind in (int, str) and isinstance(value, kind) and not isinstance(value, bool):
                typed.append(value)
            else:
                return None
        except (TypeError, ValueError):
            return None
    return typed


def keyset_page(query: sa.Select, keys: list, cursor: str | None, limit: int, descending: bool = False) -> Page:
    """Return one page of `query` ordered by `keys` (unique together, one direction), after the cursor's row."""
    raw = decode_cursor(cursor)
    after = _typed(keys, raw) if raw is not None and len(raw) == len(keys) else None
    if after is not None:
        # Bind each value with its column's type, so moments are compared as the column stores them.
        mark = sa.tuple_(*(sa.literal(v, type_=k.type) for k, v in zip(keys, after, strict=True)))
        row = sa.tuple_(*keys)
        query = query.where(row < mark if descending else row > mark)
    order = [k.desc() for k in keys] if descending else list(keys)
    rows = list(db.session.scalars(query.order_by(*order).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], encode_cursor([getattr(last, k.key) for k in keys]))


def page_url(cursor: str | None) -> str:
    """Return the current page's URL with its query kept and the cursor replaced (None: first page)."""
    from flask import request, url_for

    args = request.args.to_dict()
    args.pop("cursor", None)
    if cursor:
        args["cursor"] = cursor
    return url_for(request.endpoint, **(request.view_args or {}), **args)
