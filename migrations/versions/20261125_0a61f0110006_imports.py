"""Release-list imports: the batches, their rows and their progress.

Revision ID: 0a61f0110006
Revises: f8e0f0110005
Create Date: 2026-11-25 09:00:00

"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0a61f0110006"
down_revision = "f8e0f0110005"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
