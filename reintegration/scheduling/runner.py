"""Running one job: inside an app context, recorded in ``job_runs`` (start, end, status,
result, error). A failure is logged and recorded, never raised: it must not stop the
scheduler or the other jobs."""

import logging
import traceback
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from werkzeug.utils import import_string

from reintegration.core.clock import now_utc
from reintegration.extensions import db
from reintegration.scheduling.jobs import JOBS_BY_ID
from reintegration.scheduling.models import JobRun, JobRunStatus

log = logging.getLogger(__name__)
ERROR_MAX = 10_000


def _jsonable(result: Any) -> Any:
    if result is None or isinstance(result, bool | int | float | str):
        return result
    if isinstance(result, dict):
        return {str(k): _jsonable(v) for k, v in result.items()}
    if isinstance(result, list | tuple):
        return [_jsonable(v) for v in result]
    return str(result)


def _record_start(job_id: str) -> int | None:
    try:
        run = JobRun(job_id=job_id, started_at=now_utc(), status=JobRunStatus.RUNNING)
        db.session.add(run)
        db.session.commit()
        return run.id
    except Exception:
        db.session.rollback()
        log.exception("could not record the start of job %s", job_id)
        return None


def _record_end(run_id: int | None, status: JobRunStatus, result: Any, error: str | None):
    if run_id is None:
        return
    try:
        run = db.session.get(JobRun, run_id)
        run.finished_at = now_utc()
        run.status = status
        run.result = _jsonable(result)
        run.error = error[-ERROR_MAX:] if error else None
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not record the end of job %s", run_id)


def run_job(app: Flask, job_id: str) -> bool:
    """Run one job of the table now, in its own app context. True when it succeeded."""
    spec = JOBS_BY_ID[job_id]
    with app.app_context():
        run_id = _record_start(job_id)
        log.info("job %s started", job_id)
        try:
            result = import_string(spec.func.replace(":", "."))()
        except Exception:
            db.session.rollback()
            error = traceback.format_exc()
            log.error("job %s failed:\n%s", job_id, error)
            _record_end(run_id, JobRunStatus.FAILED, None, error)
            return False
        else:
            log.info("job %s done: %s", job_id, result)
            _record_end(run_id, JobRunStatus.SUCCEEDED, result, None)
            return True
        finally:
            db.session.remove()


def last_runs() -> dict[str, JobRun]:
    """The latest run of each job."""
    latest = (
        select(JobRun.job_id, func.max(JobRun.id).label("id")).group_by(JobRun.job_id).subquery()
    )
    rows = db.session.scalars(select(JobRun).join(latest, latest.c.id == JobRun.id))
    return {run.job_id: run for run in rows}


def ran_since(job_id: str, since) -> bool:
    return (
        db.session.scalar(
            select(JobRun.id).where(JobRun.job_id == job_id, JobRun.started_at >= since).limit(1)
        )
        is not None
    )
