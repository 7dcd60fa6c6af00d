"""Merging two files that turn out to be one person. The absorbed record stays, read-only,
with its history; its cases and releases move to the record that is kept."""

from flask_babel import gettext as _
from sqlalchemy import exists, select

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from reintegration.people.services.revisions import (
    PERSON_FIELDS,
    keep_version,
    record_revision,
    snapshot,
)

KEEP = "keep"
ABSORB = "absorb"


def person_visible(person: Person, user: User) -> bool:
    """A person is visible through any case in scope, theirs or (for a merged-away record)
    the kept record's."""
    owners = [person.id] + ([person.merged_into_id] if person.merged_into_id else [])
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Case.person_id.in_(owners), commune_scope_clause(user, Case.commune_code)
                )
            )
        )
    )


def differing_fields(keep: Person, absorb: Person) -> list[str]:
    return [f for f in PERSON_FIELDS if getattr(keep, f) != getattr(absorb, f)]


def merge_people(keep: Person, absorb: Person, choices: dict[str, str], *, actor: User) -> None:
    """``choices`` maps each differing field to KEEP or ABSORB (missing: KEEP)."""
    if actor.role != Role.PROVINCE_OFFICER:
        raise DomainError(_("Only a province officer can merge files."), code="forbidden")
    if keep.id == absorb.id:
        raise DomainError(_("Choose two different files."), field="other")
    if keep.merged_into_id or absorb.merged_into_id:
        raise DomainError(_("One of these files was merged already."), field="other")
    if not (person_visible(keep, actor) and person_visible(absorb, actor)):
        raise DomainError(_("Both files must be in your province."), field="other")
    if keep.is_anonymised or absorb.is_anonymised:
        # Either way a live file would carry an anonymised one's cases, editable again.
        raise DomainError(
            _("An anonymised file cannot be merged: it is kept for the figures only."),
            field="other",
        )
    open_communes = {c.commune_code for c in keep.cases if c.is_open}
    if any(c.is_open and c.commune_code in open_communes for c in absorb.cases):
        raise DomainError(
            _("Both files have an open case in the same commune: close one of them first."),
            field="other",
        )

    chosen = {
        f: getattr(absorb, f) for f in differing_fields(keep, absorb) if choices.get(f) == ABSORB
    }
    absorbed_id_number = absorb.id_number
    absorb.id_number = None  # the number is unique; it stays in the absorbed record's history
    absorb.merged_into_id = keep.id
    db.session.flush()
    for name, value in chosen.items():
        setattr(keep, name, value if name != "id_number" else absorbed_id_number)
    moved = [*absorb.cases, *absorb.releases]
    before = [
        (record, snapshot(record), record.version, record.updated_at or record.created_at)
        for record in moved
    ]
    for record in moved:
        record.person = keep
    db.session.flush()
    if chosen:  # else the kept record did not change: no new version to keep
        record_revision(keep, actor)
    record_revision(absorb, actor)
    for record, data, version, last_changed in before:
        # Each move is a version of its own: an edit opened before the merge is refused
        # with what changed (nothing a form shows), not with every field as new.
        keep_version(record, data, version, last_changed)
        record_revision(record, actor)
    audit.record(
        "people_merged",
        keep,
        user=actor,
        detail={"kept": keep.id, "absorbed": absorb.id, "taken_from_absorbed": sorted(chosen)},
    )


def merged_records(person: Person) -> list[Person]:
    return list(db.session.scalars(select(Person).where(Person.merged_into_id == person.id)))
