"""`flask geo …`: the operators' commands for the administrative units."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.geo.addresses import problem_message
from reintegration.geo.models import Commune
from reintegration.geo.services import load_units, read_address

geo_cli = AppGroup("geo", help="Administrative units (provinces, communes, the 2025 conversion).")

# How the counts are named in the output, by table.
COUNT_LABELS = {
    "provinces": "provinces",
    "communes": "communes",
    "legacy_provinces": "old provinces",
    "legacy_districts": "old districts",
    "legacy_communes": "old communes",
    "commune_conversions": "conversion rows",
}


@geo_cli.command("load")
def load() -> None:
    """Load or update the official unit lists (safe to run again)."""
    counts = load_units()
    db.session.commit()
    click.echo(", ".join(f"{counts[table]} {label}" for table, label in COUNT_LABELS.items()))


@geo_cli.command("read-address")
@click.argument("text")
@click.option("--province", type=int, help="Where to look first if the text names no province.")
def read_address_command(text: str, province: int | None) -> None:
    """How an address written as one text is read (as a list's residence cell is)."""
    address = read_address(text, province_hint=province)
    names = dict(
        db.session.execute(
            select(Commune.code, Commune.name).where(
                Commune.code.in_([address.commune_code, *address.candidates])
            )
        ).all()
    )
    click.echo(f"{address.status.value}: " + (
        f"{address.commune_code} {names[address.commune_code]}" if address.found
        else "; ".join(f"{code} {names[code]}" for code in address.candidates) or "-"
    ))  # fmt: skip
    click.echo(f"street: {address.street or '-'}")
    click.echo(f"province: {address.province_code or '-'}")
    if address.legacy:
        click.echo("written in the units before July 2025")
    if (problem := problem_message(address)) is not None:
        click.echo(problem)
