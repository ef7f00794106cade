"""Gap-free document numbers per unit, year and series (SPEC §6)."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from penalties.core.db import Model


class NumberSequence(Model):
    __tablename__ = "number_sequences"
    __table_args__ = (sa.CheckConstraint("last_value >= 0", name="last_value_nonnegative"),)

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


def next_number(session: Session, unit_id: int, year: int, series: str) -> int:
    """Take the next number of the series inside the caller's transaction.

    The row is created if missing, then incremented with one UPDATE, which holds its row lock until
    the transaction ends: concurrent issuers wait, and a rolled-back issue gives its number back.
    """
    key = {"unit_id": unit_id, "year": year, "series": series}
    table = NumberSequence.__table__
    bumped = session.execute(
        sa.update(table)
        .where(*(table.c[k] == v for k, v in key.items()))
        .values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    ).scalar()
    if bumped is not None:
        return bumped
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(table).values(**key, last_value=0).on_conflict_do_nothing())
    return next_number(session, unit_id, year, series)
