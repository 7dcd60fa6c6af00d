"""Editing people, cases and releases safely: a save based on an old version is refused,
showing what the other person changed, and nothing either person saved is lost."""

from dataclasses import asdict
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.casework.services import schedule, transfers
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day
from reintegration.core.models import utcnow
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.people.models import (
    Case,
    CaseNeed,
    CaseStatus,
    Classification,
    ClassificationChange,
    CloseReason,
    Person,
    Release,
    ResidenceCheck,
)
from reintegration.people.services import expungement, plausibility
from reintegration.people.services.data import CaseData, IntakeData, PersonData, ReleaseData
from reintegration.people.services.registration import (
    arrival_deadline,
    check_id_not_registered,
    check_intake_scope,
    check_release,
    refresh_minor,
    validate_identity,
)
from reintegration.people.services.revisions import (
    FieldChange,
    Versioned,
    changes_between,
    hide_offence,
    keep_version,
    record_revision,
    revision_at,
    snapshot,
)


class EditConflict(DomainError):
    """Someone saved a newer version since the form was opened."""

    def __init__(self, message: str, changes: list[FieldChange], changed_by: str | None):
        super().__init__(message, code="conflict")
        self.changes = changes
        self.changed_by = changed_by
        self.current_version: int | None = None  # the API sets it for the 412's body

    def details(self) -> dict:
        details = {
            "changes": [
                {"field": c.field, "label": c.label, "old": c.old, "new": c.new}
                for c in self.changes
            ],
            "changed_by": self.changed_by,
        }
        if self.current_version is not None:
            details["current_version"] = self.current_version
        return details


def check_not_anonymised(person: Person) -> None:
    """An anonymised file is kept for the figures only: a correction would put back (or
    make up) what the law had erased."""
    if person.is_anonymised:
        raise DomainError(
            _(
                "This file was anonymised when its retention period ended: it can no "
                "longer be changed."
            ),
            code="anonymised",
        )


def check_version(obj: Versioned, expected_version: int) -> None:
    if obj.version == expected_version:
        return
    seen = revision_at(obj, expected_version)
    latest = revision_at(obj, obj.version)
    changes = changes_between(seen.data if seen else {}, snapshot(obj))
    who = latest.changed_by.full_name if latest and latest.changed_by else None
    raise EditConflict(
        _(
            "Someone else saved this record after you opened it. Your changes were not "
            "saved: compare them with what changed, then save again."
        ),
        changes,
        who,
    )


def update_person(
    person: Person,
    data: PersonData,
    *,
    expected_version: int,
    actor: User,
    accept_id_mismatch: bool = False,
) -> list[FieldChange]:
    check_not_anonymised(person)
    check_version(person, expected_version)
    if person.id_data_error and (data.id_number, data.birth_year, data.sex) == (
        person.id_number,
        person.birth_year,
        person.sex,
    ):
        data.id_data_error = person.id_data_error  # the flag stays until someone resolves it
    validate_identity(data, accept_mismatch=accept_id_mismatch)
    plausibility.refuse(plausibility.person_problems(data, today_local()))
    check_id_not_registered(data.id_number, actor, except_id=person.id)
    before = snapshot(person)
    for name, value in asdict(data).items():
        setattr(person, name, value)
    changes = _save_changes(person, before, actor, "person_updated")
    if {"birth_date", "birth_year"} & {change.field for change in changes}:
        for case in person.cases:
            refresh_minor(case)
        db.session.flush()
    return changes


def correct_release(
    release: Release,
    data: ReleaseData,
    *,
    expected_version: int,
    actor: User,
    with_offence: bool,
) -> list[FieldChange]:
    """Correct a release as it was registered (a mistyped date, decision or certificate
    number). The offence details change only when ``with_offence`` (they were in the
    form the user saw); otherwise they stay as they are, whatever ``data`` holds, and a
    refusal for a newer version does not say what they became. The first correction
    also keeps the release as it stood before it, as a saved version."""
    check_not_anonymised(release.person)
    if with_offence and not Case.can_reveal_offence(actor):
        raise DomainError(_("Your role does not allow changing the offence details."))
    try:
        check_version(release, expected_version)
    except EditConflict as conflict:
        if not with_offence:
            conflict.changes = hide_offence(conflict.changes)
        raise
    if not with_offence:
        for name in Release.SENSITIVE_FIELDS:
            setattr(data, name, getattr(release, name))
    check_release(data)
    plausibility.refuse(
        plausibility.release_problems(data, release.person.birth_year, today_local())
    )
    before, before_version = snapshot(release), release.version
    last_changed = release.updated_at or release.created_at
    for name, value in asdict(data).items():
        setattr(release, name, value)
    changes = _save_changes(
        release, before, actor, "release_corrected", person_id=release.person_id
    )
    if changes:
        # After the flush: of two first corrections at once, the second fails on the
        # version, not on this revision's unique index.
        keep_version(release, before, before_version, last_changed)
        for case in db.session.scalars(select(Case).where(Case.release_id == release.id)):
            expungement.refresh(case, actor=actor)
            refresh_minor(case)
    return changes


def update_case(
    case: Case, data: CaseData, *, expected_version: int, actor: User
) -> list[FieldChange]:
    check_not_anonymised(case.person)
    check_version(case, expected_version)
    caseworker = check_intake_scope(
        IntakeData(commune_code=case.commune_code, caseworker_id=data.caseworker_id), actor
    )
    release_date = case.release.release_date if case.release else None
    plausibility.refuse(
        plausibility.case_date_problems(
            data.notified_on, data.received_on, release_date, today_local()
        )
    )
    before = snapshot(case)
    case.caseworker = caseworker
    case.extremely_difficult = data.extremely_difficult
    case.intake_notes = data.intake_notes
    if data.notified_on != case.notified_on:
        # A notice moved or added later: its deadline is counted from the new day.
        case.arrival_deadline = arrival_deadline(data.notified_on) if data.notified_on else None
    case.notified_on = data.notified_on
    case.received_on = data.received_on
    if case.need_values != data.needs:
        case.needs = [CaseNeed(need=n) for n in sorted(data.needs)]
    return _save_changes(case, before, actor, "case_updated")


def resolve_id_data_error(person: Person, *, actor: User) -> None:
    """A person checked the ID number against the papers and the record: the flag goes
    (what it said is kept in the audit log)."""
    check_not_anonymised(person)
    if not person.id_data_error:
        raise DomainError(_("There is no data error to resolve."))
    audit.record("id_data_error_resolved", person, user=actor,
                 detail={"reason": person.id_data_error})  # fmt: skip
    person.id_data_error = None
    db.session.flush()


def record_residence_check(
    case: Case,
    checked_on: date | None,
    result: ResidenceCheck | None,
    hcd03_sent_on: date | None,
    *,
    expected_version: int,
    actor: User,
) -> list[FieldChange]:
    """The commune police verified the residence with the family (Circular 10/2024 Art. 8,
    within 3 working days of the notice): kept apart from the day the person reported.
    A wrong address goes back to the prison on form HCD-03, whose day is kept too."""
    check_not_anonymised(case.person)
    check_version(case, expected_version)
    today = today_local()
    if checked_on is None:
        raise DomainError(_("Give the day the residence was checked."), field="checked_on")
    if checked_on > today:
        raise DomainError(_("The day of the check cannot be in the future."), field="checked_on")
    if case.notified_on is not None and checked_on < case.notified_on:
        raise DomainError(
            _(
                "The check cannot be before the notice of %(day)s.",
                day=format_day(case.notified_on),
            ),
            field="checked_on",
        )
    if result is None:
        raise DomainError(_("Say what the check found."), field="result")
    if result != ResidenceCheck.WRONG_ADDRESS:
        hcd03_sent_on = None
    elif hcd03_sent_on is not None and not checked_on <= hcd03_sent_on <= today:
        raise DomainError(
            _("Form HCD-03 is sent on or after the check, and not in the future."),
            field="hcd03_sent_on",
        )
    before = snapshot(case)
    case.residence_checked_on, case.residence_check = checked_on, result
    case.hcd03_sent_on = hcd03_sent_on
    return _save_changes(case, before, actor, "residence_checked")


def _save_changes(
    obj: Versioned, before: dict, actor: User, action: str, **detail
) -> list[FieldChange]:
    """What changed on ``obj`` since the snapshot ``before``; if anything did, the new
    version is written, kept as a revision, and audited with the fields' names."""
    changes = changes_between(before, snapshot(obj))
    if not changes:
        return []
    obj.updated_at = utcnow()  # the row and its version change even when only a case's needs did
    db.session.flush()
    record_revision(obj, actor)
    audit.record(action, obj, user=actor, detail={"fields": [c.field for c in changes], **detail})
    return changes


def change_classification(
    case: Case,
    new: Classification,
    reason: str,
    *,
    expected_version: int,
    actor: User,
    held_at: str | None = None,
) -> ClassificationChange:
    """A new class, with why; the schedule follows it (class D suspends home visits, and
    says where the person is held; another class brings them back)."""
    check_version(case, expected_version)
    if not reason.strip():
        raise DomainError(_("Say why the classification changes."), field="reason")
    if case.classification == new:
        raise DomainError(_("The case already has this classification."), field="classification")
    if not case.is_open:
        raise DomainError(_("A closed case cannot be reclassified."))
    held_at = nfc(held_at or "") or None
    if new == Classification.D and held_at is None:
        raise DomainError(
            _("Say where the person is held (detention or rehabilitation facility)."),
            field="held_at",
        )
    before = snapshot(case)
    change = ClassificationChange(
        case_id=case.id, old=case.classification, new=new, reason=reason.strip(), changed_by=actor
    )
    db.session.add(change)
    case.classification = new
    case.held_at = held_at if new == Classification.D else None
    _save_changes(case, before, actor, "classification_changed", old=before["classification"])
    schedule.reschedule(case, actor=actor)
    return change


def receive(case: Case, received_on: date, *, expected_version: int, actor: User) -> None:
    """The person reported to the commune People's Committee (Circular 10/2024 Art. 9)."""
    release_date = case.release.release_date if case.release else None
    plausibility.refuse(
        plausibility.case_date_problems(case.notified_on, received_on, release_date, today_local())
    )
    _transition(
        case, {CaseStatus.NOTIFIED}, CaseStatus.RECEIVED, expected_version, actor,
        received_on=received_on,
    )  # fmt: skip
    schedule.start_schedule(case, actor=actor)


def activate(case: Case, *, expected_version: int, actor: User) -> None:
    """Follow-up starts: the plan is agreed with the person."""
    _transition(case, {CaseStatus.RECEIVED}, CaseStatus.ACTIVE, expected_version, actor)
    schedule.start_schedule(case, actor=actor)


def close(
    case: Case, reason: CloseReason | None, closed_on: date, *, expected_version: int, actor: User
) -> None:
    if reason is None:
        raise DomainError(_("Choose why the case is closed."), field="close_reason")
    _transition(
        case, OPEN_STATUSES, CaseStatus.CLOSED, expected_version, actor,
        close_reason=reason, closed_on=closed_on,
    )  # fmt: skip
    schedule.cancel_open(case, closed_on, actor=actor)
    transfers.cancel_for_closed_case(case, actor)


OPEN_STATUSES = {CaseStatus.NOTIFIED, CaseStatus.RECEIVED, CaseStatus.ACTIVE}


def _transition(
    case: Case,
    allowed_from: set[CaseStatus],
    new: CaseStatus,
    expected_version: int,
    actor: User,
    **values,
) -> None:
    """One status change: refused with a clear message from a state that does not allow it."""
    check_version(case, expected_version)
    if case.status not in allowed_from:
        raise DomainError(
            _(
                "This case is %(status)s: it cannot become %(new)s.",
                status=case.status.label.lower(),
                new=new.label.lower(),
            ),
            code="wrong_state",
        )
    before = snapshot(case)
    case.status = new
    for name, value in values.items():
        setattr(case, name, value)
    _save_changes(case, before, actor, f"case_{new.value}")
