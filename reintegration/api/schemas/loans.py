"""Loan applications as the API shows them, and the bodies of the workflow steps.

Every loan role reads the same fields, as on the application page: nothing of the
offence, the classification or the case notes. Only those who prepare applications
(caseworkers, province officers) see which case an application belongs to, as only they
get the page's link to the case file.
"""

import marshmallow as ma
from flask_login import current_user
from marshmallow import fields

from reintegration.accounts.models import Organisation
from reintegration.api.schemas.common import (
    ApiSchema,
    Choice,
    CommuneRefSchema,
    Day,
    Dec,
    Id,
    Int,
    PageArgsSchema,
    Str,
    UserRefSchema,
    actions_field,
    between,
    computed,
    max_length,
    page_of,
)
from reintegration.core.forms import MAX_AMOUNT
from reintegration.loans.models import (
    BorrowerKind,
    BusinessKind,
    DocumentKind,
    LoanApplication,
    LoanPurpose,
    LoanStatus,
)
from reintegration.loans.services import workflow
from reintegration.loans.services.eligibility import CheckStatus, Eligibility, check_eligibility
from reintegration.loans.services.rules import RulesMissing

MAX_COMMENT = 4000


def enum_field(enum, **kwargs):
    return fields.Enum(enum, by_value=True, **kwargs)


class LoanListItemSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(required=True)
    status = enum_field(LoanStatus, required=True)
    borrower_kind = enum_field(BorrowerKind, required=True)
    applicant_name = fields.String(required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    organisation = enum_field(
        Organisation,
        required=True,
        allow_none=True,
        metadata={"description": "null for a business: it borrows from the bank directly."},
    )
    purpose = enum_field(LoanPurpose, required=True)
    amount_requested = fields.Integer(required=True, metadata={"description": "đồng"})
    submitted_on = fields.Date(required=True, allow_none=True)
    review_due_on = fields.Date(required=True, allow_none=True)
    updated_at = fields.DateTime(required=True)


LoanPageSchema = page_of(LoanListItemSchema, "LoanPageSchema")


class EligibilityCheckSchema(ma.Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    status = enum_field(CheckStatus, required=True)
    explanation = fields.String(required=True)


class EligibilitySchema(ma.Schema):
    overall = enum_field(CheckStatus, required=True)
    rules_day = fields.Date(
        required=True, attribute="rules.day", metadata={"description": "The rules of this day."}
    )
    checks = fields.List(fields.Nested(EligibilityCheckSchema), required=True)


class LoanTransitionSchema(ma.Schema):
    at = fields.DateTime(required=True)
    action = fields.String(required=True)
    from_status = enum_field(LoanStatus, required=True, allow_none=True)
    to_status = enum_field(LoanStatus, required=True)
    actor = fields.Nested(UserRefSchema, required=True, allow_none=True)
    comment = fields.String(required=True, allow_none=True)


class LoanDocumentSchema(ma.Schema):
    id = fields.Integer(required=True)
    kind = enum_field(DocumentKind, required=True)
    original_name = fields.String(required=True)
    content_type = fields.String(required=True)
    size_bytes = fields.Integer(required=True)
    uploaded_at = fields.DateTime(required=True)


class LoanInstalmentSchema(ma.Schema):
    number = fields.Integer(required=True)
    due_on = fields.Date(required=True)
    principal = fields.Integer(required=True)
    interest = fields.Integer(required=True)
    amount_due = fields.Integer(required=True)
    paid = fields.Integer(required=True)
    balance_after = fields.Integer(required=True)


def eligibility_of(application: LoanApplication) -> Eligibility | None:
    try:
        return check_eligibility(application)
    except RulesMissing:
        return None


def case_id_for_preparers(application: LoanApplication) -> int | None:
    """The case, for those who prepare applications (they get the page's link to the case
    file); union reviewers get null."""
    return application.case_id if application.can_prepare(current_user) else None


class LoanApplicationSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "Send it back in If-Match to take a step."}
    )
    status = enum_field(LoanStatus, required=True)
    borrower_kind = enum_field(BorrowerKind, required=True)
    case_id = computed(
        fields.Integer,
        case_id_for_preparers,
        required=True,
        allow_none=True,
        metadata={"description": "For those who prepare applications; null for reviewers."},
    )
    applicant_name = fields.String(required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    organisation = enum_field(
        Organisation,
        required=True,
        allow_none=True,
        metadata={"description": "null for a business: it borrows from the bank directly."},
    )
    savings_group_name = fields.String(required=True, allow_none=True)
    purpose = enum_field(LoanPurpose, required=True)
    amount_requested = fields.Integer(required=True)
    term_months = fields.Integer(required=True)
    course_months = fields.Integer(required=True, allow_none=True)
    use_of_funds = fields.String(required=True)
    household_head_name = fields.String(required=True, allow_none=True)
    household_relationship = fields.String(required=True, allow_none=True)
    household_members = fields.Integer(required=True, allow_none=True)
    in_own_name = fields.Boolean(
        required=True,
        metadata={"description": "The person borrows in their own name (no other capable adult)."},
    )
    business_name = fields.String(required=True, allow_none=True)
    business_kind = enum_field(BusinessKind, required=True, allow_none=True)
    business_address = fields.String(required=True, allow_none=True)
    total_workers = fields.Integer(required=True, allow_none=True)
    eligible_workers = fields.Integer(required=True, allow_none=True)
    form01_listed = fields.Boolean(required=True, allow_none=True)
    outstanding_vbsp_debt = fields.Boolean(required=True, allow_none=True)
    rules_date = fields.Date(required=True, allow_none=True)
    submitted_on = fields.Date(required=True, allow_none=True)
    review_due_on = fields.Date(required=True, allow_none=True)
    certified_on = fields.Date(required=True, allow_none=True)
    certification_reference = fields.String(required=True, allow_none=True)
    sent_to_bank_on = fields.Date(required=True, allow_none=True)
    bank_due_on = fields.Date(
        required=True,
        allow_none=True,
        metadata={"description": "The bank's decision is due by this day (working days)."},
    )
    bank_decided_on = fields.Date(required=True, allow_none=True)
    bank_reference = fields.String(required=True, allow_none=True)
    approved_amount = fields.Integer(required=True, allow_none=True)
    approved_term_months = fields.Integer(required=True, allow_none=True)
    approved_annual_rate = fields.Float(
        required=True, allow_none=True, metadata={"description": "Percent a year."}
    )
    rate_reason = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why the rate differs from the loan rules' rate."},
    )
    disbursed_on = fields.Date(required=True, allow_none=True)
    eligibility = computed(
        fields.Nested,
        eligibility_of,
        EligibilitySchema,
        required=True,
        allow_none=True,
        metadata={"description": "null when no loan rules are in force for its day."},
    )
    available_actions = actions_field(workflow.available_actions)
    transitions = fields.List(fields.Nested(LoanTransitionSchema), required=True)
    documents = fields.List(fields.Nested(LoanDocumentSchema), required=True)
    instalments = fields.List(fields.Nested(LoanInstalmentSchema), required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class LoanListArgsSchema(PageArgsSchema):
    status = Choice(LoanStatus, load_default=None)
    case = Id(
        strict=False,
        load_default=None,
        metadata={"description": "Only the applications of this case (those who prepare)."},
    )


# --- the bodies of the steps (the same names as the page's forms) -----------------------


def comment(**kwargs):
    return Str(validate=max_length(MAX_COMMENT), **kwargs)


def reference():
    return Str(load_default=None, allow_none=True, validate=max_length(60))


class CommentBodySchema(ApiSchema):
    comment = comment(load_default=None, allow_none=True)


class RequiredCommentBodySchema(ApiSchema):
    comment = comment(required=True)


class DatedBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The day it happened (not in the future)."})


class CertifyBodySchema(DatedBodySchema):
    reference = reference()


class DeclineBodySchema(DatedBodySchema):
    comment = comment(required=True, metadata={"description": "The bank's reason."})


class ApprovalBodySchema(DatedBodySchema):
    reference = reference()
    amount = Int(required=True, validate=between(0, MAX_AMOUNT), metadata={"description": "đồng"})
    term_months = Int(required=True, validate=between(1, 600))
    # The service says which rates it takes (0 < rate < 100); no range here, so that the
    # document's bounds stay plain numbers.
    rate = Dec(
        load_default=None,
        allow_none=True,
        places=3,
        metadata={
            "description": "Percent a year, e.g. 6.6 (above 0, below 100); the loan rules' "
            "rate when left out."
        },
    )
    rate_reason = Str(
        load_default=None,
        allow_none=True,
        validate=max_length(1000),
        metadata={"description": "Required when the rate differs from the loan rules' rate."},
    )
