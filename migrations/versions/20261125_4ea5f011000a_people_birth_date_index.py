"""People by birth day and name (the sort key): the similar-name check of an import looks up
each row's birth day and given name, instead of reading everyone who shares a given name.

Revision ID: 4ea5f011000a
Revises: 3d94f0110009
Create Date: 2026-11-25 11:00:00

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "4ea5f011000a"
down_revision = "3d94f0110009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_people_birth_date_sort_key", "people", ["birth_date", "sort_key"])


def downgrade():
    op.drop_index("ix_people_birth_date_sort_key", table_name="people")
