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
from reintegration.api.cases import CASE, case_or_404, commune_ref, user_ref
from reintegration.api.errors import ApiError
from reintegration.api.http import not_found, one_of, paged, paged_list
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
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.people.services.case_file import record_case_view
from reintegration.training.models import Course, Placement
from reintegration.training.services import access, catalogue, placements
from reintegration.training.services.trades import trade_names

PLACEMENTS = "/cases" + CASE + "/training-placements"
PLACEMENT = PLACEMENTS + f"/<int(min=1, max={MAX_ID}):placement_id>"

blp = ApiBlueprint(
    "api_training",
    __name__,
    path="",
    tag="Training",
    description="Vocational training: courses, and people's places on them.",
)


def trade_ref(code: str, names: dict[str, str]) -> dict:
    return {"code": code, "name": names.get(code, code)}


def course_brief(course: Course, names: dict[str, str]) -> dict:
    provider = course.provider
    return {
        "id": course.id,
        "title": course.title,
        "trade": trade_ref(course.trade_code, names),
        "level": course.level,
        "provider": {"id": provider.id, "name": provider.name, "kind": provider.kind},
        "commune": commune_ref(course.commune),
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
    }


def course_view(course: Course, names: dict[str, str]) -> dict:
    return {
        **course_brief(course, names),
        "seats": course.seats,
        "seats_left": catalogue.seats_left(course),
        "cost": course.cost,
        "fee_support": course.fee_support,
        "meals_support": course.meals_support,
        "travel_support": course.travel_support,
    }


def placement_view(placement: Placement, names: dict[str, str]) -> dict:
    return {
        "id": placement.id,
        "case_id": placement.case_id,
        "course": course_brief(placement.course, names),
        "status": placement.status,
        "referred_on": placement.referred_on,
        "enrolled_on": placement.enrolled_on,
        "completed_on": placement.completed_on,
        "certificate_number": placement.certificate_number,
        "dropped_on": placement.dropped_on,
        "drop_reason": placement.drop_reason,
        "created_by": user_ref(placement.created_by),
        "created_at": placement.created_at,
        "updated_at": placement.updated_at,
        "available_actions": placements.available_actions(placement, current_user),
    }


# --- courses ------------------------------------------------------------------------------


@blp.route("/courses", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(CourseListArgsSchema, location="query")
@blp.response(200, CoursePageSchema)
def list_courses(args: dict):
    """The courses of your province, latest start first"""
    found = db.paginate(
        access.courses_query(current_user, trade_code=args["trade"]),
        page=args["page"],
        per_page=args["per_page"],
        max_per_page=100,
        error_out=False,
    )
    names = trade_names()
    return paged(
        [course_view(course, names) for course in found.items],
        page=args["page"],
        per_page=args["per_page"],
        total=found.total,
    )


@blp.route(f"/courses/<int(min=1, max={MAX_ID}):course_id>", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, CourseDetailSchema)
def read_course(course_id: int):
    """Read a course of your province, with the support a trainee gets"""
    course = access.find_course(course_id, current_user)
    if course is None:
        raise not_found()
    support = catalogue.support_for(course)
    return {
        **course_view(course, trade_names()),
        "support": {
            "fee": support.fee,
            "meals": support.meals,
            "travel": support.travel,
            "total": support.total,
        },
    }


# --- a case's placements ------------------------------------------------------------------


def placement_or_404(case: Case, placement_id: int) -> Placement:
    return one_of(placements.placements_of(case), placement_id)


@blp.route(PLACEMENTS, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, PlacementPageSchema)
def list_placements(args: dict, case_id: int):
    """The person's training placements, newest referral first"""
    case = case_or_404(case_id)
    names = trade_names()
    answer = paged_list(placements.placements_of(case), args, lambda p: placement_view(p, names))
    record_case_view(case, current_user, "api:training")
    db.session.commit()
    return answer


def answer(placement: Placement, status: int = 200):
    view = placement_view(placement, trade_names())
    db.session.commit()
    return view, status


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
    view, status = answer(placement, 201)
    return view, status, {"Location": url_for(".list_placements", case_id=case.id)}


@blp.route(PLACEMENT + "/enroll", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(EnrolBodySchema)
@blp.response(200, PlacementSchema)
def enroll(body: dict, case_id: int, placement_id: int):
    """Record the enrolment (referred → enrolled)"""
    placement = placement_or_404(case_or_404(case_id), placement_id)
    placements.enroll(placement, current_user, on=body["on"])
    return answer(placement)


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
    return answer(placement)


@blp.route(PLACEMENT + "/drop", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(DropBodySchema)
@blp.response(200, PlacementSchema)
def drop(body: dict, case_id: int, placement_id: int):
    """Record that the person left the course, and why (referred or enrolled → dropped)"""
    placement = placement_or_404(case_or_404(case_id), placement_id)
    placements.drop(placement, current_user, on=body["on"], reason=body["reason"])
    return answer(placement)
