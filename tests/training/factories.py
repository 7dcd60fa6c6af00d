"""Training test data made through the services (inside an app context)."""

from datetime import date, timedelta

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.training.models import Course, CourseLevel, TrainingProvider
from reintegration.training.services import catalogue
from tests.employment.conftest import user


def upcoming(days: int) -> date:
    """A day ``days`` from today: the pages work with the real date."""
    return today_local() + timedelta(days=days)


def make_course(
    job_partners, *, provider_id: int | None = None, officer: str | None = None, **overrides
) -> Course:
    """A welding course in commune X of Hà Nội starting in two weeks, made by the officer
    (of Hà Nội unless named)."""
    values = {
        "title": "Hàn điện cơ bản",
        "trade_code": "welding",
        "level": CourseLevel.UNDER_3_MONTHS,
        "commune_code": job_partners.hanoi.commune_x,
        "starts_on": upcoming(14),
        "ends_on": upcoming(40),
        "seats": 2,
        "cost": 3_000_000,
    }
    values.update(overrides)
    provider = db.session.get(TrainingProvider, provider_id or job_partners.provider_id)
    course = catalogue.create_course(
        provider, catalogue.CourseData(**values), user(officer or job_partners.hanoi.officer)
    )
    db.session.commit()
    return course
