"""Expungement (Penal Code Art. 70): the periods as dated data, the release's main penalty,
the day it was served and any additional penalty's end, and each case's expected day.

Open cases get their day from what their release already holds (a prison term in months;
an amnesty or a completed sentence served on its release day; a conditional early release
at the end of its remaining term), by the same rules as people.services.expungement.

Revision ID: 271d97412fc9
Revises: 9d146d075a65
Create Date: 2026-12-07 19:24:11.117384

"""
import calendar
import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '271d97412fc9'
down_revision = '9d146d075a65'
branch_labels = None
depends_on = None

IN_FORCE = datetime.date(2018, 1, 1)  # Penal Code 2015 as amended by Law 12/2017
AUTOMATIC = "Bộ luật Hình sự 2015 (sửa đổi 2017), Điều 70 khoản 2"
BY_COURT = "Bộ luật Hình sự 2015 (sửa đổi 2017), Điều 71 khoản 2"
# (band, by court, months)
SEED = [
    ("non_custodial", False, 12, AUTOMATIC),
    ("prison_up_to_5", False, 24, AUTOMATIC),
    ("prison_5_to_15", False, 36, AUTOMATIC),
    ("prison_over_15", False, 60, AUTOMATIC),
    ("non_custodial", True, 36, BY_COURT),
    ("prison_up_to_5", True, 36, BY_COURT),
    ("prison_5_to_15", True, 60, BY_COURT),
    ("prison_over_15", True, 84, BY_COURT),
]
MONTHS = {
    ("prison_up_to_5", False): 24, ("prison_5_to_15", False): 36,
    ("prison_over_15", False): 60, ("prison_up_to_5", True): 36,
    ("prison_5_to_15", True): 60, ("prison_over_15", True): 84,
}


def _add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _band(sentence_months):
    if sentence_months is None:
        return None
    if sentence_months <= 60:
        return "prison_up_to_5"
    return "prison_5_to_15" if sentence_months <= 180 else "prison_over_15"


def upgrade():
    periods = op.create_table('expungement_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('band', sa.Enum('non_custodial', 'prison_up_to_5', 'prison_5_to_15', 'prison_over_15', name='expungementband', native_enum=False, length=32), nullable=False),
    sa.Column('by_court', sa.Boolean(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('months > 0', name=op.f('ck_expungement_periods_months_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_expungement_periods_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expungement_periods')),
    sa.UniqueConstraint('band', 'by_court', 'effective_from', name=op.f('uq_expungement_periods_band_by_court_effective_from'))
    )
    created = datetime.datetime(2018, 1, 1, tzinfo=datetime.timezone.utc)
    op.bulk_insert(periods, [
        {'band': band, 'by_court': by_court, 'months': months, 'effective_from': IN_FORCE,
         'legal_basis': basis, 'created_at': created}
        for band, by_court, months, basis in SEED
    ])
    # Plain ALTER TABLE … ADD COLUMN (no batch copy): the cases table carries triggers
    # (migration 5fb0f011000b) that a copy of the table would lose.
    op.add_column('cases', sa.Column('expungement_on', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('expungement_by_court', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index(op.f('ix_cases_expungement_on'), 'cases', ['expungement_on'], unique=False)
    op.add_column('releases', sa.Column('sentence_kind', sa.Enum('warning', 'fine', 'non_custodial_reform', 'suspended', 'prison', 'life', 'death_commuted', name='sentencekind', native_enum=False, length=32), nullable=True))
    op.add_column('releases', sa.Column('sentence_ended_on', sa.Date(), nullable=True))
    op.add_column('releases', sa.Column('additional_penalty_until', sa.Date(), nullable=True))

    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT c.id, r.release_type, r.release_date, r.sentence_months, r.served_months, "
        "r.offence_group FROM cases c JOIN releases r ON r.id = c.release_id "
        "WHERE c.status != 'closed' AND r.sentence_months IS NOT NULL"
    )).all()
    for case_id, release_type, release_date, sentence, served, group in rows:
        if isinstance(release_date, str):
            release_date = datetime.date.fromisoformat(release_date)
        if release_type in ('amnesty', 'sentence_completed'):
            served_on = release_date
        elif served is not None:
            served_on = _add_months(release_date, sentence - served)
        else:
            continue
        by_court = group == 'national_security'
        day = _add_months(served_on, MONTHS[(_band(sentence), by_court)])
        bind.execute(
            sa.text("UPDATE cases SET expungement_on = :day, expungement_by_court = :court "
                    "WHERE id = :id"),
            {"day": day, "court": by_court, "id": case_id},
        )


def downgrade():
    op.drop_column('releases', 'additional_penalty_until')
    op.drop_column('releases', 'sentence_ended_on')
    op.drop_column('releases', 'sentence_kind')
    op.drop_index(op.f('ix_cases_expungement_on'), table_name='cases')
    op.drop_column('cases', 'expungement_by_court')
    op.drop_column('cases', 'expungement_on')

    op.drop_table('expungement_periods')
