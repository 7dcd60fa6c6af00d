"""`flask imports run-pending`: the background work of imports, run now in this process
(for operators and tests; the scheduler runs the same every minute)."""

import signal

import click
from flask.cli import AppGroup

from reintegration.core.stopping import forget_request, stop_on_sigterm
from reintegration.imports.tasks import STALE_MINUTES, run_pending_imports

imports_cli = AppGroup("imports", help="Release lists.")


@imports_cli.command("run-pending")
@click.option(
    "--stale-minutes", type=int, default=STALE_MINUTES, show_default=True,
    help="Take back batches claimed this long ago by a process that is gone.",
)  # fmt: skip
def run_pending_command(stale_minutes):
    """Read the uploaded lists and save the confirmed ones (SIGTERM stops between chunks,
    leaving the list to be taken up again)."""
    previous = stop_on_sigterm(exit_main_thread=False)
    try:
        result = run_pending_imports(stale_minutes=stale_minutes)
    finally:
        signal.signal(signal.SIGTERM, previous)
        forget_request()
    click.echo(
        f"analysed {result['analysed']}, committed {result['committed']}, "
        f"failed {result['failed']}, released {result['released']}"
    )
