"""Training and employment records for the API tests, made through the services as the
province officer of Hà Nội would make them."""

from datetime import date

from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.employment.models import Employer
from reintegration.employment.services import employers
from reintegration.extensions import db
from reintegration.training.models import CourseLevel, ProviderKind, TrainingProvider
from reintegration.training.services import catalogue


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def make_course(officer: str, commune_code: int, **overrides) -> int:
    """A welding course taught in ``commune_code`` by a new provider (inside an app
    context); its id."""
    actor = user(officer)
    provider = db.session.scalar(
        select(TrainingProvider).where(TrainingProvider.province_code == actor.province_code)
    ) or catalogue.create_provider(
        actor, name="Trường Trung cấp nghề Hà Nội", kind=ProviderKind.VOCATIONAL_SCHOOL
    )
    values = {
        "title": "Hàn điện cơ bản",
        "trade_code": "welding",
        "level": CourseLevel.ELEMENTARY,
        "commune_code": commune_code,
        "starts_on": date(2030, 4, 1),
        "ends_on": date(2030, 6, 30),
        "seats": 10,
        "cost": 3_000_000,
    }
    values.update(overrides)
    return catalogue.create_course(provider, catalogue.CourseData(**values), actor).id


def make_opening(officer: str, commune_code: int, **overrides) -> int:
    """An opening for welders in ``commune_code`` with a new or the province's employer
    (inside an app context); its id."""
    actor = user(officer)
    employer = db.session.scalar(
        select(Employer).where(Employer.province_code == actor.province_code)
    ) or employers.create_employer(
        employers.EmployerData(
            name="Công ty TNHH Cơ khí Đông Anh",
            tax_code=f"01{commune_code:08d}"[-10:],
            commune_code=commune_code,
        ),
        actor,
    )
    values = {
        "title": "Thợ hàn",
        "trade_code": "welding",
        "seats": 2,
        "commune_code": commune_code,
        "starts_on": date(2030, 4, 1),
        "wage": 8_000_000,
    }
    values.update(overrides)
    return employers.create_opening(employer, employers.OpeningData(**values), actor).id
