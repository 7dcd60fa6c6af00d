"""Public holidays: the working-day calendar's days off, kept by the administrators.

Revision ID: a1c0ca1e0001
Revises: 07130b98c623
Create Date: 2026-11-25 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c0ca1e0001'
down_revision = '07130b98c623'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('public_holidays',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_holidays')),
    sa.UniqueConstraint('day', name=op.f('uq_public_holidays_day'))
    )


def downgrade():
    op.drop_table('public_holidays')
