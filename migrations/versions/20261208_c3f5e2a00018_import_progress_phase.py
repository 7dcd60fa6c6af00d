"""The phase an import's progress counts: reading, checking or saving (issue 18).

Revision ID: c3f5e2a00018
Revises: b2e4d1ef0018
Create Date: 2026-12-08 20:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c3f5e2a00018"
down_revision = "b2e4d1ef0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.add_column(
            sa.Column(
                "progress_phase",
                sa.Enum("reading", "checking", "saving", name="phase", native_enum=False, length=32),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_column("progress_phase")
