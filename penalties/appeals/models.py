"""Complaints and lawsuits against a decision (Law on Complaints 2011; Law on Administrative Procedure)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from penalties.core.db import Model, Moment, Money, one_of, utcnow

APPEAL_KINDS = ("complaint", "lawsuit")
APPEAL_OUTCOMES = ("upheld", "amended", "annulled")


class Appeal(Model):
    __tablename__ = "appeals"
    __table_args__ = (
        sa.CheckConstraint(one_of("kind", APPEAL_KINDS), name="kind_known"),
        sa.CheckConstraint(
            "(kind = 'complaint' AND level IN (1, 2)) OR (kind = 'lawsuit' AND level IS NULL)",
            name="level_fits_kind",
        ),
        sa.CheckConstraint(f"outcome IS NULL OR {one_of('outcome', APPEAL_OUTCOMES)}", name="outcome_known"),
        sa.CheckConstraint("(outcome IS NULL) = (resolved_on IS NULL)", name="resolution_dated"),
        sa.CheckConstraint("new_fine_total IS NULL OR new_fine_total >= 0", name="new_total_nonnegative"),
        sa.CheckConstraint("refund_due >= 0", name="refund_nonnegative"),
        sa.CheckConstraint("suspended_on IS NULL OR suspended_on >= filed_on", name="suspended_after_filing"),
        sa.CheckConstraint("resolved_on IS NULL OR resolved_on >= filed_on", name="resolved_after_filing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    level: Mapped[int | None]
    filed_on: Mapped[date] = mapped_column(index=True)
    grounds: Mapped[str] = mapped_column(sa.Text)
    accepted_on: Mapped[date | None]
    accept_due_on: Mapped[date | None]
    resolve_due_on: Mapped[date | None]
    # Longer resolution periods: a complex case, a remote area (Law on Complaints Art. 28, 37).
    complex: Mapped[bool] = mapped_column(default=False)
    remote: Mapped[bool] = mapped_column(default=False)
    # The resolver may order execution suspended meanwhile (Law on Complaints Art. 35; Law XLVPHC Art. 15):
    # from that day until the resolution no late fee accrues and no enforcement is decided.
    suspended_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(16))
    resolved_on: Mapped[date | None] = mapped_column(index=True)
    new_fine_total: Mapped[int | None] = mapped_column(Money)
    amending_decision_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decisions.id"))
    refund_due: Mapped[int] = mapped_column(Money, default=0)
    resolution_note: Mapped[str] = mapped_column(sa.Text, default="")
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
