"""The commune police's residence check on a case (Circular 10/2024 Art. 8): the day, what
it found, and the day form HCD-03 went back for a wrong address; kept apart from the day
the person reported.

Revision ID: 0a899931b2e1
Revises: d4a6f3b10018
Create Date: 2026-12-07 19:49:06.130925

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0a899931b2e1'
down_revision = 'd4a6f3b10018'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no batch copy): the cases table carries triggers.
    op.add_column('cases', sa.Column('residence_checked_on', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('residence_check', sa.Enum('confirmed', 'wrong_address', name='residencecheck', native_enum=False, length=32), nullable=True))
    op.add_column('cases', sa.Column('hcd03_sent_on', sa.Date(), nullable=True))


def downgrade():
    op.drop_column('cases', 'hcd03_sent_on')
    op.drop_column('cases', 'residence_check')
    op.drop_column('cases', 'residence_checked_on')
