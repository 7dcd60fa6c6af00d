"""Two indexes for matching at a million people in one city.

Who would work in a commune, by commune: once the list is full, a band's people who can
reach it only if they live in the opening's commune or would work there are kept by asking
who does; the table (175,000 rows) was otherwise read whole.

A trade's completed placements with the person and the course: a trade's trained people
(8,000) came from 2,300 table pages scattered over the table, now from some 50 index pages
(the index on trade and status alone, which this one covers, is dropped).

Revision ID: c7d2e5f10022
Revises: 6f2b8d3c0026
Create Date: 2026-12-08 23:30:00

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "c7d2e5f10022"
down_revision = "6f2b8d3c0026"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_work_profile_communes_commune_person",
        "work_profile_communes",
        ["commune_code", "person_id"],
    )
    op.create_index(
        "ix_training_placements_trade_status_person_course",
        "training_placements",
        ["trade_code", "status", "person_id", "course_id"],
    )
    op.drop_index("ix_training_placements_trade_status", table_name="training_placements")


def downgrade():
    op.create_index(
        "ix_training_placements_trade_status", "training_placements", ["trade_code", "status"]
    )
    op.drop_index(
        "ix_training_placements_trade_status_person_course", table_name="training_placements"
    )
    op.drop_index("ix_work_profile_communes_commune_person", table_name="work_profile_communes")
