"""Browser sessions kept on the server and failed sign-ins counted in the database (issue: hardening, 5 and 6).

`api_tokens.kind` tells an API bearer token ('api', every existing row) from a signed-in browser's session
('session'); signing out, a password change or deactivation revokes the row, so a copied cookie opens nothing.
`sign_in_throttles` holds the failed sign-ins of each account and address in the current window, shared by every
worker (auth.throttle).

Revision ID: b13e570ca853
Revises: 66ed3b5039c2
Create Date: 2026-12-08 00:07:34.693216

"""

import sqlalchemy as sa
from alembic import op

revision = "b13e570ca853"
down_revision = "66ed3b5039c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_throttles",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_sign_in_throttles_failures_nonnegative")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttles")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=8), server_default="api", nullable=False))
        batch_op.create_check_constraint("kind_known", "kind IN ('api', 'session')")


def downgrade():
    op.execute("DELETE FROM api_tokens WHERE kind = 'session'")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_api_tokens_kind_known"), type_="check")
        batch_op.drop_column("kind")
    op.drop_table("sign_in_throttles")
