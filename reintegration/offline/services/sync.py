"""Entries recorded offline, sent back one at a time in the order they were made.

- **Once.** Each entry carries an idempotency key drawn on the phone. The key is claimed in
  the same transaction as the work (a unique column): an entry sent again after a lost
  answer finds its key and is answered with the first result, recording nothing.
- **What changed meanwhile.** Each entry carries the versions the phone had (``pack.stamp``).
  When the case, its open goals or the follow-up have changed since, nothing is recorded:
  the entry comes back as a ``Conflict`` listing each change with what is there now, for
  the caseworker to keep (send it again, based on the versions now), change or drop.
- **Scope.** A case no longer the caseworker's (another commune, a colleague's, gone)
  cannot be written: ``OutOfScope``. Such an entry may be handed to the province officer
  (``hand_over``), kept with what was typed, and nothing is written on the case.
- The contact and the follow-up go through the casework services, with the checks of the
  online forms.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reintegration.accounts.models import User
from reintegration.casework.models import FollowUp, FollowUpStatus
from reintegration.casework.services import contacts, schedule
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_, format_day
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.offline.models import EntryKind, EntryStatus, OfflineEntry
from reintegration.offline.services import pack
from reintegration.people.models import Case, CaseStatus


@dataclass
class Entry:
    """One entry as the phone sends it."""

    key: str
    kind: EntryKind
    case_id: int
    based_on: dict[str, Any]
    visited_at: datetime
    contact: contacts.ContactData | None = None
    follow_up_id: int | None = None  # the one done, or the one the contact answers
    done_on: date | None = None
    outcome: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


class Conflict(Exception):
    """The case changed since the phone's copy: ``changes`` says how, ``current`` is the
    version to base the entry on if the caseworker keeps it."""

    def __init__(self, changes: list[dict[str, Any]], current: dict[str, Any]):
        super().__init__("conflict")
        self.changes = changes
        self.current = current


class OutOfScope(Exception):
    """The case is no longer this caseworker's: the entry can only be handed over."""


class KeyTaken(Exception):
    """The key was used by another account (a phone cannot replay someone else's entry)."""


def find_entry(key: str) -> OfflineEntry | None:
    return db.session.scalar(select(OfflineEntry).where(OfflineEntry.key == key))


def _previous(key: str, user: User) -> OfflineEntry | None:
    earlier = find_entry(key)
    if earlier is not None and earlier.user_id != user.id:
        raise KeyTaken(key)
    return earlier


def case_for(case_id: int, user: User) -> Case:
    case = db.session.get(Case, case_id)
    if case is None or not pack.can_keep_offline(case, user):
        raise OutOfScope(case_id)
    return case


def _follow_up(case: Case, follow_up_id: int | None) -> FollowUp | None:
    if follow_up_id is None:
        return None
    follow_up = schedule.find_follow_up(case, follow_up_id)
    if follow_up is None:
        raise DomainError(_("Not a valid choice."), field="follow_up_id")
    return follow_up


def _case_now(case: Case) -> dict[str, Any]:
    person = case.person
    return {
        "name": person.full_name,
        "address": pack.address_of(person),
        "commune": case.commune.name,
        "phone": person.phone or "",
        "relative": person.family_contact or "",
        "status": case.status.label,
    }


def changes_since(entry: Entry, case: Case, follow_up: FollowUp | None) -> list[dict[str, Any]]:
    """What differs between the phone's versions and the case now, each with its words."""
    based_on = entry.based_on
    changes: list[dict[str, Any]] = []
    if case.status == CaseStatus.CLOSED:
        changes.append({
            "what": "case_closed",
            "label": _("The case was closed on %(day)s.", day=format_day(case.closed_on)),
            "now": _case_now(case),
        })  # fmt: skip
    elif based_on.get("commune") != case.commune_code:
        changes.append({
            "what": "case_transferred",
            "label": _("The case was transferred to %(commune)s.", commune=case.commune.name),
            "now": _case_now(case),
        })  # fmt: skip
    elif based_on.get("case") != case.version:
        changes.append({
            "what": "case_changed",
            "label": _("The case file was changed by someone else."),
            "now": _case_now(case),
        })  # fmt: skip
    goals = pack.open_goals(case)
    if based_on.get("goals") != pack.goals_stamp(goals):
        changes.append({
            "what": "goals_changed",
            "label": _("The plan's goals were changed."),
            "now": {"goals": [pack.goal_view(g) for g in goals]},
        })  # fmt: skip
    if follow_up is not None and follow_up.status != FollowUpStatus.DUE:
        done_by = follow_up.done_by.full_name if follow_up.done_by else ""
        changes.append({
            "what": "follow_up_closed",
            "label": _(
                "This follow-up is %(status)s already.", status=follow_up.status.label.lower()
            ),
            "now": {
                "follow_up_id": follow_up.id,
                "status": follow_up.status.label,
                "done_on": follow_up.done_on.isoformat() if follow_up.done_on else None,
                "done_by": done_by,
                "outcome": follow_up.outcome or "",
            },
        })  # fmt: skip
    return changes


def submit(entry: Entry, user: User) -> tuple[OfflineEntry, bool]:
    """Record ``entry`` once. Returns (the kept entry, whether it was a replay). Raises
    Conflict, OutOfScope, KeyTaken or DomainError (a check of the casework services); then
    nothing is written."""
    earlier = _previous(entry.key, user)
    if earlier is not None:
        return earlier, True
    case = case_for(entry.case_id, user)
    follow_up = _follow_up(case, entry.follow_up_id)
    if entry.kind == EntryKind.FOLLOW_UP_DONE and follow_up is None:
        raise DomainError(_("Choose the follow-up that was done."), field="follow_up_id")
    changes = changes_since(entry, case, follow_up)
    if changes:
        raise Conflict(changes, pack.stamp(case))
    kept = OfflineEntry(
        key=entry.key,
        user_id=user.id,
        case_id=case.id,
        kind=entry.kind,
        status=EntryStatus.ACCEPTED,
        visited_at=entry.visited_at,
        based_on=entry.based_on,
        payload=entry.payload,
        follow_up_id=follow_up.id if follow_up else None,
    )
    db.session.add(kept)
    try:
        db.session.flush()
    except IntegrityError:
        # The same entry, sent twice at the same instant: the first one got there.
        db.session.rollback()
        earlier = _previous(entry.key, user)
        if earlier is None:
            raise
        return earlier, True
    if entry.kind == EntryKind.CONTACT:
        contact = contacts.record_contact(case, entry.contact, user, follow_up=follow_up)
        kept.contact_id = contact.id
    else:
        schedule.complete_follow_up(
            follow_up, done_on=entry.done_on, outcome=entry.outcome, actor=user
        )
    db.session.flush()
    return kept, False


HANDED_OVER = N_(
    "%(actor)s could not send an entry made offline for case no. %(case)s, no longer "
    "theirs: it is handed to you."
)


def caseworker_province(user: User) -> int | None:
    """The province whose officers supervise a caseworker (that of their communes)."""
    return user.communes[0].province_code if user.communes else user.province_code


def hand_over(entry: Entry, user: User) -> tuple[OfflineEntry, bool]:
    """Keep an entry for a case that is no longer the caseworker's and tell the officers
    of their province, who read it on their page of handed-over entries; nothing is
    written on the case. Returns (the kept entry, whether it was a replay)."""
    earlier = _previous(entry.key, user)
    if earlier is not None:
        return earlier, True
    case = db.session.get(Case, entry.case_id)
    if case is not None and pack.can_keep_offline(case, user):
        raise DomainError(
            _("This case is still yours: send the entry instead."), code="wrong_state"
        )
    # Only a case the phone kept can have entries waiting on it.
    if case is None or not pack.kept_recently(user, case.id):
        raise OutOfScope(entry.case_id)
    province = caseworker_province(user)
    kept = OfflineEntry(
        key=entry.key,
        user_id=user.id,
        case_id=case.id,
        kind=entry.kind,
        status=EntryStatus.HANDED_OVER,
        visited_at=entry.visited_at,
        based_on=entry.based_on,
        payload=entry.payload,
        province_code=province,
    )
    db.session.add(kept)
    db.session.flush()
    audit.record(
        "offline_entry_handed_over",
        case,
        user=user,
        detail={"kind": entry.kind.value, "visited_at": entry.visited_at.isoformat()},
    )
    if province is not None:
        notify(
            recipients.province_officers(province),
            "offline_entry_handed_over",
            HANDED_OVER,
            subject=Subject.of(case),
            step=f"handed_over:{kept.id}",
            params={"actor": user.full_name, "case": case.id},
            link=path_for("offline.handed_over"),
            actor=user,
        )
    return kept, False


def handed_over_query(officer: User):
    """The entries handed to ``officer``'s province, newest first."""
    return (
        select(OfflineEntry)
        .where(
            OfflineEntry.status == EntryStatus.HANDED_OVER,
            OfflineEntry.province_code == officer.province_code,
        )
        .order_by(OfflineEntry.received_at.desc(), OfflineEntry.id.desc())
    )
