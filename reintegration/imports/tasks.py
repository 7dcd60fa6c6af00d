"""The background work of imports, run by the scheduler (``imports.run_pending``: every
minute, and at once when its watch, ``work_waiting``, sees a list uploaded or confirmed)
and by ``flask imports run-pending``: read and check the lists waiting for it, then save
those confirmed. Safe to run twice and in two processes at once: a batch is claimed by a
conditional update before any work on it; within one process one run works at a time.

Progress is committed while a list is read. While it is saved, the saving is one
transaction; on PostgreSQL its progress is written beside it through a second connection,
on SQLite (one writer at a time) the page shows the step without a count.

A process killed in the middle leaves its batch claimed: after ``STALE_MINUTES`` a batch
still being read goes back to the queue (unless its reading was cut short
``MAX_ATTEMPTS`` times already: it fails, with its reason), and one being saved (nothing
of which was kept: the transaction died with the process) goes back to the preview, to be
confirmed again.

Between chunks (each progress step) the worker stops when asked to (SIGTERM:
``core.stopping``), putting its batch back in the queue it came from, and gives up a batch
its owner cancelled meanwhile.
"""

import logging
import threading
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from reintegration.accounts.models import User
from reintegration.core.clock import now_utc
from reintegration.core.database import commit_keeping_loaded
from reintegration.core.exceptions import DomainError
from reintegration.core.stopping import stop_requested
from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, ImportBatch, Phase
from reintegration.imports.services import analysis, committing

log = logging.getLogger(__name__)
STALE_MINUTES = 30
MAX_ATTEMPTS = 2


class Stopped(Exception):
    """The work stopped between two chunks: the process was asked to stop, or the batch was
    cancelled. Nothing of the step is kept."""

    def __init__(self, cancelled: bool):
        super().__init__("cancelled" if cancelled else "stop requested")
        self.cancelled = cancelled


WAITING = (BatchStatus.QUEUED, BatchStatus.COMMIT_QUEUED)
# One run at a time in a process: the minute's run and a woken one would each hold a list
# in memory at once.
_working = threading.Lock()


def work_waiting() -> bool:
    """A list waits to be read or saved, and this process is not at work on lists already
    (its run takes the new one when it is done). One indexed query."""
    if _working.locked():
        return False
    query = select(ImportBatch.id).where(ImportBatch.status.in_(WAITING)).limit(1)
    return db.session.scalar(query) is not None


def run_pending_imports(
    *, stale_minutes: int = STALE_MINUTES, now: datetime | None = None
) -> dict[str, int]:
    if not _working.acquire(blocking=False):
        return {"busy": 1}
    try:
        return _run_pending(stale_minutes, now)
    finally:
        _working.release()


def _run_pending(stale_minutes: int, now: datetime | None) -> dict[str, int]:
    result = {"released": release_stale(now or now_utc(), stale_minutes)}
    result.update(analysed=0, committed=0, failed=0)
    while not stop_requested():
        batch_id = _next(BatchStatus.QUEUED)
        if batch_id is not None:
            if _claim(batch_id, BatchStatus.QUEUED, BatchStatus.ANALYSING):
                result["analysed" if analyse_batch(batch_id) else "failed"] += 1
            continue
        batch_id = _next(BatchStatus.COMMIT_QUEUED)
        if batch_id is None:
            return result
        if _claim(batch_id, BatchStatus.COMMIT_QUEUED, BatchStatus.COMMITTING):
            result["committed" if commit_batch(batch_id) else "failed"] += 1
    return result


def release_stale(now: datetime, minutes: int) -> int:
    cutoff = now - timedelta(minutes=minutes)
    released = db.session.execute(
        update(ImportBatch)
        .where(
            ImportBatch.status == BatchStatus.ANALYSING,
            ImportBatch.claimed_at < cutoff,
            ImportBatch.attempts >= MAX_ATTEMPTS,
        )
        .values(status=BatchStatus.FAILED, claimed_at=None, error=_gave_up())
    ).rowcount
    for working, back, error in (
        (BatchStatus.ANALYSING, BatchStatus.QUEUED, None),
        (
            BatchStatus.COMMITTING,
            BatchStatus.READY,
            _("The saving was interrupted and nothing was saved: confirm the import again."),
        ),
    ):
        outcome = db.session.execute(
            update(ImportBatch)
            .where(ImportBatch.status == working, ImportBatch.claimed_at < cutoff)
            .values(status=back, claimed_at=None, error=error)
        )
        released += outcome.rowcount
    db.session.commit()
    return released


def _next(status: BatchStatus) -> int | None:
    return db.session.scalar(
        select(ImportBatch.id).where(ImportBatch.status == status).order_by(ImportBatch.id).limit(1)
    )


def _gave_up() -> str:
    return _(
        "Reading the list stopped %(count)d times before it ended (the worker was stopped,"
        " perhaps for lack of memory): it is not tried again. Check the file, or split it"
        " into smaller lists and upload them.",
        count=MAX_ATTEMPTS,
    )


def _claim(batch_id: int, expected: BatchStatus, working: BatchStatus) -> bool:
    attempts = ImportBatch.attempts + (1 if working == BatchStatus.ANALYSING else 0)
    outcome = db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.status == expected)
        .values(
            status=working, claimed_at=now_utc(), progress_done=0, progress_total=0,
            progress_phase=None, attempts=attempts,
        )
    )  # fmt: skip
    db.session.commit()
    return outcome.rowcount == 1


def analyse_batch(batch_id: int) -> bool:
    batch = db.session.get(ImportBatch, batch_id)
    actor = batch.created_by

    def progress(done: int, total: int, phase: Phase) -> None:
        _between_chunks(batch_id, lock=True)
        batch.progress_done, batch.progress_total, batch.progress_phase = done, total, phase
        commit_keeping_loaded()

    with force_locale(actor.locale):
        try:
            analysis.analyse(batch, actor, progress)
            _between_chunks(batch_id, lock=True)
            batch.attempts = 0
            db.session.commit()
            return True
        except Stopped as stop:
            db.session.rollback()
            if not stop.cancelled:
                _put_back(batch_id, BatchStatus.ANALYSING, BatchStatus.QUEUED)
            return False
        except DomainError as error:
            db.session.rollback()
            _fail(batch_id, BatchStatus.FAILED, error.message)
            return False
        except Exception:
            db.session.rollback()
            log.exception("import %s could not be read", batch_id)
            _fail(batch_id, BatchStatus.FAILED, _("The list could not be read."))
            raise


def _between_chunks(batch_id: int, *, lock: bool) -> None:
    """Raise ``Stopped`` when the process is asked to stop or the batch was cancelled.
    ``lock``: hold the batch's row until the step commits (PostgreSQL), so a cancel that
    comes after this check waits for the commit and then finds the batch as it was left."""
    if stop_requested():
        raise Stopped(cancelled=False)
    query = select(ImportBatch.status).where(ImportBatch.id == batch_id)
    with db.session.no_autoflush:
        status = db.session.scalar(query.with_for_update() if lock else query)
    if status == BatchStatus.CANCELLED:
        raise Stopped(cancelled=True)


def _put_back(batch_id: int, working: BatchStatus, waiting: BatchStatus) -> None:
    """A step stopped on request: the batch waits again, that try not counted."""
    db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.status == working)
        .values(
            status=waiting, claimed_at=None, progress_done=0, progress_total=0,
            attempts=ImportBatch.attempts - (1 if working == BatchStatus.ANALYSING else 0),
        )
    )  # fmt: skip
    db.session.commit()
    log.info("import %s put back (%s): the process is stopping", batch_id, waiting.value)


def commit_batch(batch_id: int) -> bool:
    batch = db.session.get(ImportBatch, batch_id)
    actor = db.session.get(User, batch.committed_by_id)
    beside = _progress_beside(batch_id)

    def progress(done: int, total: int) -> None:
        _between_chunks(batch_id, lock=False)
        beside(done, total)

    with force_locale(actor.locale):
        try:
            committing.commit(batch, actor, progress)
            db.session.commit()
            return True
        except Stopped as stop:
            db.session.rollback()
            if not stop.cancelled:
                _put_back(batch_id, BatchStatus.COMMITTING, BatchStatus.COMMIT_QUEUED)
            return False
        except DomainError as error:
            db.session.rollback()
            message = _("Nothing was saved: %(reason)s", reason=error.message)
            _fail(batch_id, BatchStatus.READY, message)
            return False
        except Exception:
            db.session.rollback()
            log.exception("import %s could not be saved", batch_id)
            _fail(batch_id, BatchStatus.READY, _("Saving failed and nothing was saved."))
            raise


def _progress_beside(batch_id: int):
    """Progress written through a connection of its own, outside the saving transaction
    (PostgreSQL); SQLite allows one writer, so there the count shows at the end."""
    if db.engine.dialect.name != "postgresql":
        return lambda done, total: None

    def progress(done: int, total: int) -> None:
        with db.engine.connect() as connection:
            connection.execute(
                update(ImportBatch.__table__)
                .where(ImportBatch.__table__.c.id == batch_id)
                .values(progress_done=done, progress_total=total, progress_phase=Phase.SAVING)
            )
            connection.commit()

    return progress


def _fail(batch_id: int, status: BatchStatus, message: str) -> None:
    db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(status=status, error=message, claimed_at=None)
    )
    db.session.commit()
