"""The people domain's personal data (see core/personal_data.py): the person, the records
merged into them, releases, cases, the classification history and the saved versions."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from reintegration.core.personal_data import Field, PersonalData, Reach, declare
from reintegration.extensions import db
from reintegration.people.models import Case, ClassificationChange, Person, Release, Revision
from reintegration.people.services.revisions import CASE_FIELDS, PERSON_FIELDS, RELEASE_FIELDS

# What anonymisation clears of a person (the name is replaced; the year of birth, sex,
# nationality and commune stay: the reports count them).
PERSON_CLEARED = (
    "other_names",
    "birth_date",
    "id_number",
    "old_id_number",
    "ethnicity",
    "phone",
    "residence_address",
    "residence_as_written",
    "current_address",
    "family_contact",
    "passport_number",
    "id_data_error",
)
# The offence as the papers wrote it goes; its group stays (the reports count it).
RELEASE_CLEARED = ("certificate_number", "detention_facility", "offence")
# Derived from the name for search and sorting: rebuilt when the name changes.
DERIVED = {
    "search_text": "derived from the name",
    "sort_key": "derived from the name",
    "match_key": "derived from the name",
}

RECORD_KINDS = {
    "Person": _l("The person"),
    "Case": _l("Case"),
    "Release": _l("Release"),
    "LoanApplication": _l("Loan application"),
}


def record_kind(code: str) -> Any:
    return RECORD_KINDS.get(code, code)


def _person_fields() -> tuple[Field, ...]:
    shown = [Field(name, label) for name, label in PERSON_FIELDS.items()]
    shown[list(PERSON_FIELDS).index("residence_commune_code")] = Field(
        "residence_commune.full_name", PERSON_FIELDS["residence_commune_code"]
    )
    return (Field("id", _l("Record number")), *shown, Field("created_at", _l("Recorded on")))


def _the_person(reach: Reach) -> list[Person]:
    return [db.session.get(Person, reach.people_ids[0])]


def _merged(reach: Reach) -> list[Person]:
    return list(
        db.session.scalars(
            select(Person).where(Person.merged_into_id == reach.people_ids[0]).order_by(Person.id)
        )
    )


def _anonymise_people(reach: Reach, name_for, files: list) -> int:
    """Each record (the person's and those merged into it) gets its own anonymous name."""
    people = db.session.scalars(select(Person).where(Person.id.in_(reach.people_ids))).all()
    for record in people:
        record.full_name = name_for(record.id)
        for column in PERSON_CLEARED:
            setattr(record, column, None)
    return len(people)


def _revisions_of(reach: Reach):
    return select(Revision).where(
        or_(
            (Revision.object_type == "Person") & Revision.object_id.in_(reach.people_ids),
            (Revision.object_type == "Case") & Revision.object_id.in_(reach.of("Case")),
            (Revision.object_type == "Release") & Revision.object_id.in_(reach.of("Release")),
        )
    )


def _saved_versions(reach: Reach) -> list[Revision]:
    return list(db.session.scalars(_revisions_of(reach).order_by(Revision.changed_at, Revision.id)))


def _anonymise_revisions(reach: Reach, name_for, files: list) -> int:
    """The saved versions lose what the records lost, the name replaced by the person's."""
    name = name_for(reach.people_ids[0])
    rows = db.session.scalars(_revisions_of(reach)).all()
    for revision in rows:
        data = revision.data
        if revision.object_type == "Person":
            cleared = {key: None for key in PERSON_CLEARED if key in data}
            revision.data = {**data, **cleared, "full_name": name}
        elif revision.object_type == "Release":
            revision.data = {**data, **{key: None for key in RELEASE_CLEARED if key in data}}
        elif "intake_notes" in data:
            revision.data = {**data, "intake_notes": None, "held_at": None}
    return len(rows)


PERSON_KEPT = {
    **DERIVED,
    "full_name": "replaced by an anonymous name with the record's number",
    "nationality": "counted by the reports",
}

declare(
    PersonalData(
        "person",
        _l("The person"),
        Person,
        _person_fields(),
        order=10,
        rows=_the_person,
        anonymise=_anonymise_people,
        erase_key="people",
        erase=dict.fromkeys(PERSON_CLEARED),
        kept=PERSON_KEPT,
    ),
    PersonalData(
        "merged_records",
        _l("Records merged into this one"),
        Person,
        _person_fields(),
        order=20,
        rows=_merged,  # anonymised with the person (above)
        kept=PERSON_KEPT,
    ),
    PersonalData(
        "releases",
        _l("Releases"),
        Release,
        tuple(
            Field("amnesty_decision.label" if name == "amnesty_decision_id" else name, label)
            for name, label in RELEASE_FIELDS.items()
        ),
        order=30,
        link="person_id",
        parent="Person",
        order_by=("release_date",),
        erase=dict.fromkeys(RELEASE_CLEARED),
    ),
    PersonalData(
        "cases",
        _l("Cases"),
        Case,
        (
            Field("id", _l("Case number")),
            Field("commune.full_name", CASE_FIELDS["commune_code"]),
            Field("status", CASE_FIELDS["status"]),
            Field("close_reason", CASE_FIELDS["close_reason"]),
            Field("closed_on", _l("Closed on")),
            Field("notified_on", CASE_FIELDS["notified_on"]),
            Field("arrival_deadline", _l("Arrival deadline")),
            Field("received_on", CASE_FIELDS["received_on"]),
            Field("residence_checked_on", CASE_FIELDS["residence_checked_on"]),
            Field("residence_check", CASE_FIELDS["residence_check"]),
            Field("hcd03_sent_on", CASE_FIELDS["hcd03_sent_on"]),
            Field("classification", CASE_FIELDS["classification"]),
            Field("held_at", CASE_FIELDS["held_at"]),
            Field("extremely_difficult", CASE_FIELDS["extremely_difficult"]),
            Field("need_values", CASE_FIELDS["needs"]),
            Field("intake_notes", CASE_FIELDS["intake_notes"]),
            Field("caseworker.full_name", CASE_FIELDS["caseworker_id"]),
        ),
        order=40,
        link="person_id",
        parent="Person",
        erase={"intake_notes": None, "held_at": None},
        kept=DERIVED,
        covers=("case_needs",),  # the needs, shown as need_values
    ),
    PersonalData(
        "classification_changes",
        _l("Classification history"),
        ClassificationChange,
        (
            Field("case_id", _l("Case number")),
            Field("changed_at", _l("When")),
            Field("old", _l("Classification before")),
            Field("new", _l("Classification after")),
            Field("reason", _l("Reason")),
            Field("changed_by.full_name", _l("Changed by")),
        ),
        order=50,
        link="case_id",
        parent="Case",
        order_by=("changed_at",),
        erase={"reason": ""},
    ),
    PersonalData(
        "saved_versions",
        _l("Saved versions of the person, the cases and the releases"),
        Revision,
        (
            Field("object_type", _l("Record"), shown_as=record_kind),
            Field("object_id", _l("Record no.")),
            Field("version", _l("Version")),
            Field("changed_at", _l("When")),
            Field("changed_by.full_name", _l("Changed by")),
        ),
        order=240,
        rows=_saved_versions,
        anonymise=_anonymise_revisions,
        erase_key="revisions",
        kept={
            "data": "the saved values, cleared as the records are",
            "object_type": "the kind of record",
        },
    ),
)
