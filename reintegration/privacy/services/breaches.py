"""Personal-data breaches (Law 91/2025): recorded by administrators, with the deadline to
notify the authority in charge of personal data protection (72 hours from the discovery,
REINTEGRATION_BREACH_NOTIFICATION_HOURS) kept on the record and counted down.

Whose data is told as counts, categories and case numbers: the administrators, who never
read person files, do not need names, and a breach record must not become one more copy of
the data it is about. Every record and change is audited (the fields changed, not their
text).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_instant
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.privacy.models import BreachDataCategory, DataBreach

CASE_NUMBER_SEPARATORS = re.compile(r"[\s,;]+")
MAX_CASE_NUMBERS = 1000  # past that, give the count and the categories instead


@dataclass
class BreachData:
    """What the administrator types; the same for a new record and a change."""

    discovered_at: datetime
    description: str
    actions_taken: str
    data_categories: list[str] = field(default_factory=list)
    people_affected: int | None = None
    case_numbers: str = ""
    authority_notified_at: datetime | None = None
    authority_reference: str | None = None
    late_reason: str | None = None


def notification_hours() -> int:
    return current_app.config["BREACH_NOTIFICATION_HOURS"]


def reminder_hours() -> int:
    return current_app.config["BREACH_REMINDER_HOURS"]


def parse_case_numbers(text: str | None) -> list[int]:
    """ "12, 15; 17 18" → [12, 15, 17, 18]. Each must be a case on file (a typing error
    would point the notice at someone else); anything else is refused by name."""
    tokens = [token.lstrip("#") for token in CASE_NUMBER_SEPARATORS.split(text or "") if token]
    wrong = [token for token in tokens if not token.isdigit() or len(token) > 12]
    if wrong:
        raise DomainError(
            _("Not a case number: %(values)s.", values=", ".join(wrong[:5])), field="case_numbers"
        )
    numbers = sorted({int(token) for token in tokens})
    if len(numbers) > MAX_CASE_NUMBERS:
        raise DomainError(
            _(
                "More than %(count)s case numbers: give the number of people affected instead.",
                count=MAX_CASE_NUMBERS,
            ),
            field="case_numbers",
        )
    known = set(db.session.scalars(select(Case.id).where(Case.id.in_(numbers or [0]))))
    unknown = [str(number) for number in numbers if number not in known]
    if unknown:
        raise DomainError(
            _("No case has the number: %(values)s.", values=", ".join(unknown[:5])),
            field="case_numbers",
        )
    return numbers


def _required(value: str | None, message: str, name: str) -> str:
    value = nfc(value or "")
    if not value:
        raise DomainError(message, field=name)
    return value


def _clean(data: BreachData, now: datetime) -> dict:
    if data.discovered_at > now:
        raise DomainError(_("The discovery cannot be in the future."), field="discovered_on")
    categories = list(dict.fromkeys(data.data_categories or []))
    if not categories:
        raise DomainError(_("Say what kind of data was touched."), field="data_categories")
    for value in categories:
        BreachDataCategory(value)  # an unknown value is a programming error
    if data.people_affected is not None and data.people_affected < 0:
        raise DomainError(_("The number cannot be negative."), field="people_affected")
    values = {
        "discovered_at": data.discovered_at,
        "notify_by": data.discovered_at + timedelta(hours=notification_hours()),
        "description": _required(data.description, _("Say what happened."), "description"),
        "actions_taken": _required(
            data.actions_taken, _("Say what was done to contain it."), "actions_taken"
        ),
        "data_categories": categories,
        "people_affected": data.people_affected,
        "case_numbers": parse_case_numbers(data.case_numbers),
        "authority_notified_at": data.authority_notified_at,
        "authority_reference": nfc(data.authority_reference or "") or None,
        "late_reason": nfc(data.late_reason or "") or None,
    }
    notified = data.authority_notified_at
    if notified is not None:
        if notified > now:
            raise DomainError(_("The notice cannot be in the future."), field="notified_on")
        if notified < data.discovered_at:
            raise DomainError(
                _("The authority cannot be notified before the breach was found."),
                field="notified_on",
            )
        if notified > values["notify_by"] and not values["late_reason"]:
            raise DomainError(
                _(
                    "The notice came after the deadline of %(deadline)s: the law asks for "
                    "the reason of the delay.",
                    deadline=format_instant(values["notify_by"]),
                ),
                field="late_reason",
            )
    else:
        values["authority_reference"] = None
    if notified is None or notified <= values["notify_by"]:
        values["late_reason"] = None
    return values


def record_breach(data: BreachData, actor: User, *, now: datetime | None = None) -> DataBreach:
    values = _clean(data, now or now_utc())
    breach = DataBreach(recorded_by_id=actor.id, **values)
    db.session.add(breach)
    db.session.flush()
    audit.record(
        "data_breach_recorded",
        breach,
        user=actor,
        detail={
            "discovered_at": breach.discovered_at.isoformat(),
            "notify_by": breach.notify_by.isoformat(),
            "data_categories": breach.data_categories,
            "people_affected": breach.people_affected,
            "cases": len(breach.case_numbers),
        },
    )
    return breach


def update_breach(
    breach: DataBreach,
    data: BreachData,
    actor: User,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> list[str]:
    """Change a record (the notice to the authority is usually added this way). Returns
    the fields changed; a save based on an older version is refused."""
    if breach.version != expected_version:
        raise DomainError(
            _(
                "Someone else saved this record after you opened it. Your changes were not "
                "saved: compare them with what changed, then save again."
            ),
            code="conflict",
        )
    values = _clean(data, now or now_utc())
    changed = [name for name, value in values.items() if getattr(breach, name) != value]
    for name in changed:
        setattr(breach, name, values[name])
    if changed:
        db.session.flush()
        audit.record(
            "data_breach_updated",
            breach,
            user=actor,
            detail={"fields": changed, "notify_by": breach.notify_by.isoformat()},
        )
    return changed


def data_of(breach: DataBreach) -> BreachData:
    """The record as the form edits it."""
    return BreachData(
        discovered_at=breach.discovered_at,
        description=breach.description,
        actions_taken=breach.actions_taken,
        data_categories=list(breach.data_categories),
        people_affected=breach.people_affected,
        case_numbers=", ".join(str(n) for n in breach.case_numbers),
        authority_notified_at=breach.authority_notified_at,
        authority_reference=breach.authority_reference,
        late_reason=breach.late_reason,
    )


def breaches_query() -> Select:
    """Those still to notify first, the nearest deadline first; then the newest."""
    return select(DataBreach).order_by(
        DataBreach.authority_notified_at.is_not(None),
        DataBreach.notify_by,
        DataBreach.id.desc(),
    )


def to_remind(now: datetime) -> list[DataBreach]:
    """Not yet notified, and within the reminder hours of the deadline (or past it)."""
    soon = now + timedelta(hours=reminder_hours())
    return list(
        db.session.scalars(
            select(DataBreach)
            .where(DataBreach.authority_notified_at.is_(None), DataBreach.notify_by <= soon)
            .order_by(DataBreach.notify_by, DataBreach.id)
        )
    )


@dataclass(frozen=True)
class Countdown:
    state: str  # "running", "overdue", "notified_in_time", "notified_late"
    hours: int
    minutes: int


def countdown(breach: DataBreach, now: datetime) -> Countdown:
    """What the page shows: the time left, or how late, or how the notice went."""
    if breach.authority_notified_at is not None:
        state = "notified_in_time" if breach.notified_in_time else "notified_late"
        return Countdown(state, 0, 0)
    seconds = int((breach.notify_by - now).total_seconds())
    state = "running" if seconds > 0 else "overdue"
    minutes = abs(seconds) // 60
    return Countdown(state, minutes // 60, minutes % 60)
