"""Engine-level settings that both databases need to behave alike, and the SQL helpers that
keep long id lists and bulk inserts fast on both."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Integer,
    Select,
    Table,
    any_,
    bindparam,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from reintegration.extensions import db


def enable_sqlite_pragmas(engine: Engine) -> None:
    """SQLite ignores foreign keys unless asked, per connection; a larger page cache and
    memory-mapped reads keep list pages fast on a file of a few hundred megabytes; WAL
    lets readers go on while one request writes."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB
        cursor.execute("PRAGMA mmap_size=268435456")  # 256 MiB
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def id_in(column, ids: list[int]) -> ColumnElement[bool]:
    """``column IN ids``, sent to PostgreSQL as one array parameter rather than thousands
    (each a placeholder to render and a value to send)."""
    if db.engine.dialect.name == "postgresql":
        return column == any_(bindparam("ids", ids, type_=ARRAY(Integer), unique=True))
    return column.in_(ids)


def count_up_to(stmt: Select, limit: int) -> int:
    """How many rows ``stmt`` has, counting no further than ``limit``: lists show "more
    than 1,000" rather than count a whole province exactly."""
    bounded = stmt.order_by(None).limit(limit).subquery()
    return db.session.scalar(select(func.count()).select_from(bounded))


def insert_many(table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (the same keys in each) into ``table`` in the session's transaction:
    by COPY on PostgreSQL, where psycopg's executemany sends one statement per row (the
    66,000 values of a national report took 1.5 s that way; 20,000 rows of a list's preview
    twice as long as by COPY), by the driver's executemany of plain values elsewhere (through
    the ORM when a column left out has a default to fill in). Each value goes through its
    column's type as an INSERT would send it (enums by value, JSON serialised)."""
    if not rows:
        return
    dialect = db.engine.dialect
    columns = list(rows[0])
    if dialect.name != "postgresql" and any(
        column.default is not None and column.name not in columns for column in table.c
    ):
        db.session.execute(insert(table), rows)  # a default to fill in: the ORM's way
        return
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(column) for column in columns)
    processors = [_processor(table.c[column], dialect) for column in columns]
    values = (
        [
            process(row[column]) if process else row[column]
            for column, process in zip(columns, processors, strict=True)
        ]
        for row in rows
    )
    cursor = db.session.connection().connection.driver_connection.cursor()
    if dialect.name != "postgresql":
        marks = ", ".join("?" * len(columns))
        # The table's and columns' names from the metadata, quoted; the values bound.
        statement = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({marks})"  # noqa: S608  # nosec B608
        try:
            cursor.executemany(statement, values)
        finally:
            cursor.close()
        return
    statement = f"COPY {quote.format_table(table)} ({names}) FROM STDIN"
    with cursor, cursor.copy(statement) as copy:
        for row in values:
            copy.write_row(row)


def _processor(column, dialect) -> Callable[[Any], Any] | None:
    """How a column's values are sent: its type's bind processor; for JSON, an empty list
    or object written as such without the serialiser (most of an import row's lists are
    empty: four of its six JSON values)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or not isinstance(column.type, JSON):
        return process
    return lambda value: (
        ("[]" if isinstance(value, list) else "{}") if value in ([], {}) else process(value)
    )


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds, when what was read is used again
    right after: an API answer dumped from the committed rows, the reference rows of a list
    being imported. Reloading them after the commit would cost a query per row."""
    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring
