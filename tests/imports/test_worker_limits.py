"""The import worker within bounds: a stuck list can be cancelled, a list whose reading is
cut short twice fails with its reason, and SIGTERM stops the worker between chunks with
the list left to be taken up again."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from reintegration.core import stopping
from reintegration.core.clock import now_utc
from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, ImportBatch
from reintegration.imports.services import analysis, committing
from reintegration.people.models import Person
from tests.imports.conftest import AN, HEADER, csv_bytes, rows_of

PEOPLE = [[str(n), f"Nguyễn Văn Người {n}", "01/01/1980", "Nam", "", "Phường Ba Đình", "",
           "Hà Nội", "01/09/2025", ""] for n in range(1, 21)]  # fmt: skip


def set_batch(app, batch_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(**values))
        db.session.commit()


@pytest.mark.parametrize("stuck", [BatchStatus.ANALYSING, BatchStatus.COMMITTING])
def test_a_stuck_import_is_cancelled_from_its_page_by_the_officer(
    app, auth, client, hanoi, upload, run_pending, latest_batch, stuck
):
    """Uploaded by a caseworker; its worker died an hour ago, while reading or saving."""
    auth.login(hanoi.caseworker_x)
    upload(csv_bytes([HEADER, AN]))
    batch = latest_batch()
    set_batch(app, batch.id, status=stuck, claimed_at=now_utc() - timedelta(hours=1))
    auth.logout()
    auth.login(hanoi.officer)
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert f'action="/imports/{batch.id}/cancel"' in page
    assert client.post(f"/imports/{batch.id}/cancel").status_code == 302
    batch = latest_batch()
    assert batch.status == BatchStatus.CANCELLED and batch.claimed_at is None
    run_pending("--stale-minutes", "0")  # nothing brings it back
    assert latest_batch().status == BatchStatus.CANCELLED
    with app.app_context():
        assert db.session.get(ImportBatch, batch.id).content is None


def test_a_list_cancelled_while_read_is_given_up_by_the_worker(
    app, auth, client, hanoi, upload, latest_batch, monkeypatch
):
    """The owner cancels while the worker reads (here: at its first row); at its next chunk
    the worker sees it and keeps nothing."""
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, *PEOPLE]))
    batch_id = latest_batch().id
    monkeypatch.setattr(analysis, "PROGRESS_EVERY", 5)
    real_read = analysis.RowReader.read

    def read_and_cancel(self, number, cells):
        if number == 2:
            with db.engine.begin() as other:  # the owner's request, another connection
                other.execute(
                    update(ImportBatch.__table__)
                    .where(ImportBatch.__table__.c.id == batch_id)
                    .values(status=BatchStatus.CANCELLED)
                )
        return real_read(self, number, cells)

    monkeypatch.setattr(analysis.RowReader, "read", read_and_cancel)
    with app.app_context():
        from reintegration.imports.tasks import run_pending_imports

        assert run_pending_imports()["analysed"] == 0
    batch = latest_batch()
    assert batch.status == BatchStatus.CANCELLED
    assert rows_of(app, batch_id) == []


def test_a_saved_import_can_no_longer_be_cancelled(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    run_pending()
    batch = latest_batch()
    client.post(f"/imports/{batch.id}/confirm")
    run_pending()
    assert latest_batch().status == BatchStatus.COMMITTED
    assert 'cancel"' not in client.get(f"/imports/{batch.id}").get_data(as_text=True)
    client.post(f"/imports/{batch.id}/cancel")
    assert latest_batch().status == BatchStatus.COMMITTED


DYING_WORKER = textwrap.dedent(
    """
    import sys, time
    from reintegration import create_app
    from reintegration.imports.services import analysis
    from reintegration.imports.tasks import run_pending_imports

    app = create_app({"MODE": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                      "INSTANCE_PATH": sys.argv[2]})

    def die_here(*args, **kwargs):  # as if the process ran out of memory on this list
        open(sys.argv[3], "w").write("reading")
        time.sleep(600)

    analysis.RowReader.read = die_here
    with app.app_context():
        run_pending_imports(stale_minutes=0)
    """
)


def start_worker(app, tmp_path, script: str, marker, *extra):
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script, url, str(tmp_path / "instance"), str(marker), *extra],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


def wait_for(marker, worker) -> None:
    for _ in range(600):
        if marker.exists() or worker.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), "the worker did not reach the reading"


def test_a_list_whose_reading_is_cut_short_twice_fails_with_its_reason(
    app, auth, client, hanoi, upload, run_pending, latest_batch, tmp_path
):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    batch_id = latest_batch().id
    for attempt in (1, 2):
        marker = tmp_path / f"reading-{attempt}"
        worker = start_worker(app, tmp_path, DYING_WORKER, marker)
        try:
            wait_for(marker, worker)
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
        batch = latest_batch()
        assert (batch.status, batch.attempts) == (BatchStatus.ANALYSING, attempt)

    run_pending("--stale-minutes", "0")
    batch = latest_batch()
    assert batch.status == BatchStatus.FAILED
    assert batch.error.startswith("Việc đọc danh sách đã bị dừng giữa chừng 2 lần")
    assert batch.error in client.get(f"/imports/{batch_id}").get_data(as_text=True)
    run_pending("--stale-minutes", "0")
    assert latest_batch().status == BatchStatus.FAILED  # not tried again


STOPPED_SCHEDULER = textwrap.dedent(
    """
    import sys, time
    from reintegration import create_app
    from reintegration.imports.services import analysis

    app = create_app({"MODE": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                      "INSTANCE_PATH": sys.argv[2]})
    analysis.PROGRESS_EVERY = 1
    real_read = analysis.RowReader.read

    def slow_read(self, number, cells):  # a long list: a second a row
        open(sys.argv[3], "w").write(str(number))
        time.sleep(1)
        return real_read(self, number, cells)

    analysis.RowReader.read = slow_read
    result = app.test_cli_runner().invoke(
        args=["scheduler", "run", "--now", "imports.run_pending", "--no-catch-up"]
    )
    print("exit", result.exit_code, result.output, result.exception)
    """
)


def test_sigterm_stops_the_scheduler_between_chunks_and_the_list_is_read_again(
    app, auth, hanoi, upload, run_pending, latest_batch, tmp_path
):
    """`flask scheduler run` reading a 20-row list at a second a row: SIGTERM ends it
    within a chunk, the list back in the queue (the try not counted), read in full next."""
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, *PEOPLE]))
    marker = tmp_path / "row"
    worker = start_worker(app, tmp_path, STOPPED_SCHEDULER, marker)
    try:
        wait_for(marker, worker)
        assert latest_batch().status == BatchStatus.ANALYSING
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(60) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    assert int(marker.read_text()) < 10  # it did not read on to the end
    batch = latest_batch()
    assert (batch.status, batch.attempts, batch.claimed_at) == (BatchStatus.QUEUED, 0, None)
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY
    assert batch.total_rows == 20


def test_a_stop_request_while_saving_leaves_nothing_and_the_list_is_saved_next_time(
    app, auth, client, hanoi, upload, run_pending, latest_batch, monkeypatch
):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, *PEOPLE[:3]]))
    run_pending()
    batch = latest_batch()
    client.post(f"/imports/{batch.id}/confirm")
    monkeypatch.setattr(committing, "CHUNK", 1)
    real = committing.register_people

    def register_then_stop(*args, **kwargs):
        stopping.request_stop()  # SIGTERM arrives while the first chunk is written
        return real(*args, **kwargs)

    monkeypatch.setattr(committing, "register_people", register_then_stop)
    try:
        with app.app_context():
            from reintegration.imports.tasks import run_pending_imports

            run_pending_imports()
    finally:
        stopping.forget_request()
    assert latest_batch().status == BatchStatus.COMMIT_QUEUED
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0
    monkeypatch.setattr(committing, "register_people", real)
    run_pending()
    assert latest_batch().status == BatchStatus.COMMITTED
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 3
