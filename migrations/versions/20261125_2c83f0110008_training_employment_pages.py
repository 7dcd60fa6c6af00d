"""Training and employment pages: what their forms need beyond the first schema.

Revision ID: 2c83f0110008
Revises: 1b72f0110007
Create Date: 2026-11-25 09:00:00

"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "2c83f0110008"
down_revision = "1b72f0110007"
branch_labels = None
depends_on = None


def upgrade():
    # --- training-pages: version columns for editing providers and courses ---
    for table in ("training_providers", "courses"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    # --- end training-pages ---
    # --- matching-speed: who wants or knows a trade, read from the index alone ---
    with op.batch_alter_table("work_profile_trades") as batch:
        batch.drop_index("ix_work_profile_trades_trade_link")
        batch.create_index(
            "ix_work_profile_trades_trade_link_person", ["trade_code", "link", "person_id"]
        )
    # --- end matching-speed ---
    # --- employment-pages: version columns for editing employers and work profiles ---
    for table in ("employers", "work_profiles"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    # --- end employment-pages ---


def downgrade():
    # --- employment-pages ---
    for table in ("work_profiles", "employers"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    # --- end employment-pages ---
    # --- matching-speed ---
    with op.batch_alter_table("work_profile_trades") as batch:
        batch.drop_index("ix_work_profile_trades_trade_link_person")
        batch.create_index("ix_work_profile_trades_trade_link", ["trade_code", "link"])
    # --- end matching-speed ---
    # --- training-pages ---
    for table in ("courses", "training_providers"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    # --- end training-pages ---
