"""A case says whether the person was under 18 on the release day (Decree 49/2020 Art. 11:
priority in training and jobs); existing cases are marked from the birth and the release.

Revision ID: 9d261855ef21
Revises: 0e5b75d6ce40
Create Date: 2026-12-07 21:09:00

"""
import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '9d261855ef21'
down_revision = '0e5b75d6ce40'
branch_labels = None
depends_on = None


def _day(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def upgrade():
    # Plain ADD COLUMN (no batch copy): the cases table carries triggers.
    op.add_column('cases', sa.Column('minor_on_release', sa.Boolean(), server_default=sa.false(), nullable=False))
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT c.id, p.birth_date, p.birth_year, r.release_date FROM cases c "
        "JOIN people p ON p.id = c.person_id JOIN releases r ON r.id = c.release_id"
    )).all()
    for case_id, birth_date, birth_year, released in rows:
        birth_date, released = _day(birth_date), _day(released)
        if birth_date is not None:
            before = (released.month, released.day) < (birth_date.month, birth_date.day)
            minor = released.year - birth_date.year - before < 18
        else:
            minor = released.year - birth_year <= 18
        if minor:
            bind.execute(sa.text("UPDATE cases SET minor_on_release = :yes WHERE id = :id"),
                         {"yes": True, "id": case_id})


def downgrade():
    op.drop_column('cases', 'minor_on_release')
