"""Saving a confirmed list: everything or nothing, audited, in the background; the result
and the rows not imported stay available."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from reintegration.casework.models import FollowUp
from reintegration.casework.services import schedule
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, RowStatus
from reintegration.imports.services import committing
from reintegration.people.models import Case, CaseStatus, Person, Release
from reintegration.people.services.revisions import revisions_of, snapshot
from reintegration.scheduling.runner import run_job
from tests.imports.conftest import AN, BINH, HEADER, csv_bytes, rows_of

# Received at the commune on 05/09/2025 in the list, or only notified (05/09/2025, a Friday).
CUONG = ["3", "Lê Văn Cường", "20/10/1988", "Nam", "001088012348", "Phường Ba Đình", "",
         "Hà Nội", "01/09/2025", ""]  # fmt: skip


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Person, Release, Case, FollowUp)
        }


@pytest.fixture
def previewed(app, auth, client, hanoi, upload, run_pending, latest_batch):
    """A previewed list of three: two new rows and one split commune (left undecided)."""
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, BINH, CUONG]))
    run_pending()
    return latest_batch()


def test_confirmed_list_is_registered_with_cases_deadlines_and_schedules(
    app, client, previewed, run_pending, latest_batch
):
    assert client.post(f"/imports/{previewed.id}/confirm").status_code == 302
    assert latest_batch().status == BatchStatus.COMMIT_QUEUED
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.COMMITTED
    assert batch.imported_count == 2
    assert batch.count(RowStatus.DECISION) == 1
    with app.app_context():
        cases = {c.person.full_name: c for c in db.session.scalars(select(Case))}
        assert set(cases) == {"Nguyễn Văn An", "Lê Văn Cường"}
        an, cuong = cases["Nguyễn Văn An"], cases["Lê Văn Cường"]
        assert an.commune_code == cuong.commune_code == 4
        assert an.status == CaseStatus.RECEIVED and an.received_on == date(2025, 9, 5)
        assert cuong.status == CaseStatus.NOTIFIED
        assert an.arrival_deadline == cuong.arrival_deadline == date(2025, 9, 10)
        assert an.release.release_date == date(2025, 9, 1)
        assert db.session.scalar(
            select(func.count()).select_from(FollowUp).where(FollowUp.case_id == an.id)
        ) > 0  # fmt: skip
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "person_registered")
        ).all()
        assert {e.detail["import_id"] for e in events} == {batch.id}
        assert {e.object_id for e in events} == {str(an.person_id), str(cuong.person_id)}
    imported = [r for r in rows_of(app, batch.id) if r.status == RowStatus.IMPORTED]
    assert len(imported) == 2 and all(r.person_id for r in imported)
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "not-imported.xlsx" in page


def test_rows_written_in_bulk_are_those_one_registration_writes(
    app, client, previewed, run_pending, latest_batch
):
    """The bulk path inserts without the models: the search fields (and their copies on the
    case), first revisions and schedules must still be what the model, ``record_revision``
    and ``start_schedule`` give."""
    client.post(f"/imports/{previewed.id}/confirm")
    run_pending()
    with app.app_context():
        for person in db.session.scalars(select(Person)):
            (case,) = person.cases
            alike = Person(
                full_name=person.full_name,
                other_names=person.other_names,
                id_number=person.id_number,
                old_id_number=person.old_id_number,
            )
            assert (person.search_text, person.sort_key) == (alike.search_text, alike.sort_key)
            assert (case.search_text, case.sort_key) == (person.search_text, person.sort_key)
            assert [r.data for r in revisions_of(person)] == [snapshot(person)]
            assert [r.data for r in revisions_of(case)] == [snapshot(case)]
            assert person.version == case.version == 1

        an = db.session.scalar(select(Case).join(Person).where(Person.full_name == "Nguyễn Văn An"))
        written = db.session.scalars(select(FollowUp).where(FollowUp.case_id == an.id)).all()
        bulk = sorted((f.due_on, f.kind) for f in written)
        (event,) = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "follow_ups_generated", AuditEvent.object_id == str(an.id)
            )
        ).all()
        assert event.detail["count"] == len(bulk) > 0
        for row in written:
            db.session.delete(row)
        db.session.flush()
        one_by_one = sorted((f.due_on, f.kind) for f in schedule.start_schedule(an))
        assert bulk == one_by_one
        db.session.rollback()


def test_a_failure_halfway_through_the_commit_leaves_the_database_as_it_was(
    app, client, previewed, run_pending, latest_batch, monkeypatch
):
    before = counts(app)
    calls = []
    real = committing.register_people

    def fail_on_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(committing, "CHUNK", 1)
    monkeypatch.setattr(committing, "register_people", fail_on_second_chunk)
    client.post(f"/imports/{previewed.id}/confirm")
    with pytest.raises(RuntimeError), app.app_context():
        from reintegration.imports.tasks import run_pending_imports

        run_pending_imports()
    assert len(calls) == 2  # the first person had been written (flushed) when it failed
    assert counts(app) == before
    batch = latest_batch()
    assert batch.status == BatchStatus.READY
    assert batch.error
    assert {r.status for r in rows_of(app, batch.id)} == {RowStatus.NEW, RowStatus.DECISION}
    with app.app_context():
        assert not db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "person_registered")
        ).all()


KILLED_WORKER = textwrap.dedent(
    """
    import sys, time
    from reintegration import create_app
    from reintegration.casework.services import bulk_schedule
    from reintegration.imports.tasks import run_pending_imports

    app = create_app({"MODE": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                      "INSTANCE_PATH": sys.argv[2]})
    real = bulk_schedule.start_schedules

    def stop_here(*args, **kwargs):
        added = real(*args, **kwargs)
        open(sys.argv[3], "w").write(str(added))
        time.sleep(600)

    bulk_schedule.start_schedules = stop_here
    with app.app_context():
        run_pending_imports()
    """
)


def test_an_import_killed_mid_commit_leaves_nothing_and_can_be_confirmed_again(
    app, client, previewed, run_pending, latest_batch, tmp_path
):
    before = counts(app)
    client.post(f"/imports/{previewed.id}/confirm")
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    marker = tmp_path / "written"
    worker = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", KILLED_WORKER, url, str(tmp_path / "instance"), str(marker)],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        for _ in range(600):
            if marker.exists() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the worker did not reach the middle of the commit"
        assert int(marker.read_text()) > 0  # people, cases and follow-ups were written
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    assert counts(app) == before
    assert latest_batch().status == BatchStatus.COMMITTING

    run_pending()  # too early to call the claim stale
    assert latest_batch().status == BatchStatus.COMMITTING
    run_pending("--stale-minutes", "0")
    batch = latest_batch()
    assert batch.status == BatchStatus.READY
    assert "nothing was saved" in batch.error or "không có gì" in batch.error

    client.post(f"/imports/{batch.id}/confirm")
    run_pending()
    assert latest_batch().status == BatchStatus.COMMITTED
    assert counts(app)["Person"] == 2


def test_the_scheduler_job_does_the_same_work(app, auth, hanoi, upload, latest_batch):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN]))
    assert run_job(app, "imports.run_pending")
    assert latest_batch().status == BatchStatus.READY


def test_progress_is_read_from_the_status_endpoint(client, previewed):
    state = client.get(f"/imports/{previewed.id}/status").get_json()
    assert state["status"] == "ready"
    assert state["working"] is False
    assert state["done"] == state["total"] == 3


def test_rows_not_imported_download_with_reasons_and_no_formulas(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    formula = ["9", "=HYPERLINK(\"http://x\")", "31/02/1985", "Nam", "", "Phường Ba Đình", "",
               "Hà Nội", "01/09/2025", ""]  # fmt: skip
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, formula]))
    run_pending()
    batch = latest_batch()
    response = client.get(f"/imports/{batch.id}/not-imported.csv")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "'=HYPERLINK" in text
    assert "Nguyễn Văn An" not in text  # imported rows are not in it
    assert "31/02/1985" in text
    xlsx = client.get(f"/imports/{batch.id}/not-imported.xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    with app.app_context():
        assert db.session.scalar(
            select(func.count()).select_from(AuditEvent)
            .where(AuditEvent.action == "import_rejected_exported")
        ) == 2  # fmt: skip


def test_imports_are_listed_and_kept_within_scope(
    app, auth, client, hanoi, make_user, upload, run_pending, latest_batch
):
    from reintegration.accounts.models import Role

    auth.login(hanoi.caseworker_x)
    upload(csv_bytes([HEADER, AN]), filename="đợt-2.csv")
    batch = latest_batch()
    listing = client.get("/imports/").get_data(as_text=True)
    assert "đợt-2.csv" in listing
    auth.logout()

    auth.login(hanoi.officer)  # the province's officer sees the caseworker's import
    assert client.get(f"/imports/{batch.id}").status_code == 200
    auth.logout()

    auth.login(hanoi.caseworker_y)  # another caseworker: as if it did not exist
    assert client.get(f"/imports/{batch.id}").status_code == 404
    assert client.get(f"/imports/{batch.id}/status").status_code == 404
    assert "đợt-2.csv" not in client.get("/imports/").get_data(as_text=True)
    auth.logout()

    hue_officer = make_user(role=Role.PROVINCE_OFFICER, province_code=46)
    auth.login(hue_officer)
    assert client.get(f"/imports/{batch.id}").status_code == 404
    auth.logout()

    auth.login(make_user(role=Role.UNION_REVIEWER))
    assert client.get("/imports/").status_code == 403
    assert client.get("/imports/new").status_code == 403


def test_an_unreadable_file_is_refused_at_once(auth, hanoi, upload):
    auth.login(hanoi.officer)
    response = upload(b"%PDF-1.7\n\xff\xfe\xfa binary", filename="list.pdf")
    assert response.status_code == 422


def test_an_amnesty_list_needs_its_decision(auth, hanoi, upload):
    auth.login(hanoi.officer)
    refused = upload(csv_bytes([HEADER, AN]), release_type="amnesty", notified_on="07/09/2025")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'value="07/09/2025"' in page  # what was typed, kept
    assert '<option selected value="amnesty">' in page


def test_a_cancelled_import_keeps_no_rows(app, client, previewed, latest_batch):
    client.post(f"/imports/{previewed.id}/cancel")
    assert latest_batch().status == BatchStatus.CANCELLED
    assert rows_of(app, previewed.id) == []
