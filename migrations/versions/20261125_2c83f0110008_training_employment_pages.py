"""Training and employment pages: what their forms need beyond the first schema.

Revision ID: 2c83f0110008
Revises: 1b72f0110007
Create Date: 2026-11-25 09:00:00

"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "2c83f0110008"
down_revision = "1b72f0110007"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
