"""Import batches: how many times the worker started reading a list (a reading cut short
twice is not tried again), and the repairs made while reading it (old fonts converted).

Plain ADD COLUMNs with server defaults, so the batches already there get 0 and [].

Revision ID: 9d146d075a65
Revises: 1395831597ef
Create Date: 2026-12-07 16:20:12

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9d146d075a65"
down_revision = "1395831597ef"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "import_batches",
        sa.Column("repairs", sa.JSON(), server_default="[]", nullable=False),
    )
    op.add_column(
        "import_batches",
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
    )


def downgrade():
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_column("attempts")
        batch_op.drop_column("repairs")
