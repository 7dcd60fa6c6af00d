"""The world the authorization matrix runs in: one user per role in Hà Nội, and for each
kind of object one inside their scope (commune X of Hà Nội) and one outside it (Huế).

Built with the services where they are cheap, so the objects are in the states the routes
expect (a loan application waiting for the Women's Union, a transfer waiting for a
decision, a report snapshot of each province, the case referred to a course and to a job
opening of its province, a release list read and waiting for its preview...).
"""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from reintegration.accounts import tokens
from reintegration.accounts.models import Organisation, Role, User
from reintegration.calendar.models import PublicHoliday
from reintegration.casework.models.contact import ContactKind
from reintegration.casework.models.follow_up import FollowUp, FollowUpKind
from reintegration.casework.services import contacts, plans, schedule_rules, transfers
from reintegration.core.clock import now_utc, today_local
from reintegration.employment.services import employers, referrals
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.imports.services import batches
from reintegration.imports.tasks import run_pending_imports
from reintegration.loans.models import BusinessKind, DocumentKind
from reintegration.loans.services import applications as drafting
from reintegration.loans.services import documents, workflow
from reintegration.notifications.models import Notification, Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case, ReleaseType
from reintegration.privacy.services import breaches
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from reintegration.training.models import CourseLevel, ProviderKind
from reintegration.training.services import catalogue, placements
from tests.factories import HA_NOI, HUE, CaseFactory, PersonFactory, UserFactory, communes_of
from tests.loans.conftest import application_data

PDF_BYTES = b"%PDF-1.4\n% a tiny document for the matrix\n"
RELEASE_LIST = (
    "Họ và tên,Ngày sinh,Giới tính,Xã/Phường,Tỉnh/Thành phố,Ngày ra trại\r\n"
    "Nguyễn Văn An,15/03/1985,Nam,Phường Trúc Bạch,Hà Nội,01/09/2025\r\n"
).encode()


@dataclass
class Side:
    """The objects on one side of the scope line."""

    commune: int = 0
    case: int = 0
    person: int = 0
    merged_person: int = 0
    contact: int = 0
    goal: int = 0
    follow_up: int = 0
    loan: int = 0
    disbursed_loan: int = 0
    business_loan: int = 0  # a business's draft (the direct route: no group)
    document: int = 0
    transfer_out: int = 0  # a transfer the side's commune asked for
    transfer_in: int = 0  # a transfer into the side's commune
    snapshot: int = 0
    provider: int = 0
    course: int = 0
    placement: int = 0  # the side's case referred to the side's course
    employer: int = 0
    opening: int = 0
    referral: int = 0  # the side's case referred to the side's opening
    batch: int = 0  # a release list the side's caseworker imports, read and waiting


@dataclass
class World:
    usernames: dict[Role, str]
    inside: Side
    outside: Side
    province_in: int = HA_NOI
    province_out: int = HUE
    holiday: int = 0
    officer_batch: int = 0  # a release list Hà Nội's officer imports
    rule: int = 0
    breach: int = 0
    other_user: int = 0
    notification_of: dict[str, int] = field(default_factory=dict)
    token_of: dict[str, int] = field(default_factory=dict)
    clear_token_of: dict[str, str] = field(default_factory=dict)
    stranger: str = ""  # a caseworker of Huế: owns the notification and token out of scope

    def side(self, in_scope: bool) -> Side:
        return self.inside if in_scope else self.outside


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _disburse(loan, caseworker: User, reviewer: User, today: date) -> None:
    """The usual path of an application, up to the money paid out."""
    workflow.submit(loan, caseworker, today=today)
    workflow.take_under_review(loan, reviewer)
    workflow.endorse(loan, reviewer, today=today)
    workflow.certify(loan, caseworker, today, "12/UBND", today=today)
    workflow.send_to_bank(loan, caseworker, today, today=today)
    workflow.record_approval(
        loan,
        caseworker,
        amount=loan.amount_requested,
        term_months=12,
        annual_rate=Decimal("6.6"),
        decided_on=today,
        reference="NHCSXH-01",
        today=today,
    )
    workflow.record_disbursement(loan, caseworker, today, today=today)


def _training(side: Side, case: Case, caseworker: User, officer: User, today: date) -> None:
    """A provider of the side's province with a course in the side's commune, and the
    side's case referred to it."""
    provider = catalogue.create_provider(
        officer, name="Trường Trung cấp nghề", kind=ProviderKind.VOCATIONAL_SCHOOL
    )
    course = catalogue.create_course(
        provider,
        catalogue.CourseData(
            title="Hàn điện cơ bản",
            trade_code="welding",
            level=CourseLevel.UNDER_3_MONTHS,
            commune_code=side.commune,
            starts_on=today + timedelta(days=14),
            ends_on=today + timedelta(days=40),
            seats=5,
        ),
        officer,
    )
    side.provider, side.course = provider.id, course.id
    side.placement = placements.refer(case, course, caseworker, today=today).id


def _employment(side: Side, case: Case, caseworker: User, tax_code: str, today: date) -> None:
    """An employer of the side's province with an open opening, and the side's case
    referred to it."""
    employer = employers.create_employer(
        employers.EmployerData(
            name="Công ty TNHH Cơ khí", tax_code=tax_code, commune_code=side.commune
        ),
        caseworker,
    )
    opening = employers.create_opening(
        employer,
        employers.OpeningData(
            title="Thợ hàn",
            trade_code="welding",
            seats=3,
            commune_code=side.commune,
            starts_on=today + timedelta(days=30),
        ),
        caseworker,
    )
    side.employer, side.opening = employer.id, opening.id
    side.referral = referrals.refer(case, opening, caseworker, today=today).id


def _import(user: User) -> int:
    """A release list uploaded by ``user`` (read once the world is committed)."""
    upload = FileStorage(io.BytesIO(RELEASE_LIST), filename="danh-sach.csv")
    options = batches.ImportOptions(ReleaseType.SENTENCE_COMPLETED, notified_on=today_local())
    return batches.create_batch(upload, options, user).id


def _side(
    commune: int, neighbour: int, caseworker: User, reviewer: User, officer: User, province: int
) -> Side:
    side = Side(commune=commune)
    today = today_local()
    case = CaseFactory(
        commune_code=commune,
        caseworker=caseworker,
        received_on=today,
        release__certificate_number="125/GCN-TG",
    )
    side.case, side.person = case.id, case.person_id
    side.merged_person = PersonFactory(merged_into_id=case.person_id).id

    side.contact = contacts.record_contact(
        case,
        contacts.ContactData(ContactKind.HOME_VISIT, today, "Gia đình", "Thăm nhà"),
        caseworker,
        today=today,
    ).id
    side.goal = plans.add_goal(
        case,
        plans.GoalData("Tìm việc làm", date(today.year + 1, 1, 1), owner_id=caseworker.id),
        caseworker,
        today=today,
    ).id
    follow_up = FollowUp(case_id=case.id, due_on=today, kind=FollowUpKind.HOME_VISIT)
    db.session.add(follow_up)
    db.session.flush()
    side.follow_up = follow_up.id

    loan = drafting.create_individual_application(case, application_data(), caseworker)
    upload = FileStorage(io.BytesIO(PDF_BYTES), filename="giay-chung-nhan.pdf")
    side.document = documents.store_document(loan, DocumentKind.CERTIFICATE, upload, caseworker).id
    workflow.submit(loan, caseworker, today=today)
    side.loan = loan.id
    disbursed = drafting.create_individual_application(case, application_data(), caseworker)
    _disburse(disbursed, caseworker, reviewer, today)
    side.disbursed_loan = disbursed.id
    business = application_data(
        business_name="HTX Mây tre",
        business_kind=BusinessKind.COOPERATIVE,
        total_workers=10,
        eligible_workers=1,
    )
    side.business_loan = drafting.create_business_application(commune, business, caseworker).id

    moving = CaseFactory(commune_code=commune, caseworker=caseworker)
    side.transfer_out = transfers.request_transfer(moving, neighbour, "Chuyển nhà", caseworker).id
    arriving = CaseFactory(commune_code=neighbour)
    neighbour_worker = UserFactory(role=Role.CASEWORKER, communes=[neighbour])
    side.transfer_in = transfers.request_transfer(arriving, commune, "Về quê", neighbour_worker).id

    period = periods.Period(periods.PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31))
    side.snapshot = snapshots.build(period, [(AreaLevel.PROVINCE, province)], today=today)[0].id

    _training(side, case, caseworker, officer, today)
    _employment(side, case, caseworker, f"01{province:08d}", today)
    side.batch = _import(caseworker)
    return side


def build_world(app) -> World:
    """Create the world in the app's database and commit it."""
    with app.app_context():
        x, y = communes_of(HA_NOI, 2)
        hue_a, hue_b = communes_of(HUE, 2)
        users = {
            Role.ADMIN: UserFactory(role=Role.ADMIN, username="m.admin"),
            Role.PROVINCE_OFFICER: UserFactory(role=Role.PROVINCE_OFFICER, username="m.tinh"),
            Role.CASEWORKER: UserFactory(role=Role.CASEWORKER, username="m.canbo", communes=[x]),
            Role.UNION_REVIEWER: UserFactory(
                role=Role.UNION_REVIEWER,
                username="m.hoi",
                organisation=Organisation.WOMENS_UNION,
            ),
            Role.COMMITTEE_VIEWER: UserFactory(role=Role.COMMITTEE_VIEWER, username="m.lanhdao"),
        }
        stranger = UserFactory(
            role=Role.CASEWORKER, username="m.hue", province_code=HUE, communes=[hue_a]
        )
        hue_reviewer = UserFactory(
            role=Role.UNION_REVIEWER, province_code=HUE, organisation=Organisation.WOMENS_UNION
        )
        hue_officer = UserFactory(role=Role.PROVINCE_OFFICER, province_code=HUE)
        db.session.flush()
        world = World(
            usernames={role: user.username for role, user in users.items()},
            inside=_side(
                x.code,
                y.code,
                users[Role.CASEWORKER],
                users[Role.UNION_REVIEWER],
                users[Role.PROVINCE_OFFICER],
                HA_NOI,
            ),
            outside=_side(hue_a.code, hue_b.code, stranger, hue_reviewer, hue_officer, HUE),
            stranger=stranger.username,
        )
        holiday = PublicHoliday(day=date(2026, 9, 2), name="Quốc khánh")
        db.session.add(holiday)
        db.session.flush()
        world.holiday = holiday.id
        province = db.session.get(Province, HA_NOI)
        world.rule = schedule_rules.copy_defaults(province, users[Role.ADMIN])[0].id
        world.breach = breaches.record_breach(
            breaches.BreachData(
                discovered_at=now_utc() - timedelta(hours=1),
                description="Thư gửi nhầm",
                actions_taken="Đề nghị xóa thư",
                data_categories=["contact"],
            ),
            users[Role.ADMIN],
        ).id
        world.other_user = stranger.id
        world.officer_batch = _import(users[Role.PROVINCE_OFFICER])
        for user in [*users.values(), stranger]:
            notify([user], "follow_up_due", "A message for the matrix", subject=Subject.of(user))
            world.notification_of[user.username] = db.session.scalar(
                select(Notification.id).where(Notification.user_id == user.id)
            )
            issued = tokens.issue_token(user, "matrix", 30, actor=user)
            world.token_of[user.username] = issued.token.id
            world.clear_token_of[user.username] = issued.clear
        db.session.commit()
        run_pending_imports()
        assert db.session.get(Case, world.outside.case).commune_code == hue_a.code
        return world
