"""The offence as the release paper names it (issue 18).

- releases.offence: "Tội danh" as written (sensitive, as the offence group).
- import_rows.warnings: optional cells that could not be read (left empty).

Revision ID: a1f3c0de0018
Revises: 271d97412fc9
Create Date: 2026-12-08 19:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a1f3c0de0018"
down_revision = "271d97412fc9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("releases") as batch_op:
        batch_op.add_column(sa.Column("offence", sa.String(length=300), nullable=True))
    with op.batch_alter_table("import_rows") as batch_op:
        batch_op.add_column(sa.Column("warnings", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    with op.batch_alter_table("import_rows") as batch_op:
        batch_op.drop_column("warnings")
    with op.batch_alter_table("releases") as batch_op:
        batch_op.drop_column("offence")
