"""Foundation: administrative units (2025 and pre-2025, with the conversion table),
user accounts with their scopes, and the append-only audit log.

Revision ID: 07130b98c623
Revises: 
Create Date: 2026-11-25 04:09:30.154249

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '07130b98c623'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('legacy_provinces',
    sa.Column('code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.Column('new_province_codes', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_legacy_provinces'))
    )
    with op.batch_alter_table('legacy_provinces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legacy_provinces_name_folded'), ['name_folded'], unique=False)

    op.create_table('provinces',
    sa.Column('code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_provinces'))
    )
    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provinces_name_folded'), ['name_folded'], unique=False)

    op.create_table('communes',
    sa.Column('code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_communes_province_code_provinces')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_communes'))
    )
    with op.batch_alter_table('communes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communes_name_folded'), ['name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_communes_province_code'), ['province_code'], unique=False)

    op.create_table('legacy_districts',
    sa.Column('code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['province_code'], ['legacy_provinces.code'], name=op.f('fk_legacy_districts_province_code_legacy_provinces')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_legacy_districts'))
    )
    with op.batch_alter_table('legacy_districts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legacy_districts_name_folded'), ['name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_legacy_districts_province_code'), ['province_code'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('admin', 'province_officer', 'caseworker', 'union_reviewer', 'committee_viewer', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=True),
    sa.Column('organisation', sa.Enum('womens_union', 'farmers_union', 'veterans_association', 'youth_union', name='organisation', native_enum=False, length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_users_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=True),
    sa.Column('object_id', sa.String(length=64), nullable=True),
    sa.Column('ip_address', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index('ix_audit_events_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('commune_conversions',
    sa.Column('legacy_commune_code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('new_commune_code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('partly_merged', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['new_commune_code'], ['communes.code'], name=op.f('fk_commune_conversions_new_commune_code_communes')),
    sa.PrimaryKeyConstraint('legacy_commune_code', 'new_commune_code', name=op.f('pk_commune_conversions'))
    )
    with op.batch_alter_table('commune_conversions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_conversions_new_commune_code'), ['new_commune_code'], unique=False)

    op.create_table('legacy_communes',
    sa.Column('code', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('district_code', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['legacy_districts.code'], name=op.f('fk_legacy_communes_district_code_legacy_districts')),
    sa.ForeignKeyConstraint(['province_code'], ['legacy_provinces.code'], name=op.f('fk_legacy_communes_province_code_legacy_provinces')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_legacy_communes'))
    )
    with op.batch_alter_table('legacy_communes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legacy_communes_district_code'), ['district_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_legacy_communes_name_folded'), ['name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_legacy_communes_province_code'), ['province_code'], unique=False)

    op.create_table('user_communes',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_user_communes_commune_code_communes')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_communes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'commune_code', name=op.f('pk_user_communes'))
    )


def downgrade():
    op.drop_table('user_communes')
    with op.batch_alter_table('legacy_communes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legacy_communes_province_code'))
        batch_op.drop_index(batch_op.f('ix_legacy_communes_name_folded'))
        batch_op.drop_index(batch_op.f('ix_legacy_communes_district_code'))

    op.drop_table('legacy_communes')
    with op.batch_alter_table('commune_conversions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_conversions_new_commune_code'))

    op.drop_table('commune_conversions')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_occurred_at'))
        batch_op.drop_index('ix_audit_events_object')
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    op.drop_table('users')
    with op.batch_alter_table('legacy_districts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legacy_districts_province_code'))
        batch_op.drop_index(batch_op.f('ix_legacy_districts_name_folded'))

    op.drop_table('legacy_districts')
    with op.batch_alter_table('communes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communes_province_code'))
        batch_op.drop_index(batch_op.f('ix_communes_name_folded'))

    op.drop_table('communes')
    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provinces_name_folded'))

    op.drop_table('provinces')
    with op.batch_alter_table('legacy_provinces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legacy_provinces_name_folded'))

    op.drop_table('legacy_provinces')
