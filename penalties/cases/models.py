"""Violators, cases (biên bản vi phạm hành chính, MBB01) and their violations."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from penalties.catalogue.models import Act, Circumstance
from penalties.core.db import Model, Moment, Money, one_of, utcnow
from penalties.core.documents import StoredDocument
from penalties.units.models import Unit

VIOLATOR_KINDS = ("individual", "organization")
CASE_STATUSES = ("recorded", "decided", "dismissed")


class Violator(Model):
    __tablename__ = "violators"
    __table_args__ = (
        sa.UniqueConstraint("kind", "id_number"),
        sa.CheckConstraint(one_of("kind", VIOLATOR_KINDS), name="kind_known"),
        sa.CheckConstraint("length(id_number) > 0", name="id_number_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[str] = mapped_column(sa.String(200))
    # Citizen ID (CCCD) for a person; enterprise or tax code for an organisation.
    id_number: Mapped[str] = mapped_column(sa.String(32), index=True)
    birth_date: Mapped[date | None]
    address: Mapped[str] = mapped_column(sa.String(300))
    representative: Mapped[str | None] = mapped_column(sa.String(200))
    # Name, ID number and address without diacritics (core.text.fold), for search.
    search_folded: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)


case_circumstances = sa.Table(
    "case_circumstances",
    Model.metadata,
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("circumstance_id", sa.ForeignKey("circumstances.id"), primary_key=True),
)


class Case(Model):
    __tablename__ = "cases"
    __table_args__ = (
        sa.UniqueConstraint("unit_id", "year", "seq"),
        sa.CheckConstraint(one_of("status", CASE_STATUSES), name="status_known"),
        sa.CheckConstraint("seq > 0", name="seq_positive"),
        sa.CheckConstraint("(status = 'dismissed') = (dismissed_on IS NOT NULL)", name="dismissal_dated"),
        # A unit's cases newest first with the search column at hand: list, keyset pages, search in a unit.
        sa.Index("ix_cases_unit_recorded_search", "unit_id", "recorded_at", "id", "search_folded"),
        # LIKE '%…%' search by trigrams on PostgreSQL; SQLite has none, so there the index is empty.
        sa.Index(
            "ix_cases_search_folded_trgm",
            "search_folded",
            postgresql_using="gin",
            postgresql_ops={"search_folded": "gin_trgm_ops"},
            sqlite_where=sa.false(),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(16), default="recorded", index=True)
    violator_id: Mapped[int] = mapped_column(sa.ForeignKey("violators.id"), index=True)
    detected_at: Mapped[datetime] = mapped_column(Moment)
    recorded_at: Mapped[datetime] = mapped_column(Moment, index=True)
    location_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    # The successor that carries the case on once its unit has ended (chosen among a split ward's successors;
    # empty: the one that holds the location, else the first listed) — SPEC §0, Law 88/2025 Art. 3.
    carried_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"))
    location_address: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text)
    witnesses: Mapped[str] = mapped_column(sa.Text, default="")
    needs_explanation: Mapped[bool] = mapped_column(default=False)
    very_complex: Mapped[bool] = mapped_column(default=False)
    # A complex record may take 5 working days from detection instead of 2 (D118 Art. 12(2)).
    complex_record: Mapped[bool] = mapped_column(default=False)
    repeat_offender: Mapped[bool] = mapped_column(default=False)
    # The violator as written in the record: the record never changes when the violator's data do.
    violator_snapshot: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Case number, violator name, ID number and addresses without diacritics (core.text.fold).
    search_folded: Mapped[str] = mapped_column(sa.Text, default="")
    # Deadlines computed by law/deadlines.py when the record is made (SPEC §2), kept for queries.
    record_due_on: Mapped[date | None]
    decision_due_on: Mapped[date] = mapped_column(index=True)
    limitation_expires_on: Mapped[date] = mapped_column(index=True)
    dismissed_on: Mapped[date | None]
    dismissal_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Moment, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    location_unit: Mapped[Unit] = relationship(foreign_keys=[location_unit_id])
    carried_by: Mapped[Unit | None] = relationship(foreign_keys=[carried_by_id])
    violator: Mapped[Violator] = relationship()
    circumstances: Mapped[list[Circumstance]] = relationship(secondary=case_circumstances)
    violations: Mapped[list["Violation"]] = relationship(
        back_populates="case", order_by="Violation.position", cascade="all, delete-orphan"
    )


class Violation(Model):
    """One violated act of a case, with the fine proposed when the record was made (SPEC §3)."""

    __tablename__ = "violations"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "position"),
        sa.CheckConstraint("fine_min >= 0 AND fine_min <= fine_max", name="fine_range"),
        sa.CheckConstraint("proposed_amount >= fine_min AND proposed_amount <= fine_max", name="proposal_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("acts.id"), index=True)
    ended_on: Mapped[date | None]
    # The day whose catalogue version applies: the end of a completed violation, else its detection.
    violated_on: Mapped[date]
    limitation_expires_on: Mapped[date]
    warning_only: Mapped[bool] = mapped_column(default=False)
    no_sanction: Mapped[bool] = mapped_column(default=False)
    # Done intentionally (True) or not (False); said for a violator aged 14 to under 16 (Law Art. 5(1)(a)).
    intentional: Mapped[bool | None]
    fine_min: Mapped[int] = mapped_column(Money)
    fine_max: Mapped[int] = mapped_column(Money)
    proposed_amount: Mapped[int] = mapped_column(Money)
    basis: Mapped[str] = mapped_column(sa.Text)

    case: Mapped[Case] = relationship(back_populates="violations")
    act: Mapped[Act] = relationship()


class CaseEvidence(Model):
    __tablename__ = "case_evidence"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_documents.id"), primary_key=True)
    caption: Mapped[str] = mapped_column(sa.String(300), default="")

    document: Mapped[StoredDocument] = relationship()
