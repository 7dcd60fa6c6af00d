"""The loans' personal data (see core/personal_data.py): a person's applications, their
history, documents, instalments and payments. Amounts, dates and statuses stay on
anonymisation (the reports count them); the household, the comments and the scanned
papers go."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from reintegration.core.personal_data import Field, PersonalData, Reach, declare
from reintegration.extensions import db
from reintegration.loans.models import (
    LoanApplication,
    LoanDocument,
    LoanInstalment,
    LoanPayment,
    LoanTransition,
)
from reintegration.loans.services.documents import document_path

WHO = _l("Recorded by")


def _delete_documents(reach: Reach, name_for, files: list) -> int:
    """Scans of papers: the rows go now, their files once the anonymisation is committed."""
    documents = list(
        db.session.scalars(
            select(LoanDocument).where(LoanDocument.application_id.in_(reach.of("LoanApplication")))
        )
    )
    files.extend(document_path(document) for document in documents)
    for document in documents:
        db.session.delete(document)
    return len(documents)


declare(
    PersonalData(
        "loan_applications",
        _l("Loan applications"),
        LoanApplication,
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
        order=140,
        link="case_id",
        parent="Case",
        erase={"household_head_name": None, "household_relationship": None, "use_of_funds": ""},
        kept={
            "savings_group_name": "the savings-and-loan group's name, not the person's",
            "business_name": "a business's loan names no person (it has no case)",
            "business_address": "a business's loan names no person (it has no case)",
            "certification_reference": "the commune's reference number",
            "bank_reference": "the bank's reference number",
            "rate_reason": "the bank's reason for another interest rate, about the loan",
        },
    ),
    PersonalData(
        "loan_transitions",
        _l("Loan application history"),
        LoanTransition,
        (
            Field("application_id", _l("Application number")),
            Field("at", _l("When")),
            Field("to_status", _l("Step")),
            Field("comment", _l("Comments")),
            Field("actor.full_name", WHO),
        ),
        order=150,
        link="application_id",
        parent="LoanApplication",
        erase={"comment": None},
        kept={"action": "the step's code"},
    ),
    PersonalData(
        "loan_documents",
        _l("Supporting documents"),
        LoanDocument,
        (
            Field("application_id", _l("Application number")),
            Field("kind", _l("Kind")),
            Field("original_name", _l("File name")),
            Field("uploaded_at", _l("When")),
        ),
        order=160,
        link="application_id",
        parent="LoanApplication",
        anonymise=_delete_documents,
        erase={"original_name": None},  # the row and its file are deleted
        kept={
            "stored_name": "the random name of the file, deleted with it",
            "content_type": "the file's type",
            "sha256": "the file's fingerprint, deleted with it",
        },
    ),
    PersonalData(
        "loan_instalments",
        _l("Loan instalments"),
        LoanInstalment,
        (
            Field("application_id", _l("Application number")),
            Field("number", _l("Instalment")),
            Field("due_on", _l("Due on")),
            Field("principal", _l("Principal"), money=True),
            Field("interest", _l("Interest"), money=True),
        ),
        order=170,
        link="application_id",
        parent="LoanApplication",
        order_by=("application_id", "number"),
    ),
    PersonalData(
        "loan_payments",
        _l("Loan payments"),
        LoanPayment,
        (
            Field("application_id", _l("Application number")),
            Field("paid_on", _l("Paid on")),
            Field("amount", _l("Amount"), money=True),
            Field("book_reference", _l("Group book reference")),
        ),
        order=180,
        link="application_id",
        parent="LoanApplication",
        order_by=("paid_on", "id"),
        kept={"book_reference": "the reference of the line in the group's book"},
    ),
)
