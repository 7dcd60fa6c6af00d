"""`flask seed-demo`: demo accounts, created once through the same services as real ones."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from reintegration.accounts import services
from reintegration.accounts.models import Organisation, Role, User
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province

DEMO_PROVINCE_NAME = "Tỉnh Ninh Bình"
DEMO_COMMUNES = 3
DEMO_PEOPLE_COUNT = 1500  # released over the past two years, besides the six below


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    organisation: Organisation | None = None
    national: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Quản trị hệ thống", Role.ADMIN),
    DemoAccount("tinh.ninhbinh", "Trần Thị Hoa", Role.PROVINCE_OFFICER),
    DemoAccount("canbo.xa", "Đặng Thị Thu", Role.CASEWORKER),
    DemoAccount("hoi.phunu", "Lê Thị Mai", Role.UNION_REVIEWER, Organisation.WOMENS_UNION),
    DemoAccount("lanhdao.tinh", "Phạm Minh Đức", Role.COMMITTEE_VIEWER),
    DemoAccount("lanhdao.quocgia", "Võ Thanh Tùng", Role.COMMITTEE_VIEWER, national=True),
)


# (full name, sex, birth date, release type, amnesty decision number, status, needs)
DEMO_PEOPLE = (
    ("Nguyễn Văn An", "male", date(1985, 3, 15), "amnesty", "1693/QĐ-CTN", "active", ("skills",)),
    ("Trần Thị Bình", "female", date(1990, 7, 2), "sentence_completed", None, "received",
     ("housing", "money")),
    ("Lê Văn Cường", "male", date(1978, 11, 20), "amnesty", "767/QĐ-CTN", "active",
     ("documents",)),
    ("Phạm Minh Đức", "male", date(1995, 1, 9), "conditional_early_release", None, "notified",
     ("family",)),
    ("Hoàng Văn Em", "male", date(1982, 5, 30), "amnesty", "1693/QĐ-CTN", "notified",
     ("skills", "money")),
    ("Đỗ Thị Giang", "female", date(1988, 9, 12), "sentence_completed", None, "active",
     ("health",)),
)  # fmt: skip


class GeographyMissing(RuntimeError):
    pass


def demo_province() -> Province:
    province = db.session.scalar(select(Province).where(Province.name == DEMO_PROVINCE_NAME))
    if province is None:
        raise GeographyMissing("Load the administrative units first: flask geo load")
    return province


def already_seeded() -> bool:
    usernames = [a.username for a in DEMO_ACCOUNTS]
    found = db.session.scalar(select(func.count()).where(User.username.in_(usernames)))
    return bool(found)


def seed_demo(
    password: str | None = None, people: int = DEMO_PEOPLE_COUNT
) -> list[tuple[DemoAccount, str]]:
    """Create the demo accounts and return them with their passwords (random unless given),
    a few named people, and ``people`` more with two years of work (``history``).

    Returns an empty list when they exist already: demo data is seeded once.
    """
    if already_seeded():
        return []
    province = demo_province()
    communes = db.session.scalars(
        select(Commune)
        .where(Commune.province_code == province.code)
        .order_by(Commune.code)
        .limit(DEMO_COMMUNES)
    ).all()
    created = []
    for account in DEMO_ACCOUNTS:
        account_password = password or secrets.token_urlsafe(9)
        scope = services.Scope(
            province_code=None if account.role == Role.ADMIN or account.national else province.code,
            organisation=account.organisation,
            commune_codes=tuple(c.code for c in communes[:2])
            if account.role == Role.CASEWORKER
            else (),
        )
        services.create_user(
            username=account.username,
            full_name=account.full_name,
            role=account.role,
            password=account_password,
            scope=scope,
        )
        created.append((account, account_password))
    seed_people(communes[0].code)
    seed_training_and_jobs([c.code for c in communes])
    if people > 0:
        seed_history(province, people)
    return created


def seed_history(province: Province, people: int) -> int:
    """The province's two years of work (``history``); returns the reports built."""
    from reintegration.demo.history import Staff, build_history

    users = {
        u.username: u
        for u in db.session.scalars(
            select(User).where(User.username.in_(["tinh.ninhbinh", "canbo.xa", "hoi.phunu"]))
        )
    }
    communes = list(
        db.session.scalars(
            select(Commune.code)
            .where(Commune.province_code == province.code)
            .order_by(Commune.code)
        )
    )
    staff = Staff(users["tinh.ninhbinh"], users["canbo.xa"], users["hoi.phunu"])
    return build_history(
        province.code,
        communes,
        staff,
        people=people,
        today=today_local(),
        avoid_names={row[0] for row in DEMO_PEOPLE},
    )


def seed_people(commune_code: int) -> None:
    """A few released people in the caseworker's first commune, registered through the
    same service as the form."""
    from reintegration.people.models import AmnestyDecision, CaseStatus, Need, ReleaseType, Sex
    from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
    from reintegration.people.services.registration import register_person

    caseworker = db.session.scalar(select(User).where(User.username == "canbo.xa"))
    today = today_local()
    for number, (name, sex, born, release_type, decision, status, needs) in enumerate(DEMO_PEOPLE):
        decision_id = (
            db.session.scalar(select(AmnestyDecision.id).where(AmnestyDecision.number == decision))
            if decision
            else None
        )
        released = today - timedelta(days=7 + 20 * number)
        register_person(
            PersonData(full_name=name, birth_year=born.year, birth_date=born, sex=Sex(sex)),
            ReleaseData(
                release_type=ReleaseType(release_type),
                release_date=released,
                amnesty_decision_id=decision_id,
                certificate_number=f"{100 + number}/GCN",
            ),
            IntakeData(
                commune_code=commune_code,
                status=CaseStatus(status),
                notified_on=released - timedelta(days=2),
                received_on=None if status == "notified" else released + timedelta(days=2),
                needs={Need(n) for n in needs},
            ),
            actor=caseworker,
            confirmed_not_duplicate=True,
        )


def seed_training_and_jobs(commune_codes: list[int]) -> None:
    """A vocational school with two courses starting soon, an employer with two openings,
    and the work interests of two demo people, made by the province officer through the same
    services as the pages, so the "Training and jobs" tab and matching have something to show."""
    from reintegration.employment.models import Availability
    from reintegration.employment.services import employers, profiles
    from reintegration.people.models import Case, Person
    from reintegration.training.models import CourseLevel, FeeSupport, ProviderKind
    from reintegration.training.services import catalogue

    officer = db.session.scalar(select(User).where(User.username == "tinh.ninhbinh"))
    caseworker = db.session.scalar(select(User).where(User.username == "canbo.xa"))
    today = today_local()
    home, other = commune_codes[0], commune_codes[1]
    school = catalogue.create_provider(
        officer,
        name="Trường Trung cấp nghề Ninh Bình",
        kind=ProviderKind.VOCATIONAL_SCHOOL,
        commune_code=other,
    )
    for title, trade, seats in (("Hàn điện cơ bản", "welding", 20), ("Nấu ăn", "cooking", 15)):
        catalogue.create_course(
            school,
            catalogue.CourseData(
                title=title,
                trade_code=trade,
                level=CourseLevel.UNDER_3_MONTHS,
                commune_code=other,
                starts_on=today + timedelta(days=14),
                ends_on=today + timedelta(days=74),
                seats=seats,
                cost=3_500_000,
                fee_support=FeeSupport.EXEMPTION,
                meals_support=True,
            ),
            officer,
        )
    employer = employers.create_employer(
        employers.EmployerData(
            name="Công ty TNHH Cơ khí Hoa Lư",
            tax_code="2700123456",
            commune_code=home,
            contact_name="Ông Vũ Văn Lâm",
            agreement_number="12/2025/TTHT",
            agreement_signed_on=date(2025, 10, 1),
        ),
        officer,
    )
    openings = (("Thợ hàn", "welding", 8_500_000), ("Phụ bếp", "cooking", 6_000_000))
    for title, trade, wage in openings:
        employers.create_opening(
            employer,
            employers.OpeningData(
                title=title,
                trade_code=trade,
                seats=3,
                commune_code=home,
                starts_on=today + timedelta(days=30),
                wage=wage,
            ),
            officer,
        )
    for name, interests in (("Nguyễn Văn An", ["welding"]), ("Đỗ Thị Giang", ["cooking"])):
        case = db.session.scalar(
            select(Case).join(Case.person).where(Person.full_name == name).limit(1)
        )
        profiles.save_profile(
            case,
            profiles.ProfileData(interests=interests, availability=Availability.FULL_TIME),
            caseworker,
        )
