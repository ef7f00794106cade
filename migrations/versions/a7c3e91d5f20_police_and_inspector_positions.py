"""The signers' positions of SPEC v2 §4: the police titles of Decree 189/2025 Art. 8 (station and team heads,
provincial police division heads, the provincial police director) and the provincial chief inspector; the users'
CHECK on `position` names them too.

Revision ID: a7c3e91d5f20
Revises: d51cb36b7ad7
Create Date: 2026-12-08 03:50:00

"""

from alembic import op

revision = "a7c3e91d5f20"
down_revision = "d51cb36b7ad7"
branch_labels = None
depends_on = None

BEFORE = (
    "chu_tich_ubnd_xa",
    "chu_tich_ubnd_huyen",
    "chu_tich_ubnd_tinh",
    "giam_doc_so",
    "truong_cong_an_xa",
    "chien_si_cand",
)
AFTER = (*BEFORE, "truong_don_cand", "truong_phong_cong_an_tinh", "giam_doc_cong_an_tinh", "chanh_thanh_tra_tinh")


def _check(positions) -> str:
    return "position IS NULL OR position IN (" + ", ".join(f"'{p}'" for p in positions) + ")"


def _replace(positions) -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_users_position_known"), type_="check")
        batch_op.create_check_constraint("position_known", _check(positions))


def upgrade():
    _replace(AFTER)


def downgrade():
    op.execute("UPDATE users SET position = NULL WHERE position NOT IN (" + ", ".join(f"'{p}'" for p in BEFORE) + ")")
    _replace(BEFORE)
