"""Follow-ups: the scheduled visits and calls of each case, one row each.

Revision ID: a356e49040fd
Revises: 54ac4df2297d
Create Date: 2026-11-25 04:52:33.022125

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a356e49040fd'
down_revision = '54ac4df2297d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('home_visit', 'phone_call', 'office_visit', 'retention_check', name='followupkind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('due', 'done', 'missed', 'cancelled', name='followupstatus', native_enum=False, length=32), nullable=False),
    sa.Column('generated', sa.Boolean(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_follow_ups_case_id_cases')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_follow_ups_done_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_case_id_due_on', ['case_id', 'due_on'], unique=False)
        batch_op.create_index('ix_follow_ups_status_due_on', ['status', 'due_on'], unique=False)



def downgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_status_due_on')
        batch_op.drop_index('ix_follow_ups_case_id_due_on')

    op.drop_table('follow_ups')
