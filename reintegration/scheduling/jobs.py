"""The job table, in one place: fixed ids, what each runs, and when (Vietnam's time).

Every job is a plain function that commits its own work and is safe to run twice, so a
job run late, caught up at start, or run by hand (`flask scheduler run-job ID`) never sends
a second notice.
"""

from dataclasses import dataclass, field
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from reintegration.core.clock import LOCAL_TZ


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", called with no arguments
    description: str
    cron: dict[str, Any] = field(default_factory=dict)  # daily jobs: hour, minute
    every_minutes: int | None = None  # or every few minutes
    # "module:function" answering, cheaply, whether work waits: asked every
    # SCHEDULER_WATCH_SECONDS, and the job is run at once when it does (not at its time).
    watch: str | None = None

    @property
    def daily(self) -> bool:
        return self.every_minutes is None

    def trigger(self) -> BaseTrigger:
        if self.every_minutes is not None:
            return IntervalTrigger(minutes=self.every_minutes, timezone=LOCAL_TZ)
        return CronTrigger(timezone=LOCAL_TZ, **self.cron)

    @property
    def when(self) -> str:
        if self.every_minutes is not None:
            return f"every {self.every_minutes} min"
        return f"daily {self.cron['hour']:02d}:{self.cron['minute']:02d} (Asia/Ho_Chi_Minh)"


JOBS: tuple[JobSpec, ...] = (
    JobSpec(
        "reports.build_period_snapshots",
        "reintegration.reports.tasks:build_period_snapshots",
        "Build each ended month/quarter/year's reports for the nation and every province",
        cron={"hour": 1, "minute": 30},
    ),
    JobSpec(
        "casework.extend_follow_up_schedules",
        "reintegration.casework.tasks:extend_follow_up_schedules",
        "Top up each open case's follow-ups to the rolling horizon",
        cron={"hour": 5, "minute": 30},
    ),
    JobSpec(
        "casework.sweep_follow_ups",
        "reintegration.casework.tasks:sweep_follow_ups",
        "Mark missed follow-ups; remind of those overdue and due the next working day",
        cron={"hour": 6, "minute": 0},
    ),
    JobSpec(
        "casework.remind_expungements",
        "reintegration.casework.tasks:remind_expungements",
        "Tell caseworkers of records expected to be expunged: 30 days before, and on the day",
        cron={"hour": 6, "minute": 15},
    ),
    JobSpec(
        "casework.escalate_silent_cases",
        "reintegration.casework.tasks:escalate_silent_cases",
        "Tell the province officers of open cases with nothing recorded for a long time",
        cron={"hour": 6, "minute": 30},
    ),
    JobSpec(
        "loans.alert_late_instalments",
        "reintegration.loans.tasks:alert_late_instalments",
        "Alert the caseworker and the union of late loan instalments",
        cron={"hour": 7, "minute": 0},
    ),
    JobSpec(
        "loans.remind_overdue_reviews",
        "reintegration.loans.tasks:remind_overdue_reviews",
        "Remind the unions of loan reviews due; escalate those overdue",
        cron={"hour": 7, "minute": 15},
    ),
    JobSpec(
        "loans.remind_bank_decisions",
        "reintegration.loans.tasks:remind_bank_decisions",
        "Remind the caseworker of the bank's decisions due today or overdue",
        cron={"hour": 7, "minute": 20},
    ),
    JobSpec(
        "privacy.anonymise_expired_cases",
        "reintegration.privacy.tasks:anonymise_expired_cases",
        "Anonymise people whose cases closed longer ago than the retention period",
        cron={"hour": 2, "minute": 30},
    ),
    JobSpec(
        "privacy.remind_breach_deadlines",
        "reintegration.privacy.tasks:remind_breach_deadlines",
        "Remind the administrators of a data breach's deadline to notify the authority",
        every_minutes=30,
    ),
    JobSpec(
        "scheduling.prune_job_runs",
        "reintegration.scheduling.tasks:prune_job_runs",
        "Forget finished job runs older than the retention period (each job's latest stays)",
        cron={"hour": 3, "minute": 0},
    ),
    JobSpec(
        "notifications.send_pending_emails",
        "reintegration.notifications.services:send_pending_emails",
        "E-mail the notifications not e-mailed yet (when SMTP is configured)",
        every_minutes=10,
    ),
    JobSpec(
        "imports.run_pending",
        "reintegration.imports.tasks:run_pending_imports",
        "Read the uploaded release lists and save the confirmed ones",
        every_minutes=1,
        watch="reintegration.imports.tasks:work_waiting",
    ),
)

JOBS_BY_ID = {job.id: job for job in JOBS}
