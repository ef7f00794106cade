"""Keyset pagination: no OFFSET, a cursor that names the last row seen."""

import base64
import json
from dataclasses import dataclass

import sqlalchemy as sa

from penalties.extensions import db


@dataclass
class Page:
    items: list
    next_cursor: str | None


def encode_cursor(values: list) -> str:
    """Return an opaque cursor for the sort key of the last row."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list | None:
    """Return the sort key of a cursor, or None when it is absent or malformed."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) else None


def keyset_page(query: sa.Select, keys: list, cursor: str | None, limit: int) -> Page:
    """Return one page of `query` ordered by `keys` (unique together), after the cursor's row."""
    after = decode_cursor(cursor)
    if after is not None and len(after) == len(keys):
        query = query.where(sa.tuple_(*keys) > sa.tuple_(*after))
    rows = list(db.session.scalars(query.order_by(*keys).limit(limit + 1)))
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
