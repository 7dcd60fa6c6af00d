"""`flask calendar …`: the operators' commands for the working-day calendar."""

from pathlib import Path

import click
from flask.cli import AppGroup

from reintegration.calendar.services import load_holidays
from reintegration.extensions import db

calendar_cli = AppGroup("calendar", help="The working-day calendar (public holidays).")


@calendar_cli.command("load-holidays")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A CSV file with the columns day,name (default: the list shipped with the app).",
)
def load_holidays_command(path: Path | None) -> None:
    """Load or update the public holidays (safe to run again)."""
    try:
        count = load_holidays(path)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{count} public holidays")
