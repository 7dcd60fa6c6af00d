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
from reintegration.api.cases import CASE, case_or_404, commune_ref, user_ref
from reintegration.api.errors import ApiError
from reintegration.api.http import not_found, one_of, paged, paged_list
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
from reintegration.api.training import trade_ref
from reintegration.employment.models import Employer, Opening, Referral
from reintegration.employment.services import access, referrals
from reintegration.employment.services.employers import hired_count
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.people.services.case_file import record_case_view
from reintegration.training.services.trades import trade_names

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


def employer_ref(employer: Employer) -> dict:
    return {
        "id": employer.id,
        "name": employer.name,
        "accepts_records": employer.accepts_records,
        "has_agreement": employer.has_agreement,
    }


def opening_ref(opening: Opening, names: dict[str, str]) -> dict:
    return {
        "id": opening.id,
        "title": opening.title,
        "employer": employer_ref(opening.employer),
        "trade": trade_ref(opening.trade_code, names),
        "commune": commune_ref(opening.commune),
    }


def opening_view(opening: Opening, names: dict[str, str]) -> dict:
    return {
        **opening_ref(opening, names),
        "skills": [
            trade_ref(skill.code, names)
            for skill in opening.skills
            if skill.code != opening.trade_code
        ],
        "level_required": opening.level_required,
        "wage": opening.wage,
        "seats": opening.seats,
        "hired": hired_count(opening.id),
        "starts_on": opening.starts_on,
        "closes_on": opening.closes_on,
        "status": opening.status,
        "restrictions": opening.restrictions,
        "description": opening.description,
    }


def referral_view(referral: Referral, names: dict[str, str]) -> dict:
    return {
        "id": referral.id,
        "case_id": referral.case_id,
        "opening": opening_ref(referral.opening, names),
        "status": referral.status,
        "referred_on": referral.referred_on,
        "score": referral.score,
        "interviewed_on": referral.interviewed_on,
        "hired_on": referral.hired_on,
        "not_hired_on": referral.not_hired_on,
        "not_hired_reason": referral.not_hired_reason,
        "ended_on": referral.ended_on,
        "end_reason": referral.end_reason,
        "end_note": referral.end_note,
        "retention_checks": [
            {
                "months": check.months,
                "follow_up_id": check.follow_up_id,
                "due_on": check.follow_up.due_on,
                "status": check.follow_up.status,
            }
            for check in referral.retention_checks
        ],
        "created_by": user_ref(referral.created_by),
        "created_at": referral.created_at,
        "updated_at": referral.updated_at,
        "available_actions": referrals.available_actions(referral, current_user),
    }


# --- openings -----------------------------------------------------------------------------


@blp.route("/job-openings", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(OpeningListArgsSchema, location="query")
@blp.response(200, OpeningPageSchema)
def list_openings(args: dict):
    """The job openings of your province, latest start first"""
    found = db.paginate(
        access.openings_query(current_user, status=args["status"], trade_code=args["trade"]),
        page=args["page"],
        per_page=args["per_page"],
        max_per_page=100,
        error_out=False,
    )
    names = trade_names()
    return paged(
        [opening_view(opening, names) for opening in found.items],
        page=args["page"],
        per_page=args["per_page"],
        total=found.total,
    )


@blp.route(OPENING, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, OpeningSchema)
def read_opening(opening_id: int):
    """Read a job opening (of any province: people move for work)"""
    opening = access.find_opening(opening_id, current_user)
    if opening is None:
        raise not_found()
    return opening_view(opening, trade_names())


# --- a case's referrals -------------------------------------------------------------------


def referral_or_404(case: Case, referral_id: int) -> Referral:
    return one_of(referrals.referrals_of(case), referral_id)


def answer(referral: Referral, status: int = 200):
    view = referral_view(referral, trade_names())
    db.session.commit()
    return view, status


@blp.route(REFERRALS, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ReferralPageSchema)
def list_referrals(args: dict, case_id: int):
    """The person's job referrals, newest first"""
    case = case_or_404(case_id)
    names = trade_names()
    answer = paged_list(referrals.referrals_of(case), args, lambda r: referral_view(r, names))
    record_case_view(case, current_user, "api:jobs")
    db.session.commit()
    return answer


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
    view, status = answer(referral, 201)
    return view, status, {"Location": url_for(".list_referrals", case_id=case.id)}


@blp.route(REFERRAL + "/interview", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(InterviewBodySchema)
@blp.response(200, ReferralSchema)
def interview(body: dict, case_id: int, referral_id: int):
    """Record the interview (referred → interviewed)"""
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_interview(referral, current_user, on=body["on"])
    return answer(referral)


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
    return answer(referral)


@blp.route(REFERRAL + "/not-hired", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(NotHiredBodySchema)
@blp.response(200, ReferralSchema)
def not_hired(body: dict, case_id: int, referral_id: int):
    """Record that the person was not hired, and why"""
    referral = referral_or_404(case_or_404(case_id), referral_id)
    referrals.record_not_hired(referral, current_user, on=body["on"], reason=body["reason"])
    return answer(referral)


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
    return answer(referral)
