"""A version on each release: a caseworker may now correct a release, and a correction
based on an older version is refused (optimistic locking, as for people and cases).

A plain ADD COLUMN on both databases: SQLite does not rebuild the table for it.

Revision ID: 71d0f011000d
Revises: 60c0f011000c
Create Date: 2026-12-07 01:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "71d0f011000d"
down_revision = "60c0f011000c"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "releases", sa.Column("version", sa.Integer(), server_default="1", nullable=False)
    )


def downgrade():
    with op.batch_alter_table("releases") as batch_op:
        batch_op.drop_column("version")
