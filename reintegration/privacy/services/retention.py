"""Retention: a person whose cases are all closed, the last one longer ago than the
retention period, is anonymised.

What goes: names, ID and certificate numbers, the day and month of birth (the year stays),
phone, addresses, family contact, the offence as the papers wrote it (its group stays), and
every free-text note written about the person
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

What each table loses is declared next to its models (each domain's ``personal_data.py``,
``erase`` or ``anonymise``); this module finds who is due and applies the declarations.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Select, case, exists, func, select, update
from sqlalchemy.orm import aliased

from reintegration.core import audit
from reintegration.core.clock import add_months
from reintegration.core.personal_data import declarations, reach_from
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanStatus
from reintegration.people.models import Case, CaseStatus, Person
from reintegration.privacy.models import Anonymisation

RETENTION_SETTING = "CLOSED_CASE_RETENTION_MONTHS"
# Stored in place of a name; the record's number keeps it distinguishable in lists.
ANONYMISED_NAME = "Đã ẩn danh"
# Loans the bank may still collect: the file is needed until they are repaid.
OWING_STATUSES = (LoanStatus.APPROVED, LoanStatus.DISBURSED, LoanStatus.REPAYING)


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


def anonymise_person(person: Person, *, last_closed_on: date, months: int) -> Outcome:
    """Anonymise ``person`` and the records merged into them (the caller commits, then
    deletes ``Outcome.files``)."""
    merged = select(Person.id).where(Person.merged_into_id == person.id).order_by(Person.id)
    reach = reach_from([person.id, *db.session.scalars(merged)])
    files: list[Path] = []
    cleared: dict[str, int] = {}
    for declared in declarations():
        key = declared.erase_key or declared.key
        if declared.anonymise is not None:
            cleared[key] = declared.anonymise(reach, anonymised_name, files)
        elif declared.erase:
            cleared[key] = _clear(declared.model, declared.clause(reach), dict(declared.erase))
    cleared = {table: count for table, count in cleared.items() if count}
    case_ids = reach.of("Case")
    person_ids = reach.people_ids

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
