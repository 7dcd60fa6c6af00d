"""`flask calendar …`: the operators' look at the working-day calendar."""

import click
from flask.cli import AppGroup

from reintegration.calendar.services import calendar_of_year, confirmed_years, is_weekend

calendar_cli = AppGroup("calendar", help="The working-day calendar (public holidays).")


@calendar_cli.command("show")
@click.argument("year", type=click.IntRange(2000, 2100))
def show_command(year: int) -> None:
    """The year's holidays: the law's (the holidays package) and the administrators'
    changes, and whether the year's swaps are confirmed."""
    for line in calendar_of_year(year):
        mark = "law" if line.by_law else "added"
        if line.change is not None and not line.is_holiday:
            mark = f"removed ({line.change.name})"
        weekend = " (weekend)" if is_weekend(line.day) else ""
        click.echo(f"{line.day:%d/%m/%Y}{weekend}  {line.name}  [{mark}]")
    confirmed = "confirmed" if year in confirmed_years() else "NOT confirmed"
    click.echo(f"{year}: swaps {confirmed}")
