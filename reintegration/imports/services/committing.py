"""Saving a confirmed list, all or nothing: every new row registered (person, release, case
in its commune with the arrival deadline and the follow-up schedule, each audited with
the import; the case given to a caseworker of its commune, who is told: ``owners``), or,
on any failure, nothing. The caller commits the one transaction."""

from collections.abc import Callable

from flask_babel import gettext as _
from sqlalchemy import select, update

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, ImportBatch, ImportRow, RowStatus
from reintegration.imports.services import owners
from reintegration.imports.services.analysis import Reference
from reintegration.imports.services.batches import recount
from reintegration.imports.services.payload import from_json
from reintegration.people.services.bulk_registration import register_people
from reintegration.people.services.registration import registered_id_numbers

# Rows registered per round (written in bulk, never loaded: memory stays flat).
CHUNK = 1000


def commit(batch: ImportBatch, actor: User, progress: Callable[[int, int], None]) -> int:
    """Register the batch's new rows; returns how many. Raises (and the caller rolls back)
    on any failure, so a list is never half imported."""
    batch_id = batch.id
    rows = db.session.execute(
        select(ImportRow.id, ImportRow.data)
        .where(ImportRow.batch_id == batch_id, ImportRow.status == RowStatus.NEW)
        .order_by(ImportRow.row_number)
    ).all()
    rows = _without_registered_meanwhile(rows)
    progress(0, len(rows))
    reference = Reference(actor)
    caseworkers = owners.Caseworkers({row.data["intake"]["commune_code"] for row in rows})
    imported = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        requests = [from_json(row.data) for row in chunk]
        owners.assign(requests, caseworkers)
        registrations = register_people(
            requests,
            actor=actor,
            audit_detail={"import_id": batch_id},
            lookups=reference.lookups,
        )
        db.session.execute(
            update(ImportRow),
            [
                {"id": row.id, "status": RowStatus.IMPORTED, "person_id": r.person_id}
                for row, r in zip(chunk, registrations, strict=True)
            ],
        )
        imported += len(chunk)
        progress(imported, len(rows))
    batch = db.session.get(ImportBatch, batch_id)
    recount(batch)
    batch.status = BatchStatus.COMMITTED
    batch.imported_count = imported
    batch.committed_at = now_utc()
    batch.content = None
    batch.error = None
    db.session.flush()
    owners.tell_caseworkers(batch, actor)
    audit.record("import_committed", batch, user=actor, detail={"imported": imported})
    return imported


def _without_registered_meanwhile(rows: list) -> list:
    """Rows whose ID number was registered since the preview are left out as known."""
    numbers = [row.data["person"]["id_number"] for row in rows if row.data["person"]["id_number"]]
    taken = registered_id_numbers(numbers)
    if not taken:
        return rows
    keep = []
    for row in rows:
        if row.data["person"]["id_number"] in taken:
            db.session.execute(
                update(ImportRow)
                .where(ImportRow.id == row.id)
                .values(
                    status=RowStatus.KNOWN,
                    problems=[{"column": "", "message": _("Registered since the preview.")}],
                )
            )
        else:
            keep.append(row)
    return keep
