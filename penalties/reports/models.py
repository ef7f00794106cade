"""What the statistics read (SPEC §7): the facts they count, summed per unit, sector and day.

Derived rows, never written by hand: reports.summary rewrites the facts of a case in the transaction of
every write that touches it (reports.hooks), and rebuilds everything from the raw tables when asked.

- report_facts: one row per fact the statistics count — a case recorded, a case dismissed, a sanction decision
  issued, an enforcement decision, an appeal filed, an appeal resolved —, on its day, in its unit, with the
  sectors of its case (and a case's acts). Its counts are what it adds from `settles_on` on, whatever `to`
  is; a fact of a case or a decision may add something else to a period ending before that day, and keeps the
  dates that say what (read by reports.queries for the few such facts of a period).
- report_days: the counts of report_facts summed per unit, sector (0: every sector) and day.
- report_act_days: the cases recorded per unit, act and day (the top acts).
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from penalties.core.db import Model, one_of

FACT_KINDS = ("case", "dismissal", "decision", "enforcement", "appeal_filed", "appeal_resolved")
# The counts a fact adds once settled; queries.figures_of derives the figures of API.md from their sums.
SUMMED = (
    "cases",
    "timed",
    "on_time",
    "dismissed",
    "decisions",
    "warnings",
    "annulled",
    "fines_imposed",
    "fines_collected",
    "fines_reduced",
    "enforced",
    "appeals_filed",
    "appeals_resolved",
    "appeals_on_time",
    "owing",
)
# A fact settling more than this many days after its own day "lingers" (an index of its own keeps those few):
# the facts still open at `to` are then the lingering ones and those of the last WINDOW days before it.
WINDOW = 62


def _count():
    return mapped_column(default=0, server_default="0")


def _money():
    return mapped_column(sa.BigInteger, default=0, server_default="0")


class Counts:
    """The SUMMED columns."""

    cases: Mapped[int] = _count()
    timed: Mapped[int] = _count()  # recorded; decided, dismissed or past the decision due date
    on_time: Mapped[int] = _count()  # of those, decided or dismissed on or before the decision due date
    dismissed: Mapped[int] = _count()
    decisions: Mapped[int] = _count()
    warnings: Mapped[int] = _count()
    annulled: Mapped[int] = _count()
    fines_imposed: Mapped[int] = _money()
    fines_collected: Mapped[int] = _money()
    fines_reduced: Mapped[int] = _money()  # remitted by reduction or exemption (Law Art. 77)
    enforced: Mapped[int] = _count()
    appeals_filed: Mapped[int] = _count()
    appeals_resolved: Mapped[int] = _count()
    appeals_on_time: Mapped[int] = _count()
    # A decision still owed once settled, its execution time limit running from its own day: overdue while
    # that day is not older than reports.facts.earliest_unexpired(`to`) (Law Art. 74).
    owing: Mapped[int] = _count()


class ReportFact(Counts, Model):
    __tablename__ = "report_facts"
    __table_args__ = (
        sa.UniqueConstraint("kind", "source_id"),
        sa.CheckConstraint(one_of("kind", FACT_KINDS), name="kind_known"),
        sa.CheckConstraint("settles_on >= day", name="settles_after_its_day"),
        # The facts of the last days of a period with their settling day and unit at hand: those still open at `to`
        # are found in the index (day first: PostgreSQL joins the units of the scope by hash, not by index).
        sa.Index("ix_report_facts_open", "day", "settles_on", "unit_id"),
        # The few facts settling long after their day, their settling day at hand.
        sa.Index(
            "ix_report_facts_lingering",
            "day",
            "settles_on",
            "unit_id",
            sqlite_where=sa.text("lingers = 1"),
            postgresql_where=sa.text("lingers"),
        ),
        # Decisions owed once settled whose time limit runs from a later day (amended, postponed): few.
        sa.Index(
            "ix_report_facts_owed_later",
            "day",
            "unit_id",
            sqlite_where=sa.text("owed_later = 1"),
            postgresql_where=sa.text("owed_later"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    # The case, decision, enforcement or appeal the fact is about.
    source_id: Mapped[int]
    # No foreign key: the rows of a case are rewritten after the flush that changed it (reports.hooks).
    case_id: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    day: Mapped[date]
    # The sectors of the case (",3,7,"), and for a case fact its acts: a case counts once in each.
    sectors: Mapped[str] = mapped_column(sa.String(200), default=",")
    acts: Mapped[str | None] = mapped_column(sa.Text)
    settles_on: Mapped[date]
    lingers: Mapped[bool] = mapped_column(default=False)
    # A case: its decision due date, the day of its sanction decision or its dismissal.
    due_on: Mapped[date | None]
    decided_on: Mapped[date | None]
    dismissed_on: Mapped[date | None]
    # A decision without amendment, annulment, installments, postponement or suspension, paid on two days at most:
    # its figures on any day follow from its delivery, payment due date and payments — the principal paid by
    # `first_paid_on` (when paid on two days), and by `paid_on` in all.
    simple: Mapped[bool] = mapped_column(default=False)
    delivered_on: Mapped[date | None]
    payment_due: Mapped[date | None]
    first_paid_on: Mapped[date | None]
    first_paid: Mapped[int | None] = mapped_column(sa.BigInteger)
    paid_on: Mapped[date | None]
    paid: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Still owed once settled: overdue while its execution has not expired, i.e. while `unexpired_from` is not
    # older than reports.facts.earliest_unexpired(`to`) — its own day (`owing`, summed) or a later one.
    owed_later: Mapped[bool] = mapped_column(default=False)
    unexpired_from: Mapped[date | None]


class ReportDay(Counts, Model):
    __tablename__ = "report_days"

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), primary_key=True)
    sector_id: Mapped[int] = mapped_column(primary_key=True)  # 0: every sector (a case counts once)
    day: Mapped[date] = mapped_column(primary_key=True)


class ReportActDay(Model):
    __tablename__ = "report_act_days"

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(sa.ForeignKey("acts.id"), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)
