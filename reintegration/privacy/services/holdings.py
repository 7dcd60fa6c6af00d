"""What the system holds about one person: every row that names them or belongs to their
file, section by section, with the fields a reader of the access report needs. The PDF
and the JSON of the data-access report (``access_report``) are both drawn from it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from reintegration.accounts.models import Role
from reintegration.casework.models import (
    Assessment,
    Contact,
    ContactCorrection,
    FollowUp,
    Goal,
    GoalProgress,
    NeedScore,
    Transfer,
)
from reintegration.core.audit import AuditEvent
from reintegration.employment.models import Referral, WorkProfile
from reintegration.extensions import db
from reintegration.imports.models import ImportRow
from reintegration.loans.models import (
    LoanApplication,
    LoanDocument,
    LoanInstalment,
    LoanPayment,
    LoanTransition,
)
from reintegration.people.models import Case, ClassificationChange, Person, Release, Revision
from reintegration.people.services.revisions import CASE_FIELDS, PERSON_FIELDS, RELEASE_FIELDS
from reintegration.privacy.models import Anonymisation
from reintegration.privacy.services.notices import naming_notifications
from reintegration.training.models import Placement

RECORD_KINDS = {
    "Person": _l("The person"),
    "Case": _l("Case"),
    "Release": _l("Release"),
    "LoanApplication": _l("Loan application"),
}


def record_kind(code: str) -> Any:
    return RECORD_KINDS.get(code, code)


def role_label(code: str | None) -> Any:
    return Role(code).label if code in Role._value2member_map_ else code


@dataclass(frozen=True)
class Field:
    """A field the PDF shows: an attribute path ("author.full_name") and its label."""

    path: str
    label: Any
    money: bool = False
    # For stored codes: code → what the reader sees.
    shown_as: Callable[[Any], Any] | None = None


@dataclass
class Section:
    key: str
    title: Any
    rows: list[Any]
    fields: tuple[Field, ...]


@dataclass
class Holdings:
    """The rows held about one person, gathered once for both formats."""

    person: Person
    merged: list[Person]
    people_ids: list[int]
    case_ids: list[int]
    application_ids: list[int]
    sections: list[Section]


def _all(stmt) -> list[Any]:
    return list(db.session.scalars(stmt))


def _audit_trail(
    people_ids: list[int], case_ids: list[int], release_ids: list[int], application_ids: list[int]
):
    def about(object_type: str, ids: list[int]):
        return (AuditEvent.object_type == object_type) & AuditEvent.object_id.in_(
            [str(i) for i in ids]
        )

    return _all(
        select(AuditEvent)
        .where(
            or_(
                about("Person", people_ids),
                about("Case", case_ids),
                about("Release", release_ids),
                about("LoanApplication", application_ids),
            )
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )


def _person_fields() -> tuple[Field, ...]:
    shown = [Field(name, label) for name, label in PERSON_FIELDS.items()]
    shown[list(PERSON_FIELDS).index("residence_commune_code")] = Field(
        "residence_commune.full_name", PERSON_FIELDS["residence_commune_code"]
    )
    return (Field("id", _l("Record number")), *shown, Field("created_at", _l("Recorded on")))


def gather(person: Person) -> Holdings:
    merged = _all(select(Person).where(Person.merged_into_id == person.id).order_by(Person.id))
    people_ids = [person.id, *(p.id for p in merged)]
    cases = _all(select(Case).where(Case.person_id.in_(people_ids)).order_by(Case.id))
    case_ids = [c.id for c in cases]
    releases = _all(
        select(Release).where(Release.person_id.in_(people_ids)).order_by(Release.release_date)
    )
    release_ids = [r.id for r in releases]
    applications = _all(
        select(LoanApplication)
        .where(LoanApplication.case_id.in_(case_ids))
        .order_by(LoanApplication.id)
    )
    application_ids = [a.id for a in applications]
    assessments = _all(
        select(Assessment)
        .where(Assessment.case_id.in_(case_ids))
        .order_by(Assessment.assessed_on, Assessment.id)
    )
    goals = _all(select(Goal).where(Goal.case_id.in_(case_ids)).order_by(Goal.id))
    contacts = _all(
        select(Contact)
        .where(Contact.case_id.in_(case_ids))
        .order_by(Contact.contact_on, Contact.id)
    )

    def of_cases(model, *order) -> list[Any]:
        return _all(select(model).where(model.case_id.in_(case_ids)).order_by(*order))

    def of_loans(model, *order) -> list[Any]:
        return _all(select(model).where(model.application_id.in_(application_ids)).order_by(*order))

    def by(model, column, ids, *order) -> list[Any]:
        return _all(select(model).where(column.in_(ids)).order_by(*order))

    who = _l("Recorded by")
    sections = [
        Section("person", _l("The person"), [person], _person_fields()),
        Section("merged_records", _l("Records merged into this one"), merged, _person_fields()),
        Section(
            "releases",
            _l("Releases"),
            releases,
            tuple(
                Field("amnesty_decision.label" if name == "amnesty_decision_id" else name, label)
                for name, label in RELEASE_FIELDS.items()
            ),
        ),
        Section(
            "cases",
            _l("Cases"),
            cases,
            (
                Field("id", _l("Case number")),
                Field("commune.full_name", CASE_FIELDS["commune_code"]),
                Field("status", CASE_FIELDS["status"]),
                Field("close_reason", CASE_FIELDS["close_reason"]),
                Field("closed_on", _l("Closed on")),
                Field("notified_on", CASE_FIELDS["notified_on"]),
                Field("arrival_deadline", _l("Arrival deadline")),
                Field("received_on", CASE_FIELDS["received_on"]),
                Field("classification", CASE_FIELDS["classification"]),
                Field("extremely_difficult", CASE_FIELDS["extremely_difficult"]),
                Field("need_values", CASE_FIELDS["needs"]),
                Field("intake_notes", CASE_FIELDS["intake_notes"]),
                Field("caseworker.full_name", CASE_FIELDS["caseworker_id"]),
            ),
        ),
        Section(
            "classification_changes",
            _l("Classification history"),
            of_cases(ClassificationChange, ClassificationChange.changed_at),
            (
                Field("case_id", _l("Case number")),
                Field("changed_at", _l("When")),
                Field("old", _l("Classification before")),
                Field("new", _l("Classification after")),
                Field("reason", _l("Reason")),
                Field("changed_by.full_name", _l("Changed by")),
            ),
        ),
        Section(
            "contacts",
            _l("Contacts"),
            contacts,
            (
                Field("case_id", _l("Case number")),
                Field("contact_on", _l("Date")),
                Field("kind", _l("Kind")),
                Field("participants", _l("Who took part")),
                Field("what_happened", _l("What happened")),
                Field("next_steps", _l("Next steps")),
                Field("author.full_name", who),
            ),
        ),
        Section(
            "contact_corrections",
            _l("Corrections to contacts"),
            by(
                ContactCorrection,
                ContactCorrection.contact_id,
                [c.id for c in contacts],
                ContactCorrection.created_at,
            ),
            (
                Field("contact_id", _l("Contact number")),
                Field("created_at", _l("When")),
                Field("note", _l("Correction")),
                Field("author.full_name", who),
            ),
        ),
        Section(
            "assessments",
            _l("Needs assessments"),
            assessments,
            (
                Field("id", _l("Assessment number")),
                Field("case_id", _l("Case number")),
                Field("kind", _l("Kind")),
                Field("assessed_on", _l("Date")),
                Field("note", _l("Note")),
                Field("assessor.full_name", who),
            ),
        ),
        Section(
            "need_scores",
            _l("Need scores"),
            by(
                NeedScore,
                NeedScore.assessment_id,
                [a.id for a in assessments],
                NeedScore.assessment_id,
                NeedScore.need,
            ),
            (
                Field("assessment_id", _l("Assessment number")),
                Field("need", _l("Need")),
                Field("score", _l("Score")),
            ),
        ),
        Section(
            "goals",
            _l("Case plan goals"),
            goals,
            (
                Field("id", _l("Goal number")),
                Field("case_id", _l("Case number")),
                Field("title", _l("Goal")),
                Field("need", _l("Need")),
                Field("owner_label", _l("Who carries it")),
                Field("target_on", _l("Target date")),
                Field("status", _l("Status")),
                Field("closed_on", _l("Closed on")),
            ),
        ),
        Section(
            "goal_progress",
            _l("Progress on goals"),
            by(GoalProgress, GoalProgress.goal_id, [g.id for g in goals], GoalProgress.created_at),
            (
                Field("goal_id", _l("Goal number")),
                Field("created_at", _l("When")),
                Field("note", _l("Note")),
                Field("status", _l("Status")),
                Field("author.full_name", who),
            ),
        ),
        Section(
            "follow_ups",
            _l("Follow-ups"),
            of_cases(FollowUp, FollowUp.due_on, FollowUp.id),
            (
                Field("case_id", _l("Case number")),
                Field("due_on", _l("Due on")),
                Field("kind", _l("Kind")),
                Field("status", _l("Status")),
                Field("done_on", _l("Done on")),
                Field("outcome", _l("Outcome")),
                Field("note", _l("Note")),
                Field("done_by.full_name", who),
            ),
        ),
        Section(
            "transfers",
            _l("Transfers"),
            of_cases(Transfer, Transfer.requested_at),
            (
                Field("case_id", _l("Case number")),
                Field("from_commune.full_name", _l("From commune")),
                Field("to_commune.full_name", _l("To commune")),
                Field("reason", _l("Reason")),
                Field("status", _l("Status")),
                Field("requested_at", _l("Asked on")),
                Field("requested_by.full_name", _l("Asked by")),
                Field("decided_at", _l("Decided on")),
                Field("decided_by.full_name", _l("Decided by")),
                Field("decision_note", _l("Note")),
            ),
        ),
        Section(
            "loan_applications",
            _l("Loan applications"),
            applications,
            (
                Field("id", _l("Application number")),
                Field("case_id", _l("Case number")),
                Field("status", _l("Status")),
                Field("purpose", _l("Purpose")),
                Field("amount_requested", _l("Amount requested"), money=True),
                Field("term_months", _l("Term (months)")),
                Field("use_of_funds", _l("Use of the money")),
                Field("organisation", _l("Mass organisation")),
                Field("savings_group_name", _l("Savings-and-loan group")),
                Field("household_head_name", _l("Head of the household")),
                Field("household_relationship", _l("Relationship to the head of the household")),
                Field(
                    "in_own_name",
                    _l("Borrows in their own name: the household has no other capable adult"),
                ),
                Field("submitted_on", _l("Submitted on")),
                Field("certified_on", _l("Certified on")),
                Field("bank_decided_on", _l("Bank decision on")),
                Field("approved_amount", _l("Amount approved"), money=True),
                Field("disbursed_on", _l("Disbursed on")),
            ),
        ),
        Section(
            "loan_transitions",
            _l("Loan application history"),
            of_loans(LoanTransition, LoanTransition.id),
            (
                Field("application_id", _l("Application number")),
                Field("at", _l("When")),
                Field("to_status", _l("Step")),
                Field("comment", _l("Comments")),
                Field("actor.full_name", who),
            ),
        ),
        Section(
            "loan_documents",
            _l("Supporting documents"),
            of_loans(LoanDocument, LoanDocument.id),
            (
                Field("application_id", _l("Application number")),
                Field("kind", _l("Kind")),
                Field("original_name", _l("File name")),
                Field("uploaded_at", _l("When")),
            ),
        ),
        Section(
            "loan_instalments",
            _l("Loan instalments"),
            of_loans(LoanInstalment, LoanInstalment.application_id, LoanInstalment.number),
            (
                Field("application_id", _l("Application number")),
                Field("number", _l("Instalment")),
                Field("due_on", _l("Due on")),
                Field("principal", _l("Principal"), money=True),
                Field("interest", _l("Interest"), money=True),
            ),
        ),
        Section(
            "loan_payments",
            _l("Loan payments"),
            of_loans(LoanPayment, LoanPayment.paid_on, LoanPayment.id),
            (
                Field("application_id", _l("Application number")),
                Field("paid_on", _l("Paid on")),
                Field("amount", _l("Amount"), money=True),
                Field("book_reference", _l("Group book reference")),
            ),
        ),
        Section(
            "training_placements",
            _l("Training placements"),
            of_cases(Placement, Placement.referred_on, Placement.id),
            (
                Field("case_id", _l("Case number")),
                Field("course.title", _l("Course")),
                Field("status", _l("Status")),
                Field("referred_on", _l("Referred on")),
                Field("enrolled_on", _l("Enrolled on")),
                Field("completed_on", _l("Completed on")),
                Field("certificate_number", _l("Certificate number")),
                Field("dropped_on", _l("Dropped on")),
                Field("drop_reason", _l("Reason")),
            ),
        ),
        Section(
            "job_referrals",
            _l("Job referrals"),
            of_cases(Referral, Referral.referred_on, Referral.id),
            (
                Field("case_id", _l("Case number")),
                Field("opening.title", _l("Job opening")),
                Field("opening.employer.name", _l("Employer")),
                Field("status", _l("Status")),
                Field("referred_on", _l("Referred on")),
                Field("interviewed_on", _l("Interviewed on")),
                Field("hired_on", _l("Hired on")),
                Field("not_hired_on", _l("Not hired on")),
                Field("not_hired_reason", _l("Reason")),
                Field("ended_on", _l("Job ended on")),
                Field("end_reason", _l("Why the job ended")),
                Field("end_note", _l("Note")),
            ),
        ),
        Section(
            "work_profile",
            _l("Work profile"),
            by(WorkProfile, WorkProfile.person_id, people_ids, WorkProfile.person_id),
            (
                Field("availability", _l("Availability")),
                Field("available_from", _l("Available from")),
                Field("willing_to_relocate", _l("Willing to work in another province")),
                Field("notes", _l("Note")),
            ),
        ),
        Section(
            "release_list_rows",
            _l("Lines of imported release lists"),
            by(
                ImportRow, ImportRow.person_id, people_ids, ImportRow.batch_id, ImportRow.row_number
            ),
            (
                Field("batch_id", _l("List number")),
                Field("row_number", _l("Line")),
                Field("values", _l("As the list wrote it")),
            ),
        ),
        Section(
            "notifications",
            _l("Notifications naming the person"),
            naming_notifications(case_ids, application_ids),
            (
                Field("created_at", _l("When")),
                Field("user.full_name", _l("Sent to")),
                Field("message_text", _l("Message")),
            ),
        ),
        Section(
            "saved_versions",
            _l("Saved versions of the person, the cases and the releases"),
            _all(
                select(Revision)
                .where(
                    or_(
                        (Revision.object_type == "Person") & Revision.object_id.in_(people_ids),
                        (Revision.object_type == "Case") & Revision.object_id.in_(case_ids),
                        (Revision.object_type == "Release") & Revision.object_id.in_(release_ids),
                    )
                )
                .order_by(Revision.changed_at, Revision.id)
            ),
            (
                Field("object_type", _l("Record"), shown_as=record_kind),
                Field("object_id", _l("Record no.")),
                Field("version", _l("Version")),
                Field("changed_at", _l("When")),
                Field("changed_by.full_name", _l("Changed by")),
            ),
        ),
        Section(
            "audit_trail",
            _l("Who read or changed the file"),
            _audit_trail(people_ids, case_ids, release_ids, application_ids),
            (
                Field("occurred_at", _l("When")),
                Field("username", _l("User")),
                Field("role", _l("Role"), shown_as=role_label),
                Field("action", _l("Action")),
                Field("object_type", _l("Record"), shown_as=record_kind),
                Field("object_id", _l("Record no.")),
            ),
        ),
        Section(
            "anonymisation",
            _l("Anonymisation"),
            by(Anonymisation, Anonymisation.person_id, people_ids, Anonymisation.id),
            (
                Field("anonymised_at", _l("When")),
                Field("last_closed_on", _l("Last case closed on")),
                Field("retention_months", _l("Retention period (months)")),
            ),
        ),
    ]
    return Holdings(person, merged, people_ids, case_ids, application_ids, sections)
