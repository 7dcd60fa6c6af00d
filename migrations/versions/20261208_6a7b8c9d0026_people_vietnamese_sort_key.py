"""People's names sort in Vietnamese order in the database (issue 21): the sort key is the
Vietnamese key of the name given name first ("Nguyễn Văn Đức" as "d{u}c!4 …", after every
"Dũng"), where it was the folded name ("duc nguyen van", among the "Dung"). The key
compares by code point, so on PostgreSQL people.sort_key and cases.sort_key (the copy the
case list sorts by) are in the C collation. The folded name given name first, which the
similar-name check looks people up by, moves to its own column, people.match_key, with the
index on (birth_date, match_key) in place of (birth_date, sort_key).

Every person's keys are recomputed in Python (the Vietnamese key is not SQL), in batches
of BATCH people read by id: at a million people neither Python nor one statement ever holds
more than a batch, and the whole runs in the migration's one transaction, so an interrupted
upgrade leaves the old keys whole. The trigger that copies a person's keys onto the cases
is dropped meanwhile (it would update the cases one person at a time; PostgreSQL also
refuses to change the collation of a column a trigger names) and the cases are updated in
batches of ids after the people; the indexes on the keys are dropped first and built once
at the end rather than updated row by row.

Revision ID: 6a7b8c9d0026
Revises: 5e1a7c2d0025
Create Date: 2026-12-07 22:45:00

"""

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from reintegration.people.models.person import name_match_key, name_sort_key

# revision identifiers, used by Alembic.
revision = "6a7b8c9d0026"
down_revision = "5e1a7c2d0025"
branch_labels = None
depends_on = None

BATCH = 10_000

# The trigger of migration 5fb0f011000b, as it was created there.
POSTGRESQL_TRIGGER = """
    CREATE TRIGGER people_names_to_cases AFTER UPDATE OF search_text, sort_key ON people
    FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text
          OR OLD.sort_key IS DISTINCT FROM NEW.sort_key)
    EXECUTE FUNCTION people_names_to_cases()
"""
SQLITE_TRIGGER = """
    CREATE TRIGGER people_names_to_cases AFTER UPDATE OF search_text, sort_key ON people
    WHEN OLD.search_text IS NOT NEW.search_text OR OLD.sort_key IS NOT NEW.sort_key
    BEGIN
        UPDATE cases SET search_text = NEW.search_text, sort_key = NEW.sort_key
        WHERE person_id = NEW.id;
    END
"""
CASE_LIST_COLUMNS = [
    "commune_code", "status", "classification", "sort_key", "search_text", "release_id",
]  # fmt: skip


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _drop_trigger() -> None:
    op.execute(
        "DROP TRIGGER people_names_to_cases" + (" ON people" if _postgresql() else "")
    )


def _create_trigger() -> None:
    op.execute(POSTGRESQL_TRIGGER if _postgresql() else SQLITE_TRIGGER)


def _sort_key_collation(collation: str) -> None:
    """PostgreSQL only: SQLite compares text by code point whatever the column says."""
    if _postgresql():
        for table in ("people", "cases"):
            op.execute(
                f'ALTER TABLE {table} ALTER COLUMN sort_key TYPE varchar(200) COLLATE "{collation}"'
            )


def _rewrite_people(keys: Callable[[str], dict[str, str]]) -> None:
    """Set each person's columns to ``keys(full_name)``, BATCH people at a time by id."""
    bind = op.get_bind()
    read = sa.text("SELECT id, full_name FROM people WHERE id > :last ORDER BY id LIMIT :size")
    last = 0
    while rows := bind.execute(read, {"last": last, "size": BATCH}).all():
        last = rows[-1][0]
        values = [{"id": person_id, **keys(name or "")} for person_id, name in rows]
        columns = list(values[0].keys() - {"id"})
        if _postgresql():
            # One statement a batch: the values as arrays, unnested into rows.
            bind.execute(
                sa.text(
                    f"UPDATE people SET {', '.join(f'{c} = v.{c}' for c in columns)} "
                    f"FROM unnest(CAST(:id AS integer[]), "
                    f"{', '.join(f'CAST(:{c} AS varchar[])' for c in columns)}) "
                    f"AS v(id, {', '.join(columns)}) WHERE people.id = v.id"
                ),
                {name: [row[name] for row in values] for name in ["id", *columns]},
            )
        else:
            bind.execute(
                sa.text(
                    f"UPDATE people SET {', '.join(f'{c} = :{c}' for c in columns)} "
                    "WHERE id = :id"
                ),
                values,
            )


def _copy_to_cases() -> None:
    """Each case's copy of its person's sort key, BATCH case ids at a time."""
    bind = op.get_bind()
    top = bind.execute(sa.text("SELECT max(id) FROM cases")).scalar() or 0
    update = sa.text(
        "UPDATE cases SET sort_key = (SELECT sort_key FROM people WHERE people.id = cases.person_id) "
        "WHERE id > :start AND id <= :end"
    )
    for start in range(0, top, BATCH):
        bind.execute(update, {"start": start, "end": start + BATCH})


def _drop_key_indexes(birth_date_index: str) -> None:
    op.drop_index("ix_cases_scope_search", table_name="cases")
    op.drop_index("ix_people_sort_key", table_name="people")
    op.drop_index(birth_date_index, table_name="people")


def _create_key_indexes(birth_date_index: str, column: str) -> None:
    op.create_index("ix_people_sort_key", "people", ["sort_key"])
    op.create_index(birth_date_index, "people", ["birth_date", column])
    op.create_index(
        "ix_cases_scope_search", "cases", CASE_LIST_COLUMNS, postgresql_include=["id"]
    )


def upgrade():
    _drop_trigger()
    _drop_key_indexes("ix_people_birth_date_sort_key")
    _sort_key_collation("C")
    op.add_column(
        "people", sa.Column("match_key", sa.String(length=200), server_default="", nullable=False)
    )
    _rewrite_people(
        lambda name: {"sort_key": name_sort_key(name), "match_key": name_match_key(name)}
    )
    _copy_to_cases()
    _create_key_indexes("ix_people_birth_date_match_key", "match_key")
    _create_trigger()


def downgrade():
    _drop_trigger()
    _drop_key_indexes("ix_people_birth_date_match_key")
    _rewrite_people(lambda name: {"sort_key": name_match_key(name)})
    _copy_to_cases()
    _sort_key_collation("default")
    op.execute("ALTER TABLE people DROP COLUMN match_key")
    _create_key_indexes("ix_people_birth_date_sort_key", "sort_key")
    _create_trigger()
