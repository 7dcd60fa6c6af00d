"""`flask users …`: account management from the command line (the first administrator)."""

import click
from flask.cli import AppGroup

from reintegration.accounts import services
from reintegration.accounts.models import Organisation, Role
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--province", "province_code", type=int, help="Province code (2025 units).")
@click.option("--commune", "commune_codes", type=int, multiple=True, help="Commune code; repeat.")
@click.option("--organisation", type=click.Choice([o.value for o in Organisation]))
@click.option("--email")
@click.password_option(help="Asked for (hidden, twice) when not given.")
def create_user_command(
    username, full_name, role, province_code, commune_codes, organisation, email, password
):
    """Create an account with its role and scope."""
    scope = services.Scope(
        province_code=province_code,
        organisation=Organisation(organisation) if organisation else None,
        commune_codes=tuple(commune_codes),
    )
    try:
        user = services.create_user(
            username=username,
            full_name=full_name,
            role=Role(role),
            password=password,
            scope=scope,
            email=email,
        )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role.value}).")
