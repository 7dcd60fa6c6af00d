"""Contacts (with their correction notes), needs assessments, case-plan goals with their
progress, and transfers between communes; follow_ups.contact_id becomes a foreign key to the
contact that answered the follow-up.

Revision ID: c5b0f0110002
Revises: b4a0f0110001
Create Date: 2026-11-25 05:10:33.073121

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5b0f0110002'
down_revision = 'b4a0f0110001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('intake', 'review', name='assessmentkind', native_enum=False, length=32), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessor_id'], ['users.id'], name=op.f('fk_assessments_assessor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assessments_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('ix_assessments_case_id_assessed_on', ['case_id', 'assessed_on'], unique=False)
        batch_op.create_index('uq_assessments_one_intake', ['case_id'], unique=True, sqlite_where=sa.text("kind = 'intake'"), postgresql_where=sa.text("kind = 'intake'"))

    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('home_visit', 'phone_call', 'office_visit', 'family_visit', 'police_visit', name='contactkind', native_enum=False, length=32), nullable=False),
    sa.Column('contact_on', sa.Date(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_contacts_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_contacts_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_case_id_contact_on', ['case_id', 'contact_on'], unique=False)

    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('need', sa.Enum('housing', 'health', 'addiction', 'documents', 'family', 'skills', 'money', name='need', native_enum=False, length=32), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('owner_text', sa.String(length=120), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'achieved', 'dropped', name='goalstatus', native_enum=False, length=32), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_goals_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_goals_created_by_id_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_goals_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index('ix_goals_case_id', ['case_id'], unique=False)
        batch_op.create_index('ix_goals_status_target_on', ['status', 'target_on'], unique=False)

    op.create_table('transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_commune_code', sa.Integer(), nullable=False),
    sa.Column('to_commune_code', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'refused', 'cancelled', name='transferstatus', native_enum=False, length=32), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_transfers_case_id_cases')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_transfers_decided_by_id_users')),
    sa.ForeignKeyConstraint(['from_commune_code'], ['communes.code'], name=op.f('fk_transfers_from_commune_code_communes')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_transfers_requested_by_id_users')),
    sa.ForeignKeyConstraint(['to_commune_code'], ['communes.code'], name=op.f('fk_transfers_to_commune_code_communes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers'))
    )
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfers_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_transfers_from_commune_status', ['from_commune_code', 'status'], unique=False)
        batch_op.create_index('ix_transfers_to_commune_status', ['to_commune_code', 'status'], unique=False)
        batch_op.create_index('uq_transfers_pending_per_case', ['case_id'], unique=True, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))

    op.create_table('contact_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_contact_corrections_author_id_users')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_corrections_contact_id_contacts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_corrections'))
    )
    with op.batch_alter_table('contact_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_corrections_contact_id'), ['contact_id'], unique=False)

    op.create_table('goal_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'achieved', 'dropped', name='goalstatus', native_enum=False, length=32), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_goal_progress_author_id_users')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_progress_goal_id_goals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_progress'))
    )
    with op.batch_alter_table('goal_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_progress_goal_id'), ['goal_id'], unique=False)

    op.create_table('need_scores',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.Enum('housing', 'health', 'addiction', 'documents', 'family', 'skills', 'money', name='need', native_enum=False, length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 3', name=op.f('ck_need_scores_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_need_scores_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'need', name=op.f('pk_need_scores'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_follow_ups_contact_id_contacts'), 'contacts', ['contact_id'], ['id'])



def downgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_ups_contact_id_contacts'), type_='foreignkey')

    op.drop_table('need_scores')
    with op.batch_alter_table('goal_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_progress_goal_id'))

    op.drop_table('goal_progress')
    with op.batch_alter_table('contact_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_corrections_contact_id'))

    op.drop_table('contact_corrections')
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.drop_index('uq_transfers_pending_per_case', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.drop_index('ix_transfers_to_commune_status')
        batch_op.drop_index('ix_transfers_from_commune_status')
        batch_op.drop_index(batch_op.f('ix_transfers_case_id'))

    op.drop_table('transfers')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index('ix_goals_status_target_on')
        batch_op.drop_index('ix_goals_case_id')

    op.drop_table('goals')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_case_id_contact_on')

    op.drop_table('contacts')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index('uq_assessments_one_intake', sqlite_where=sa.text("kind = 'intake'"), postgresql_where=sa.text("kind = 'intake'"))
        batch_op.drop_index('ix_assessments_case_id_assessed_on')

    op.drop_table('assessments')
