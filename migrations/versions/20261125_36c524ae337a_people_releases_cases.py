"""People, their releases and cases, classification history, revisions; the 2025 amnesty
decisions; a trigram index for search without diacritics on PostgreSQL.

Revision ID: 36c524ae337a
Revises: a1c0ca1e0001
Create Date: 2026-11-25 04:20:49.325393

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '36c524ae337a'
down_revision = 'a1c0ca1e0001'
branch_labels = None
depends_on = None


def upgrade():
    amnesty_decisions = op.create_table('amnesty_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('round_label', sa.String(length=100), nullable=False),
    sa.Column('released_count', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amnesty_decisions')),
    sa.UniqueConstraint('number', name=op.f('uq_amnesty_decisions_number'))
    )
    # The 2025 rounds (DOMAIN.md); administrators add later ones in the app.
    op.bulk_insert(amnesty_decisions, [
        {"number": "767/QĐ-CTN", "signed_on": date(2025, 4, 29),
         "round_label": "Đặc xá năm 2025, đợt 1 (dịp 30/4)", "released_count": 8055},
        {"number": "1693/QĐ-CTN", "signed_on": date(2025, 8, 29),
         "round_label": "Đặc xá năm 2025, đợt 2 (dịp 2/9), theo QĐ 1244/2025/QĐ-CTN",
         "released_count": 13920},
    ])
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('other_names', sa.String(length=300), nullable=True),
    sa.Column('search_text', sa.String(length=560), nullable=False),
    sa.Column('sort_key', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('sex', sa.Enum('male', 'female', name='sex', native_enum=False, length=32), nullable=False),
    sa.Column('id_number', sa.String(length=12), nullable=True),
    sa.Column('old_id_number', sa.String(length=9), nullable=True),
    sa.Column('nationality', sa.String(length=100), nullable=False),
    sa.Column('ethnicity', sa.String(length=100), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('residence_commune_code', sa.Integer(), nullable=True),
    sa.Column('residence_address', sa.String(length=300), nullable=True),
    sa.Column('residence_as_written', sa.Text(), nullable=True),
    sa.Column('current_address', sa.String(length=300), nullable=True),
    sa.Column('family_contact', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['people.id'], name=op.f('fk_people_merged_into_id_people')),
    sa.ForeignKeyConstraint(['residence_commune_code'], ['communes.code'], name=op.f('fk_people_residence_commune_code_communes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('id_number', name=op.f('uq_people_id_number'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_old_id_number'), ['old_id_number'], unique=False)
        batch_op.create_index('ix_people_sort_key', ['sort_key'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index('ix_people_search_text_trgm', 'people', ['search_text'], unique=False,
                    postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_revisions_changed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index('uq_revisions_object_version', ['object_type', 'object_id', 'version'], unique=True)

    op.create_table('releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('release_type', sa.Enum('amnesty', 'sentence_completed', 'conditional_early_release', name='releasetype', native_enum=False, length=32), nullable=False),
    sa.Column('amnesty_decision_id', sa.Integer(), nullable=True),
    sa.Column('release_date', sa.Date(), nullable=False),
    sa.Column('certificate_number', sa.String(length=60), nullable=True),
    sa.Column('detention_facility', sa.String(length=200), nullable=True),
    sa.Column('offence_group', sa.Enum('life_and_health', 'sexual', 'property', 'drugs', 'public_order', 'economic', 'corruption', 'national_security', 'other', name='offencegroup', native_enum=False, length=32), nullable=True),
    sa.Column('offence_against_children', sa.Boolean(), nullable=False),
    sa.Column('sentence_months', sa.Integer(), nullable=True),
    sa.Column('served_months', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['amnesty_decision_id'], ['amnesty_decisions.id'], name=op.f('fk_releases_amnesty_decision_id_amnesty_decisions')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_releases_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_releases'))
    )
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_releases_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_releases_release_date'), ['release_date'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=True),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('notified', 'received', 'active', 'closed', name='casestatus', native_enum=False, length=32), nullable=False),
    sa.Column('close_reason', sa.Enum('record_expunged', 'moved_away', 'deceased', 'detained_again', 'left_country', name='closereason', native_enum=False, length=32), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('notified_on', sa.Date(), nullable=True),
    sa.Column('arrival_deadline', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('classification', sa.Enum('A', 'B', 'C', 'D', name='classification', native_enum=False, length=32), nullable=True),
    sa.Column('extremely_difficult', sa.Boolean(), nullable=False),
    sa.Column('intake_notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['caseworker_id'], ['users.id'], name=op.f('fk_cases_caseworker_id_users')),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_cases_commune_code_communes')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_cases_person_id_people')),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_cases_release_id_releases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_arrival_deadline'), ['arrival_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_caseworker_id'), ['caseworker_id'], unique=False)
        batch_op.create_index('ix_cases_commune_status', ['commune_code', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_cases_open_per_commune', ['person_id', 'commune_code'], unique=True, sqlite_where=sa.text("status != 'closed'"), postgresql_where=sa.text("status != 'closed'"))

    op.create_table('case_needs',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.Enum('housing', 'health', 'addiction', 'documents', 'family', 'skills', 'money', name='need', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_needs_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'need', name=op.f('pk_case_needs'))
    )
    op.create_table('classification_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('old', sa.Enum('A', 'B', 'C', 'D', name='classification', native_enum=False, length=32), nullable=True),
    sa.Column('new', sa.Enum('A', 'B', 'C', 'D', name='classification', native_enum=False, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_classification_changes_case_id_cases')),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_classification_changes_changed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classification_changes'))
    )
    with op.batch_alter_table('classification_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classification_changes_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('classification_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classification_changes_case_id'))

    op.drop_table('classification_changes')
    op.drop_table('case_needs')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('uq_cases_open_per_commune', sqlite_where=sa.text("status != 'closed'"), postgresql_where=sa.text("status != 'closed'"))
        batch_op.drop_index(batch_op.f('ix_cases_person_id'))
        batch_op.drop_index('ix_cases_commune_status')
        batch_op.drop_index(batch_op.f('ix_cases_caseworker_id'))
        batch_op.drop_index(batch_op.f('ix_cases_arrival_deadline'))

    op.drop_table('cases')
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_releases_release_date'))
        batch_op.drop_index(batch_op.f('ix_releases_person_id'))

    op.drop_table('releases')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index('uq_revisions_object_version')

    op.drop_table('revisions')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_sort_key')
        batch_op.drop_index('ix_people_search_text_trgm')
        batch_op.drop_index(batch_op.f('ix_people_old_id_number'))

    op.drop_table('people')
    op.drop_table('amnesty_decisions')
