"""Factories for test data (factory_boy), flushed into the test's session."""

import factory
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import select

from reintegration.accounts.auth import hash_password
from reintegration.accounts.models import Organisation, Role, User
from reintegration.extensions import db
from reintegration.geo.models import Commune

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
