"""A person's complete file for the privacy tests: one row in every table that holds
something about a person, made directly from the models (inside an app context)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from reintegration.accounts.models import Organisation, User
from reintegration.casework.models import (
    Assessment,
    AssessmentKind,
    Contact,
    ContactCorrection,
    ContactKind,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    GoalProgress,
    NeedScore,
    Transfer,
    TransferStatus,
)
from reintegration.core import audit
from reintegration.core.links import path_for
from reintegration.employment.models import (
    Employer,
    Opening,
    Referral,
    ReferralStatus,
    WorkProfile,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.imports.models import ImportBatch, ImportRow, RowStatus
from reintegration.loans.models import (
    BorrowerKind,
    DocumentKind,
    LoanApplication,
    LoanDocument,
    LoanPurpose,
    LoanStatus,
    LoanTransition,
)
from reintegration.loans.services.documents import document_path
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import (
    CaseStatus,
    Classification,
    ClassificationChange,
    CloseReason,
    Need,
    Person,
    Sex,
)
from reintegration.people.services.revisions import record_revision
from reintegration.training.models import (
    Course,
    CourseLevel,
    Placement,
    PlacementStatus,
    ProviderKind,
    TrainingProvider,
)
from tests.factories import CaseFactory, PersonFactory, ReleaseFactory

NAME = "Trần Thị Bích Ngọc"
ID_NUMBER = "001185012345"
CONTACT_TEXT = "Gặp chị Ngọc tại nhà ở thôn Đông, số 12 ngõ 5"
FIXED = datetime(2020, 1, 10, 3, 0, tzinfo=UTC)


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


@dataclass
class File:
    person_id: int
    case_id: int
    application_id: int
    document_stored_name: str


def person_with_file(
    commune_code: int,
    caseworker: User,
    *,
    closed_on: date | None = date(2021, 3, 31),
    loan_status: LoanStatus = LoanStatus.REPAID,
    id_number: str = ID_NUMBER,
) -> File:
    """A woman released in 2019, followed by ``commune_code``; her case closed on
    ``closed_on`` (None: still open). Everything recorded on the way is here."""
    person = PersonFactory(
        full_name=NAME,
        other_names="Ngọc Bích",
        birth_date=date(1985, 7, 14),
        birth_year=1985,
        sex=Sex.FEMALE,
        id_number=id_number,
        old_id_number="012345678",
        ethnicity="Kinh",
        phone="0912345678",
        residence_commune_code=commune_code,
        residence_address="Số 12 ngõ 5, thôn Đông",
        residence_as_written="Thôn Đông, xã Cổ Loa, huyện Đông Anh, Hà Nội",
        current_address="Số 12 ngõ 5, thôn Đông",
        family_contact="Mẹ: Nguyễn Thị Hoa, 0987654321",
    )
    release = ReleaseFactory(
        person=person,
        release_date=date(2019, 4, 29),
        certificate_number="GCN-2019-1234",
        detention_facility="Trại giam Thanh Xuân",
        offence="Trộm cắp tài sản của hàng xóm",
    )
    case = CaseFactory(
        person=person,
        release=release,
        commune_code=commune_code,
        caseworker=caseworker,
        received_on=date(2019, 5, 2),
        arrival_deadline=date(2019, 5, 3),
        classification=Classification.B,
        intake_notes="Sống với mẹ, chưa có việc làm",
        status=CaseStatus.CLOSED if closed_on else CaseStatus.ACTIVE,
        closed_on=closed_on,
        close_reason=CloseReason.RECORD_EXPUNGED if closed_on else None,
    )
    record_revision(person, caseworker)
    record_revision(case, caseworker)
    record_revision(release, caseworker)
    db.session.add(
        ClassificationChange(
            case_id=case.id, old=None, new=Classification.B, reason="Chưa có việc làm ổn định",
            changed_by_id=caseworker.id,
        )
    )  # fmt: skip
    contact = Contact(
        case_id=case.id, kind=ContactKind.HOME_VISIT, contact_on=date(2019, 6, 1),
        participants="Chị Ngọc và mẹ", what_happened=CONTACT_TEXT,
        next_steps="Hỏi vay vốn", author_id=caseworker.id, created_at=FIXED,
    )  # fmt: skip
    db.session.add(contact)
    db.session.flush()
    db.session.add(
        ContactCorrection(contact_id=contact.id, note="Số nhà 14", author_id=caseworker.id)
    )
    assessment = Assessment(
        case_id=case.id, kind=AssessmentKind.INTAKE, assessed_on=date(2019, 5, 2),
        note="Cần việc làm", assessor_id=caseworker.id,
        scores=[NeedScore(need=Need.SKILLS, score=2)],
    )  # fmt: skip
    goal = Goal(
        case_id=case.id, title="Vay vốn mở quán may", need=Need.MONEY, owner_text="Chị Ngọc",
        target_on=date(2019, 12, 1), created_by_id=caseworker.id,
    )  # fmt: skip
    db.session.add_all([assessment, goal])
    db.session.flush()
    db.session.add(GoalProgress(goal_id=goal.id, note="Đã nộp hồ sơ", author_id=caseworker.id))
    db.session.add(
        FollowUp(
            case_id=case.id, due_on=date(2019, 7, 1), kind=FollowUpKind.HOME_VISIT,
            status=FollowUpStatus.DONE, done_on=date(2019, 7, 1), outcome="Chị Ngọc ổn định",
            note="Gặp tại nhà", done_by_id=caseworker.id,
        )
    )  # fmt: skip
    other_commune = db.session.scalar(
        select(Commune.code).where(
            Commune.province_code == db.session.get(Commune, commune_code).province_code,
            Commune.code != commune_code,
        )
    )
    db.session.add(
        Transfer(
            case_id=case.id, from_commune_code=commune_code, to_commune_code=other_commune,
            reason="Chị Ngọc chuyển về ở với chồng", status=TransferStatus.CANCELLED,
            requested_by_id=caseworker.id, decision_note="Không chuyển nữa",
        )
    )  # fmt: skip
    application = LoanApplication(
        borrower_kind=BorrowerKind.INDIVIDUAL, case_id=case.id, commune_code=commune_code,
        organisation=Organisation.WOMENS_UNION, savings_group_name="Tổ 3 thôn Đông",
        status=loan_status, purpose=LoanPurpose.PRODUCTION_BUSINESS,
        amount_requested=50_000_000, term_months=36, use_of_funds="Mua máy may cho chị Ngọc",
        household_head_name="Nguyễn Thị Hoa", household_relationship="Con",
        submitted_on=date(2019, 8, 1), approved_amount=50_000_000,
        bank_decided_on=date(2019, 8, 20), disbursed_on=date(2019, 9, 1),
        prepared_by_id=caseworker.id,
    )  # fmt: skip
    db.session.add(application)
    db.session.flush()
    db.session.add(
        LoanTransition(
            application_id=application.id, action="submit", from_status=LoanStatus.DRAFT,
            to_status=LoanStatus.SUBMITTED, actor_id=caseworker.id, comment="Hồ sơ của chị Ngọc",
        )
    )  # fmt: skip
    document = LoanDocument(
        application_id=application.id, kind=DocumentKind.IDENTITY,
        original_name="cccd-tran-thi-bich-ngoc.pdf", stored_name=f"doc-{application.id}.pdf",
        content_type="application/pdf", size_bytes=8, sha256="0" * 64,
        uploaded_by_id=caseworker.id,
    )  # fmt: skip
    db.session.add(document)
    db.session.flush()
    path = document_path(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4")

    province_code = db.session.get(Commune, commune_code).province_code
    provider = TrainingProvider(
        name="Trường nghề Đông Anh", kind=ProviderKind.VOCATIONAL_SCHOOL,
        province_code=province_code,
    )  # fmt: skip
    db.session.add(provider)
    db.session.flush()
    course = Course(
        provider_id=provider.id, title="May công nghiệp", trade_code="welding",
        level=CourseLevel.ELEMENTARY, commune_code=commune_code, province_code=province_code,
        starts_on=date(2019, 9, 1), ends_on=date(2019, 11, 30), seats=20,
    )  # fmt: skip
    employer = Employer(
        name="Xưởng may Đông Anh", tax_code=f"01{case.id:08d}", province_code=province_code,
        commune_code=commune_code,
    )  # fmt: skip
    db.session.add_all([course, employer])
    db.session.flush()
    opening = Opening(
        employer_id=employer.id, title="Thợ may", trade_code="welding", seats=2,
        commune_code=commune_code, province_code=province_code, starts_on=date(2020, 1, 2),
    )  # fmt: skip
    db.session.add(opening)
    db.session.flush()
    db.session.add_all(
        [
            Placement(
                case_id=case.id, person_id=person.id, course_id=course.id,
                status=PlacementStatus.COMPLETED, referred_on=date(2019, 8, 20),
                enrolled_on=date(2019, 9, 1), completed_on=date(2019, 11, 30),
                certificate_number="CC-2019-77", trade_code="welding",
            ),
            Referral(
                opening_id=opening.id, case_id=case.id, person_id=person.id,
                status=ReferralStatus.HIRED, referred_on=date(2019, 12, 10),
                hired_on=date(2020, 1, 2),
                end_note="Chị Ngọc nghỉ sinh con",
            ),
            WorkProfile(person_id=person.id, notes="Chị Ngọc muốn làm gần nhà"),
        ]
    )  # fmt: skip
    batch = ImportBatch(
        created_by_id=caseworker.id, province_code=province_code, filename="danh-sach.xlsx",
        release_type=release.release_type, notified_on=date(2019, 4, 25),
    )  # fmt: skip
    db.session.add(batch)
    db.session.flush()
    db.session.add(
        ImportRow(
            batch_id=batch.id, row_number=2, status=RowStatus.IMPORTED, person_id=person.id,
            values={"Họ và tên": NAME, "Số CCCD": id_number}, data={"full_name": NAME},
        )
    )  # fmt: skip
    notify(
        [caseworker],
        "follow_up_due",
        "Follow-up of %(name)s (case no. %(case)s) is due on %(due)s.",
        subject=Subject.of(case),
        params={"name": NAME, "case": case.id, "due": "01/07/2019"},
        link=path_for("people.case_file", case_id=case.id, tab="follow_ups"),
    )
    audit.record("case_viewed", case, user=caseworker, detail={"person_id": person.id})
    db.session.flush()
    return File(person.id, case.id, application.id, document.stored_name)


def person_named(person_id: int) -> Person:
    return db.session.get(Person, person_id)
