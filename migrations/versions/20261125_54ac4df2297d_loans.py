"""Loans: applications, their transitions, documents, repayment schedules and payments, and
the loan rules with the date each took effect, seeded with Decision 22/2023/QĐ-TTg (in force
10/10/2023) and the Bank for Social Policies' rate of 6.6% a year.

Revision ID: 54ac4df2297d
Revises: 337b6a344607
Create Date: 2026-11-25 04:37:02.693876

"""
import datetime
from decimal import Decimal

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '54ac4df2297d'
down_revision = '337b6a344607'
branch_labels = None
depends_on = None

DECISION_22 = "Quyết định 22/2023/QĐ-TTg"
IN_FORCE = datetime.date(2023, 10, 10)
# (key, value, legal basis): money in đồng, rates in percent, durations in their unit.
SEED_RULES = (
    ("training_ceiling_per_month", Decimal(4_000_000), DECISION_22),
    ("individual_ceiling", Decimal(100_000_000), DECISION_22),
    ("business_project_ceiling", Decimal(2_000_000_000), DECISION_22),
    ("business_ceiling_per_worker", Decimal(100_000_000), DECISION_22),
    ("business_min_eligible_share", Decimal(10), DECISION_22),
    ("interest_rate", Decimal("6.6"), "Lãi suất cho vay hộ nghèo của NHCSXH (Quyết định 22/2023/QĐ-TTg)"),
    ("overdue_interest_share", Decimal(130), DECISION_22),
    ("max_term_months", Decimal(120), DECISION_22),
    ("security_threshold", Decimal(100_000_000), "Quyết định 22/2023/QĐ-TTg; quy định bảo đảm tiền vay của NHCSXH"),
    ("max_years_since_completion", Decimal(5), DECISION_22),
    ("review_working_days", Decimal(10), "Quy định nội bộ (mặc định)"),
    ("late_alert_days", Decimal(30), "Quy định nội bộ (mặc định)"),
)


def upgrade():
    loan_rules = op.create_table('loan_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.Enum('training_ceiling_per_month', 'individual_ceiling', 'business_project_ceiling', 'business_ceiling_per_worker', 'business_min_eligible_share', 'interest_rate', 'overdue_interest_share', 'max_term_months', 'security_threshold', 'max_years_since_completion', 'review_working_days', 'late_alert_days', name='rulekey', native_enum=False, length=32), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_loan_rules_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_rules')),
    sa.UniqueConstraint('key', 'effective_from', name=op.f('uq_loan_rules_key_effective_from'))
    )
    op.bulk_insert(loan_rules, [
        {
            'key': key,
            'value': value,
            'effective_from': IN_FORCE,
            'legal_basis': basis,
            'created_at': datetime.datetime(2023, 10, 10, tzinfo=datetime.timezone.utc),
        }
        for key, value, basis in SEED_RULES
    ])
    op.create_table('loan_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('borrower_kind', sa.Enum('individual', 'business', name='borrowerkind', native_enum=False, length=32), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.Enum('womens_union', 'farmers_union', 'veterans_association', 'youth_union', name='organisation', native_enum=False, length=32), nullable=False),
    sa.Column('savings_group_name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'under_review', 'returned', 'rejected', 'endorsed', 'certified', 'sent_to_bank', 'approved', 'declined', 'disbursed', 'repaying', 'repaid', name='loanstatus', native_enum=False, length=32), nullable=False),
    sa.Column('purpose', sa.Enum('vocational_training', 'production_business', 'job_creation', name='loanpurpose', native_enum=False, length=32), nullable=False),
    sa.Column('amount_requested', sa.BigInteger(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('course_months', sa.Integer(), nullable=True),
    sa.Column('use_of_funds', sa.Text(), nullable=False),
    sa.Column('household_head_name', sa.String(length=200), nullable=True),
    sa.Column('household_relationship', sa.String(length=100), nullable=True),
    sa.Column('household_members', sa.Integer(), nullable=True),
    sa.Column('business_name', sa.String(length=200), nullable=True),
    sa.Column('business_kind', sa.Enum('sme', 'cooperative', 'household_business', name='businesskind', native_enum=False, length=32), nullable=True),
    sa.Column('business_address', sa.String(length=300), nullable=True),
    sa.Column('total_workers', sa.Integer(), nullable=True),
    sa.Column('eligible_workers', sa.Integer(), nullable=True),
    sa.Column('form01_listed', sa.Boolean(), nullable=True),
    sa.Column('outstanding_vbsp_debt', sa.Boolean(), nullable=True),
    sa.Column('rules_date', sa.Date(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('review_due_on', sa.Date(), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('certified_on', sa.Date(), nullable=True),
    sa.Column('certification_reference', sa.String(length=60), nullable=True),
    sa.Column('sent_to_bank_on', sa.Date(), nullable=True),
    sa.Column('bank_decided_on', sa.Date(), nullable=True),
    sa.Column('bank_reference', sa.String(length=60), nullable=True),
    sa.Column('approved_amount', sa.BigInteger(), nullable=True),
    sa.Column('approved_term_months', sa.Integer(), nullable=True),
    sa.Column('approved_annual_rate', sa.Numeric(precision=6, scale=3), nullable=True),
    sa.Column('disbursed_on', sa.Date(), nullable=True),
    sa.Column('prepared_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_loan_applications_case_id_cases')),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_loan_applications_commune_code_communes')),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['users.id'], name=op.f('fk_loan_applications_prepared_by_id_users')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_loan_applications_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_applications'))
    )
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_applications_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_loan_applications_commune_status', ['commune_code', 'status'], unique=False)
        batch_op.create_index('ix_loan_applications_organisation_status', ['organisation', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_loan_applications_review_due_on'), ['review_due_on'], unique=False)

    op.create_table('loan_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('certificate', 'identity', 'household', 'form_01', 'business_plan', 'labour_contracts', 'course', 'other', name='documentkind', native_enum=False, length=32), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['loan_applications.id'], name=op.f('fk_loan_documents_application_id_loan_applications')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_loan_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_documents')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_loan_documents_stored_name'))
    )
    with op.batch_alter_table('loan_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_documents_application_id'), ['application_id'], unique=False)

    op.create_table('loan_instalments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('interest', sa.BigInteger(), nullable=False),
    sa.Column('balance_after', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['loan_applications.id'], name=op.f('fk_loan_instalments_application_id_loan_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_instalments')),
    sa.UniqueConstraint('application_id', 'number', name=op.f('uq_loan_instalments_application_id_number'))
    )
    with op.batch_alter_table('loan_instalments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_instalments_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loan_instalments_due_on'), ['due_on'], unique=False)

    op.create_table('loan_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.Enum('draft', 'submitted', 'under_review', 'returned', 'rejected', 'endorsed', 'certified', 'sent_to_bank', 'approved', 'declined', 'disbursed', 'repaying', 'repaid', name='loanstatus', native_enum=False, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('draft', 'submitted', 'under_review', 'returned', 'rejected', 'endorsed', 'certified', 'sent_to_bank', 'approved', 'declined', 'disbursed', 'repaying', 'repaid', name='loanstatus', native_enum=False, length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_loan_transitions_actor_id_users')),
    sa.ForeignKeyConstraint(['application_id'], ['loan_applications.id'], name=op.f('fk_loan_transitions_application_id_loan_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_transitions'))
    )
    with op.batch_alter_table('loan_transitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_transitions_application_id'), ['application_id'], unique=False)

    op.create_table('loan_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('instalment_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('book_reference', sa.String(length=100), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['loan_applications.id'], name=op.f('fk_loan_payments_application_id_loan_applications')),
    sa.ForeignKeyConstraint(['instalment_id'], ['loan_instalments.id'], name=op.f('fk_loan_payments_instalment_id_loan_instalments')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_loan_payments_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_payments'))
    )
    with op.batch_alter_table('loan_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_payments_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loan_payments_instalment_id'), ['instalment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('loan_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_payments_instalment_id'))
        batch_op.drop_index(batch_op.f('ix_loan_payments_application_id'))

    op.drop_table('loan_payments')
    with op.batch_alter_table('loan_transitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_transitions_application_id'))

    op.drop_table('loan_transitions')
    with op.batch_alter_table('loan_instalments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_instalments_due_on'))
        batch_op.drop_index(batch_op.f('ix_loan_instalments_application_id'))

    op.drop_table('loan_instalments')
    with op.batch_alter_table('loan_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_documents_application_id'))

    op.drop_table('loan_documents')
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_applications_review_due_on'))
        batch_op.drop_index('ix_loan_applications_organisation_status')
        batch_op.drop_index('ix_loan_applications_commune_status')
        batch_op.drop_index(batch_op.f('ix_loan_applications_case_id'))

    op.drop_table('loan_applications')
    op.drop_table('loan_rules')
