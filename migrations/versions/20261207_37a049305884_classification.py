"""Follow-up by classification: national defaults that differ by class (A stable: less
often; B struggling: every two weeks at first; C as before; D detained again or in
rehabilitation: no home visits), a classification review every 6 months in every set (a
follow-up of its own kind, reminded like the others), and where a class-D person is held.

Provinces' own rule sets are left as they are: an administrator changes them on the rules
page.

Revision ID: 37a049305884
Revises: b2c4e6a80019
Create Date: 2026-12-07 20:10:00

"""
import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '37a049305884'
down_revision = 'b2c4e6a80019'
branch_labels = None
depends_on = None

# (classification, from_month, until_month, every, unit, kind)
NEW_RULES = (
    ('A', 0, 3, 1, 'month', 'home_visit'),
    ('A', 3, None, 3, 'month', 'home_visit'),
    ('B', 0, 3, 2, 'week', 'home_visit'),
    ('B', 3, None, 1, 'month', 'home_visit'),
    *((c, 0, None, 6, 'month', 'classification_review') for c in (None, 'A', 'B', 'C', 'D')),
)


def upgrade():
    op.add_column('cases', sa.Column('held_at', sa.String(length=200), nullable=True))
    rules = sa.table(
        'follow_up_rules', sa.column('province_code', sa.Integer),
        sa.column('classification', sa.String), sa.column('from_month', sa.Integer),
        sa.column('until_month', sa.Integer), sa.column('every', sa.Integer),
        sa.column('unit', sa.String), sa.column('kind', sa.String),
        sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('updated_at', sa.DateTime(timezone=True)),
    )
    seeded_at = datetime.datetime(2026, 12, 7, tzinfo=datetime.timezone.utc)
    op.bulk_insert(rules, [
        {'province_code': None, 'classification': c, 'from_month': f, 'until_month': u,
         'every': e, 'unit': unit, 'kind': kind, 'created_at': seeded_at,
         'updated_at': seeded_at}
        for c, f, u, e, unit, kind in NEW_RULES
    ])


def downgrade():
    op.execute("DELETE FROM follow_up_rules WHERE province_code IS NULL AND "
               "(classification IN ('A', 'B', 'D') OR kind = 'classification_review')")
    op.drop_column('cases', 'held_at')
