"""Contacts and follow-ups of a case: read them, record a contact, mark a follow-up done.

The casework services and the case file's scope: a case waiting to be transferred into the
user's communes may be read, only the case's own commune writes. Each read is audited as
a view of the case file (sections "api:contacts", "api:follow_ups"), as the tabs are.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.cases import CASE, case_or_404
from reintegration.api.errors import ApiError
from reintegration.api.http import not_found, paged_query
from reintegration.api.schemas.casework import (
    ContactBodySchema,
    ContactPageSchema,
    ContactSchema,
    FollowUpDoneBodySchema,
    FollowUpSchema,
    ScheduleSchema,
)
from reintegration.api.schemas.common import MAX_ID, PageArgsSchema
from reintegration.casework.services import contacts, schedule
from reintegration.core.database import commit_keeping_loaded
from reintegration.people.services.case_file import record_case_view

blp = ApiBlueprint(
    "api_casework",
    __name__,
    path="/cases",
    tag="Contacts and follow-ups",
    description="A case's contact log and its follow-up schedule.",
)


@blp.route(CASE + "/contacts", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ContactPageSchema)
def list_contacts(args: dict, case_id: int):
    """The case's contacts, newest first, with their corrections"""
    case = case_or_404(case_id)
    record_case_view(case, current_user, "api:contacts")
    commit_keeping_loaded()
    return paged_query(contacts.contacts_query(case), args)


@blp.route(CASE + "/contacts", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(ContactBodySchema)
@blp.response(201, ContactSchema)
def record_contact(body: dict, case_id: int):
    """Record a contact (it may complete the open follow-up it answers)"""
    case = case_or_404(case_id)
    follow_up = None
    if body["follow_up_id"] is not None:
        follow_up = schedule.find_follow_up(case, body["follow_up_id"])
        if follow_up is None:
            raise ApiError(422, "invalid_choice", _l("Not a valid choice."), field="follow_up_id")
    contact = contacts.record_contact(
        case,
        contacts.ContactData(
            kind=body["kind"],
            contact_on=body["contact_on"],
            participants=body["participants"],
            what_happened=body["what_happened"],
            next_steps=body["next_steps"],
        ),
        current_user,
        follow_up=follow_up,
    )
    commit_keeping_loaded()
    return contact, 201, {"Location": url_for(".list_contacts", case_id=case.id)}


@blp.route(CASE + "/follow-ups", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, ScheduleSchema)
def list_follow_ups(case_id: int):
    """The case's follow-ups: those due (overdue first) and those past"""
    case = case_or_404(case_id)
    plan = schedule.case_schedule(case)
    record_case_view(case, current_user, "api:follow_ups")
    commit_keeping_loaded()
    return plan


@blp.route(CASE + f"/follow-ups/<int(min=1, max={MAX_ID}):follow_up_id>/done", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(FollowUpDoneBodySchema)
@blp.response(200, FollowUpSchema)
def mark_done(body: dict, case_id: int, follow_up_id: int):
    """Record that a follow-up was done, and what came of it

    Only a follow-up still due: done twice is refused (409), so no version is needed.
    """
    case = case_or_404(case_id)
    follow_up = schedule.find_follow_up(case, follow_up_id)
    if follow_up is None:
        raise not_found()
    schedule.complete_follow_up(
        follow_up, done_on=body["done_on"], outcome=body["outcome"], actor=current_user
    )
    commit_keeping_loaded()
    return follow_up
