"""Import batches: uploading a list, finding those a user may see, matching columns,
deciding rows, confirming and cancelling. The reading and saving themselves run in the
background (``imports.tasks``)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, delete, false, func, select, update
from werkzeug.datastructures import FileStorage

from reintegration.accounts.models import Role, User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.uploads import FileType, display_name, max_upload_bytes
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.imports.models import (
    CHOICE_NEW_PERSON,
    CHOICE_SKIP,
    BatchStatus,
    DecisionKind,
    ImportBatch,
    ImportRow,
    RowStatus,
)
from reintegration.imports.services.columns import IGNORE, mapping_problems
from reintegration.imports.services.file_checks import Limits, survey
from reintegration.imports.services.payload import from_json, to_json
from reintegration.people.models import ReleaseType
from reintegration.people.services.registration import check_request
from reintegration.people.services.similar import similar_people

LIST_FILE = FileType("text/csv", "csv")
# Every state but the ends: a list being read or saved too (the worker gives it up at its
# next chunk, or it was stuck: its worker is gone).
CANCELLABLE = (
    BatchStatus.QUEUED,
    BatchStatus.ANALYSING,
    BatchStatus.NEEDS_MAPPING,
    BatchStatus.READY,
    BatchStatus.COMMIT_QUEUED,
    BatchStatus.COMMITTING,
    BatchStatus.FAILED,
)


@dataclass(frozen=True)
class ImportOptions:
    """What the upload form says about every row (a column of the list overrides it)."""

    release_type: ReleaseType
    notified_on: date
    release_date: date | None = None
    amnesty_decision_id: int | None = None


def visible_batches(user: User) -> Select:
    """Scope in the query: the province's imports for its officers, a caseworker's own."""
    stmt = select(ImportBatch)
    if user.role == Role.PROVINCE_OFFICER and user.province_code is not None:
        return stmt.where(ImportBatch.province_code == user.province_code)
    if user.role == Role.CASEWORKER:
        return stmt.where(ImportBatch.created_by_id == user.id, ImportBatch.parent_id.is_(None))
    return stmt.where(false())


def find_batch(batch_id: int, user: User) -> ImportBatch | None:
    return db.session.scalar(visible_batches(user).where(ImportBatch.id == batch_id))


def create_batch(upload: FileStorage, options: ImportOptions, actor: User) -> ImportBatch:
    if not actor.sees_person_files or actor.province_code is None:
        raise DomainError(_("You cannot import lists."), code="forbidden")
    if options.release_type == ReleaseType.AMNESTY and not options.amnesty_decision_id:
        raise DomainError(
            _("Choose the amnesty decision for a list of pardoned people."),
            field="amnesty_decision_id",
        )
    content = upload.read(max_upload_bytes() + 1)
    if len(content) > max_upload_bytes():
        raise DomainError(_("The file is too large."), field="file")
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    # Refuses at once what is not a list, or would not fit the limits once read.
    survey(content, Limits.from_config())
    batch = ImportBatch(
        created_by_id=actor.id,
        province_code=actor.province_code,
        filename=display_name(upload.filename, LIST_FILE),
        content=content,
        status=BatchStatus.QUEUED,
        release_type=options.release_type,
        amnesty_decision_id=options.amnesty_decision_id,
        release_date=options.release_date,
        notified_on=options.notified_on,
        counts={},
    )
    db.session.add(batch)
    db.session.flush()
    audit.record(
        "import_uploaded", batch, user=actor, detail={"file": batch.filename, "bytes": len(content)}
    )
    return batch


def save_mapping(batch: ImportBatch, mapping: list[str | None], actor: User) -> None:
    if batch.status != BatchStatus.NEEDS_MAPPING:
        raise DomainError(_("The columns of this list can no longer be changed."))
    mapping = [key or IGNORE for key in mapping]
    problems = mapping_problems(mapping, release_date_default=batch.release_date is not None)
    if problems:
        raise DomainError(" ".join(problems))
    batch.mapping = mapping
    batch.status = BatchStatus.QUEUED
    db.session.flush()
    audit.record("import_columns_matched", batch, user=actor)


def rows_of(batch: ImportBatch, *statuses: RowStatus) -> Select:
    stmt = select(ImportRow).where(ImportRow.batch_id == batch.id)
    if statuses:
        stmt = stmt.where(ImportRow.status.in_(statuses))
    return stmt.order_by(ImportRow.row_number)


def decide(batch: ImportBatch, choices: dict[int, str], actor: User) -> int:
    """Record what a person chose for rows that needed it: a commune among the candidates,
    "someone else" for a similar person, or not to import the row. A row placed in its
    commune is checked again (scope, similar people). Returns how many were decided."""
    if batch.status != BatchStatus.READY:
        raise DomainError(_("This list is no longer waiting for decisions."))
    rows = db.session.scalars(
        rows_of(batch, RowStatus.DECISION).where(ImportRow.id.in_(list(choices)))
    ).all()
    decided = 0
    for row in rows:
        choice = (choices.get(row.id) or "").strip()
        if not choice:
            continue
        if choice == CHOICE_SKIP:
            row.status, row.choice = RowStatus.SKIPPED, CHOICE_SKIP
        elif not row.decision.chooses_commune:
            if choice != CHOICE_NEW_PERSON:
                continue
            row.status, row.choice = RowStatus.NEW, CHOICE_NEW_PERSON
        elif choice.isdigit() and int(choice) in row.candidates:
            _place_in_commune(row, int(choice), actor)
        else:
            continue
        decided += 1
    db.session.flush()
    recount(batch)
    if decided:
        audit.record("import_rows_decided", batch, user=actor, detail={"rows": decided})
    return decided


def _place_in_commune(row: ImportRow, commune_code: int, actor: User) -> None:
    request = from_json(row.data)
    request.intake.commune_code = commune_code
    request.person.residence_commune_code = commune_code
    row.choice = str(commune_code)
    row.data = to_json(request)
    try:
        check_request(request, actor)
    except DomainError as error:
        row.problems = [*row.problems, {"column": "", "message": error.message}]
        row.status, row.decision, row.candidates = RowStatus.INVALID, None, []
        return
    matches = similar_people(request.person)
    if matches:
        row.decision, row.candidates = DecisionKind.SIMILAR, [p.id for p in matches]
    else:
        row.status, row.decision, row.candidates = RowStatus.NEW, None, []


def recount(batch: ImportBatch) -> None:
    """The rows by status again (decisions move them); the other counts stay."""
    counts = {**(batch.counts or {}), **{status.value: 0 for status in RowStatus}}
    stmt = (
        select(ImportRow.status, func.count())
        .where(ImportRow.batch_id == batch.id)
        .group_by(ImportRow.status)
    )
    for status, count in db.session.execute(stmt):
        counts[status.value] = count
    batch.counts = counts


def confirm(batch: ImportBatch, actor: User) -> None:
    """Queue the saving of the rows that are new; rows still needing a decision are left."""
    if batch.status != BatchStatus.READY:
        raise DomainError(_("This list is not waiting for confirmation."))
    if not batch.count(RowStatus.NEW):
        raise DomainError(_("No row is ready to import."))
    batch.status = BatchStatus.COMMIT_QUEUED
    batch.committed_by_id = actor.id
    batch.error = None
    db.session.flush()
    audit.record("import_confirmed", batch, user=actor, detail={"rows": batch.count(RowStatus.NEW)})


def cancel(batch: ImportBatch, actor: User) -> None:
    """Cancel, in the state the page showed: the worker may have moved the batch on
    meanwhile (a saved list is not cancelled), so the change is conditional."""
    was = batch.status
    if was not in CANCELLABLE:
        raise DomainError(_("This import can no longer be cancelled."))
    changed = db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch.id, ImportBatch.status == was)
        .values(status=BatchStatus.CANCELLED, content=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise DomainError(_("This import has just changed: look at it again before cancelling."))
    db.session.execute(delete(ImportRow).where(ImportRow.batch_id == batch.id))
    handed = _cancel_handed_over(batch)
    db.session.flush()
    db.session.refresh(batch)
    detail = {"was": was.value, **({"handed_over_cancelled": handed} if handed else {})}
    audit.record("import_cancelled", batch, user=actor, detail=detail)


def _cancel_handed_over(batch: ImportBatch) -> int:
    """A list cancelled takes back the rows it handed to other provinces, but those saved
    already. Returns how many hand-overs were cancelled."""
    children = select(ImportBatch.id).where(
        ImportBatch.parent_id == batch.id, ImportBatch.status.in_(CANCELLABLE)
    )
    ids = list(db.session.scalars(children))
    if not ids:
        return 0
    db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id.in_(ids), ImportBatch.status.in_(CANCELLABLE))
        .values(status=BatchStatus.CANCELLED, content=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(ImportRow).where(ImportRow.batch_id.in_(ids)))
    return len(ids)


def handed_over(batch: ImportBatch) -> list[tuple[str, int, BatchStatus]]:
    """The provinces a list handed rows to: name, rows, and where their import stands
    (no row is shown: they are the other province's)."""
    return [
        (name, rows, status)
        for name, rows, status in db.session.execute(
            select(Province.name, ImportBatch.total_rows, ImportBatch.status)
            .join(Province, Province.code == ImportBatch.province_code)
            .where(ImportBatch.parent_id == batch.id)
            .order_by(Province.name)
        )
    ]
