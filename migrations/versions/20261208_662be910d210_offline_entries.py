"""Entries recorded offline on a phone and accepted at sync: each with its idempotency key
(unique, so a replay records nothing twice), the versions it was based on, the time of the
visit as typed and the time it arrived; entries handed to the officer are kept too.

Revision ID: 662be910d210
Revises: c3f5e2a00018
Create Date: 2026-12-07 19:29:34.703778

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '662be910d210'
down_revision = 'c3f5e2a00018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('offline_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('contact', 'follow_up_done', name='entrykind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('accepted', 'handed_over', name='entrystatus', native_enum=False, length=32), nullable=False),
    sa.Column('visited_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('based_on', sa.JSON(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_id', sa.Integer(), nullable=True),
    sa.Column('province_code', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_offline_entries_case_id_cases')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_offline_entries_contact_id_contacts')),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_offline_entries_follow_up_id_follow_ups')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_offline_entries_user_id_users')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_offline_entries_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_entries')),
    sa.UniqueConstraint('key', name=op.f('uq_offline_entries_key'))
    )
    with op.batch_alter_table('offline_entries', schema=None) as batch_op:
        batch_op.create_index('ix_offline_entries_case_id', ['case_id'], unique=False)
        batch_op.create_index('ix_offline_entries_province_status', ['province_code', 'status'], unique=False)



def downgrade():
    with op.batch_alter_table('offline_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_offline_entries_province_status')
        batch_op.drop_index('ix_offline_entries_case_id')

    op.drop_table('offline_entries')
