"""Communes listed in Vietnamese order where the database sorts them (issue 21): each keeps
the Vietnamese key of its name (core.text.vietnamese_key, C collation on PostgreSQL), which
the report's list of people and the officer's start page sort by, where they sorted by the
folded name (Đ among the D). Filled here for the communes loaded (3,321; `flask geo load`
fills it for a new database).

Revision ID: 8c9d0e1f0028
Revises: c7d2e5f10022
Create Date: 2026-12-08 00:00:00

"""

import sqlalchemy as sa
from alembic import op

from reintegration.core.models import SORT_KEY_LENGTH
from reintegration.core.text import vietnamese_key

# revision identifiers, used by Alembic.
revision = "8c9d0e1f0028"
down_revision = "c7d2e5f10022"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    collation = 'COLLATE "C"' if bind.dialect.name == "postgresql" else ""
    op.execute(
        f"ALTER TABLE communes ADD COLUMN sort_key VARCHAR({SORT_KEY_LENGTH}) {collation} "
        "DEFAULT '' NOT NULL"
    )
    rows = bind.execute(sa.text("SELECT code, name FROM communes")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE communes SET sort_key = :sort_key WHERE code = :code"),
            [{"code": code, "sort_key": vietnamese_key(name)[:SORT_KEY_LENGTH]} for code, name in rows],
        )


def downgrade():
    op.execute("ALTER TABLE communes DROP COLUMN sort_key")
