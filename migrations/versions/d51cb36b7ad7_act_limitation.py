"""The limitation belongs to the act (SPEC v2 §2, §5; Law Art. 6(1)): `acts.limitation_years`, 1 or 2 years, NULL
for its sector's. Commerce becomes a 1-year sector with 2 years only for its acts of trading in goods and of
banned or counterfeit goods; so that no act already in a catalogue loses a year silently, the commerce acts present
now keep the 2 years they had — the administrator sets services and promotions to 1 (their act pages ask).

Revision ID: d51cb36b7ad7
Revises: 2f14c09cab5f
Create Date: 2026-12-08 03:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d51cb36b7ad7"
down_revision = "2f14c09cab5f"
branch_labels = None
depends_on = None

COMMERCE = "thuong_mai"
CHECK = "limitation_years IS NULL OR limitation_years IN (1, 2)"


def upgrade():
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # SQLite adds the column with its CHECK in place: a batch copy of `acts` would break the foreign keys of
        # the violations and decision lines that point to it.
        op.execute(
            "ALTER TABLE acts ADD COLUMN limitation_years INTEGER "
            f"CONSTRAINT ck_acts_limitation_years_known CHECK ({CHECK})"
        )
    else:
        op.add_column("acts", sa.Column("limitation_years", sa.Integer(), nullable=True))
        op.create_check_constraint(op.f("ck_acts_limitation_years_known"), "acts", CHECK)
    sector = conn.execute(
        sa.text("SELECT id, limitation_years FROM sectors WHERE code = :code"), {"code": COMMERCE}
    ).first()
    if sector is not None and sector.limitation_years == 2:
        conn.execute(sa.text("UPDATE acts SET limitation_years = 2 WHERE sector_id = :id"), {"id": sector.id})
        conn.execute(sa.text("UPDATE sectors SET limitation_years = 1 WHERE id = :id"), {"id": sector.id})


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE acts DROP COLUMN limitation_years")
    else:
        op.drop_constraint(op.f("ck_acts_limitation_years_known"), "acts", type_="check")
        op.drop_column("acts", "limitation_years")
