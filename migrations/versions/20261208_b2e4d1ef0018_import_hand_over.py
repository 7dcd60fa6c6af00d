"""A national list's rows of other provinces handed to them (issue 18).

- import_batches.parent_id: the list a hand-over came from.

Revision ID: b2e4d1ef0018
Revises: a1f3c0de0018
Create Date: 2026-12-08 20:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b2e4d1ef0018"
down_revision = "a1f3c0de0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_import_batches_parent_id", ["parent_id"])
        batch_op.create_foreign_key(
            "fk_import_batches_parent_id_import_batches",
            "import_batches",
            ["parent_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_constraint("fk_import_batches_parent_id_import_batches", type_="foreignkey")
        batch_op.drop_index("ix_import_batches_parent_id")
        batch_op.drop_column("parent_id")
