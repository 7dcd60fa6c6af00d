"""Snapshots of people, cases and releases at each version, and what changed between two
of them. A release's offence details are kept in its snapshots like the rest, and shown
only to whoever may see them on the release itself (``hide_offence``)."""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum
from reintegration.core.i18n import format_day
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import (
    AmnestyDecision,
    Case,
    CaseStatus,
    Classification,
    CloseReason,
    Need,
    OffenceGroup,
    Person,
    Release,
    ReleaseType,
    ResidenceCheck,
    Revision,
    SentenceKind,
    Sex,
)

PERSON_FIELDS = {
    "full_name": _l("Full name"),
    "other_names": _l("Other names"),
    "birth_date": _l("Date of birth"),
    "birth_year": _l("Year of birth"),
    "sex": _l("Sex"),
    "id_number": _l("Citizen ID number"),
    "old_id_number": _l("Old ID card number (9 digits)"),
    "nationality": _l("Nationality"),
    "passport_number": _l("Passport number"),
    "id_data_error": _l("ID number data error"),
    "ethnicity": _l("Ethnicity"),
    "phone": _l("Phone"),
    "residence_commune_code": _l("Permanent residence (commune)"),
    "residence_address": _l("Permanent residence (house, street, village)"),
    "residence_as_written": _l("Address as written on the release papers"),
    "current_address": _l("Current address"),
    "family_contact": _l("Family contact"),
}

CASE_FIELDS = {
    "status": _l("Status"),
    "close_reason": _l("Reason for closing"),
    "caseworker_id": _l("Caseworker"),
    "classification": _l("Classification"),
    "extremely_difficult": _l("Extremely difficult circumstances"),
    "needs": _l("Needs"),
    "intake_notes": _l("Notes at intake"),
    "notified_on": _l("Notice of arrival received on"),
    "received_on": _l("Received at the commune on"),
    "commune_code": _l("Commune"),
    "residence_checked_on": _l("Residence checked by the police on"),
    "residence_check": _l("Result of the residence check"),
    "hcd03_sent_on": _l("Form HCD-03 sent on"),
    "held_at": _l("Held at (class D)"),
}

RELEASE_FIELDS = {
    "release_type": _l("Release type"),
    "amnesty_decision_id": _l("Amnesty decision"),
    "release_date": _l("Release date"),
    "certificate_number": _l("Certificate number"),
    "detention_facility": _l("Detention facility"),
    "offence_group": _l("Offence group"),
    "offence_against_children": _l("The offence was against a child"),
    "offence": _l("Offence (as on the release paper)"),
    "sentence_months": _l("Sentence (months)"),
    "served_months": _l("Time served (months)"),
    "sentence_kind": _l("Main penalty"),
    "sentence_ended_on": _l("Main sentence served on"),
    "additional_penalty_until": _l("Additional penalty ends on"),
}

Versioned = Person | Case | Release


def plain_value(value: Any) -> Any:
    """A field's value as JSON keeps it: enums by value, days as ISO text, sets sorted."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(plain_value(v) for v in value)
    return value


def snapshot(obj: Versioned) -> dict[str, Any]:
    if isinstance(obj, Person):
        return {name: plain_value(getattr(obj, name)) for name in PERSON_FIELDS}
    if isinstance(obj, Release):
        return {name: plain_value(getattr(obj, name)) for name in RELEASE_FIELDS}
    values = {name: getattr(obj, name) for name in CASE_FIELDS if name != "needs"}
    values["needs"] = obj.need_values
    return {name: plain_value(value) for name, value in values.items()}


def record_revision(obj: Versioned, actor: User | None) -> Revision:
    """Call after the change has been flushed, so ``obj.version`` is the new version."""
    revision = Revision(
        object_type=type(obj).__name__,
        object_id=obj.id,
        version=obj.version,
        data=snapshot(obj),
        changed_by_id=actor.id if actor else None,
    )
    db.session.add(revision)
    return revision


def keep_version(obj: Versioned, data: dict[str, Any], version: int, at: datetime) -> None:
    """Keep ``data`` as ``obj``'s ``version`` unless a revision holds it already: what a
    record was before its first saved change when nothing kept its creation (a release
    registered before releases could be corrected, or one a merge moved)."""
    if revision_at(obj, version) is None:
        db.session.add(
            Revision(
                object_type=type(obj).__name__,
                object_id=obj.id,
                version=version,
                data=data,
                changed_at=at,
            )
        )


def revisions_of(obj: Versioned) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.object_type == type(obj).__name__, Revision.object_id == obj.id)
            .order_by(Revision.version.desc())
        )
    )


def history(obj: Versioned) -> list[tuple[Revision, list["FieldChange"]]]:
    """Each saved version, newest first, with what it changed from the one before."""
    revisions = revisions_of(obj)
    older_ones = [*revisions[1:], None]
    return [
        (newer, changes_between(older.data if older else {}, newer.data))
        for newer, older in zip(revisions, older_ones[: len(revisions)], strict=True)
    ]


def revision_at(obj: Versioned, version: int) -> Revision | None:
    return db.session.scalar(
        select(Revision).where(
            Revision.object_type == type(obj).__name__,
            Revision.object_id == obj.id,
            Revision.version == version,
        )
    )


# How a saved value reads on a page: snapshots keep codes, ids and ISO days (the API
# hands them out as they are); a reader is shown labels, names and dd/mm/yyyy.
CODED_FIELDS: dict[str, type[LabelledEnum]] = {
    "sex": Sex,
    "status": CaseStatus,
    "close_reason": CloseReason,
    "classification": Classification,
    "needs": Need,
    "release_type": ReleaseType,
    "offence_group": OffenceGroup,
    "sentence_kind": SentenceKind,
    "residence_check": ResidenceCheck,
}
DAY_FIELDS = {
    "birth_date", "notified_on", "received_on", "release_date", "sentence_ended_on",
    "additional_penalty_until", "residence_checked_on", "hcd03_sent_on",
}  # fmt: skip
RECORD_FIELDS: dict[str, tuple[type, Callable[[Any], str]]] = {
    "caseworker_id": (User, lambda user: user.full_name),
    "residence_commune_code": (Commune, lambda commune: commune.name),
    "commune_code": (Commune, lambda commune: commune.name),
    "amnesty_decision_id": (AmnestyDecision, lambda decision: decision.label),
}


def shown_value(field: str, value: Any) -> str:
    """``value`` of ``field`` as a snapshot keeps it, written for a reader. A value that is
    not of the field's kind (the "(hidden)" of an offence detail) is shown as it is."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(shown_value(field, item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field in CODED_FIELDS and value in CODED_FIELDS[field]._value2member_map_:
        return CODED_FIELDS[field](value).label
    if field in DAY_FIELDS and isinstance(value, str):
        try:
            return format_day(value)
        except ValueError:
            return value
    if field in RECORD_FIELDS and isinstance(value, int):
        model, text = RECORD_FIELDS[field]
        record = db.session.get(model, value)
        return text(record) if record else str(value)
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any

    @property
    def shown_old(self) -> str:
        return shown_value(self.field, self.old)

    @property
    def shown_new(self) -> str:
        return shown_value(self.field, self.new)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    labels = {**PERSON_FIELDS, **CASE_FIELDS, **RELEASE_FIELDS}
    return [
        FieldChange(name, str(labels.get(name, name)), before.get(name), after.get(name))
        for name in after
        if before.get(name) != after.get(name)
    ]


def release_history(release: Release, revealed: bool) -> list[tuple[Revision, list[FieldChange]]]:
    """The release's ``history``, its offence details' values only when ``revealed``."""
    rows = history(release)
    return rows if revealed else [(revision, hide_offence(changes)) for revision, changes in rows]


def hide_offence(changes: list[FieldChange]) -> list[FieldChange]:
    """``changes`` with the values of a release's offence details left out (that they
    changed still shows), for a reader who has not been shown them."""
    hidden = str(_l("(hidden)"))
    return [
        FieldChange(c.field, c.label, hidden, hidden) if c.field in Release.SENSITIVE_FIELDS else c
        for c in changes
    ]
