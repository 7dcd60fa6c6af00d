"""A citizen ID number at odds with the birth year or sex is saved with a visible data-error
flag (the person's ``id_data_error``) that a person resolves, not refused.

Revision ID: 0e5b75d6ce40
Revises: a841539276d7
Create Date: 2026-12-07 21:04:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0e5b75d6ce40'
down_revision = 'a841539276d7'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('people', sa.Column('id_data_error', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('people', 'id_data_error')
