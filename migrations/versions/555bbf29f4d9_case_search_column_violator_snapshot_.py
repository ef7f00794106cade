"""case search column, violator snapshot, violation dates

Revision ID: 555bbf29f4d9
Revises: b2c886e6d305
Create Date: 2026-11-24 22:49:49.723348

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '555bbf29f4d9'
down_revision = 'b2c886e6d305'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get neutral values; the application always writes all three.
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complex_record', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('violator_snapshot', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('search_folded', sa.Text(), nullable=False, server_default=''))

    # No code wrote violations before this revision, so the table is empty and needs no defaults.
    with op.batch_alter_table('violations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('violated_on', sa.Date(), nullable=False))
        batch_op.add_column(sa.Column('limitation_expires_on', sa.Date(), nullable=False))
        batch_op.add_column(sa.Column('warning_only', sa.Boolean(), nullable=False))
        batch_op.add_column(sa.Column('no_sanction', sa.Boolean(), nullable=False))



def downgrade():
    with op.batch_alter_table('violations', schema=None) as batch_op:
        batch_op.drop_column('no_sanction')
        batch_op.drop_column('warning_only')
        batch_op.drop_column('limitation_expires_on')
        batch_op.drop_column('violated_on')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('search_folded')
        batch_op.drop_column('violator_snapshot')
        batch_op.drop_column('complex_record')
