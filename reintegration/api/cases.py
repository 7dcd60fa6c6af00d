"""Case files: read, reclassify, move through their statuses, and reveal the offence.

The same services and scope query as the case file page (``find_case``); every read is
audited with ``record_case_view`` (section "api"), the offence only through
``reveal_offence`` with a reason. Writes need the version read, in If-Match.
"""

from flask_login import current_user

from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.http import (
    ETAG_HEADER,
    IF_MATCH_PARAMETER,
    expected_version,
    not_found,
    paged_list,
    versioned,
)
from reintegration.api.schemas.common import MAX_ID
from reintegration.api.schemas.people import (
    CaseSchema,
    ClassificationChangeBodySchema,
    CloseBodySchema,
    ReceiveBodySchema,
    RevealBodySchema,
    RevealedOffenceSchema,
)
from reintegration.core.database import commit_keeping_loaded
from reintegration.people.models import Case
from reintegration.people.services import editing
from reintegration.people.services.case_file import find_case, record_case_view, reveal_offence

AUDIT_SECTION = "api"
CASE = f"/<int(min=1, max={MAX_ID}):case_id>"

blp = ApiBlueprint(
    "api_cases",
    __name__,
    path="/cases",
    tag="Cases",
    description="Case files: read, classification, status, offence details behind a reason.",
)


# --- helpers ------------------------------------------------------------------------------


def case_or_404(case_id: int) -> Case:
    """In scope (the page's query), else 404. A case waiting to be transferred into the
    user's communes is not theirs yet: its transfer (GET /transfers/{id}) says what the
    decision needs."""
    case = find_case(case_id, current_user)
    if case is None:
        raise not_found()
    return case


def case_rows(case_id: int, args: dict, rows_of, section: str):
    """One page of the rows a case holds (``rows_of(case)``: its placements, referrals,
    transfers, as the case file lists them); the read is audited as a view of the case
    file's ``section``."""
    case = case_or_404(case_id)
    record_case_view(case, current_user, section)
    commit_keeping_loaded()
    return paged_list(rows_of(case), args)


def answer_with_case(case: Case):
    """The case as the case file shows it, audited as a read, committed."""
    record_case_view(case, current_user, AUDIT_SECTION)
    commit_keeping_loaded()
    return versioned(case, case.version)


def write(case_id: int, operation):
    """Load in scope, take the version from If-Match, run ``operation(case, version)``,
    and answer with the case. A save based on an older version is refused by the service
    (EditConflict, 412 with what changed); one racing another save, by the API's error
    handler (``api.errors.handle_stale_data``)."""
    case = case_or_404(case_id)
    version = expected_version()
    try:
        operation(case, version)
        return answer_with_case(case)
    except editing.EditConflict as conflict:
        conflict.current_version = case.version  # for the 412's body
        raise


# --- endpoints ----------------------------------------------------------------------------


@blp.route(CASE, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, CaseSchema, headers=ETAG_HEADER)
def read_case(case_id: int):
    """Read a case file

    What the case file page shows, without the offence details. The read is audited.
    """
    return answer_with_case(case_or_404(case_id))


@blp.route(CASE + "/classification", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(ClassificationChangeBodySchema)
@blp.response(200, CaseSchema, headers=ETAG_HEADER)
@blp.doc(parameters=[IF_MATCH_PARAMETER])
def change_classification(body: dict, case_id: int):
    """Change the classification (A–D), with the reason"""
    return write(
        case_id,
        lambda case, version: editing.change_classification(
            case,
            body["classification"],
            body["reason"],
            expected_version=version,
            actor=current_user,
            held_at=body["held_at"],
        ),
    )


@blp.route(CASE + "/receive", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(ReceiveBodySchema)
@blp.response(200, CaseSchema, headers=ETAG_HEADER)
@blp.doc(parameters=[IF_MATCH_PARAMETER])
def receive(body: dict, case_id: int):
    """The person has reported to the commune (notified → received)"""
    return write(
        case_id,
        lambda case, version: editing.receive(
            case, body["received_on"], expected_version=version, actor=current_user
        ),
    )


@blp.route(CASE + "/activate", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, CaseSchema, headers=ETAG_HEADER)
@blp.doc(parameters=[IF_MATCH_PARAMETER])
def activate(case_id: int):
    """Start the follow-up (received → active)"""
    return write(
        case_id,
        lambda case, version: editing.activate(case, expected_version=version, actor=current_user),
    )


@blp.route(CASE + "/close", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(CloseBodySchema)
@blp.response(200, CaseSchema, headers=ETAG_HEADER)
@blp.doc(parameters=[IF_MATCH_PARAMETER])
def close(body: dict, case_id: int):
    """Close the case, with the reason"""
    return write(
        case_id,
        lambda case, version: editing.close(
            case,
            body["close_reason"],
            body["closed_on"],
            expected_version=version,
            actor=current_user,
        ),
    )


@blp.route(CASE + "/reveal-offence", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(RevealBodySchema)
@blp.response(200, RevealedOffenceSchema)
def reveal(body: dict, case_id: int):
    """Show the offence details, saying why

    "Break the glass", as on the case file page: the reason (at least 10 characters) is
    written to the audit log with who asked and when. Each call is a new reveal.
    """
    case = case_or_404(case_id)
    if case.release is None:
        raise not_found()
    reveal_offence(case, body["reason"], current_user)
    commit_keeping_loaded()
    return case
