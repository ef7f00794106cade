"""Each violation says whether it was intentional (SPEC v2 §3; Law Art. 5(1)(a)): a violator aged 14 to under 16
is sanctioned only for an intentional violation. Existing rows say nothing (NULL): they were recorded before the
question was asked.

Revision ID: 2f14c09cab5f
Revises: d4a1f0c2b7e9
Create Date: 2026-12-08 02:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "2f14c09cab5f"
down_revision = "d4a1f0c2b7e9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("violations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intentional", sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table("violations", schema=None) as batch_op:
        batch_op.drop_column("intentional")
