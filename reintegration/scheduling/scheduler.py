"""The scheduler process: wait for the lock, build the scheduler from the job table, run.

``build_scheduler(app)`` returns a BlockingScheduler (Asia/Ho_Chi_Minh) with every job of
``jobs.JOBS`` under its fixed id, each run through ``runner.run_job`` (its own app context,
recorded, failures contained); ``coalesce`` so a backlog runs once, ``max_instances=1`` so a
slow run is never doubled, and a misfire grace (SCHEDULER_MISFIRE_GRACE_SECONDS).

The jobs live in memory, so a daily run missed while the process was stopped is not known
to APScheduler; ``catch_up`` reads ``job_runs`` at start and runs at once each daily job
whose latest time has passed without a run (safe: every job is idempotent).
"""

import logging
import time
from collections.abc import Iterable
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask
from werkzeug.utils import import_string

from reintegration.core.clock import LOCAL_TZ
from reintegration.extensions import db
from reintegration.scheduling.jobs import JOBS, JobSpec
from reintegration.scheduling.lock import SchedulerLock, scheduler_lock
from reintegration.scheduling.runner import ran_since, run_job

log = logging.getLogger(__name__)
LOCK_CHECK_ID = "scheduling.check_lock"
# The watches run on an executor of their own, whose every-second "running job" lines are
# not logged (its warnings and errors are).
WATCH_EXECUTOR = "watch"
logging.getLogger(f"apscheduler.executors.{WATCH_EXECUTOR}").setLevel(logging.WARNING)


def latest_fire_time(spec: JobSpec, now: datetime) -> datetime | None:
    """The most recent time at or before ``now`` the job was due (daily jobs)."""
    trigger = spec.trigger()
    fire = trigger.get_next_fire_time(None, now - timedelta(days=2))
    latest = None
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return latest


def missed_jobs(app: Flask, now: datetime) -> list[str]:
    """Daily jobs whose latest time has passed with no run recorded since."""
    missed = []
    with app.app_context():
        for spec in JOBS:
            if not spec.daily:
                continue
            due = latest_fire_time(spec, now)
            if due is not None and not ran_since(spec.id, due):
                missed.append(spec.id)
        db.session.remove()
    return missed


def build_scheduler(
    app: Flask, *, run_now: Iterable[str] = (), catch_up: bool = False
) -> BlockingScheduler:
    now = datetime.now(LOCAL_TZ)
    immediately = set(run_now) | (set(missed_jobs(app, now)) if catch_up else set())
    scheduler = BlockingScheduler(
        timezone=LOCAL_TZ,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(app.config["SCHEDULER_MISFIRE_GRACE_SECONDS"]),
        },
    )
    scheduler.add_executor(ThreadPoolExecutor(1), WATCH_EXECUTOR)
    for spec in JOBS:
        extra = {"next_run_time": now} if spec.id in immediately else {}
        scheduler.add_job(
            run_job, spec.trigger(), args=(app, spec.id), id=spec.id, name=spec.description,
            replace_existing=True, **extra,
        )  # fmt: skip
        if spec.watch:
            scheduler.add_job(
                wake_when_waiting, "interval", args=(app, scheduler, spec),
                seconds=float(app.config["SCHEDULER_WATCH_SECONDS"]),
                id=watch_id(spec.id), name=f"Watch for {spec.id}", executor=WATCH_EXECUTOR,
                replace_existing=True,
            )  # fmt: skip
    if immediately:
        log.info("running at start: %s", ", ".join(sorted(immediately)))
    return scheduler


def watch_id(job_id: str) -> str:
    return f"{job_id}.watch"


def wake_when_waiting(app: Flask, scheduler: BaseScheduler, spec: JobSpec) -> bool:
    """Run ``spec``'s job now when its watch says work waits (one small query); nothing
    otherwise, and nothing is recorded. Returns whether it woke the job."""
    with app.app_context():
        try:
            waiting = bool(import_string(spec.watch.replace(":", "."))())
        except Exception:
            log.exception("the watch of job %s failed", spec.id)
            waiting = False
        finally:
            db.session.remove()
    if waiting:
        scheduler.modify_job(spec.id, next_run_time=datetime.now(LOCAL_TZ))
    return waiting


def acquire(lock: SchedulerLock, retry_seconds: float) -> None:
    """Block until this process holds the lock, saying so while it waits."""
    waiting_since = None
    while True:
        try:
            if lock.try_acquire():
                return
        except Exception as error:  # the database may be restarting: keep trying
            log.warning("could not ask for the scheduler lock: %s", error)
        if waiting_since is None:
            waiting_since = time.monotonic()
            log.info(
                "another scheduler holds the %s: waiting, trying again every %s s "
                "(no job runs here until it stops)",
                lock.description,
                retry_seconds,
            )
        time.sleep(retry_seconds)


def run_scheduler(app: Flask, *, run_now: Iterable[str] = (), catch_up: bool = True) -> bool:
    """Wait for the lock, then run the jobs until stopped. When the lock is lost (PostgreSQL
    restarted, or the lock's connection dropped), the jobs stop, and the process waits for
    the lock again and runs them again, catching up the daily ones it missed: nothing has
    to restart it (``make run`` does not). Returns True once stopped by a signal."""
    with app.app_context():
        engine = db.engine
    lock = scheduler_lock(app, engine)
    retry_seconds = app.config["SCHEDULER_LOCK_RETRY_SECONDS"]
    while not _run_while_held(app, lock, retry_seconds, run_now=run_now, catch_up=catch_up):
        log.warning("the scheduler lock was lost: waiting to take it again")
        run_now = ()  # asked for at start only
    return True


def _run_while_held(
    app: Flask, lock: SchedulerLock, retry_seconds: float, *, run_now, catch_up: bool
) -> bool:
    """One spell of holding the lock. False when it ended because the lock was lost."""
    acquire(lock, retry_seconds)
    log.info("scheduler lock taken (%s)", lock.description)
    lost = False
    try:
        scheduler = build_scheduler(app, run_now=run_now, catch_up=catch_up)

        def check_lock() -> None:
            nonlocal lost
            if not lock.still_held():
                lost = True
                log.error("the scheduler lock was lost: stopping")
                scheduler.shutdown(wait=False)

        scheduler.add_job(
            check_lock,
            "interval",
            seconds=app.config["SCHEDULER_LOCK_CHECK_SECONDS"],
            id=LOCK_CHECK_ID,
        )
        log.info("scheduler started with %d jobs", len(JOBS))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            # A running job sees the stop request between its chunks (core.stopping) and
            # puts its work back; Python waits for its thread before the process exits.
            log.info("scheduler stopping")
            if scheduler.running:
                scheduler.shutdown(wait=False)
    finally:
        lock.release()
    return not lost
