"""Offline work on a phone: the pack of the next days' visits, and the entries sent back.

Used by the page "Visits on this phone" with the session cookie (writes carry X-CSRFToken;
``session`` gives the page a fresh token after a new login). Caseworkers only: the pack
and the entries are their own cases (``offline.services``).
"""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from reintegration.accounts.models import Role
from reintegration.api.auth import roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.errors import ApiError
from reintegration.api.schemas.common import NoBodySchema
from reintegration.api.schemas.offline import (
    EntryBodySchema,
    EntryResultSchema,
    PackSchema,
    SessionSchema,
)
from reintegration.casework.services.contacts import ContactData
from reintegration.core.database import commit_keeping_loaded
from reintegration.extensions import db
from reintegration.offline.models import EntryKind
from reintegration.offline.services import pack, sync

blp = ApiBlueprint(
    "api_offline",
    __name__,
    path="/offline",
    tag="Offline work",
    description="The visits a caseworker's phone keeps, and the entries it sends back.",
)


@blp.route("/session", methods=["GET"])
@roles_allowed(Role.CASEWORKER)
@blp.response(200, SessionSchema)
def session_state():
    """Who is signed in, with a CSRF token for the page's writes (new at each login)"""
    return {"user_id": current_user.id, "csrf_token": generate_csrf()}


@blp.route("/pack", methods=["POST"])
@roles_allowed(Role.CASEWORKER)
@blp.arguments(NoBodySchema)
@blp.response(200, PackSchema)
def prepare(_body: dict):
    """The visits of the next 7 days, with only what a visit needs (audited)"""
    result = pack.prepare(current_user)
    db.session.commit()
    return result


def entry_of(body: dict) -> sync.Entry:
    contact = body["contact"] if body["kind"] == EntryKind.CONTACT else None
    done = body["follow_up"] if body["kind"] == EntryKind.FOLLOW_UP_DONE else None
    payload = {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in (contact or done).items()
    }
    payload["kind"] = payload["kind"].value if "kind" in payload else None
    return sync.Entry(
        key=body["key"],
        kind=body["kind"],
        case_id=body["case_id"],
        based_on=body["based_on"],
        visited_at=body["visited_at"],
        contact=ContactData(
            kind=contact["kind"],
            contact_on=contact["contact_on"],
            participants=contact["participants"],
            what_happened=contact["what_happened"],
            next_steps=contact["next_steps"],
        )
        if contact
        else None,
        follow_up_id=(contact or {}).get("follow_up_id") or (done or {}).get("follow_up_id"),
        done_on=done["done_on"] if done else None,
        outcome=done["outcome"] if done else None,
        payload={key: value for key, value in payload.items() if value is not None},
    )


def _refusal(error: Exception) -> ApiError:
    if isinstance(error, sync.Conflict):
        return ApiError(
            409,
            "changed_meanwhile",
            _l("The case changed since this phone kept it: look at what changed, then choose."),
            changes=error.changes,
            current=error.current,
        )
    if isinstance(error, sync.KeyTaken):
        return ApiError(409, "key_used", _l("This entry's key was used by another account."))
    return ApiError(
        404,
        "out_of_scope",
        _l(
            "This case is no longer yours (transferred, assigned to someone else or outside "
            "your communes): the entry can be handed to the province officer."
        ),
    )


@blp.route("/entries", methods=["POST"])
@roles_allowed(Role.CASEWORKER)
@blp.arguments(EntryBodySchema)
@blp.response(201, EntryResultSchema)
def send_entry(body: dict):
    """Record one entry made offline, once (201; a replay of its key: 200, nothing added)

    Refused with nothing recorded: 409 ``changed_meanwhile`` (the case, its goals or the
    follow-up changed since the phone's copy: ``changes`` says how, ``current`` is the
    version to send to keep the entry), 404 ``out_of_scope``, 422 (the contact form's checks).
    """
    entry = entry_of(body)
    try:
        kept, replayed = sync.submit(entry, current_user)
    except (sync.Conflict, sync.OutOfScope, sync.KeyTaken) as error:
        db.session.rollback()
        raise _refusal(error) from None
    commit_keeping_loaded()
    return (kept, replayed), 200 if replayed else 201


@blp.route("/handovers", methods=["POST"])
@roles_allowed(Role.CASEWORKER)
@blp.arguments(EntryBodySchema)
@blp.response(201, EntryResultSchema)
def hand_over(body: dict):
    """Hand an entry for a case no longer yours to the province officer (kept, notified)"""
    try:
        kept, replayed = sync.hand_over(entry_of(body), current_user)
    except (sync.OutOfScope, sync.KeyTaken) as error:
        db.session.rollback()
        raise _refusal(error) from None
    commit_keeping_loaded()
    return (kept, replayed), 200 if replayed else 201
