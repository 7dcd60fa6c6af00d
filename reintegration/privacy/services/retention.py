"""Retention: a person whose cases are all closed, the last one longer ago than the
retention period, is anonymised.

What goes: names, ID and certificate numbers, the day and month of birth (the year stays),
phone, addresses, family contact, and every free-text note written about the person
(intake notes, contacts, corrections, assessments, plan goals and progress, follow-up
outcomes, reasons for classifications and transfers, loan comments, training and job
notes), the saved versions of the person and the case, the person's name in notifications,
the lines of imported release lists that registered them, and the loan documents (scans
of papers), rows and files. What stays: everything the
reports count — communes, dates, statuses, release type, classification, nationality, sex,
year of birth, amounts — so a figure computed before and after is the same, and report
snapshots already stored are not touched. The audit log is append-only and stays as it is.

A person with an open case, or a loan still being repaid, is not due; a record merged into
another goes with the record it was merged into.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from reintegration.casework.models import (
    Assessment,
    Contact,
    ContactCorrection,
    FollowUp,
    Goal,
    GoalProgress,
    Transfer,
)
from reintegration.core import audit
from reintegration.core.clock import add_months
from reintegration.employment.models import Referral, WorkProfile
from reintegration.extensions import db
from reintegration.imports.models import ImportRow
from reintegration.loans.models import LoanApplication, LoanDocument, LoanStatus, LoanTransition
from reintegration.loans.services.documents import document_path
from reintegration.people.models import (
    Case,
    CaseStatus,
    ClassificationChange,
    Person,
    Release,
    Revision,
)
from reintegration.privacy.models import Anonymisation
from reintegration.privacy.services.notices import naming_notifications
from reintegration.training.models import Placement

RETENTION_SETTING = "CLOSED_CASE_RETENTION_MONTHS"
# Stored in place of a name; the record's number keeps it distinguishable in lists.
ANONYMISED_NAME = "Đã ẩn danh"
MASK = "***"
# Loans the bank may still collect: the file is needed until they are repaid.
OWING_STATUSES = (LoanStatus.APPROVED, LoanStatus.DISBURSED, LoanStatus.REPAYING)

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
)
RELEASE_CLEARED = ("certificate_number", "detention_facility")


def retention_months() -> int:
    return current_app.config[RETENTION_SETTING]


def retention_cutoff(today: date, months: int) -> date:
    """Cases closed on or before this day are past the retention period."""
    return add_months(today, -months)


def anonymised_name(person_id: int) -> str:
    return f"{ANONYMISED_NAME} {person_id}"


def people_due(today: date, months: int) -> Select:
    """Ids of the people due for anonymisation, with the day their last case closed."""
    open_cases = func.sum(case((Case.status != CaseStatus.CLOSED, 1), else_=0))
    last_closed = func.max(Case.closed_on)
    loan_case = aliased(Case)
    owing = exists().where(
        LoanApplication.case_id == loan_case.id,
        loan_case.person_id == Person.id,
        LoanApplication.status.in_(OWING_STATUSES),
    )
    return (
        select(Person.id, last_closed.label("last_closed_on"))
        .join(Case, Case.person_id == Person.id)
        .where(
            Person.merged_into_id.is_(None),
            ~exists().where(Anonymisation.person_id == Person.id),
            ~owing,
        )
        .group_by(Person.id)
        .having(open_cases == 0, last_closed <= retention_cutoff(today, months))
        .order_by(Person.id)
    )


@dataclass
class Outcome:
    anonymisation: Anonymisation
    # Loan document files to delete once the transaction is committed.
    files: list[Path] = field(default_factory=list)


def _clear(model, where: ColumnElement[bool], values: dict[str, Any]) -> int:
    """One UPDATE for every row of ``model`` matching ``where``. A bulk statement on
    purpose: it does not run the per-row guards (the contact log's 24-hour rule), which
    protect the record from rewriting, not from the law's erasure."""
    if "version" in model.__table__.c:
        values = {**values, "version": model.version + 1}
    stmt = update(model).where(where).values(values).execution_options(synchronize_session=False)
    return db.session.execute(stmt).rowcount


def _masked(column) -> ColumnElement:
    """A number whose presence a report counts (a training certificate) is masked, not
    cleared: "certified" stays true, the number itself goes."""
    return case((func.coalesce(column, "") != "", MASK), else_=None)


def _person_revision(data: dict[str, Any], name: str) -> dict[str, Any]:
    cleared = {key: None for key in PERSON_CLEARED if key in data}
    return {**data, **cleared, "full_name": name}


def _case_revision(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "intake_notes": None} if "intake_notes" in data else data


def _release_revision(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, **{key: None for key in RELEASE_CLEARED if key in data}}


def _revisions(
    person_ids: list[int], case_ids: list[int], release_ids: list[int], name: str
) -> int:
    rows = db.session.scalars(
        select(Revision).where(
            or_(
                (Revision.object_type == "Person") & Revision.object_id.in_(person_ids),
                (Revision.object_type == "Case") & Revision.object_id.in_(case_ids),
                (Revision.object_type == "Release") & Revision.object_id.in_(release_ids),
            )
        )
    ).all()
    for revision in rows:
        if revision.object_type == "Person":
            revision.data = _person_revision(revision.data, name)
        elif revision.object_type == "Release":
            revision.data = _release_revision(revision.data)
        else:
            revision.data = _case_revision(revision.data)
    return len(rows)


def _notifications(case_ids: list[int], application_ids: list[int], name: str) -> int:
    """The person's name stored in the parameters of the notices naming them is replaced."""
    changed = 0
    for notification in naming_notifications(case_ids, application_ids):
        params = notification.params or {}
        if "name" in params:
            notification.params = {**params, "name": name}
            changed += 1
    return changed


def anonymise_person(person: Person, *, last_closed_on: date, months: int) -> Outcome:
    """Anonymise ``person`` and the records merged into them (the caller commits, then
    deletes ``Outcome.files``)."""
    name = anonymised_name(person.id)
    people = [person, *db.session.scalars(select(Person).where(Person.merged_into_id == person.id))]
    person_ids = [p.id for p in people]
    case_ids = list(db.session.scalars(select(Case.id).where(Case.person_id.in_(person_ids))))
    release_ids = list(
        db.session.scalars(select(Release.id).where(Release.person_id.in_(person_ids)))
    )
    application_ids = list(
        db.session.scalars(select(LoanApplication.id).where(LoanApplication.case_id.in_(case_ids)))
    )
    contact_ids = select(Contact.id).where(Contact.case_id.in_(case_ids))
    goal_ids = select(Goal.id).where(Goal.case_id.in_(case_ids))
    of_cases = lambda model: model.case_id.in_(case_ids)  # noqa: E731
    of_loans = lambda model: model.application_id.in_(application_ids)  # noqa: E731

    cleared: dict[str, int] = {}
    for record in people:
        record.full_name = anonymised_name(record.id)
        for column in PERSON_CLEARED:
            setattr(record, column, None)
    cleared["people"] = len(people)
    cleared["notifications"] = _notifications(case_ids, application_ids, name)
    cleared["revisions"] = _revisions(person_ids, case_ids, release_ids, name)
    cleared["releases"] = _clear(
        Release, Release.id.in_(release_ids), dict.fromkeys(RELEASE_CLEARED)
    )
    cleared["cases"] = _clear(Case, Case.id.in_(case_ids), {"intake_notes": None})
    cleared["classification_changes"] = _clear(
        ClassificationChange, of_cases(ClassificationChange), {"reason": ""}
    )
    cleared["contacts"] = _clear(
        Contact, of_cases(Contact), {"participants": "", "what_happened": "", "next_steps": None}
    )
    cleared["contact_corrections"] = _clear(
        ContactCorrection, ContactCorrection.contact_id.in_(contact_ids), {"note": ""}
    )
    cleared["assessments"] = _clear(Assessment, of_cases(Assessment), {"note": None})
    cleared["goals"] = _clear(Goal, of_cases(Goal), {"title": "", "owner_text": None})
    cleared["goal_progress"] = _clear(
        GoalProgress, GoalProgress.goal_id.in_(goal_ids), {"note": ""}
    )
    cleared["follow_ups"] = _clear(FollowUp, of_cases(FollowUp), {"outcome": None, "note": None})
    cleared["transfers"] = _clear(
        Transfer, of_cases(Transfer), {"reason": "", "decision_note": None}
    )
    cleared["loan_applications"] = _clear(
        LoanApplication,
        LoanApplication.id.in_(application_ids),
        {"household_head_name": None, "household_relationship": None, "use_of_funds": ""},
    )
    cleared["loan_transitions"] = _clear(
        LoanTransition, of_loans(LoanTransition), {"comment": None}
    )
    cleared["training_placements"] = _clear(
        Placement,
        of_cases(Placement),
        {"certificate_number": _masked(Placement.certificate_number), "drop_reason": None},
    )
    cleared["referrals"] = _clear(
        Referral, of_cases(Referral), {"not_hired_reason": None, "end_note": None}
    )
    cleared["work_profiles"] = _clear(
        WorkProfile, WorkProfile.person_id.in_(person_ids), {"notes": None}
    )
    cleared["release_list_rows"] = _clear(
        ImportRow, ImportRow.person_id.in_(person_ids), {"values": {}, "data": None}
    )
    documents = list(db.session.scalars(select(LoanDocument).where(of_loans(LoanDocument))))
    files = [document_path(document) for document in documents]
    for document in documents:
        db.session.delete(document)
    cleared["loan_documents"] = len(documents)
    cleared = {table: count for table, count in cleared.items() if count}

    anonymisation = Anonymisation(
        person_id=person.id, last_closed_on=last_closed_on, retention_months=months, cleared=cleared
    )
    db.session.add(anonymisation)
    db.session.flush()
    audit.record(
        "person_anonymised",
        person,
        user=None,
        detail={
            "cases": case_ids,
            "merged_records": person_ids[1:],
            "last_closed_on": last_closed_on.isoformat(),
            "retention_months": months,
            "cleared": cleared,
        },
    )
    return Outcome(anonymisation, files)
