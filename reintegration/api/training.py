"""Vocational training: the courses of the user's province (read only), a case's
placements, a referral to a course, and the placement's steps (enrol, complete, drop).

The training services and their scope: courses are the province's reference data
(``training.services.access``); a case is reached through the case file's query, and
its placements are the case's own (``placements_of``), as the case file shows them. Each
read of a case's placements is audited as a view of the case file ("api:training").
A placement has no version: each step starts from one status, so a step already taken
by someone else is refused (409).
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
from reintegration.api.schemas.training import (
    CompleteBodySchema,
    CourseDetailSchema,
    CourseListArgsSchema,
    CoursePageSchema,
    DropBodySchema,
    EnrolBodySchema,
    PlacementPageSchema,
    PlacementSchema,
    ReferToCourseBodySchema,
)
from reintegration.core.database import commit_keeping_loaded
from reintegration.people.models import Case
from reintegration.training.models import Placement
from reintegration.training.services import access, placements

PLACEMENTS = "/cases" + CASE + "/training-placements"
PLACEMENT = PLACEMENTS + f"/<int(min=1, max={MAX_ID}):placement_id>"

blp = ApiBlueprint(
    "api_training",
    __name__,
    path="",
    tag="Training",
    description="Vocational training: courses, and people's places on them.",
)


# --- courses ------------------------------------------------------------------------------


@blp.route("/courses", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(CourseListArgsSchema, location="query")
@blp.response(200, CoursePageSchema)
def list_courses(args: dict):
    """The courses of your province, latest start first"""
    return paged_query(access.courses_query(current_user, trade_code=args["trade"]), args)


@blp.route(f"/courses/<int(min=1, max={MAX_ID}):course_id>", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, CourseDetailSchema)
def read_course(course_id: int):
    """Read a course of your province, with the support a trainee gets"""
    course = access.find_course(course_id, current_user)
    if course is None:
        raise not_found()
    return course


# --- a case's placements ------------------------------------------------------------------


def placement_or_404(case: Case, placement_id: int) -> Placement:
    return one_of(placements.placements_of(case), placement_id)


@blp.route(PLACEMENTS, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, PlacementPageSchema)
def list_placements(args: dict, case_id: int):
    """The person's training placements, newest referral first"""
    return case_rows(case_id, args, placements.placements_of, "api:training")


@blp.route(PLACEMENTS, methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(ReferToCourseBodySchema)
@blp.response(201, PlacementSchema)
def refer(body: dict, case_id: int):
    """Refer the person to a course of your province

    Needs an open case and a free seat: a full course is refused (409 `full`).
    """
    case = case_or_404(case_id)
    course = access.find_course(body["course_id"], current_user)
    if course is None:
        raise ApiError(422, "invalid_choice", _l("Not a valid choice."), field="course_id")
    placement = placements.refer(case, course, current_user)
    commit_keeping_loaded()
    return placement, 201, {"Location": url_for(".list_placements", case_id=case.id)}


@blp.route(PLACEMENT + "/enroll", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(EnrolBodySchema)
@blp.response(200, PlacementSchema)
def enroll(body: dict, case_id: int, placement_id: int):
    """Record the enrolment (referred → enrolled)"""
    placement = placement_or_404(case_or_404(case_id), placement_id)
    placements.enroll(placement, current_user, on=body["on"])
    commit_keeping_loaded()
    return placement


@blp.route(PLACEMENT + "/complete", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(CompleteBodySchema)
@blp.response(200, PlacementSchema)
def complete(body: dict, case_id: int, placement_id: int):
    """Record the completion, with the certificate (enrolled → completed)"""
    placement = placement_or_404(case_or_404(case_id), placement_id)
    placements.complete(
        placement, current_user, on=body["on"], certificate_number=body["certificate_number"]
    )
    commit_keeping_loaded()
    return placement


@blp.route(PLACEMENT + "/drop", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(DropBodySchema)
@blp.response(200, PlacementSchema)
def drop(body: dict, case_id: int, placement_id: int):
    """Record that the person left the course, and why (referred or enrolled → dropped)"""
    placement = placement_or_404(case_or_404(case_id), placement_id)
    placements.drop(placement, current_user, on=body["on"], reason=body["reason"])
    commit_keeping_loaded()
    return placement
