"""The statistics count what reductions and exemptions remitted (`fines_reduced`, Law Art. 77; SPEC §8): a column
of the summary's facts and days; collection_rate = collected / (imposed − reduced). No reduction exists before this
revision (cb3ea072ac1a adds them), so there is nothing to fill in.

Revision ID: f37cc39483c5
Revises: cb3ea072ac1a
Create Date: 2026-12-08 04:29:39.147916

"""

from alembic import op
import sqlalchemy as sa


revision = "f37cc39483c5"
down_revision = "cb3ea072ac1a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fines_reduced", sa.BigInteger(), server_default="0", nullable=False))

    with op.batch_alter_table("report_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fines_reduced", sa.BigInteger(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("report_facts", schema=None) as batch_op:
        batch_op.drop_column("fines_reduced")

    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.drop_column("fines_reduced")
