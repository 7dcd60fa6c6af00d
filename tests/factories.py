"""Factories for test data (factory_boy), flushed into the test's session."""

from datetime import date

import factory
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import select

from reintegration.accounts.auth import hash_password
from reintegration.accounts.models import Organisation, Role, User
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import (
    Case,
    CaseStatus,
    OffenceGroup,
    Person,
    Release,
    ReleaseType,
    Sex,
)

DEFAULT_PASSWORD = "correct-horse-battery"

# Reference communes the tests use (loaded from the official list): two in Hà Nội, one in Huế.
HA_NOI = 1
HUE = 46


def commune(code: int) -> Commune:
    return db.session.get(Commune, code)


def communes_of(province_code: int, count: int = 2) -> list[Commune]:
    return list(
        db.session.scalars(
            select(Commune)
            .where(Commune.province_code == province_code)
            .order_by(Commune.code)
            .limit(count)
        )
    )


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(BaseFactory):
    """``UserFactory(role=Role.CASEWORKER)`` gets the scope its role needs in Hà Nội."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password_hash = factory.LazyFunction(lambda: hash_password(DEFAULT_PASSWORD))
    role = Role.CASEWORKER
    locale = "vi"
    active = True

    @factory.lazy_attribute
    def province_code(self):
        if self.role == Role.ADMIN:
            return None
        return HA_NOI

    @factory.lazy_attribute
    def organisation(self):
        return Organisation.WOMENS_UNION if self.role == Role.UNION_REVIEWER else None

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if extracted is not None:
            self.communes = [commune(c) if isinstance(c, int) else c for c in extracted]
        elif self.role == Role.CASEWORKER:
            self.communes = communes_of(self.province_code, 1)


class PersonFactory(BaseFactory):
    """A person (the model keeps its folded search fields)."""

    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    birth_year = 1985
    sex = Sex.MALE
    nationality = "VN"


class ReleaseFactory(BaseFactory):
    class Meta:
        model = Release

    person = factory.SubFactory(PersonFactory)
    release_type = ReleaseType.SENTENCE_COMPLETED
    release_date = date(2025, 9, 1)
    detention_facility = "Trại giam Ninh Khánh"
    offence_group = OffenceGroup.PROPERTY
    sentence_months = 36
    served_months = 30


class CaseFactory(BaseFactory):
    """A case in the first commune of Hà Nội unless ``commune_code`` says otherwise."""

    class Meta:
        model = Case

    person = factory.SubFactory(PersonFactory)
    release = factory.SubFactory(ReleaseFactory, person=factory.SelfAttribute("..person"))
    commune_code = factory.LazyFunction(lambda: communes_of(HA_NOI, 1)[0].code)
    status = CaseStatus.ACTIVE
    received_on = date(2025, 9, 3)
