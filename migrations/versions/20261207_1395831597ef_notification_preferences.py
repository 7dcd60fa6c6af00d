"""Each user chooses, per kind of notice, whether it also comes by e-mail (the inbox always
has it). No row means by e-mail, as before this revision.

Revision ID: 1395831597ef
Revises: 0952dedb76bd
Create Date: 2026-12-07 17:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "1395831597ef"
down_revision = "0952dedb76bd"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("by_email", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notification_preferences_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_notification_preferences")),
    )


def downgrade():
    op.drop_table("notification_preferences")
