"""Appeals: acceptance day, complex/remote, suspension day, resolution note; enforcement amounts.

The boolean `suspends_execution` becomes the day execution was suspended (`suspended_on`): the late fee
stops from that day (Law XLVPHC Art. 15; Law on Complaints Art. 35). No appeal or enforcement was stored
before this revision (their operations arrive with it), so no data is carried over.

Revision ID: 86ebbb8a27dd
Revises: 95c67a7ce511
Create Date: 2026-11-25 01:20:29.076792

"""

import sqlalchemy as sa
from alembic import op

revision = "86ebbb8a27dd"
down_revision = "95c67a7ce511"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accepted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("complex", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("remote", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("suspended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("resolution_note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("resolved_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_appeals_resolved_by_id_users"), "users", ["resolved_by_id"], ["id"])
        batch_op.drop_column("suspends_execution")
        batch_op.create_check_constraint(
            "suspended_after_filing", "suspended_on IS NULL OR suspended_on >= filed_on"
        )
        batch_op.create_check_constraint("resolved_after_filing", "resolved_on IS NULL OR resolved_on >= filed_on")

    with op.batch_alter_table("enforcements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("amount", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("late_fee", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_check_constraint("something_owed", "amount >= 0 AND late_fee >= 0 AND amount + late_fee > 0")


def downgrade():
    with op.batch_alter_table("enforcements", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_enforcements_something_owed"), type_="check")
        batch_op.drop_column("note")
        batch_op.drop_column("late_fee")
        batch_op.drop_column("amount")

    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_appeals_resolved_after_filing"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_appeals_suspended_after_filing"), type_="check")
        batch_op.add_column(sa.Column("suspends_execution", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.drop_constraint(batch_op.f("fk_appeals_resolved_by_id_users"), type_="foreignkey")
        batch_op.drop_column("resolved_by_id")
        batch_op.drop_column("resolution_note")
        batch_op.drop_column("suspended_on")
        batch_op.drop_column("remote")
        batch_op.drop_column("complex")
        batch_op.drop_column("accepted_on")
