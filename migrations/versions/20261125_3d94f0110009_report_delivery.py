"""Report delivery: what the e-mails with the report attached need.

Revision ID: 3d94f0110009
Revises: 2c83f0110008
Create Date: 2026-11-25 09:00:00

"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "3d94f0110009"
down_revision = "2c83f0110008"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
