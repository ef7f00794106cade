"""Reduction and exemption of the remaining fine (Law Art. 77; form MQĐ04) and the requests for relief that were
refused (installments, postponement, reduction): the late fee pauses while a request is considered, granted or
refused (Circular 18/2023/TT-BTC Art. 5(2)), so a refusal is recorded too (SPEC v2 §2, §6a). The stored documents
gain the kind `reduction_pdf`.

Revision ID: cb3ea072ac1a
Revises: e6b2d9a4c1f3
Create Date: 2026-12-08 04:11:21.250228

"""

from alembic import op
import sqlalchemy as sa


revision = "cb3ea072ac1a"
down_revision = "e6b2d9a4c1f3"
branch_labels = None
depends_on = None

KINDS_BEFORE = (
    "evidence",
    "record_pdf",
    "decision_pdf",
    "hardship",
    "installment_pdf",
    "postponement_pdf",
    "enforcement_pdf",
    "appeal",
)
KINDS_AFTER = (*KINDS_BEFORE, "reduction_pdf")


def _document_kinds(kinds) -> None:
    with op.batch_alter_table("stored_documents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_stored_documents_kind_known"), type_="check")
        batch_op.create_check_constraint("kind_known", "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")")


def upgrade():
    _document_kinds(KINDS_AFTER)
    op.create_table(
        "reductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("hardship", sa.Text(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('reduce', 'exempt')", name=op.f("ck_reductions_kind_known")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_reductions_amount_positive")),
        sa.CheckConstraint("decided_on >= requested_on", name=op.f("ck_reductions_decided_after_request")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_reductions_created_by_id_users")),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"], name=op.f("fk_reductions_decision_id_decisions")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["stored_documents.id"], name=op.f("fk_reductions_document_id_stored_documents")
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["stored_documents.id"], name=op.f("fk_reductions_evidence_id_stored_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reductions")),
    )
    with op.batch_alter_table("reductions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reductions_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "refused_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("hardship", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('installments', 'postponement', 'reduction')", name=op.f("ck_refused_requests_kind_known")
        ),
        sa.CheckConstraint("decided_on >= requested_on", name=op.f("ck_refused_requests_decided_after_request")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_refused_requests_created_by_id_users")),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_refused_requests_decision_id_decisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_requests")),
    )
    with op.batch_alter_table("refused_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refused_requests_decision_id"), ["decision_id"], unique=False)


def downgrade():
    op.execute("DELETE FROM stored_documents WHERE kind = 'reduction_pdf'")
    _document_kinds(KINDS_BEFORE)
    with op.batch_alter_table("refused_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refused_requests_decision_id"))

    op.drop_table("refused_requests")
    with op.batch_alter_table("reductions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reductions_decision_id"))

    op.drop_table("reductions")
