"""Read side of the catalogue: search acts by words or provision, by sector, valid on a date."""

from datetime import date

import sqlalchemy as sa

from penalties.catalogue.models import Act, Sector
from penalties.core.pagination import Page, keyset_page
from penalties.core.text import fold


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
        query = query.where(Act.search_folded.like(f"%{word}%"))
    if on is not None:
        query = query.where(Act.valid_from <= on, sa.or_(Act.valid_to.is_(None), Act.valid_to >= on))
    if active_only:
        query = query.where(Act.active.is_(True))
    return keyset_page(query, [Act.code, Act.valid_from], cursor, limit)
