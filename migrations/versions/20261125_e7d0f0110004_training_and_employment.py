"""Training and employment: the shared list of trades (seeded with the common ones),
training providers, courses, the provinces' support rates, training placements; employers,
openings and the skills they ask, people's work profiles, referrals and the retention
checks a hire schedules.

Follows d6c0f0110003 (API tokens), itself after c5b0f0110002, so the history keeps one head.

Revision ID: e7d0f0110004
Revises: d6c0f0110003
Create Date: 2026-11-25 05:33:53.939772

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7d0f0110004'
down_revision = 'd6c0f0110003'
branch_labels = None
depends_on = None


# (code, Vietnamese name, English name): the common trades of vocational training for people
# back in the community; more are added as data.
SEED_TRADES = (
    ("welding", "Hàn", "Welding"),
    ("mechanics", "Cơ khí", "Mechanics"),
    ("motorbike_repair", "Sửa chữa xe máy", "Motorbike repair"),
    ("electrical", "Điện dân dụng", "Electrical installation"),
    ("electronics_repair", "Sửa chữa điện tử", "Electronics repair"),
    ("sewing", "May công nghiệp", "Sewing"),
    ("construction", "Xây dựng", "Construction"),
    ("carpentry", "Mộc", "Carpentry"),
    ("driving", "Lái xe", "Driving"),
    ("farming", "Trồng trọt", "Farming"),
    ("animal_husbandry", "Chăn nuôi", "Animal husbandry"),
    ("aquaculture", "Nuôi trồng thủy sản", "Aquaculture"),
    ("cooking", "Nấu ăn", "Cooking"),
    ("hairdressing", "Cắt tóc, làm đẹp", "Hairdressing and beauty"),
    ("it_basics", "Tin học cơ bản", "IT basics"),
    ("handicrafts", "Thủ công mỹ nghệ", "Handicrafts"),
    ("warehouse", "Kho vận, bốc xếp", "Warehouse and loading"),
    ("cleaning", "Vệ sinh công nghiệp", "Industrial cleaning"),
    ("security_guard", "Bảo vệ", "Security guard"),
    ("sales", "Bán hàng", "Sales"),
)


def upgrade():
    trades = op.create_table('trades',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_trades'))
    )
    op.bulk_insert(trades, [
        {'code': code, 'name': name, 'name_en': name_en, 'sort_order': order}
        for order, (code, name, name_en) in enumerate(SEED_TRADES, start=1)
    ])
    op.create_table('employers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tax_code', sa.String(length=14), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('accepts_records', sa.Boolean(), nullable=False),
    sa.Column('agreement_number', sa.String(length=60), nullable=True),
    sa.Column('agreement_signed_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_employers_commune_code_communes')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_employers_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employers')),
    sa.UniqueConstraint('tax_code', name=op.f('uq_employers_tax_code'))
    )
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employers_province_code'), ['province_code'], unique=False)

    op.create_table('training_providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('vocational_school', 'employment_service_centre', 'enterprise', name='providerkind', native_enum=False, length=32), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_training_providers_commune_code_communes')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_training_providers_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_providers'))
    )
    with op.batch_alter_table('training_providers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_providers_province_code'), ['province_code'], unique=False)

    op.create_table('training_support_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('fee_reduction_percent', 'meal_per_day', 'travel_per_course', name='supportkind', native_enum=False, length=32), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_training_support_rates_created_by_id_users')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_training_support_rates_province_code_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_support_rates')),
    sa.UniqueConstraint('province_code', 'kind', 'effective_from', name=op.f('uq_training_support_rates_province_code_kind_effective_from'))
    )
    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('trade_code', sa.String(length=32), nullable=False),
    sa.Column('level', sa.Enum('under_3_months', 'elementary', 'intermediate', 'college', name='courselevel', native_enum=False, length=32), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('fee_support', sa.Enum('none', 'reduction', 'exemption', name='feesupport', native_enum=False, length=32), nullable=False),
    sa.Column('meals_support', sa.Boolean(), nullable=False),
    sa.Column('travel_support', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_courses_ends_after_start')),
    sa.CheckConstraint('seats >= 0', name=op.f('ck_courses_seats_not_negative')),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_courses_commune_code_communes')),
    sa.ForeignKeyConstraint(['provider_id'], ['training_providers.id'], name=op.f('fk_courses_provider_id_training_providers')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_courses_province_code_provinces')),
    sa.ForeignKeyConstraint(['trade_code'], ['trades.code'], name=op.f('fk_courses_trade_code_trades')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index('ix_courses_province_starts_on', ['province_code', 'starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_trade_code'), ['trade_code'], unique=False)

    op.create_table('openings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('trade_code', sa.String(length=32), nullable=False),
    sa.Column('level_required', sa.Enum('under_3_months', 'elementary', 'intermediate', 'college', name='courselevel', native_enum=False, length=32), nullable=True),
    sa.Column('wage', sa.BigInteger(), nullable=True),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'closed', name='openingstatus', native_enum=False, length=32), nullable=False),
    sa.Column('no_work_with_children', sa.Boolean(), nullable=False),
    sa.Column('no_cash_handling', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_openings_commune_code_communes')),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_openings_employer_id_employers')),
    sa.ForeignKeyConstraint(['province_code'], ['provinces.code'], name=op.f('fk_openings_province_code_provinces')),
    sa.ForeignKeyConstraint(['trade_code'], ['trades.code'], name=op.f('fk_openings_trade_code_trades')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_openings'))
    )
    with op.batch_alter_table('openings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_openings_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index('ix_openings_province_status', ['province_code', 'status'], unique=False)

    op.create_table('work_profiles',
    sa.Column('person_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('availability', sa.Enum('full_time', 'part_time', 'not_looking', name='availability', native_enum=False, length=32), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('willing_to_relocate', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_work_profiles_person_id_people')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_work_profiles_updated_by_id_users')),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_work_profiles'))
    )
    op.create_table('opening_skills',
    sa.Column('opening_id', sa.Integer(), nullable=False),
    sa.Column('trade_code', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['opening_id'], ['openings.id'], name=op.f('fk_opening_skills_opening_id_openings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trade_code'], ['trades.code'], name=op.f('fk_opening_skills_trade_code_trades')),
    sa.PrimaryKeyConstraint('opening_id', 'trade_code', name=op.f('pk_opening_skills'))
    )
    op.create_table('work_profile_communes',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['communes.code'], name=op.f('fk_work_profile_communes_commune_code_communes')),
    sa.ForeignKeyConstraint(['person_id'], ['work_profiles.person_id'], name=op.f('fk_work_profile_communes_person_id_work_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'commune_code', name=op.f('pk_work_profile_communes'))
    )
    op.create_table('work_profile_trades',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('trade_code', sa.String(length=32), nullable=False),
    sa.Column('link', sa.Enum('interest', 'skill', name='tradelink', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['work_profiles.person_id'], name=op.f('fk_work_profile_trades_person_id_work_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trade_code'], ['trades.code'], name=op.f('fk_work_profile_trades_trade_code_trades')),
    sa.PrimaryKeyConstraint('person_id', 'trade_code', 'link', name=op.f('pk_work_profile_trades'))
    )
    with op.batch_alter_table('work_profile_trades', schema=None) as batch_op:
        batch_op.create_index('ix_work_profile_trades_trade_link', ['trade_code', 'link'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opening_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('referred', 'interviewed', 'hired', 'not_hired', 'job_lost', name='referralstatus', native_enum=False, length=32), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('interviewed_on', sa.Date(), nullable=True),
    sa.Column('hired_on', sa.Date(), nullable=True),
    sa.Column('not_hired_on', sa.Date(), nullable=True),
    sa.Column('not_hired_reason', sa.Text(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.Enum('resigned', 'dismissed', 'contract_ended', 'employer_closed', 'health', 'moved_away', 'detained', 'other', name='joblossreason', native_enum=False, length=32), nullable=True),
    sa.Column('end_note', sa.String(length=300), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_referrals_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_referrals_created_by_id_users')),
    sa.ForeignKeyConstraint(['opening_id'], ['openings.id'], name=op.f('fk_referrals_opening_id_openings')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_referrals_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_opening_id'), ['opening_id'], unique=False)
        batch_op.create_index('ix_referrals_opening_status', ['opening_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_referrals_live', ['case_id', 'opening_id'], unique=True, sqlite_where=sa.text("status IN ('referred', 'interviewed', 'hired')"), postgresql_where=sa.text("status IN ('referred', 'interviewed', 'hired')"))

    op.create_table('training_placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('referred', 'enrolled', 'completed', 'dropped', name='placementstatus', native_enum=False, length=32), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('enrolled_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('certificate_number', sa.String(length=60), nullable=True),
    sa.Column('dropped_on', sa.Date(), nullable=True),
    sa.Column('drop_reason', sa.Text(), nullable=True),
    sa.Column('trade_code', sa.String(length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_training_placements_case_id_cases')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_training_placements_course_id_courses')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_training_placements_created_by_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_training_placements_person_id_people')),
    sa.ForeignKeyConstraint(['trade_code'], ['trades.code'], name=op.f('fk_training_placements_trade_code_trades')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_placements'))
    )
    with op.batch_alter_table('training_placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_placements_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_placements_course_id'), ['course_id'], unique=False)
        batch_op.create_index('ix_training_placements_person_trade_status', ['person_id', 'trade_code', 'status'], unique=False)
        batch_op.create_index('ix_training_placements_trade_status', ['trade_code', 'status'], unique=False)
        batch_op.create_index('uq_training_placements_live', ['case_id', 'course_id'], unique=True, sqlite_where=sa.text("status != 'dropped'"), postgresql_where=sa.text("status != 'dropped'"))

    op.create_table('retention_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_retention_checks_follow_up_id_follow_ups')),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], name=op.f('fk_retention_checks_referral_id_referrals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_checks')),
    sa.UniqueConstraint('follow_up_id', name=op.f('uq_retention_checks_follow_up_id'))
    )
    with op.batch_alter_table('retention_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retention_checks_referral_id'), ['referral_id'], unique=False)

    # ### end Alembic commands ###


def downgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('retention_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retention_checks_referral_id'))

    op.drop_table('retention_checks')
    with op.batch_alter_table('training_placements', schema=None) as batch_op:
        batch_op.drop_index('uq_training_placements_live', sqlite_where=sa.text("status != 'dropped'"), postgresql_where=sa.text("status != 'dropped'"))
        batch_op.drop_index('ix_training_placements_trade_status')
        batch_op.drop_index('ix_training_placements_person_trade_status')
        batch_op.drop_index(batch_op.f('ix_training_placements_course_id'))
        batch_op.drop_index(batch_op.f('ix_training_placements_case_id'))

    op.drop_table('training_placements')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('uq_referrals_live', sqlite_where=sa.text("status IN ('referred', 'interviewed', 'hired')"), postgresql_where=sa.text("status IN ('referred', 'interviewed', 'hired')"))
        batch_op.drop_index(batch_op.f('ix_referrals_person_id'))
        batch_op.drop_index('ix_referrals_opening_status')
        batch_op.drop_index(batch_op.f('ix_referrals_opening_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_case_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('work_profile_trades', schema=None) as batch_op:
        batch_op.drop_index('ix_work_profile_trades_trade_link')

    op.drop_table('work_profile_trades')
    op.drop_table('work_profile_communes')
    op.drop_table('opening_skills')
    op.drop_table('work_profiles')
    with op.batch_alter_table('openings', schema=None) as batch_op:
        batch_op.drop_index('ix_openings_province_status')
        batch_op.drop_index(batch_op.f('ix_openings_employer_id'))

    op.drop_table('openings')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_trade_code'))
        batch_op.drop_index('ix_courses_province_starts_on')
        batch_op.drop_index(batch_op.f('ix_courses_provider_id'))

    op.drop_table('courses')
    op.drop_table('training_support_rates')
    with op.batch_alter_table('training_providers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_providers_province_code'))

    op.drop_table('training_providers')
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employers_province_code'))

    op.drop_table('employers')
    op.drop_table('trades')
    # ### end Alembic commands ###
