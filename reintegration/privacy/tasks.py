"""The retention job: anonymise the people whose cases closed longer ago than the
retention period. Safe to run twice: an anonymised person is not due any more."""

from datetime import date

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.models import Person
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
