"""The privacy jobs: anonymise the people whose cases closed longer ago than the retention
period (safe to run twice: an anonymised person is not due any more); remind the
administrators of a breach's deadline to notify the authority (once per deadline, kind and
person)."""

from datetime import date, datetime

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.core.clock import now_utc, today_local
from reintegration.core.i18n import N_, format_instant
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Person
from reintegration.privacy.models import DataBreach
from reintegration.privacy.services.breaches import to_remind
from reintegration.privacy.services.retention import (
    anonymise_person,
    people_due,
    retention_months,
)


def anonymise_expired_cases(today: date | None = None) -> int:
    """Returns how many people were anonymised. Each person is its own transaction; the
    loan document files go only after it is committed. A retention period of 0 months
    (or less) turns the job off."""
    today = today or today_local()
    months = retention_months()
    if months <= 0:
        return 0
    due = db.session.execute(people_due(today, months)).all()
    for person_id, last_closed_on in due:
        person = db.session.get(Person, person_id)
        outcome = anonymise_person(person, last_closed_on=last_closed_on, months=months)
        db.session.commit()
        for path in outcome.files:
            path.unlink(missing_ok=True)
    return len(due)


BREACH_DUE_SOON = N_(
    "Data breach no. %(id)s: notify the authority in charge of personal data protection by "
    "%(deadline)s."
)
BREACH_OVERDUE = N_(
    "Data breach no. %(id)s: the deadline to notify the authority passed at %(deadline)s. "
    "Notify it now and record the reason of the delay."
)


def breach_link(breach: DataBreach) -> str:
    return path_for("privacy.breach", breach_id=breach.id)


def remind_breach_deadlines(now: datetime | None = None) -> int:
    """Tell every active administrator of each breach not yet notified to the authority:
    once when its deadline is within the reminder hours, once when it has passed. Returns
    the notices sent."""
    now = now or now_utc()
    admins = list(
        db.session.scalars(
            select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id)
        )
    )
    sent = 0
    for breach in to_remind(now):
        late = breach.notify_by <= now
        kind = "data_breach_overdue" if late else "data_breach_due"
        params = {"id": breach.id, "deadline": format_instant(breach.notify_by)}
        sent += notify(
            admins,
            kind,
            BREACH_OVERDUE if late else BREACH_DUE_SOON,
            subject=Subject.of(breach),
            step=breach.notify_by.isoformat(),
            params=params,
            link=breach_link(breach),
        )
    db.session.commit()
    return sent
