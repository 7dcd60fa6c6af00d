"""The contact log: recording a contact (which may complete the follow-up it answers),
editing it within 24 hours by its author, and correcting it afterwards with a visible note.

Time is a parameter (``now``, ``today``) so the 24-hour rule is tested without waiting.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from reintegration.accounts.models import User
from reintegration.casework.models import (
    Contact,
    ContactCorrection,
    ContactKind,
    FollowUp,
    FollowUpStatus,
)
from reintegration.casework.services.schedule import complete_follow_up
from reintegration.core import audit
from reintegration.core.clock import LOCAL_TZ, now_utc, today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case

# The contact form offers the case's open follow-ups due up to this many days ahead
# (and every overdue one): a visit a few days early still answers the one it was for.
FOLLOW_UP_WINDOW = timedelta(days=14)
MAX_TEXT = 5000


@dataclass
class ContactData:
    kind: ContactKind
    contact_on: date
    participants: str
    what_happened: str
    next_steps: str | None = None


def check_can_write(case: Case, actor: User) -> None:
    """Writing on a case takes the case's own commune in one's scope (a commune that is
    only being offered the case by a transfer may read it, not write)."""
    if not case.can_edit(actor):
        raise DomainError(
            _("Only the commune that follows this case can change it."), code="forbidden"
        )


def check_open(case: Case) -> None:
    if not case.is_open:
        raise DomainError(_("This case is closed."), code="wrong_state")


def _clean(data: ContactData, today: date) -> ContactData:
    participants = (data.participants or "").strip()
    what_happened = (data.what_happened or "").strip()
    next_steps = (data.next_steps or "").strip() or None
    if data.contact_on > today:
        raise DomainError(_("A contact cannot be dated in the future."), field="contact_on")
    if not participants:
        raise DomainError(_("Say who took part."), field="participants")
    if not what_happened:
        raise DomainError(_("Say what happened."), field="what_happened")
    for name, value in (("participants", participants), ("what_happened", what_happened)):
        if len(value) > MAX_TEXT:
            raise DomainError(_("This text is too long."), field=name)
    return ContactData(data.kind, data.contact_on, participants, what_happened, next_steps)


def open_follow_ups(case: Case, today: date | None = None) -> list[FollowUp]:
    """The follow-ups a contact recorded today may answer: due, and due by the window's end."""
    today = today or today_local()
    return list(
        db.session.scalars(
            select(FollowUp)
            .where(
                FollowUp.case_id == case.id,
                FollowUp.status == FollowUpStatus.DUE,
                FollowUp.due_on <= today + FOLLOW_UP_WINDOW,
            )
            .order_by(FollowUp.due_on, FollowUp.id)
        )
    )


def record_contact(
    case: Case,
    data: ContactData,
    actor: User,
    *,
    follow_up: FollowUp | None = None,
    today: date | None = None,
) -> Contact:
    """Add a contact to the case; with ``follow_up``, the contact completes it."""
    today = today or today_local()
    check_can_write(case, actor)
    check_open(case)
    data = _clean(data, today)
    if follow_up is not None and (
        follow_up.case_id != case.id
        or follow_up.status != FollowUpStatus.DUE
        or follow_up not in open_follow_ups(case, today)
    ):
        raise DomainError(
            _("This follow-up is not open on this case any more."), field="follow_up_id"
        )
    contact = Contact(case_id=case.id, author_id=actor.id, **asdict(data))
    db.session.add(contact)
    db.session.flush()
    audit.record(
        "contact_recorded",
        contact,
        user=actor,
        detail={
            "case_id": case.id,
            "kind": contact.kind.value,
            "follow_up_id": follow_up.id if follow_up else None,
        },
    )
    if follow_up is not None:
        complete_follow_up(
            follow_up,
            done_on=contact.contact_on,
            outcome=contact.what_happened,
            contact_id=contact.id,
            actor=actor,
            today=today,
        )
    return contact


def edit_contact(
    contact: Contact, data: ContactData, actor: User, *, now: datetime | None = None
) -> list[str]:
    """The author's edit within 24 hours of recording. Returns the fields that changed."""
    now = now or now_utc()
    check_can_write(contact.case, actor)
    if contact.author_id != actor.id:
        raise DomainError(
            _("Only the person who recorded a contact can edit it."), code="forbidden"
        )
    if not contact.can_edit(actor, now):
        raise DomainError(
            _(
                "A contact can be edited only in the 24 hours after it was recorded. "
                "Add a correction note instead."
            ),
            code="fixed",
        )
    data = _clean(data, now.astimezone(LOCAL_TZ).date())
    changed = [name for name, value in asdict(data).items() if getattr(contact, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(contact, name, getattr(data, name))
    contact.edited_at = now
    db.session.flush()
    audit.record(
        "contact_edited",
        contact,
        user=actor,
        detail={"case_id": contact.case_id, "fields": changed},
    )
    return changed


def correct_contact(contact: Contact, note: str, actor: User) -> ContactCorrection:
    """A visible correction under the contact; the contact's own text stays as it was."""
    check_can_write(contact.case, actor)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Write the correction."), field="note")
    if len(note) > MAX_TEXT:
        raise DomainError(_("This text is too long."), field="note")
    correction = ContactCorrection(contact_id=contact.id, note=note, author_id=actor.id)
    db.session.add(correction)
    db.session.flush()
    audit.record(
        "contact_corrected",
        contact,
        user=actor,
        detail={"case_id": contact.case_id, "correction_id": correction.id},
    )
    return correction


def contacts_query(case: Case) -> Select:
    """The case's contacts, newest first, with their corrections and authors."""
    return (
        select(Contact)
        .where(Contact.case_id == case.id)
        .options(
            selectinload(Contact.author),
            selectinload(Contact.corrections).selectinload(ContactCorrection.author),
        )
        .order_by(Contact.contact_on.desc(), Contact.id.desc())
    )


def find_contact(case: Case, contact_id: int) -> Contact | None:
    """A contact of this (already scope-checked) case."""
    return db.session.scalar(
        select(Contact).where(Contact.id == contact_id, Contact.case_id == case.id)
    )
