"""Administrative units: province → district (until 2025-06-30) → commune/ward, each dated (SPEC §0)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.core.db import Model, Moment, one_of, utcnow

LEVELS = ("province", "district", "commune")


class UnitSuccessor(Model):
    """A unit that carries on an ended one (a ward split among several new ones has several)."""

    __tablename__ = "unit_successors"
    __table_args__ = (sa.CheckConstraint("unit_id <> successor_id", name="not_itself"),)

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), primary_key=True)
    successor_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), primary_key=True)
    # The order the resolution lists them in: the first takes the whole or most of the territory.
    position: Mapped[int] = mapped_column(default=1)


unit_successors = UnitSuccessor.__table__


class Unit(Model):
    __tablename__ = "units"
    __table_args__ = (
        sa.CheckConstraint(one_of("level", LEVELS), name="level_known"),
        sa.CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to", name="valid_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    level: Mapped[str] = mapped_column(sa.String(16))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    address: Mapped[str | None] = mapped_column(sa.String(300))
    # State Treasury account where fines are paid (Decree 118 Art. 20); VietQR needs the bank BIN.
    treasury_account: Mapped[str | None] = mapped_column(sa.String(32))
    treasury_name: Mapped[str | None] = mapped_column(sa.String(200))
    treasury_bank_bin: Mapped[str | None] = mapped_column(sa.String(6))
    active: Mapped[bool] = mapped_column(default=True)
    # In force from valid_from through valid_to (open when empty): a merged or abolished unit ends (SPEC §0).
    valid_from: Mapped[date | None] = mapped_column(sa.Date)
    valid_to: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent", order_by="Unit.code")
    successors: Mapped[list["Unit"]] = relationship(
        secondary=unit_successors,
        primaryjoin=lambda: Unit.id == unit_successors.c.unit_id,
        secondaryjoin=lambda: Unit.id == unit_successors.c.successor_id,
        order_by=lambda: unit_successors.c.position,
        viewonly=True,
    )

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
