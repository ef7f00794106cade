"""The administrative map by date (SPEC v2 §0): units in force from `valid_from` through `valid_to` and their
successors; the districts end on 30/06/2025 (two-level local government from 01/07/2025: Law on the Organisation
of Local Government 72/2025/QH15, Resolution 202/2025/QH15). Nothing is renumbered: cases and decisions keep
their unit, and a successor carries them on (`cases.carried_by_id`: the successor a split ward's case was handed
to).

Revision ID: e6b2d9a4c1f3
Revises: a7c3e91d5f20
Create Date: 2026-12-08 04:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e6b2d9a4c1f3"
down_revision = "a7c3e91d5f20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            "valid_order", "valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to"
        )
    op.create_table(
        "unit_successors",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("unit_id <> successor_id", name=op.f("ck_unit_successors_not_itself")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_unit_successors_unit_id_units")),
        sa.ForeignKeyConstraint(["successor_id"], ["units.id"], name=op.f("fk_unit_successors_successor_id_units")),
        sa.PrimaryKeyConstraint("unit_id", "successor_id", name=op.f("pk_unit_successors")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_cases_carried_by_id_units"), "units", ["carried_by_id"], ["id"])
    op.execute("UPDATE units SET valid_to = '2025-06-30' WHERE level = 'district' AND valid_to IS NULL")


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_cases_carried_by_id_units"), type_="foreignkey")
        batch_op.drop_column("carried_by_id")
    op.drop_table("unit_successors")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_units_valid_order"), type_="check")
        batch_op.drop_column("valid_to")
        batch_op.drop_column("valid_from")
