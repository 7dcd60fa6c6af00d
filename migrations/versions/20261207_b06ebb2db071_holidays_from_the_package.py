"""Public holidays computed by the `holidays` package (country VN) for any year; the table
keeps only the administrators' changes over them: days off added (the yearly swaps) and the
package's days removed; and the years whose swaps are confirmed.

The rows the shipped list loaded (2025 and 2026) that the package computes are dropped;
the others (the swap of Friday 2/1/2026) stay as days added. 2025 and 2026 are confirmed.

Revision ID: b06ebb2db071
Revises: 662be910d210
Create Date: 2026-12-07 19:50:58.402066

"""
import datetime

import holidays
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b06ebb2db071'
down_revision = '662be910d210'
branch_labels = None
depends_on = None

SWAP_2026 = (datetime.date(2026, 1, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)")
CONFIRMED = (2025, 2026)


def upgrade():
    op.create_table('holiday_years',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_holiday_years_confirmed_by_id_users')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_years'))
    )
    op.add_column('public_holidays', sa.Column('change', sa.Enum('added', 'removed', name='holidaychange', native_enum=False, length=32), server_default='added', nullable=False))

    bind = op.get_bind()
    table = sa.table('public_holidays', sa.column('id', sa.Integer), sa.column('day', sa.Date),
                     sa.column('name', sa.String), sa.column('change', sa.String),
                     sa.column('created_at', sa.DateTime(timezone=True)),
                     sa.column('updated_at', sa.DateTime(timezone=True)))
    rows = bind.execute(sa.select(table.c.id, table.c.day)).all()
    years = {row.day.year for row in rows}
    by_law = set(holidays.country_holidays('VN', years=sorted(years))) if years else set()
    gone = [row.id for row in rows if row.day in by_law]
    if gone:
        bind.execute(table.delete().where(table.c.id.in_(gone)))
    now = datetime.datetime.now(datetime.timezone.utc)
    if SWAP_2026[0] not in {row.day for row in rows}:
        bind.execute(table.insert().values(day=SWAP_2026[0], name=SWAP_2026[1], change='added',
                                           created_at=now, updated_at=now))
    years_table = sa.table('holiday_years', sa.column('year', sa.Integer),
                           sa.column('confirmed_at', sa.DateTime(timezone=True)))
    op.bulk_insert(years_table, [{'year': year, 'confirmed_at': now} for year in CONFIRMED])


def downgrade():
    op.execute("DELETE FROM public_holidays WHERE change = 'removed'")
    op.drop_column('public_holidays', 'change')
    op.drop_table('holiday_years')
