"""case list and search indexes (measured with bench/cases.py on 1,000,000 cases)

Revision ID: 95c67a7ce511
Revises: c18c8a2b6e16
Create Date: 2026-11-24 23:40:12.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '95c67a7ce511'
down_revision = 'c18c8a2b6e16'
branch_labels = None
depends_on = None


def upgrade():
    # A unit's cases newest first, the search column at hand: the list of a ward and its keyset pages
    # read 51 index entries, and a search within a unit tests LIKE on the index before reading any row.
    op.create_index(
        'ix_cases_unit_recorded_search', 'cases', ['unit_id', 'recorded_at', 'id', 'search_folded'], unique=False
    )
    if op.get_bind().dialect.name == 'postgresql':
        # LIKE '%…%' on the diacritics-free column, answered by trigrams (pg_trgm is a trusted extension).
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.create_index(
            'ix_cases_search_folded_trgm', 'cases', ['search_folded'],
            postgresql_using='gin', postgresql_ops={'search_folded': 'gin_trgm_ops'},
        )
    else:
        # SQLite has no trigram index: the model declares this one empty there (WHERE false).
        op.create_index('ix_cases_search_folded_trgm', 'cases', ['search_folded'], sqlite_where=sa.false())


def downgrade():
    op.drop_index('ix_cases_search_folded_trgm', table_name='cases')
    op.drop_index('ix_cases_unit_recorded_search', table_name='cases')
    # pg_trgm stays: other objects may have come to use it.
