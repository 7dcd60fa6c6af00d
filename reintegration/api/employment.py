"""Jobs: the openings of the user's province, one opening, a case's referrals, a referral
to an opening, and the referral's steps (interview, hire, not hired, job lost).

The employment services and their scope (``employment.services.access``): openings are
listed per province, and any caseworker or province officer may read one to refer their
own people; a case is reached through the case file's query, and its referrals are the
case's own (``referrals_of``), as the case file shows them. Each read of a case's referrals
is audited as a view of the case file ("api:jobs"). The opening's restrictions are named,
never why a person is excluded. A referral has no version: each step starts from given
statuses, so a step already taken by someone else is refused (409).
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.cases import CASE, case_or_404, case_rows
from reintegration.api.errors import ApiError
from reintegration.api.http import not_found, one_of, paged_query
from reintegration.api.schemas.common import MAX_ID, PageArgsSchema
from reintegration.api.schemas.employment import (
    HireBodySchema,
    InterviewBodySchema,
    JobLostBodySchema,
    NotHiredBodySchema,
    OpeningListArgsSchema,
    OpeningPageSchema,
    OpeningSchema,
    ReferralPageSchema,
    ReferralSchema,
    ReferToOpeningBodySchema,
)
from reintegration.core.database import commit_keeping_loaded
from reintegration.employment.models import Referral
from reintegration.employment.services import access, referrals
from reintegration.people.models import Case

OPENING = f"/job-openings/<int(min=1, max={MAX_ID}):opening_id>"
REFERRALS = "/cases" + CASE + "/job-referrals"
REFERRAL = REFERRALS + f"/<int(min=1, max={MAX_ID}):referral_id>"

blp = ApiBlueprint(
    "api_employment",
    __name__,
    path="",
    tag="Jobs",
    description="Job openings, and people's referrals to them.",
)


# --- openings -----------------------------------------------------------------------------


@blp.route("/job-openings", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(OpeningListArgsSchema, location="query")
@blp.response(200, OpeningPageSchema)
def list_openings(args: dict):
    """The job openings of your province, latest start first"""
    return paged_query(
        access.openings_query(current_user, status=args["status"], trade_code=args["trade"]), args
    )


@blp.route(OPENING, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, OpeningSchema)
def read_opening(opening_id: int):
    """Read a job opening (of any province: people move for work)"""
    opening = access.find_opening(opening_id, current_user)
    if opening is None:
        raise not_found()
    return opening


# --- a case's referrals -------------------------------------------------------------------


def referral_or_404(case: Case, referral_id: int) -> Referral:
    return one_of(referrals.referrals_of(case), referral_id)


@blp.route(REFERRALS, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ReferralPageSchema)
def list_referrals(args: dict, case_id: int):
    """The person's job referrals, newest first"""
    return case_rows(case_id, args, referrals.referrals_of, "api:jobs")


@blp.route(REFERRALS, methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(ReferToOpeningBodySchema)
@blp.response(201, ReferralSchema)
def refer(body: dict, case_id: int):
    """Refer the person to a job opening

    Needs an open case not classified D and an open opening; an opening whose
    restrictions exclude the person is refused (422 `restricted`, without saying why).
    """
    case = case_or_404(case_id)
    opening = access.find_opening(body["opening_id"], current_user)
    if opening is None:
        raise ApiError(422, "invalid_choice", _l("Not a valid choice."), field="opening_id")
    referral = referrals.refer(case, opening, current_user)
    commit_keeping_loaded()
    return referral, 201, {"Location": url_for(".list_referrals", case_id=case.id)}


@blp.route(REFERRAL + "/interview", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(InterviewBodySchema)
@blp.response(200, ReferralSchema)
def interview(body: dict, case_id: int, referral_id: int):
    """Record the interview (referred → interviewed)"""
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_interview(referral, current_user, on=body["on"])
    commit_keeping_loaded()
    return referral


@blp.route(REFERRAL + "/hire", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(HireBodySchema)
@blp.response(200, ReferralSchema)
def hire(body: dict, case_id: int, referral_id: int):
    """Record the hire, from its first day of work

    Schedules the retention checks 1, 3 and 6 months later as follow-ups; refused when
    every place of the opening is filled (409 `full`).
    """
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_hire(referral, current_user, start_on=body["on"])
    commit_keeping_loaded()
    return referral


@blp.route(REFERRAL + "/not-hired", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(NotHiredBodySchema)
@blp.response(200, ReferralSchema)
def not_hired(body: dict, case_id: int, referral_id: int):
    """Record that the person was not hired, and why"""
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_not_hired(referral, current_user, on=body["on"], reason=body["reason"])
    commit_keeping_loaded()
    return referral


@blp.route(REFERRAL + "/job-lost", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(JobLostBodySchema)
@blp.response(200, ReferralSchema)
def job_lost(body: dict, case_id: int, referral_id: int):
    """Record that the job ended (cancels the retention checks still due)"""
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_job_lost(
        referral, current_user, on=body["on"], reason=body["reason"], note=body["note"]
    )
    commit_keeping_loaded()
    return referral
