"""The scheduler: the job table, runs recorded and failures contained, catch-up at start,
the CLI, and the lock that makes a second `flask scheduler run` wait."""

import logging
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from reintegration.core.clock import LOCAL_TZ
from reintegration.extensions import db
from reintegration.scheduling import cli, jobs
from reintegration.scheduling import scheduler as scheduling
from reintegration.scheduling.jobs import JobSpec
from reintegration.scheduling.lock import ADVISORY_LOCK_KEY, AdvisoryLock, FileLock
from reintegration.scheduling.models import JobRun, JobRunStatus
from reintegration.scheduling.runner import run_job

ROOT = Path(__file__).resolve().parents[2]
DAILY = {
    "reports.build_period_snapshots": (1, 30),
    "privacy.anonymise_expired_cases": (2, 30),
    "scheduling.prune_job_runs": (3, 0),
    "casework.extend_follow_up_schedules": (5, 30),
    "casework.sweep_follow_ups": (6, 0),
    "casework.remind_expungements": (6, 15),
    "casework.escalate_silent_cases": (6, 30),
    "loans.alert_late_instalments": (7, 0),
    "loans.remind_overdue_reviews": (7, 15),
    "loans.remind_bank_decisions": (7, 20),
}
# interval jobs → minutes between runs
EVERY_FEW_MINUTES = {
    "notifications.send_pending_emails": 10,
    "imports.run_pending": 1,
    "privacy.remind_breach_deadlines": 30,
}
SWEEP = "casework.sweep_follow_ups"


def explode():
    raise RuntimeError("the SMTP server is on fire")


def job_runs(app, job_id: str | None = None) -> list[JobRun]:
    with app.app_context():
        stmt = select(JobRun).order_by(JobRun.id)
        if job_id is not None:
            stmt = stmt.where(JobRun.job_id == job_id)
        runs = list(db.session.scalars(stmt))
        db.session.expunge_all()
        return runs


def wait_until(condition, timeout: float = 30, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s")


def start_in_thread(scheduler) -> threading.Thread:
    thread = threading.Thread(target=scheduler.start, daemon=True)
    thread.start()
    wait_until(lambda: scheduler.running)
    return thread


def test_the_job_table(app):
    scheduler = scheduling.build_scheduler(app)
    thread = start_in_thread(scheduler)
    try:
        found = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)
        thread.join(5)
    watches = {scheduling.watch_id("imports.run_pending")}
    assert set(found) == {*DAILY, *EVERY_FEW_MINUTES, *watches}
    for job_id, (hour, minute) in DAILY.items():
        trigger = found[job_id].trigger
        fields = {f.name: str(f) for f in trigger.fields}
        assert (fields["hour"], fields["minute"]) == (str(hour), str(minute)), job_id
        assert str(trigger.timezone) == "Asia/Ho_Chi_Minh"
    for job_id, minutes in EVERY_FEW_MINUTES.items():
        assert found[job_id].trigger.interval == timedelta(minutes=minutes), job_id
    for job in found.values():
        if job.id in watches:
            assert job.trigger.interval == timedelta(seconds=1)
            assert job.executor == scheduling.WATCH_EXECUTOR
            continue
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 3600)
        assert job.args == (app, job.id)


def test_a_run_is_recorded_and_a_failure_is_contained(app, monkeypatch):
    failing = JobSpec("test.explode", f"{__name__}:explode", "fails", every_minutes=1)
    monkeypatch.setitem(jobs.JOBS_BY_ID, failing.id, failing)
    assert run_job(app, "test.explode") is False
    assert run_job(app, SWEEP) is True
    failed, succeeded = job_runs(app)
    assert (failed.job_id, failed.status) == ("test.explode", JobRunStatus.FAILED)
    assert "the SMTP server is on fire" in failed.error
    assert failed.finished_at >= failed.started_at
    assert (succeeded.status, succeeded.error) == (JobRunStatus.SUCCEEDED, None)
    assert succeeded.result == {"missed": 0, "overdue_reminders": 0, "due_reminders": 0,
                                "emailed": 0}  # fmt: skip


def test_a_failing_job_does_not_stop_the_others(app, monkeypatch):
    failing = JobSpec("test.explode", f"{__name__}:explode", "fails", cron={"hour": 3, "minute": 0})
    monkeypatch.setitem(jobs.JOBS_BY_ID, failing.id, failing)
    monkeypatch.setattr(scheduling, "JOBS", (failing, *jobs.JOBS))
    scheduler = scheduling.build_scheduler(app, run_now=[failing.id, SWEEP])
    thread = start_in_thread(scheduler)
    try:
        wait_until(lambda: len([r for r in job_runs(app) if r.finished_at]) == 2)
        assert scheduler.running
    finally:
        scheduler.shutdown(wait=False)
        thread.join(5)
    assert {(r.job_id, r.status) for r in job_runs(app)} == {
        (failing.id, JobRunStatus.FAILED), (SWEEP, JobRunStatus.SUCCEEDED),
    }  # fmt: skip


def test_daily_jobs_missed_while_stopped_are_caught_up(app):
    now = datetime(2026, 3, 10, 6, 10, tzinfo=LOCAL_TZ)
    assert set(scheduling.missed_jobs(app, now)) == set(DAILY)
    with app.app_context():
        # The sweep ran at 06:00 today; the escalation ran yesterday but is not due till 06:30.
        db.session.add_all([
            JobRun(job_id=SWEEP, started_at=now - timedelta(minutes=10),
                   status=JobRunStatus.SUCCEEDED),
            JobRun(job_id="casework.escalate_silent_cases", started_at=now - timedelta(hours=23),
                   status=JobRunStatus.SUCCEEDED),
        ])  # fmt: skip
        db.session.commit()
    assert set(scheduling.missed_jobs(app, now)) == set(DAILY) - {
        SWEEP, "casework.escalate_silent_cases",
    }  # fmt: skip


def test_cli_runs_one_job_and_lists_them(app, runner, monkeypatch):
    monkeypatch.setattr(cli, "log_to_stderr", lambda: None)
    result = runner.invoke(args=["scheduler", "run-job", SWEEP])
    assert result.exit_code == 0, result.output
    assert f"{SWEEP} done." in result.output
    monkeypatch.setitem(jobs.JOBS_BY_ID, "loans.alert_late_instalments",
                        JobSpec("loans.alert_late_instalments", f"{__name__}:explode", "x",
                                every_minutes=1))  # fmt: skip
    failed = runner.invoke(args=["scheduler", "run-job", "loans.alert_late_instalments"])
    assert failed.exit_code == 1
    listing = runner.invoke(args=["scheduler", "list"])
    assert listing.exit_code == 0, listing.output
    lines = {line.split()[0]: line for line in listing.output.splitlines()}
    assert set(lines) == {*DAILY, *EVERY_FEW_MINUTES}
    assert "daily 06:00 (Asia/Ho_Chi_Minh)" in lines[SWEEP] and "succeeded" in lines[SWEEP]
    assert "failed" in lines["loans.alert_late_instalments"]
    assert "last never" in lines["casework.escalate_silent_cases"]


def test_acquire_says_it_waits(caplog):
    class Busy:
        description = "test lock"
        attempts = 0

        def try_acquire(self):
            self.attempts += 1
            return self.attempts > 3

    lock = Busy()
    with caplog.at_level(logging.INFO, logger="reintegration.scheduling"):
        scheduling.acquire(lock, 0.01)
    assert lock.attempts == 4
    assert [r.message for r in caplog.records if "waiting" in r.message] == [
        "another scheduler holds the test lock: waiting, trying again every 0.01 s "
        "(no job runs here until it stops)"
    ]


def test_the_lock_file_admits_one_holder(tmp_path):
    first, second = FileLock(tmp_path / "s.lock"), FileLock(tmp_path / "s.lock")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    assert (tmp_path / "s.lock").read_text().strip() == str(os.getpid())
    second.release()


class Process:
    """A `flask scheduler run` subprocess whose log is read line by line."""

    def __init__(self, env: dict, *args: str):
        self.popen = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [sys.executable, "-m", "flask", "scheduler", "run", "--no-catch-up", *args],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.popen.stderr:
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.popen.poll() is not None and self.lines.empty():
                    break
                continue
            self.log.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no {pattern!r} in the scheduler's log:\n{''.join(self.log)}")

    def drain(self) -> str:
        while not self.lines.empty():
            self.log.append(self.lines.get())
        return "".join(self.log)

    def stop(self):
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        self.reader.join(5)
        self.popen.stderr.close()


def second_scheduler_waits(app, database_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FLASK_APP": "reintegration",
        "REINTEGRATION_ENV": "testing",
        "REINTEGRATION_DATABASE_URL": database_url,
        "REINTEGRATION_SCHEDULER_LOCK_RETRY_SECONDS": "0.2",
        "REINTEGRATION_SCHEDULER_LOCK_FILE": str(tmp_path / "scheduler.lock"),
    }
    first = second = None
    try:
        first = Process(env, "--now", SWEEP)
        first.wait_for("scheduler started")
        wait_until(lambda: [r for r in job_runs(app, SWEEP) if r.finished_at], timeout=60)

        second = Process(env, "--now", SWEEP)
        second.wait_for("another scheduler holds the .*: waiting")
        time.sleep(1.5)  # several more attempts, all refused
        assert "lock taken" not in second.drain()
        assert len(job_runs(app, SWEEP)) == 1  # the waiting copy ran nothing

        first.stop()
        assert first.popen.returncode == 0
        second.wait_for("scheduler lock taken")  # it takes over when the first one stops
        wait_until(lambda: len([r for r in job_runs(app, SWEEP) if r.finished_at]) == 2)
    finally:
        for process in (first, second):
            if process is not None:
                process.stop()


@pytest.mark.postgres_only
def test_a_second_scheduler_waits_for_the_advisory_lock(app, database_url, tmp_path):
    second_scheduler_waits(app, database_url, tmp_path)


@pytest.mark.postgres_only
def test_the_advisory_lock_admits_one_holder(app):
    with app.app_context():
        first, second = AdvisoryLock(db.engine), AdvisoryLock(db.engine)
    try:
        assert first.try_acquire() and first.still_held()
        assert not second.try_acquire()
        first.release()
        assert second.try_acquire() and second.still_held()
    finally:
        first.release()
        second.release()


def test_a_second_scheduler_waits_for_the_lock_file(app, database_url, tmp_path, is_postgres):
    if is_postgres:
        pytest.skip("on PostgreSQL the advisory lock is tested instead")
    second_scheduler_waits(app, database_url, tmp_path)


def test_old_job_runs_are_forgotten_but_each_jobs_latest_stays(app, runner, monkeypatch):
    monkeypatch.setattr(cli, "log_to_stderr", lambda: None)
    now = datetime.now(LOCAL_TZ)
    ages = {  # job → days since each of its runs
        "imports.run_pending": [200, 120, 95, 89, 1],
        "privacy.anonymise_expired_cases": [400, 300],  # its latest is old: it stays
    }
    with app.app_context():
        for job_id, days in ages.items():
            for age in days:
                started = now - timedelta(days=age)
                db.session.add(JobRun(job_id=job_id, started_at=started, finished_at=started,
                                      status=JobRunStatus.SUCCEEDED))  # fmt: skip
        stuck = now - timedelta(days=150)
        db.session.add(JobRun(job_id="reports.build_period_snapshots", started_at=stuck,
                              status=JobRunStatus.RUNNING))  # fmt: skip
        db.session.add(JobRun(job_id="reports.build_period_snapshots", started_at=stuck,
                              finished_at=stuck, status=JobRunStatus.FAILED))  # fmt: skip
        db.session.commit()
    result = runner.invoke(args=["scheduler", "run-job", "scheduling.prune_job_runs"])
    assert result.exit_code == 0, result.output
    kept = [
        (r.job_id, (now - r.started_at).days, r.status)
        for r in job_runs(app)
        if r.job_id != "scheduling.prune_job_runs"
    ]
    assert sorted(kept) == [
        ("imports.run_pending", 1, JobRunStatus.SUCCEEDED),
        ("imports.run_pending", 89, JobRunStatus.SUCCEEDED),
        ("privacy.anonymise_expired_cases", 300, JobRunStatus.SUCCEEDED),
        ("reports.build_period_snapshots", 150, JobRunStatus.FAILED),
        ("reports.build_period_snapshots", 150, JobRunStatus.RUNNING),
    ]
    (prune,) = [r for r in job_runs(app) if r.job_id == "scheduling.prune_job_runs"]
    assert prune.result == 4


def test_job_runs_are_kept_for_ever_when_retention_is_zero(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOB_RUN_RETENTION_DAYS", 0)
    old = datetime.now(LOCAL_TZ) - timedelta(days=1000)
    with app.app_context():
        db.session.add_all([
            JobRun(job_id="imports.run_pending", started_at=old, status=JobRunStatus.SUCCEEDED),
            JobRun(job_id="imports.run_pending", started_at=old, status=JobRunStatus.SUCCEEDED),
        ])  # fmt: skip
        db.session.commit()
    assert run_job(app, "scheduling.prune_job_runs") is True
    assert len([r for r in job_runs(app) if r.job_id == "imports.run_pending"]) == 2


@pytest.mark.postgres_only
def test_a_scheduler_whose_lock_is_lost_takes_it_again(app, database_url, tmp_path):
    """PostgreSQL restarting ends the lock's connection: the scheduler stops its jobs,
    waits for the lock, takes it again and goes on, without exiting."""
    env = {
        **os.environ,
        "FLASK_APP": "reintegration",
        "REINTEGRATION_ENV": "testing",
        "REINTEGRATION_DATABASE_URL": database_url,
        "REINTEGRATION_SCHEDULER_LOCK_RETRY_SECONDS": "0.2",
        "REINTEGRATION_SCHEDULER_LOCK_CHECK_SECONDS": "0.5",
    }
    process = Process(env)
    try:
        process.wait_for("scheduler started")
        with app.app_context():
            ended = db.session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted AND objid = :low"
                ),
                {"low": ADVISORY_LOCK_KEY & 0xFFFFFFFF},
            ).all()
            db.session.rollback()
        assert ended == [(True,)]
        process.wait_for("the scheduler lock was lost: waiting to take it again")
        process.wait_for("scheduler lock taken")
        process.wait_for("scheduler started")
        assert process.popen.poll() is None  # still running
    finally:
        process.stop()
    assert process.popen.returncode == 0
