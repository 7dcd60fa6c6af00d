"""Employers and training providers listed in Vietnamese order (issue 21): each keeps the
Vietnamese key of its name (core.text.vietnamese_key, C collation on PostgreSQL), which
their lists page through, where they sorted by the name itself ("Đ" after "Y" in a C
collation, lower case after every capital). Filled here for the rows on file, BATCH at a
time by id (a province keeps hundreds; the batches only keep any size bounded).

Revision ID: 7b8c9d0e0027
Revises: 6a7b8c9d0026
Create Date: 2026-12-07 23:20:00

"""

import sqlalchemy as sa
from alembic import op

from reintegration.core.models import SORT_KEY_LENGTH
from reintegration.core.text import vietnamese_key

# revision identifiers, used by Alembic.
revision = "7b8c9d0e0027"
down_revision = "6a7b8c9d0026"
branch_labels = None
depends_on = None

TABLES = ("employers", "training_providers")
BATCH = 10_000


def upgrade():
    bind = op.get_bind()
    collation = 'COLLATE "C"' if bind.dialect.name == "postgresql" else ""
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN sort_key VARCHAR({SORT_KEY_LENGTH}) {collation} "
            "DEFAULT '' NOT NULL"
        )
        read = sa.text(f"SELECT id, name FROM {table} WHERE id > :last ORDER BY id LIMIT :size")
        write = sa.text(f"UPDATE {table} SET sort_key = :sort_key WHERE id = :id")
        last = 0
        while rows := bind.execute(read, {"last": last, "size": BATCH}).all():
            last = rows[-1][0]
            bind.execute(
                write,
                [{"id": i, "sort_key": vietnamese_key(name)[:SORT_KEY_LENGTH]} for i, name in rows],
            )


def downgrade():
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN sort_key")
