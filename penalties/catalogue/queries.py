"""Read side of the catalogue: search acts by words or provision, by sector, valid on a date."""

from datetime import date

import sqlalchemy as sa

from penalties.catalogue.models import Act, Sector
from penalties.core.pagination import Page, decode_cursor, encode_cursor
from penalties.core.text import fold
from penalties.extensions import db


def search_acts(
    *,
    sector: str | None = None,
    q: str | None = None,
    on: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
    active_only: bool = False,
) -> Page:
    """Return one page of acts ordered by code and version; `q` ignores diacritics and case."""
    query = sa.select(Act)
    if sector:
        query = query.join(Sector).where(Sector.code == sector)
    for word in fold(q).split():
        query = query.where(Act.search_folded.like(f"%{_escape_like(word)}%", escape="\\"))
    if on is not None:
        query = query.where(Act.valid_from <= on, sa.or_(Act.valid_to.is_(None), Act.valid_to >= on))
    if active_only:
        query = query.where(Act.active.is_(True))
    return _page_by_code_and_version(query, cursor, limit)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _page_by_code_and_version(query: sa.Select, cursor: str | None, limit: int) -> Page:
    """Keyset page on (code, valid_from); the cursor carries the date as ISO text (JSON has no dates)."""
    after = decode_cursor(cursor)
    if after is not None:
        try:
            code, since = str(after[0]), date.fromisoformat(after[1])
        except (IndexError, TypeError, ValueError):
            code = since = None
        if code is not None:
            query = query.where(sa.tuple_(Act.code, Act.valid_from) > sa.tuple_(code, since))
    rows = list(db.session.scalars(query.order_by(Act.code, Act.valid_from).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], encode_cursor([last.code, last.valid_from.isoformat()]))


def act_versions(code: str) -> list[Act]:
    """Return every version of an act code, oldest first."""
    return list(db.session.scalars(sa.select(Act).where(Act.code == code).order_by(Act.valid_from)))


def all_sectors() -> list[Sector]:
    """Return every sector, active or not, by code."""
    return list(db.session.scalars(sa.select(Sector).order_by(Sector.code)))


def sector_choices(include: str | None = None) -> list[tuple[str, str]]:
    """Return (code, label) of the active sectors, plus `include` (an act's current sector) if withdrawn."""
    return [(s.code, f"{s.name} ({s.code})") for s in all_sectors() if s.active or s.code == include]
