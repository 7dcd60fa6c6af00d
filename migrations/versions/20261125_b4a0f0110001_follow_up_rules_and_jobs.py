"""Follow-up rules as data (national defaults seeded) and the record of scheduled job runs.

National defaults (any classification): every week in month 1, every month to month 6,
every 3 months after. Classification C: every week to month 3, every 2 weeks to month 6,
every month after. All home visits. Provinces may replace them with their own.

Revision ID: b4a0f0110001
Revises: a356e49040fd
Create Date: 2026-11-25 05:10:00.000000

"""
import datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4a0f0110001'
down_revision = 'a356e49040fd'
branch_labels = None
depends_on = None

# (classification, from_month, until_month, every, unit)
DEFAULT_RULES = (
    (None, 0, 1, 1, 'week'),
    (None, 1, 6, 1, 'month'),
    (None, 6, None, 3, 'month'),
    ('C', 0, 3, 1, 'week'),
    ('C', 3, 6, 2, 'week'),
    ('C', 6, None, 1, 'month'),
)


def upgrade():
    op.create_table('job_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.String(length=100), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.Enum('running', 'succeeded', 'failed', name='jobrunstatus', native_enum=False, length=32), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_runs'))
    )
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.create_index('ix_job_runs_job_id_started_at', ['job_id', 'started_at'], unique=False)

    follow_up_rules = op.create_table('follow_up_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=True),
    sa.Column('classification', sa.Enum('A', 'B', 'C', 'D', name='classification', native_enum=False, length=32), nullable=True),
    sa.Column('from_month', sa.Integer(), nullable=False),
    sa.Column('until_month', sa.Integer(), nullable=True),
    sa.Column('every', sa.Integer(), nullable=False),
    sa.Column('unit', sa.Enum('week', 'month', name='intervalunit', native_enum=False, length=32), nullable=False),
    sa.Column('kind', sa.Enum('home_visit', 'phone_call', 'office_visit', 'retention_check', name='followupkind', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('every >= 1', name=op.f('ck_follow_up_rules_every_positive')),
    sa.CheckConstraint('from_month >= 0', name=op.f('ck_follow_up_rules_from_month_not_negative')),
    sa.CheckConstraint('until_month IS NULL OR until_month > from_month', name=op.f('ck_follow_up_rules_until_after_from')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_follow_up_rules_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_rules'))
    )
    with op.batch_alter_table('follow_up_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_rules_province_code'), ['province_code'], unique=False)

    seeded_at = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)
    op.bulk_insert(follow_up_rules, [
        {
            'province_code': None,
            'classification': classification,
            'from_month': from_month,
            'until_month': until_month,
            'every': every,
            'unit': unit,
            'kind': 'home_visit',
            'created_at': seeded_at,
            'updated_at': seeded_at,
        }
        for classification, from_month, until_month, every, unit in DEFAULT_RULES
    ])


def downgrade():
    with op.batch_alter_table('follow_up_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_rules_province_code'))

    op.drop_table('follow_up_rules')
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.drop_index('ix_job_runs_job_id_started_at')

    op.drop_table('job_runs')
