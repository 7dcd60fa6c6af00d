"""`flask seed-demo`: the demo accounts and people."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from reintegration.demo.seed import DEMO_PEOPLE_COUNT, GeographyMissing, seed_demo
from reintegration.extensions import db

DEMO_ACCOUNTS_FILE = "demo_accounts.txt"


@click.command("seed-demo")
@click.option(
    "--password",
    envvar="REINTEGRATION_DEMO_PASSWORD",
    help="One password for every demo account (default: a random one each).",
)
@click.option(
    "--people",
    type=click.IntRange(min=0, max=100_000),
    default=DEMO_PEOPLE_COUNT,
    show_default=True,
    help="People released over the past two years, with their history (0: only the accounts "
    "and six people).",
)
@with_appcontext
def seed_demo_command(password, people):
    """Create the demo accounts once and print them with their passwords."""
    if current_app.config["MODE"] == "production":
        raise click.ClickException("Demo accounts are never created in production.")
    accounts_file = Path(current_app.instance_path) / DEMO_ACCOUNTS_FILE
    try:
        created = seed_demo(password, people)
    except GeographyMissing as error:
        raise click.ClickException(str(error)) from None
    if not created:
        click.echo("Demo data exists already.")
        if accounts_file.exists():
            click.echo(accounts_file.read_text(encoding="utf-8"))
        return
    db.session.commit()
    lines = ["Demo accounts (username / password / role):"]
    lines += [f"  {a.username:<18} {pw:<14} {a.role.label}" for a, pw in created]
    text = "\n".join(lines) + "\n"
    accounts_file.parent.mkdir(parents=True, exist_ok=True)
    accounts_file.write_text(text, encoding="utf-8")
    accounts_file.chmod(0o600)
    click.echo(text)
