"""The scheduler's own housekeeping."""

from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from reintegration.core.clock import LOCAL_TZ, today_local
from reintegration.extensions import db
from reintegration.scheduling.models import JobRun, JobRunStatus


def prune_job_runs(today: date | None = None) -> int:
    """Forget the finished runs that started more than JOB_RUN_RETENTION_DAYS before
    ``today``, except each job's latest (the job list says when it last ran). Returns how
    many were forgotten; 0 days (or less) keeps them all."""
    days = current_app.config["JOB_RUN_RETENTION_DAYS"]
    if days <= 0:
        return 0
    cutoff = datetime.combine((today or today_local()) - timedelta(days=days), time.min, LOCAL_TZ)
    latest_of_each_job = select(func.max(JobRun.id)).group_by(JobRun.job_id)
    forgotten = db.session.execute(
        delete(JobRun).where(
            JobRun.started_at < cutoff,
            JobRun.status != JobRunStatus.RUNNING,
            JobRun.id.not_in(latest_of_each_job),
        )
    ).rowcount
    db.session.commit()
    return forgotten
