"""The case list from one index: each case carries its person's folded names and sort key.

A province officer's search used to match names across the whole country's people, then
look for a case in the province for each match (161 ms for a given name at a million
people on PostgreSQL, and a scan of every person on SQLite). With the names on the case,
one index on (commune, status, classification, sort key, names, release) answers the scope,
the filters, the search and the order without reading a row.

The copies are kept by triggers, so every writer keeps them right: the ORM, the bulk
import (COPY on PostgreSQL), a merge moving cases, anonymisation renaming people.
Nothing searches people.search_text any more, so its trigram index goes; the index on
(commune, status) is a prefix of the new one and goes too.

Revision ID: 5fb0f011000b
Revises: 4ea5f011000a
Create Date: 2026-11-25 12:10:00

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "5fb0f011000b"
down_revision = "4ea5f011000a"
branch_labels = None
depends_on = None

POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION cases_copy_person_names() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT search_text, sort_key INTO NEW.search_text, NEW.sort_key
        FROM people WHERE id = NEW.person_id;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER cases_copy_person_names BEFORE INSERT OR UPDATE OF person_id ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_copy_person_names()
    """,
    """
    CREATE FUNCTION people_names_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cases SET search_text = NEW.search_text, sort_key = NEW.sort_key
        WHERE person_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER people_names_to_cases AFTER UPDATE OF search_text, sort_key ON people
    FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text
          OR OLD.sort_key IS DISTINCT FROM NEW.sort_key)
    EXECUTE FUNCTION people_names_to_cases()
    """,
]

# SQLite's BEFORE triggers cannot change the new row: the copy is written just after.
SQLITE_COPY = """
    UPDATE cases SET (search_text, sort_key) =
        (SELECT search_text, sort_key FROM people WHERE id = NEW.person_id)
    WHERE id = NEW.id;
"""
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER cases_copy_person_names AFTER INSERT ON cases BEGIN {SQLITE_COPY} END",
    f"""CREATE TRIGGER cases_copy_person_names_on_move AFTER UPDATE OF person_id ON cases
    BEGIN {SQLITE_COPY} END""",
    """
    CREATE TRIGGER people_names_to_cases AFTER UPDATE OF search_text, sort_key ON people
    WHEN OLD.search_text IS NOT NEW.search_text OR OLD.sort_key IS NOT NEW.sort_key
    BEGIN
        UPDATE cases SET search_text = NEW.search_text, sort_key = NEW.sort_key
        WHERE person_id = NEW.id;
    END
    """,
]


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(
            sa.Column("search_text", sa.String(length=560), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.drop_index("ix_cases_commune_status")
    op.execute(
        "UPDATE cases SET"
        " search_text = (SELECT search_text FROM people WHERE people.id = cases.person_id),"
        " sort_key = (SELECT sort_key FROM people WHERE people.id = cases.person_id)"
    )
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)
    op.create_index(
        "ix_cases_scope_search",
        "cases",
        ["commune_code", "status", "classification", "sort_key", "search_text", "release_id"],
        postgresql_include=["id"],
    )
    op.drop_index("ix_people_search_text_trgm", table_name="people")


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER people_names_to_cases ON people")
        op.execute("DROP TRIGGER cases_copy_person_names ON cases")
        op.execute("DROP FUNCTION people_names_to_cases()")
        op.execute("DROP FUNCTION cases_copy_person_names()")
        op.create_index(
            "ix_people_search_text_trgm",
            "people",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )
    else:
        for trigger in (
            "people_names_to_cases",
            "cases_copy_person_names",
            "cases_copy_person_names_on_move",
        ):
            op.execute(f"DROP TRIGGER {trigger}")
        op.create_index("ix_people_search_text_trgm", "people", ["search_text"])
    op.drop_index("ix_cases_scope_search", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.create_index("ix_cases_commune_status", ["commune_code", "status"])
        batch_op.drop_column("sort_key")
        batch_op.drop_column("search_text")
