"""Employment fixtures: an employer in commune X of Hà Nội and helpers that make people
with a work profile, completed training and releases, through the services."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.employment.models import Availability
from reintegration.employment.services import employers, profiles
from reintegration.extensions import db
from reintegration.people.models import Case, Classification, OffenceGroup
from reintegration.training.models import CourseLevel, ProviderKind
from reintegration.training.services import catalogue, placements
from tests.conftest import Hanoi
from tests.factories import HUE, CaseFactory, PersonFactory, ReleaseFactory, communes_of

TODAY = date(2026, 3, 2)


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@dataclass
class JobPartners:
    hanoi: Hanoi
    hue_commune: int
    employer_id: int
    provider_id: int
    # A caseworker covering commune X of Hà Nội and one commune of Huế.
    wide_caseworker: str
    hue_officer: str


@pytest.fixture
def job_partners(app, hanoi, make_user) -> JobPartners:
    """The partners of the jobs and training work in Hà Nội: an employer in commune X that
    takes people with a record, a vocational school; with a caseworker covering commune X
    and one commune of Huế, and Huế's province officer."""
    with app.app_context():
        hue_commune = communes_of(HUE, 1)[0].code
    wide = make_user(
        role=Role.CASEWORKER, username="canbo.rong", communes=[hanoi.commune_x, hue_commune]
    )
    hue_officer = make_user(role=Role.PROVINCE_OFFICER, username="tinh.hue", province_code=HUE)
    with app.app_context():
        officer = user(hanoi.officer)
        employer = employers.create_employer(
            employers.EmployerData(
                name="Công ty TNHH Cơ khí Đông Anh",
                tax_code="0101234567",
                commune_code=hanoi.commune_x,
                accepts_records=True,
                agreement_number="12/TT-UBND",
                agreement_signed_on=date(2025, 6, 1),
            ),
            officer,
        )
        provider = catalogue.create_provider(
            officer, name="Trường Trung cấp nghề Hà Nội", kind=ProviderKind.VOCATIONAL_SCHOOL
        )
        db.session.commit()
        return JobPartners(hanoi, hue_commune, employer.id, provider.id, wide, hue_officer)


def make_opening(job_partners: JobPartners, **overrides):
    """An opening for welders in commune X (inside an app context)."""
    from reintegration.employment.models import Employer

    values = {
        "title": "Thợ hàn",
        "trade_code": "welding",
        "seats": 3,
        "commune_code": job_partners.hanoi.commune_x,
        "starts_on": date(2026, 4, 1),
        "wage": 8_000_000,
    }
    values.update(overrides)
    return employers.create_opening(
        db.session.get(Employer, job_partners.employer_id),
        employers.OpeningData(**values),
        user(job_partners.hanoi.officer),
    )


def make_person(
    commune_code: int,
    *,
    name: str,
    interests=(),
    skills=(),
    trained_in: str | None = None,
    against_children: bool = False,
    offence_group: OffenceGroup = OffenceGroup.DRUGS,
    classification: Classification = Classification.B,
    availability: Availability | None = Availability.FULL_TIME,
    preferred_communes=(),
    job_partners: JobPartners | None = None,
) -> Case:
    """A person with an active case in ``commune_code`` (inside an app context)."""
    person = PersonFactory(full_name=name)
    release = ReleaseFactory(
        person=person, offence_against_children=against_children, offence_group=offence_group
    )
    case = CaseFactory(
        person=person, release=release, commune_code=commune_code, classification=classification
    )
    admin_like = actor_for(case)
    if availability is not None:
        profiles.save_profile(
            case,
            profiles.ProfileData(
                interests=list(interests),
                skills=list(skills),
                preferred_communes=list(preferred_communes),
                availability=availability,
            ),
            admin_like,
        )
    if trained_in:
        train(case, trained_in, job_partners)
    return case


def actor_for(case: Case) -> User:
    """The province officer of the case's province."""
    from reintegration.geo.models import Commune

    province = db.session.get(Commune, case.commune_code).province_code
    return user("tinh.hanoi" if province != HUE else "tinh.hue")


def train(case: Case, trade_code: str, job_partners: JobPartners) -> None:
    """A completed course (with a certificate) in ``trade_code`` for the case's person."""
    from reintegration.training.models import TrainingProvider

    provider = db.session.get(TrainingProvider, job_partners.provider_id)
    course = catalogue.create_course(
        provider,
        catalogue.CourseData(
            title=f"Khóa {trade_code}",
            trade_code=trade_code,
            level=CourseLevel.ELEMENTARY,
            commune_code=job_partners.hanoi.commune_x,
            starts_on=date(2025, 10, 1),
            ends_on=date(2025, 12, 31),
            seats=30,
        ),
        user(job_partners.hanoi.officer),
    )
    officer = actor_for(case)
    placement = placements.refer(case, course, officer, today=date(2025, 9, 20))
    placements.enroll(placement, officer, on=date(2025, 10, 1))
    placements.complete(placement, officer, on=date(2025, 12, 31), certificate_number="HN-123")
