"""Administrative units: province → district (until 2025-06-30) → commune/ward."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.core.db import Model, Moment, one_of, utcnow

LEVELS = ("province", "district", "commune")


class Unit(Model):
    __tablename__ = "units"
    __table_args__ = (sa.CheckConstraint(one_of("level", LEVELS), name="level_known"),)

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
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent", order_by="Unit.code")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
