"""What an import's preview counts of each row: its tags (what was repaired, repeated) and
the column at fault of an invalid row (issue 18).

Revision ID: d4a6f3b10018
Revises: b06ebb2db071
Create Date: 2026-12-08 20:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4a6f3b10018"
down_revision = "b06ebb2db071"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_rows") as batch_op:
        batch_op.add_column(sa.Column("tags", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("reason", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("import_rows") as batch_op:
        batch_op.drop_column("reason")
        batch_op.drop_column("tags")
