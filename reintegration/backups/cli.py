"""`flask backup` and `flask restore`."""

import click

backup_cli = click.Group("backup", help="Back up the database and restore it.")
