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
from reintegration.api.cases import CASE, case_or_404, user_ref
from reintegration.api.errors import ApiError
from reintegration.api.http import not_found, paged
from reintegration.api.schemas.casework import (
    ContactBodySchema,
    ContactPageSchema,
    ContactSchema,
    FollowUpDoneBodySchema,
    FollowUpSchema,
    ScheduleSchema,
)
from reintegration.api.schemas.common import MAX_ID, PageArgsSchema
from reintegration.casework.models import Contact, FollowUp
from reintegration.casework.services import contacts, schedule
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.services.case_file import record_case_view

blp = ApiBlueprint(
    "api_casework",
    __name__,
    path="/cases",
    tag="Contacts and follow-ups",
    description="A case's contact log and its follow-up schedule.",
)


def contact_view(contact: Contact) -> dict:
    return {
        "id": contact.id,
        "kind": contact.kind,
        "contact_on": contact.contact_on,
        "participants": contact.participants,
        "what_happened": contact.what_happened,
        "next_steps": contact.next_steps,
        "author": user_ref(contact.author),
        "created_at": contact.created_at,
        "edited_at": contact.edited_at,
        "corrections": [
            {"note": c.note, "author": user_ref(c.author), "created_at": c.created_at}
            for c in contact.corrections
        ],
    }


def follow_up_view(follow_up: FollowUp, today) -> dict:
    return {
        "id": follow_up.id,
        "due_on": follow_up.due_on,
        "kind": follow_up.kind,
        "status": follow_up.status,
        "overdue": follow_up.is_overdue(today),
        "generated": follow_up.generated,
        "outcome": follow_up.outcome,
        "done_on": follow_up.done_on,
        "done_by": user_ref(follow_up.done_by),
        "contact_id": follow_up.contact_id,
        "note": follow_up.note,
    }


@blp.route(CASE + "/contacts", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ContactPageSchema)
def list_contacts(args: dict, case_id: int):
    """The case's contacts, newest first, with their corrections"""
    case = case_or_404(case_id)
    found = db.paginate(
        contacts.contacts_query(case),
        page=args["page"],
        per_page=args["per_page"],
        max_per_page=100,
        error_out=False,
    )
    record_case_view(case, current_user, "api:contacts")
    items = [contact_view(contact) for contact in found.items]
    db.session.commit()
    return paged(items, page=args["page"], per_page=args["per_page"], total=found.total)


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
    view = contact_view(contact)
    db.session.commit()
    return view, 201, {"Location": url_for(".list_contacts", case_id=case.id)}


@blp.route(CASE + "/follow-ups", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, ScheduleSchema)
def list_follow_ups(case_id: int):
    """The case's follow-ups: those due (overdue first) and those past"""
    case = case_or_404(case_id)
    plan = schedule.case_schedule(case)
    record_case_view(case, current_user, "api:follow_ups")
    view = {
        "today": plan.today,
        "open": [follow_up_view(f, plan.today) for f in plan.open],
        "past": [follow_up_view(f, plan.today) for f in plan.past],
    }
    db.session.commit()
    return view


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
    view = follow_up_view(follow_up, today_local())
    db.session.commit()
    return view
