"""Personal-data breaches (Law 91/2025): what the administrators record of each (found
when, what data, how many people and which case numbers, what was done) and the notice to
the authority, due within 72 hours of the discovery (the deadline is kept on the row).

Revision ID: 1b72ed59f080
Revises: 7d71106a4768
Create Date: 2026-12-07 16:24:44.934260

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b72ed59f080'
down_revision = '7d71106a4768'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_breaches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('discovered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notify_by', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('data_categories', sa.JSON(), nullable=False),
    sa.Column('people_affected', sa.Integer(), nullable=True),
    sa.Column('case_numbers', sa.JSON(), nullable=False),
    sa.Column('actions_taken', sa.Text(), nullable=False),
    sa.Column('authority_notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('authority_reference', sa.String(length=100), nullable=True),
    sa.Column('late_reason', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_data_breaches_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_breaches'))
    )
    with op.batch_alter_table('data_breaches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_breaches_notify_by'), ['notify_by'], unique=False)



def downgrade():
    with op.batch_alter_table('data_breaches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_breaches_notify_by'))

    op.drop_table('data_breaches')
