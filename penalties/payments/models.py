"""Payments, installment plans, postponements, reductions, refused requests and enforcement decisions (SPEC §2, §6)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.core.db import Model, Moment, Money, one_of, utcnow
from penalties.law.late_fee import Tranche

PAYMENT_METHODS = ("cash", "bank_transfer", "online")
REDUCTION_KINDS = ("reduce", "exempt")
RELIEF_KINDS = ("installments", "postponement", "reduction")
ENFORCEMENT_MEASURES = (
    "salary_deduction",
    "account_deduction",
    "distraint",
    "third_party_collection",
    "remedial_enforcement",
)


class Payment(Model):
    """Money received; a mistaken payment is reversed by a linked negative entry, never edited."""

    __tablename__ = "payments"
    __table_args__ = (
        sa.UniqueConstraint("unit_id", "receipt_no"),
        sa.CheckConstraint(one_of("method", PAYMENT_METHODS), name="method_known"),
        sa.CheckConstraint(
            "(reverses_id IS NULL AND amount > 0) OR (reverses_id IS NOT NULL AND amount < 0)",
            name="amount_sign",
        ),
        sa.CheckConstraint("principal + late_fee = amount", name="allocation_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    amount: Mapped[int] = mapped_column(Money)
    # Allocation: the fine first, then the late fee (Law Art. 78; SPEC §6b).
    principal: Mapped[int] = mapped_column(Money)
    late_fee: Mapped[int] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(sa.String(16))
    receipt_no: Mapped[str] = mapped_column(sa.String(64))
    reverses_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"), unique=True)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)


class InstallmentPlan(Model):
    """Payment in installments (Law Art. 79; form MQĐ05)."""

    __tablename__ = "installment_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), unique=True)
    number: Mapped[str | None] = mapped_column(sa.String(40))
    requested_on: Mapped[date]
    decided_on: Mapped[date]
    hardship: Mapped[str] = mapped_column(sa.Text)
    evidence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)

    installments: Mapped[list["Installment"]] = relationship(order_by="Installment.seq", cascade="all, delete-orphan")

    def tranches(self) -> tuple[Tranche, ...]:
        """The installments as the law reads them: what falls due when."""
        return tuple(Tranche(i.due_on, i.amount) for i in self.installments)


class Installment(Model):
    __tablename__ = "installments"
    __table_args__ = (
        sa.UniqueConstraint("plan_id", "seq"),
        sa.CheckConstraint("seq BETWEEN 1 AND 3", name="at_most_three"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("installment_plans.id", ondelete="CASCADE"))
    seq: Mapped[int]
    due_on: Mapped[date]
    amount: Mapped[int] = mapped_column(Money)


class Postponement(Model):
    """Postponement of a fine (Law Art. 76; form MQĐ03): no late fee meanwhile."""

    __tablename__ = "postponements"
    __table_args__ = (sa.CheckConstraint("until_on >= decided_on", name="until_after_decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    number: Mapped[str | None] = mapped_column(sa.String(40))
    requested_on: Mapped[date]
    decided_on: Mapped[date]
    until_on: Mapped[date]
    hardship: Mapped[str] = mapped_column(sa.Text)
    evidence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)


class Reduction(Model):
    """Reduction or exemption of the remaining fine for certified hardship (Law Art. 77; form MQĐ04)."""

    __tablename__ = "reductions"
    __table_args__ = (
        sa.CheckConstraint(one_of("kind", REDUCTION_KINDS), name="kind_known"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("decided_on >= requested_on", name="decided_after_request"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    number: Mapped[str | None] = mapped_column(sa.String(40))
    kind: Mapped[str] = mapped_column(sa.String(8))  # reduce: part of the rest; exempt: all of the rest
    amount: Mapped[int] = mapped_column(Money)  # the part of the fine remitted
    requested_on: Mapped[date]
    decided_on: Mapped[date]
    hardship: Mapped[str] = mapped_column(sa.Text)
    evidence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)


class RefusedRequest(Model):
    """A request for installments, postponement or reduction that was refused, with the reason: kept for the
    late fee it paused while considered (Circular 18/2023/TT-BTC Art. 5(2)) and for the record."""

    __tablename__ = "refused_requests"
    __table_args__ = (
        sa.CheckConstraint(one_of("kind", RELIEF_KINDS), name="kind_known"),
        sa.CheckConstraint("decided_on >= requested_on", name="decided_after_request"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    requested_on: Mapped[date]
    decided_on: Mapped[date]
    hardship: Mapped[str] = mapped_column(sa.Text, default="")
    reason: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)


class Enforcement(Model):
    """An enforcement decision (cưỡng chế, Law Art. 86; form MQĐ12c)."""

    __tablename__ = "enforcements"
    __table_args__ = (
        sa.UniqueConstraint("unit_id", "year", "seq"),
        sa.CheckConstraint(one_of("measure", ENFORCEMENT_MEASURES), name="measure_known"),
        sa.CheckConstraint("amount >= 0 AND late_fee >= 0 AND amount + late_fee > 0", name="something_owed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(sa.ForeignKey("decisions.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(40))
    decided_on: Mapped[date] = mapped_column(index=True)
    measure: Mapped[str] = mapped_column(sa.String(32))
    # What is to be collected, as of the enforcement decision: the fine still owed and the late fee.
    amount: Mapped[int] = mapped_column(Money, default=0)
    late_fee: Mapped[int] = mapped_column(Money, default=0)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_documents.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
