"""Backing up the whole database to one file, and restoring it.

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``), which copies a
consistent image while the app keeps running, and restores the same way into the
database file. PostgreSQL: ``pg_dump`` in its custom format, restored with
``pg_restore --clean --if-exists`` in one transaction (a restore that fails changes
nothing). The client tools must be of the server's major version or newer.

A backup holds every person's file: it is written readable by its owner only.
"""

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from contextlib import closing
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import text
from sqlalchemy.engine import URL

from reintegration.core import audit
from reintegration.core.clock import LOCAL_TZ, now_utc
from reintegration.core.files import create_private_file
from reintegration.extensions import db

FOLDER_SETTING = "BACKUP_FOLDER"  # empty: instance/backups
PG_BIN_SETTING = "POSTGRES_BIN_DIR"  # empty: pg_dump and pg_restore from PATH
SQLITE_SUFFIX = ".sqlite3"
POSTGRES_SUFFIX = ".dump"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why and what to do."""


def database_url() -> URL:
    return db.engine.url


def is_postgres(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("The database is in memory: there is no file to back up or restore.")
    return Path(url.database)


def backup_folder() -> Path:
    configured = current_app.config.get(FOLDER_SETTING)
    return Path(configured) if configured else Path(current_app.instance_path) / "backups"


def default_name(url: URL, when: datetime) -> str:
    suffix = POSTGRES_SUFFIX if is_postgres(url) else SQLITE_SUFFIX
    return f"reintegration-{when.astimezone(LOCAL_TZ):%Y%m%d-%H%M%S}{suffix}"


def backup_target(to: Path | None, url: URL, when: datetime) -> Path:
    """``to`` as given, or a dated file in ``to`` when it is a folder, or in the backup
    folder when it is not given. An existing file is never overwritten."""
    if to is None:
        target = backup_folder() / default_name(url, when)
    elif to.is_dir():
        target = to / default_name(url, when)
    else:
        target = to
    if target.exists():
        raise BackupError(f"{target} exists already; choose another name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


# --- PostgreSQL -----------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    folder = current_app.config.get(PG_BIN_SETTING) or None
    found = shutil.which(name, path=folder)
    if found is None:
        where = f"in {folder}" if folder else "on the PATH"
        raise BackupError(
            f"{name} was not found {where}. Install the PostgreSQL client tools of the "
            "server's major version (Debian: apt-get install postgresql-client-15), or set "
            "REINTEGRATION_POSTGRES_BIN_DIR to the folder that holds them "
            "(e.g. /usr/lib/postgresql/15/bin)."
        )
    return found


def pg_environment(url: URL) -> dict[str, str]:
    """libpq's variables, so the password never shows on a command line."""
    env = dict(os.environ)
    given = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGSSLMODE": url.query.get("sslmode"),
    }
    env.update({name: str(value) for name, value in given.items() if value})
    return env


def _run(command: list[str], url: URL) -> None:
    """pg_dump or pg_restore, as an argument list (never through a shell)."""
    result = subprocess.run(  # noqa: S603  # nosec B603
        command, env=pg_environment(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed ({result.returncode}): {result.stderr.strip()}")


def _pg_dump(url: URL, target: Path) -> None:
    _run([pg_tool("pg_dump"), "--format=custom", "--file", str(target)], url)


def _pg_restore(url: URL, source: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    _run([pg_restore, "--list", str(source)], url)  # a readable custom-format archive?
    _run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", url.database, str(source)],
        url,
    )  # fmt: skip


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one database into another with the online backup API."""
    with closing(sqlite3.connect(source)) as from_db, closing(sqlite3.connect(target)) as to_db:
        from_db.backup(to_db)


def _check_sqlite_backup(source: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as check:
            ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            ours = check.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite backup: {error}.") from None
    if not ok or not ours:
        raise BackupError(f"{source} is not a backup of this application's database.")


# --- The operations -------------------------------------------------------------------------


def create_backup(to: Path | None = None) -> Path:
    """Write a backup; returns its path. The file appears only when complete."""
    url = database_url()
    when = now_utc()
    target = backup_target(to, url, when)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        if is_postgres(url):
            _pg_dump(url, partial)
        else:
            _sqlite_copy(sqlite_file(url), partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    audit.record(
        "backup_created",
        object_type="Backup",
        object_id=target.name,
        detail={"path": str(target.resolve()), "bytes": target.stat().st_size},
    )
    db.session.commit()
    return target


def restore_backup(source: Path) -> None:
    """Replace the database's contents with the backup's. Stop the web app and the
    scheduler first: a restore takes the database from under them."""
    url = database_url()
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old tables
    if is_postgres(url):
        _pg_restore(url, source)
    else:
        _check_sqlite_backup(source)
        _sqlite_copy(source, sqlite_file(url))
    db.engine.dispose()
    audit.record(
        "backup_restored",
        object_type="Backup",
        object_id=source.name,
        detail={"path": str(source.resolve())},
    )
    db.session.commit()


def schema_revision() -> str | None:
    """The migration the (restored) database is at."""
    return db.session.scalar(text("SELECT version_num FROM alembic_version"))
