"""Release-list imports: the batches, their rows and their progress.

Revision ID: 0a61f0110006
Revises: f8e0f0110005
Create Date: 2026-11-25 09:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0a61f0110006"
down_revision = "f8e0f0110005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('status', sa.Enum('queued', 'analysing', 'needs_mapping', 'ready', 'commit_queued', 'committing', 'committed', 'failed', 'cancelled', name='batchstatus', native_enum=False, length=32), nullable=False),
    sa.Column('release_type', sa.Enum('amnesty', 'sentence_completed', 'conditional_early_release', name='releasetype', native_enum=False, length=32), nullable=False),
    sa.Column('amnesty_decision_id', sa.Integer(), nullable=True),
    sa.Column('release_date', sa.Date(), nullable=True),
    sa.Column('notified_on', sa.Date(), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=True),
    sa.Column('mapping', sa.JSON(), nullable=True),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('progress_done', sa.Integer(), nullable=False),
    sa.Column('progress_total', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('imported_count', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('committed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('committed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['amnesty_decision_id'], ['amnesty_decisions.id'], name=op.f('fk_import_batches_amnesty_decision_id_amnesty_decisions')),
    sa.ForeignKeyConstraint(['committed_by_id'], ['users.id'], name=op.f('fk_import_batches_committed_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_import_batches_created_by_id_users')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_import_batches_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches'))
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batches_province_code'), ['province_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batches_status'), ['status'], unique=False)

    op.create_table('import_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('new', 'known', 'decision', 'invalid', 'skipped', 'imported', name='rowstatus', native_enum=False, length=32), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('decision', sa.Enum('split', 'ambiguous', 'not_found', 'similar', name='decisionkind', native_enum=False, length=32), nullable=True),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('choice', sa.String(length=20), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_import_rows_batch_id_import_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_import_rows_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_rows'))
    )
    with op.batch_alter_table('import_rows', schema=None) as batch_op:
        batch_op.create_index('ix_import_rows_batch_row', ['batch_id', 'row_number'], unique=False)
        batch_op.create_index('ix_import_rows_batch_status', ['batch_id', 'status'], unique=False)



def downgrade():
    with op.batch_alter_table('import_rows', schema=None) as batch_op:
        batch_op.drop_index('ix_import_rows_batch_status')
        batch_op.drop_index('ix_import_rows_batch_row')

    op.drop_table('import_rows')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_status'))
        batch_op.drop_index(batch_op.f('ix_import_batches_province_code'))
        batch_op.drop_index(batch_op.f('ix_import_batches_created_by_id'))

    op.drop_table('import_batches')
