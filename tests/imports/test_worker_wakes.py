"""No idle waits: the scheduler's watch sees a list uploaded or confirmed and runs the
import worker at once (not at its next minute); idle, it does nothing but one query. The
bar names its phase and counts rows as they are done."""

from datetime import datetime, timedelta

import pytest

from reintegration.core.clock import LOCAL_TZ
from reintegration.imports import tasks
from reintegration.imports.models import BatchStatus, Phase
from reintegration.scheduling import scheduler as scheduling
from reintegration.scheduling.jobs import JOBS_BY_ID
from reintegration.scheduling.models import JobRun
from tests.imports.conftest import AN, HEADER, csv_bytes

JOB = "imports.run_pending"


@pytest.fixture
def scheduler(app):
    built = scheduling.build_scheduler(app)
    yield built
    for job in built.get_jobs():
        job.remove()


def next_run(scheduler) -> datetime:
    return scheduler.get_job(JOB).next_run_time


def wake(app, scheduler) -> bool:
    return scheduling.wake_when_waiting(app, scheduler, JOBS_BY_ID[JOB])


def test_idle_the_watch_wakes_nothing_and_records_nothing(app, scheduler, app_ctx):
    assert wake(app, scheduler) is False
    assert JobRun.query.count() == 0


def test_an_uploaded_list_wakes_the_worker_at_once(app, auth, hanoi, upload, scheduler):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    before = datetime.now(LOCAL_TZ)
    assert wake(app, scheduler) is True
    # The minute job is due now, not at its next minute.
    assert next_run(scheduler) is None or next_run(scheduler) <= before + timedelta(seconds=1)


def test_a_confirmed_list_wakes_the_worker(
    app, auth, client, hanoi, upload, run_pending, latest_batch, scheduler
):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    run_pending()
    assert wake(app, scheduler) is False  # read: nothing waits
    client.post(f"/imports/{latest_batch().id}/confirm")
    assert latest_batch().status == BatchStatus.COMMIT_QUEUED
    assert wake(app, scheduler) is True


def test_a_process_at_work_on_lists_is_not_woken_twice(app, auth, hanoi, upload, app_ctx):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    with tasks._working:
        assert tasks.work_waiting() is False
        assert tasks.run_pending_imports() == {"busy": 1}
    assert tasks.work_waiting() is True


def test_the_bar_names_its_phase(app, auth, client, hanoi, upload, run_pending, latest_batch):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    batch = latest_batch()
    waiting = client.get(f"/imports/{batch.id}/status").get_json()
    assert waiting["working"] is True and waiting["phase"] is None
    assert "few seconds" in waiting["text"] or "vài giây" in waiting["text"]
    run_pending()
    read = latest_batch()
    assert read.progress_phase == Phase.CHECKING
    assert (read.progress_done, read.progress_total) == (1, 1)
