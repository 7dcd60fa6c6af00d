"""Two narrow indexes on cases.

By commune, status and person: the people of a caseworker's communes from the index alone.
Matching for a caseworker reads the trade links of the people of their communes only. At a
million people in one city, finding those people read 10,000 case rows scattered over the
table (12,000 pages, 54-150 ms on PostgreSQL); from this index it is an index-only scan
(1-5 ms).

By id, with the commune and person: the reports find the commune of each of 1.2 million
follow-ups of a quarter at a million people; SQLite read each from the wide table row, and
reads this index instead (the follow-ups figure 20 % faster).

Revision ID: b2c4e6a80019
Revises: 0a899931b2e1
Create Date: 2026-12-08 20:00:00

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "b2c4e6a80019"
down_revision = "0a899931b2e1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_cases_commune_status_person", "cases", ["commune_code", "status", "person_id"]
    )
    op.create_index("ix_cases_id_commune_person", "cases", ["id", "commune_code", "person_id"])


def downgrade():
    op.drop_index("ix_cases_id_commune_person", table_name="cases")
    op.drop_index("ix_cases_commune_status_person", table_name="cases")
