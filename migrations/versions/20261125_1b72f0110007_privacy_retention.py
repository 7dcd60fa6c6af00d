"""Privacy: what retention anonymised and when.

Revision ID: 1b72f0110007
Revises: 0a61f0110006
Create Date: 2026-11-25 09:00:00

"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "1b72f0110007"
down_revision = "0a61f0110006"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
