"""Reference data: sectors, circumstances, the catalogue of acts, holiday overrides (SPEC §3, §5)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.core.db import Model, Moment, Money, one_of, utcnow


class Sector(Model):
    """A field of state management with its limitation period and maximum fine (Law Art. 6, 24)."""

    __tablename__ = "sectors"
    __table_args__ = (
        sa.CheckConstraint("limitation_years IN (1, 2)", name="limitation_years_known"),
        sa.CheckConstraint("max_fine_individual > 0", name="max_fine_positive"),
        sa.CheckConstraint("max_fine_organisation IS NULL OR max_fine_organisation > 0", name="org_max_fine_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    limitation_years: Mapped[int]
    max_fine_individual: Mapped[int] = mapped_column(Money)
    # Explicit when the sector decree says so (construction: 1 billion); else 2 × individual (Art. 24(2)).
    max_fine_organisation: Mapped[int | None] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(default=True)


CIRCUMSTANCE_KINDS = ("mitigating", "aggravating")


class Circumstance(Model):
    """A mitigating (Law Art. 9) or aggravating (Art. 10) circumstance."""

    __tablename__ = "circumstances"
    __table_args__ = (sa.CheckConstraint(one_of("kind", CIRCUMSTANCE_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    text: Mapped[str] = mapped_column(sa.Text)
    article: Mapped[str] = mapped_column(sa.String(200))
    sort_order: Mapped[int] = mapped_column(default=0)


class Act(Model):
    """One version of a violating act of a sector decree, with its fine ranges (SPEC §3)."""

    __tablename__ = "acts"
    __table_args__ = (
        sa.UniqueConstraint("code", "valid_from"),
        sa.CheckConstraint("fine_min >= 0 AND fine_min <= fine_max", name="fine_range"),
        sa.CheckConstraint("org_fine_min >= 0 AND org_fine_min <= org_fine_max", name="org_fine_range"),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity"),
        sa.CheckConstraint("limitation_years IS NULL OR limitation_years IN (1, 2)", name="limitation_years_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), index=True)
    sector_id: Mapped[int] = mapped_column(sa.ForeignKey("sectors.id"), index=True)
    legal_basis: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text)
    fine_min: Mapped[int] = mapped_column(Money)
    fine_max: Mapped[int] = mapped_column(Money)
    org_fine_min: Mapped[int] = mapped_column(Money)
    org_fine_max: Mapped[int] = mapped_column(Money)
    warning_allowed: Mapped[bool] = mapped_column(default=False)
    # The act's own limitation (Law Art. 6(1)): a sector may mix 1 and 2 years (commerce); None: its sector's.
    limitation_years: Mapped[int | None]
    additional_sanctions: Mapped[list] = mapped_column(sa.JSON, default=list)
    remedial_measures: Mapped[list] = mapped_column(sa.JSON, default=list)
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    # Diacritics-free words and provision, for search (core.text.fold).
    search_folded: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)

    sector: Mapped[Sector] = relationship()

    @property
    def limitation(self) -> int:
        """Return the act's limitation period in years: its own, else its sector's (Law Art. 6(1))."""
        return self.limitation_years or self.sector.limitation_years

    def is_valid_on(self, day: date) -> bool:
        """Return whether this version applies to a violation on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class HolidayOverride(Model):
    """A government swap day: a weekday off, or a weekend day worked (SPEC §2)."""

    __tablename__ = "holiday_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
