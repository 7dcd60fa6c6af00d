"""Loan applications: the list, one application, and the steps of the review workflow.

The same scope query as the pages (``loans.services.access``), the same audit of each
read ("loan_viewed"), the same service per step (``loans.services.workflow``), the same
roles per step (the organisation's reviewer, or the caseworker and province officer who
prepare it). The workflow services take no version, so the API compares If-Match with the
application's version itself before a step.
"""

from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.api.auth import CASEWORK_ROLES, LOAN_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.http import (
    ETAG_HEADER,
    IF_MATCH_PARAMETER,
    check_version,
    not_found,
    paged_query,
    versioned,
)
from reintegration.api.schemas.common import MAX_ID, NoBodySchema
from reintegration.api.schemas.loans import (
    ApprovalBodySchema,
    CertifyBodySchema,
    CommentBodySchema,
    DatedBodySchema,
    DeclineBodySchema,
    LoanApplicationSchema,
    LoanListArgsSchema,
    LoanPageSchema,
    RequiredCommentBodySchema,
)
from reintegration.core import audit
from reintegration.core.database import commit_keeping_loaded
from reintegration.loans.models import LoanApplication
from reintegration.loans.services import workflow
from reintegration.loans.services.access import applications_query, find_application
from reintegration.people.services.case_file import find_case

APPLICATION = f"/<int(min=1, max={MAX_ID}):application_id>"

blp = ApiBlueprint(
    "api_loans",
    __name__,
    path="/loan-applications",
    tag="Loan applications",
    description="Loan applications (Decision 22/2023): list, read, and the review steps.",
)


def application_or_404(application_id: int) -> LoanApplication:
    application = find_application(application_id, current_user)
    if application is None:
        raise not_found()
    return application


def answer_with_application(application: LoanApplication):
    """The application as its page shows it, audited as a read ("loan_viewed"), committed."""
    audit.record("loan_viewed", application, user=current_user)
    commit_keeping_loaded()
    return versioned(application, application.version)


@blp.route("", methods=["GET"])
@roles_allowed(*LOAN_ROLES)
@blp.arguments(LoanListArgsSchema, location="query")
@blp.response(200, LoanPageSchema)
def list_applications(args: dict):
    """List the applications you may see

    Caseworkers and province officers: those of their communes; union reviewers: those of
    their organisation in their province, once submitted. Most recently changed first.
    """
    if args["case"] is not None and find_case(args["case"], current_user) is None:
        raise not_found()
    stmt = applications_query(current_user, status=args["status"], case_id=args["case"])
    return paged_query(stmt, args)


@blp.route(APPLICATION, methods=["GET"])
@roles_allowed(*LOAN_ROLES)
@blp.response(200, LoanApplicationSchema, headers=ETAG_HEADER)
def read_application(application_id: int):
    """Read an application, with its eligibility, history, documents and schedule

    What the application page shows: nothing of the offence, the classification or the
    case notes. The read is audited.
    """
    return answer_with_application(application_or_404(application_id))


# --- the steps: one endpoint each, the page's form fields as the body --------------------

REVIEWER = (Role.UNION_REVIEWER,)

STEPS = {
    "submit": (NoBodySchema, lambda a, actor, body: workflow.submit(a, actor)),
    "resubmit": (NoBodySchema, lambda a, actor, body: workflow.resubmit(a, actor)),
    "take": (NoBodySchema, lambda a, actor, body: workflow.take_under_review(a, actor)),
    "return": (
        RequiredCommentBodySchema,
        lambda a, actor, body: workflow.return_for_changes(a, actor, body["comment"]),
    ),
    "reject": (
        RequiredCommentBodySchema,
        lambda a, actor, body: workflow.reject(a, actor, body["comment"]),
    ),
    "endorse": (
        CommentBodySchema,
        lambda a, actor, body: workflow.endorse(a, actor, body["comment"]),
    ),
    "certify": (
        CertifyBodySchema,
        lambda a, actor, body: workflow.certify(a, actor, body["on"], body["reference"]),
    ),
    "send": (DatedBodySchema, lambda a, actor, body: workflow.send_to_bank(a, actor, body["on"])),
    "approve": (
        ApprovalBodySchema,
        lambda a, actor, body: workflow.record_approval(
            a,
            actor,
            amount=body["amount"],
            term_months=body["term_months"],
            annual_rate=body["rate"],
            rate_reason=body["rate_reason"],
            decided_on=body["on"],
            reference=body["reference"],
        ),
    ),
    "decline": (
        DeclineBodySchema,
        lambda a, actor, body: workflow.record_decline(a, actor, body["comment"], body["on"]),
    ),
    "disburse": (
        DatedBodySchema,
        lambda a, actor, body: workflow.record_disbursement(a, actor, body["on"]),
    ),
}


def take_step(call, application_id: int, body: dict):
    """Load in scope, compare If-Match, run the step's service, answer with the
    application (audited as a read, as the page that follows a step is)."""
    application = application_or_404(application_id)
    check_version(application.version)
    actor = current_user._get_current_object()
    call(application, actor, body)
    return answer_with_application(application)


def step_endpoint(action: str, schema, call):
    label, _allowed_from, who = workflow.ACTIONS[action]
    roles = REVIEWER if who == "reviewer" else CASEWORK_ROLES

    def step(body: dict | None = None, *, application_id: int):
        return take_step(call, application_id, body or {})

    step.__name__ = f"step_{action}"
    step.__doc__ = (
        f"{label}\n\n"
        f"By {'the reviewer of the organisation' if who == 'reviewer' else 'the preparer'}; "
        "refused with 409 from a status that does not allow it."
    )
    view = blp.response(200, LoanApplicationSchema, headers=ETAG_HEADER)(step)
    view = blp.doc(parameters=[IF_MATCH_PARAMETER])(view)
    view = blp.arguments(schema, required=schema is not NoBodySchema)(view)
    view = roles_allowed(*roles)(view)
    blp.route(APPLICATION + f"/{action}", methods=["POST"], endpoint=f"step_{action}")(view)


for _action, (_schema, _call) in STEPS.items():
    step_endpoint(_action, _schema, _call)
