"""Report delivery: a notification's e-mail may carry an attachment (its kind and the id it
is made from), e.g. the report's PDF.

Revision ID: 3d94f0110009
Revises: 2c83f0110008
Create Date: 2026-11-25 09:00:00

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "3d94f0110009"
down_revision = "2c83f0110008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.add_column(sa.Column("attachment_kind", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("attachment_ref", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.drop_column("attachment_ref")
        batch_op.drop_column("attachment_kind")
