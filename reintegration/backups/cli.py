"""`flask backup create` and `flask backup restore`."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from reintegration.backups.services import (
    BackupError,
    create_backup,
    restore_backup,
    schema_revision,
)

backup_cli = click.Group("backup", help="Back up the database and restore it.")


@backup_cli.command("create")
@click.option(
    "--to",
    "to",
    type=click.Path(path_type=Path),
    help="The file to write, or a folder for a dated file (default: instance/backups/).",
)
@with_appcontext
def create_command(to: Path | None) -> None:
    """Write a backup of the whole database (SQLite: online backup; PostgreSQL: pg_dump)."""
    try:
        path = create_backup(to)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {path} ({path.stat().st_size:,} bytes).")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace everything in the database with the backup PATH. Stop the web app and the
    scheduler first."""
    if not yes:
        click.confirm(f"Everything in the database will be replaced by {path}. Go on?", abort=True)
    try:
        restore_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Database restored from {path} (schema revision {schema_revision()}). "
        "If this code is newer than the backup, run `flask db upgrade` now."
    )
