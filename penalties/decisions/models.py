"""Sanction decisions (MQĐ02) and the decisions that correct, amend or annul them (MQĐ38–40)."""

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.auth.models import User
from penalties.catalogue.models import Act
from penalties.core.db import Model, Moment, Money, one_of, utcnow
from penalties.core.documents import StoredDocument
from penalties.units.models import Unit

if TYPE_CHECKING:
    from penalties.cases.models import Case

DECISION_KINDS = ("sanction", "correction", "amendment", "annulment")
DELIVERY_METHODS = ("in_person", "post", "electronic", "posted_publicly")


class Decision(Model):
    __tablename__ = "decisions"
    __table_args__ = (
        sa.UniqueConstraint("unit_id", "year", "series", "seq"),
        sa.CheckConstraint(one_of("kind", DECISION_KINDS), name="kind_known"),
        sa.CheckConstraint("seq > 0", name="seq_positive"),
        sa.CheckConstraint("fine_total >= 0", name="fine_total_nonnegative"),
        sa.CheckConstraint("payment_period_days >= 10", name="payment_period"),
        sa.CheckConstraint("(kind = 'sanction') = (amends_id IS NULL)", name="correction_names_original"),
        sa.Index(
            "uq_decisions_one_sanction_per_case",
            "case_id",
            unique=True,
            sqlite_where=sa.text("kind = 'sanction'"),
            postgresql_where=sa.text("kind = 'sanction'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default="sanction")
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    amends_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    year: Mapped[int]
    series: Mapped[str] = mapped_column(sa.String(16))
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(40))
    issued_on: Mapped[date] = mapped_column(index=True)
    signer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    signer_position: Mapped[str | None] = mapped_column(sa.String(32))
    # Delegated signature ("KT."): the delegation decision is cited in the grounds (Law Art. 54).
    delegation: Mapped[str | None] = mapped_column(sa.String(200))
    warning: Mapped[bool] = mapped_column(default=False)
    fine_total: Mapped[int] = mapped_column(Money, default=0)
    # Law Art. 73: 10 days from receipt, or a longer period written in the decision.
    payment_period_days: Mapped[int] = mapped_column(default=10)
    additional_sanctions: Mapped[list] = mapped_column(sa.JSON, default=list)
    remedial_measures: Mapped[list] = mapped_column(sa.JSON, default=list)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    # SHA-256 of the data the PDF was rendered from: the PDF cannot carry its own hash, its QR carries this.
    verification_code: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)

    unit: Mapped[Unit] = relationship()
    case: Mapped["Case"] = relationship()
    document: Mapped[StoredDocument | None] = relationship()
    delivery: Mapped["Delivery | None"] = relationship(uselist=False, viewonly=True)
    signer: Mapped[User] = relationship(foreign_keys=[signer_id])
    amends: Mapped["Decision | None"] = relationship(remote_side=[id])
    lines: Mapped[list["DecisionLine"]] = relationship(
        back_populates="decision", order_by="DecisionLine.position", cascade="all, delete-orphan"
    )


class DecisionLine(Model):
    """The fine for one act in a decision, with the lawful range and the reason for the amount."""

    __tablename__ = "decision_lines"
    __table_args__ = (
        sa.UniqueConstraint("decision_id", "position"),
        sa.CheckConstraint("amount >= 0", name="amount_nonnegative"),
        sa.CheckConstraint("fine_min <= fine_max", name="fine_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    violation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("violations.id"))
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("acts.id"))
    fine_min: Mapped[int] = mapped_column(Money)
    fine_max: Mapped[int] = mapped_column(Money)
    proposed_amount: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    basis: Mapped[str] = mapped_column(sa.Text)
    reason: Mapped[str] = mapped_column(sa.Text, default="")

    decision: Mapped[Decision] = relationship(back_populates="lines")
    act: Mapped[Act] = relationship()


class Delivery(Model):
    """How and when the decision reached the violator; the payment and appeal clocks start here."""

    __tablename__ = "deliveries"
    __table_args__ = (sa.CheckConstraint(one_of("method", DELIVERY_METHODS), name="method_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), unique=True)
    delivered_on: Mapped[date]
    method: Mapped[str] = mapped_column(sa.String(16))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
