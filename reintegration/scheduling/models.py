"""One row per run of a scheduled job: when it started and ended, how it went, and why it
failed. A failing job is recorded here and in the log; it never stops the others."""

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class JobRunStatus(LabelledEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @classmethod
    def _labels(cls):
        return {
            cls.RUNNING: _l("Running"),
            cls.SUCCEEDED: _l("Succeeded"),
            cls.FAILED: _l("Failed"),
        }


class JobRun(db.Model):
    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[JobRunStatus] = mapped_column(
        enum_column(JobRunStatus), default=JobRunStatus.RUNNING
    )
    # What the job returned (counts), for the log and `flask scheduler list`.
    result: Mapped[Any] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_job_runs_job_id_started_at", "job_id", "started_at"),)

    def __repr__(self) -> str:
        return f"<JobRun {self.job_id} {self.status} {self.started_at:%Y-%m-%d %H:%M}>"
