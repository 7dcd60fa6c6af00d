"""Each case carries its release's type, so the case list's index answers that filter.

An officer's list filtered to one classification and to amnesties read the release of
every case of the classification to keep the amnesties (at a million people, 5,346 cases
of Hồ Chí Minh City in class C checked for 1,766 amnesties). The type is copied onto the
case, as the person's names are (migration 5fb0f011000b), by triggers, so every writer keeps
it right: the ORM, the bulk import (COPY on PostgreSQL), a release corrected to another
type. The list's index holds the type instead of the release id, which nothing read from it
but that filter; cases get an index on their release, which a correction's triggers and
services look them up by.

The copy is written in batches of ids, so that at a million cases no single statement
rewrites the whole table.

Revision ID: 6f2b8d3c0026
Revises: 7b8c9d0e0027
Create Date: 2026-12-08 23:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6f2b8d3c0026"
down_revision = "7b8c9d0e0027"
branch_labels = None
depends_on = None

BATCH = 50_000

RELEASE_TYPE = sa.Enum(
    "amnesty",
    "sentence_completed",
    "conditional_early_release",
    name="releasetype",
    native_enum=False,
    length=32,
)

POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION cases_copy_release_type() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.release_type := (SELECT release_type FROM releases WHERE id = NEW.release_id);
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER cases_copy_release_type BEFORE INSERT OR UPDATE OF release_id ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_copy_release_type()
    """,
    """
    CREATE FUNCTION releases_type_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cases SET release_type = NEW.release_type WHERE release_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER releases_type_to_cases AFTER UPDATE OF release_type ON releases
    FOR EACH ROW WHEN (OLD.release_type IS DISTINCT FROM NEW.release_type)
    EXECUTE FUNCTION releases_type_to_cases()
    """,
]

# SQLite's BEFORE triggers cannot change the new row: the copy is written just after.
SQLITE_COPY = """
    UPDATE cases SET release_type =
        (SELECT release_type FROM releases WHERE id = NEW.release_id)
    WHERE id = NEW.id;
"""
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER cases_copy_release_type AFTER INSERT ON cases BEGIN {SQLITE_COPY} END",
    f"""CREATE TRIGGER cases_copy_release_type_on_change AFTER UPDATE OF release_id ON cases
    BEGIN {SQLITE_COPY} END""",
    """
    CREATE TRIGGER releases_type_to_cases AFTER UPDATE OF release_type ON releases
    WHEN OLD.release_type IS NOT NEW.release_type
    BEGIN
        UPDATE cases SET release_type = NEW.release_type WHERE release_id = NEW.id;
    END
    """,
]


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    # Plain ADD COLUMN (no batch copy): the cases table carries triggers.
    op.add_column("cases", sa.Column("release_type", RELEASE_TYPE, nullable=True))
    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT max(id) FROM cases")).scalar() or 0
    for start in range(0, last, BATCH):
        bind.execute(
            sa.text(
                "UPDATE cases SET release_type ="
                " (SELECT release_type FROM releases WHERE releases.id = cases.release_id)"
                " WHERE id > :start AND id <= :end AND release_id IS NOT NULL"
            ),
            {"start": start, "end": start + BATCH},
        )
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)
    op.drop_index("ix_cases_scope_search", table_name="cases")
    op.create_index(
        "ix_cases_scope_search",
        "cases",
        ["commune_code", "status", "classification", "release_type", "sort_key", "search_text"],
        postgresql_include=["id"],
    )
    op.create_index("ix_cases_release_id", "cases", ["release_id"])


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER releases_type_to_cases ON releases")
        op.execute("DROP TRIGGER cases_copy_release_type ON cases")
        op.execute("DROP FUNCTION releases_type_to_cases()")
        op.execute("DROP FUNCTION cases_copy_release_type()")
    else:
        for trigger in (
            "releases_type_to_cases",
            "cases_copy_release_type",
            "cases_copy_release_type_on_change",
        ):
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_index("ix_cases_release_id", table_name="cases")
    op.drop_index("ix_cases_scope_search", table_name="cases")
    op.create_index(
        "ix_cases_scope_search",
        "cases",
        ["commune_code", "status", "classification", "sort_key", "search_text", "release_id"],
        postgresql_include=["id"],
    )
    op.drop_column("cases", "release_type")
