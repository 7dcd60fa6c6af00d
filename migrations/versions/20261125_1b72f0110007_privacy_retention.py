"""Privacy: what retention anonymised and when.

Revision ID: 1b72f0110007
Revises: 0a61f0110006
Create Date: 2026-11-25 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "1b72f0110007"
down_revision = "0a61f0110006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "anonymisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_closed_on", sa.Date(), nullable=False),
        sa.Column("retention_months", sa.Integer(), nullable=False),
        sa.Column("cleared", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_anonymisations_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisations")),
        sa.UniqueConstraint("person_id", name=op.f("uq_anonymisations_person_id")),
    )


def downgrade():
    op.drop_table("anonymisations")
