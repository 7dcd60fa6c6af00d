"""`flask scheduler …`: run the scheduler, run one job now, list the jobs."""

import logging
import sys
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from reintegration.core.clock import LOCAL_TZ
from reintegration.core.stopping import stop_on_sigterm
from reintegration.scheduling.jobs import JOBS, JOBS_BY_ID
from reintegration.scheduling.runner import last_runs, run_job

scheduler_cli = AppGroup("scheduler", help="The scheduled jobs (reminders, sweeps, e-mail).")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for name in ("reintegration", "apscheduler"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        logger.propagate = False


@scheduler_cli.command("run")
@click.option(
    "--now", "run_now", multiple=True, type=click.Choice(sorted(JOBS_BY_ID)),
    help="Also run this job as soon as the scheduler holds the lock (repeatable).",
)  # fmt: skip
@click.option(
    "--catch-up/--no-catch-up", default=True, show_default=True,
    help="At start, run the daily jobs whose time passed while no scheduler ran.",
)  # fmt: skip
def run_command(run_now, catch_up):
    """Run the scheduled jobs until stopped (one process per deployment).

    A second copy against the same database waits for the first to stop."""
    from reintegration.scheduling.scheduler import run_scheduler

    log_to_stderr()
    stop_on_sigterm(exit_main_thread=True)
    app = current_app._get_current_object()
    run_scheduler(app, run_now=run_now, catch_up=catch_up)


@scheduler_cli.command("run-job")
@click.argument("job_id", type=click.Choice(sorted(JOBS_BY_ID)))
def run_job_command(job_id):
    """Run one job now, in this process (it is safe to run twice)."""
    log_to_stderr()
    if not run_job(current_app._get_current_object(), job_id):
        raise click.ClickException(f"{job_id} failed: see the log and `flask scheduler list`.")
    click.echo(f"{job_id} done.")


@scheduler_cli.command("list")
def list_command():
    """The jobs, when each runs next, and how its last run went."""
    now = datetime.now(LOCAL_TZ)
    runs = last_runs()
    for spec in JOBS:
        next_time = spec.trigger().get_next_fire_time(None, now)
        run = runs.get(spec.id)
        last = (
            f"{run.started_at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M} {run.status.value}"
            if run
            else "never"
        )
        click.echo(f"{spec.id:<38} {spec.when:<34} next {next_time:%Y-%m-%d %H:%M}   last {last}")
