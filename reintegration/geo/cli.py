"""`flask geo …`: the operators' commands for the administrative units."""

import click
from flask.cli import AppGroup

from reintegration.extensions import db
from reintegration.geo.services import load_units

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
