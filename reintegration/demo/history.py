"""Two years of a province's work for the demo: people released over the past 24 months
(the amnesty rounds on file and ordinary releases), their arrivals, follow-ups and contacts,
classifications, case plans, training, jobs, loans, transfers, and the reports of every
period that has ended.

Deterministic: one fixed seed, every date counted back from today. The catalogue (schools,
courses, employers, openings) and the reports are made through the services the pages use;
the people and what happened to them over two years (tens of thousands of rows) are written
in bulk, with the dates and states those services would have left, the follow-up days from
the province's own rules (``schedule_plan``) and the loans' instalments from
``repayment.compute_schedule``. A province of 1,500 people takes a few seconds.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import func, select

from reintegration.accounts.models import Organisation, User
from reintegration.calendar.services import holiday_days
from reintegration.casework.models import FollowUp
from reintegration.casework.models.assessment import Assessment, NeedScore
from reintegration.casework.models.contact import Contact
from reintegration.casework.models.plan import Goal
from reintegration.casework.models.transfer import Transfer
from reintegration.casework.services.schedule import (
    before_expungement,
    horizon_months,
    start_of,
)
from reintegration.casework.services.schedule_plan import (
    RuleBook,
    follow_up_dates,
    next_working_day,
)
from reintegration.core.clock import add_months, local_instant
from reintegration.core.database import insert_many
from reintegration.core.text import fold
from reintegration.demo.names import vietnamese_name
from reintegration.employment.models import Referral, RetentionCheck
from reintegration.employment.services import employers
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanTransition
from reintegration.loans.models.enums import RuleKey
from reintegration.loans.models.repayment import LoanInstalment, LoanPayment
from reintegration.loans.services.rules import rule_value_on
from reintegration.loans.services.schedule import compute_schedule
from reintegration.people.models import (
    AmnestyDecision,
    Case,
    OffenceGroup,
    Person,
    Release,
    ReleaseType,
    SentenceKind,
)
from reintegration.people.models.case import CaseNeed, ClassificationChange
from reintegration.people.models.person import name_match_key, name_sort_key, search_text
from reintegration.people.services import expungement
from reintegration.reports import periods
from reintegration.reports.services import snapshots
from reintegration.training.models import CourseLevel, FeeSupport, Placement, ProviderKind
from reintegration.training.services import catalogue

SEED = 20251207
DAYS = 730  # two years back from today
ARRIVAL_WORKING_DAYS = 3
RETENTION_MONTHS = (1, 3, 6)

FACILITIES = (
    "Trại giam Ninh Khánh",
    "Trại giam Nam Hà",
    "Trại giam Thanh Xuân",
    "Trại giam Xuân Nguyên",
    "Trại giam Phú Sơn 4",
)
HAMLETS = (
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Trung",
    "Thôn Thượng",
    "Xóm Mới",
    "Xóm Chùa",
    "Phố Bắc",
    "Phố Nam",
    "Thôn Yên Thịnh",
    "Thôn Phú Lộc",
)
OFFENCES = (
    ("property", 40),
    ("drugs", 25),
    ("public_order", 15),
    ("life_and_health", 12),
    ("economic", 5),
    ("other", 3),
)
NEEDS = (
    ("skills", 50),
    ("money", 35),
    ("documents", 20),
    ("housing", 12),
    ("family", 15),
    ("health", 12),
    ("addiction", 10),
)
CONTACT_KIND = {
    "home_visit": "home_visit",
    "phone_call": "phone_call",
    "office_visit": "office_visit",
    "retention_check": "phone_call",
    "classification_review": "office_visit",
}
VISIT_NOTES = (
    "Gia đình ổn định, đã đi làm phụ hồ theo ngày.",
    "Đang chăm sóc mẹ già, cần hỗ trợ tìm việc gần nhà.",
    "Chấp hành tốt quy định địa phương, sinh hoạt bình thường.",
    "Đã làm lại căn cước công dân, đang chờ nhận thẻ.",
    "Làm ruộng cùng gia đình, muốn học nghề hàn.",
    "Có dấu hiệu tụ tập với đối tượng cũ, đã nhắc nhở.",
    "Đi làm công nhân khu công nghiệp Gián Khẩu, thu nhập ổn định.",
    "Gia đình đề nghị hỗ trợ vay vốn chăn nuôi.",
)
PARTICIPANTS = (
    "Người được theo dõi, vợ",
    "Người được theo dõi, mẹ, trưởng thôn",
    "Người được theo dõi, cán bộ Công an xã",
    "Người được theo dõi",
)
CLASS_REASONS = {
    ("B", "A"): "Có việc làm ổn định, chấp hành tốt.",
    ("A", "B"): "Mất việc, hoàn cảnh khó khăn.",
    ("B", "C"): "Tụ tập với đối tượng cũ, bỏ nơi cư trú nhiều ngày.",
    ("C", "B"): "Đã chuyển biến tích cực sau khi được giúp đỡ.",
}
GOALS = {
    "skills": "Học nghề và tìm việc làm ổn định",
    "money": "Vay vốn Ngân hàng Chính sách xã hội để chăn nuôi",
    "documents": "Làm lại căn cước công dân",
    "housing": "Sửa chữa nhà ở với sự hỗ trợ của Mặt trận xã",
    "family": "Hòa giải, đoàn tụ với gia đình",
    "health": "Đăng ký bảo hiểm y tế và khám sức khỏe",
    "addiction": "Điều trị cắt cơn tại cơ sở y tế xã",
}
SCHOOLS = (
    ("Trường Cao đẳng Cơ giới Ninh Bình", ProviderKind.VOCATIONAL_SCHOOL),
    ("Trung tâm Dịch vụ việc làm tỉnh Ninh Bình", ProviderKind.EMPLOYMENT_SERVICE_CENTRE),
    ("Công ty TNHH May Nam Định", ProviderKind.ENTERPRISE),
)
COURSE_TRADES = (
    ("Hàn hồ quang", "welding"),
    ("Sửa chữa xe máy", "motorbike_repair"),
    ("May công nghiệp", "sewing"),
    ("Lái xe hạng B", "driving"),
    ("Điện dân dụng", "electrical"),
    ("Kỹ thuật chế biến món ăn", "cooking"),
    ("Chăn nuôi gia cầm", "animal_husbandry"),
    ("Mộc dân dụng", "carpentry"),
)
EMPLOYERS = (
    (
        "Công ty Cổ phần Xi măng Tam Điệp",
        "2700100011",
        (("Công nhân vận hành", "mechanics"), ("Bảo vệ", "security_guard")),
    ),
    ("Công ty TNHH May Tiến Thuận", "2700100012", (("Công nhân may", "sewing"),)),
    (
        "Hợp tác xã Nông nghiệp Gia Viễn",
        "2700100013",
        (("Lao động trang trại", "farming"), ("Chăn nuôi", "animal_husbandry")),
    ),
    (
        "Công ty TNHH Xây dựng Hoa Lư",
        "2700100014",
        (("Thợ xây", "construction"), ("Thợ hàn kết cấu", "welding")),
    ),
    ("Nhà hàng Tràng An", "2700100015", (("Nhân viên bếp", "cooking"), ("Phục vụ", "sales"))),
    (
        "Công ty Cổ phần Vận tải Ninh Bình",
        "2700100016",
        (("Lái xe tải", "driving"), ("Thợ sửa xe", "motorbike_repair")),
    ),
    (
        "Công ty TNHH Điện tử Gián Khẩu",
        "2700100017",
        (("Công nhân lắp ráp", "electronics_repair"), ("Thủ kho", "warehouse")),
    ),
)
LOAN_USES = (
    ("production_business", "Mua 2 con bò giống và làm chuồng trại"),
    ("production_business", "Mở tiệm sửa chữa xe máy tại nhà"),
    ("job_creation", "Mua máy khâu công nghiệp để nhận hàng gia công"),
    ("vocational_training", "Học nghề lái xe hạng C"),
)
ORGANISATIONS = (
    (Organisation.WOMENS_UNION, 35),
    (Organisation.FARMERS_UNION, 30),
    (Organisation.VETERANS_ASSOCIATION, 15),
    (Organisation.YOUTH_UNION, 20),
)


@dataclass
class Staff:
    officer: User
    caseworker: User
    reviewer: User


@dataclass
class Ids:
    """The next id of each table written in bulk (explicit ids link the rows)."""

    next: dict = field(default_factory=dict)

    def take(self, model) -> int:
        table = model.__table__
        if table.name not in self.next:
            self.next[table.name] = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
        value = self.next[table.name]
        self.next[table.name] += 1
        return value


@dataclass
class Rows:
    """Rows waiting to be written, per model, in the order foreign keys need."""

    by_model: dict = field(default_factory=dict)

    def add(self, model, **row) -> None:
        self.by_model.setdefault(model, []).append(row)

    def write(self) -> None:
        for model in sorted(self.by_model, key=_write_order):
            rows = self.by_model[model]
            keys = sorted({k for row in rows for k in row})
            insert_many(model.__table__, [{k: row.get(k) for k in keys} for row in rows])
        self.by_model.clear()


# Tables in the order their rows are written: each refers only to those before it.
WRITE_ORDER = (
    Person,
    Release,
    Case,
    CaseNeed,
    ClassificationChange,
    Contact,
    FollowUp,
    Assessment,
    NeedScore,
    Goal,
    Placement,
    Referral,
    RetentionCheck,
    Transfer,
    LoanApplication,
    LoanTransition,
    LoanInstalment,
    LoanPayment,
)


def _write_order(model) -> int:
    return WRITE_ORDER.index(model)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _noon(day: date) -> datetime:
    return local_instant(day, time(9 + day.toordinal() % 7, 30))


def _release_facts(release: dict) -> SimpleNamespace:
    """The demo's release row as the expungement computation reads a release."""
    return SimpleNamespace(
        release_type=ReleaseType(release["release_type"]),
        release_date=release["release_date"],
        offence_group=OffenceGroup(release["offence_group"]),
        sentence_kind=SentenceKind.PRISON,
        sentence_months=release["sentence_months"],
        served_months=release["served_months"],
        sentence_ended_on=None,
        additional_penalty_until=None,
    )


def _working_days_after(day: date, n: int, holidays: set[date]) -> date:
    for _ in range(n):
        day = next_working_day(day + timedelta(days=1), holidays)
    return day


class History:
    def __init__(
        self,
        province_code: int,
        communes: list[int],
        staff: Staff,
        people: int,
        today: date,
        avoid_names: set[str],
    ) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
        self.province_code = province_code
        self.communes = communes
        self.staff = staff
        self.count = people
        self.today = today
        self.avoid = {fold(name) for name in avoid_names}
        self.ids = Ids()
        self.rows = Rows()
        self.now = datetime.now(UTC)
        # Two years of history, and schedules a horizon ahead.
        self.holidays = holiday_days(date(today.year - 3, 1, 1), date(today.year + 2, 12, 31))
        self.book = RuleBook.load()
        self.periods = expungement.PeriodTable.load()
        self.cases: list[dict] = []

    # --- people, releases, cases -------------------------------------------------------------

    def _release_days(self) -> list[tuple[date, str, int | None]]:
        """(release day, release type, amnesty decision) for each person: the amnesty
        rounds of the window in proportion to their size, the rest spread over it."""
        rng, first = self.rng, self.today - timedelta(days=DAYS)
        rounds = db.session.scalars(
            select(AmnestyDecision).where(AmnestyDecision.signed_on.between(first, self.today))
        ).all()
        amnesty = int(self.count * 0.4) if rounds else 0
        weights = [r.released_count or 1 for r in rounds]
        days = []
        for _ in range(amnesty):
            decision = rng.choices(rounds, weights)[0]
            day = decision.signed_on + timedelta(days=rng.randint(1, 6))
            days.append((min(day, self.today - timedelta(days=1)), "amnesty", decision.id))
        for _ in range(self.count - amnesty):
            kind = "sentence_completed" if rng.random() < 0.8 else "conditional_early_release"
            days.append((first + timedelta(days=rng.randint(0, DAYS - 1)), kind, None))
        days.sort()
        return days

    def people(self) -> None:
        rng = self.rng
        # Some communes (the towns, the caseworker's two first) receive many, most a few:
        # weights falling as 1 / rank, the ranks shuffled but for the caseworker's.
        ranked = self.communes[:2] + rng.sample(self.communes[2:], len(self.communes) - 2)
        rank = {code: number for number, code in enumerate(ranked)}
        weights = [1 / (rank[c] + 1) ** 0.9 for c in self.communes]
        for number, (released, release_type, decision) in enumerate(self._release_days()):
            female = rng.random() < 0.08
            name = vietnamese_name(rng, female)
            while fold(name) in self.avoid:
                name = vietnamese_name(rng, female)
            age = int(rng.triangular(19, 62, 31))
            born = released - timedelta(days=365 * age + rng.randint(0, 364))
            commune = rng.choices(self.communes, weights)[0]
            person_id, release_id, case_id = (self.ids.take(m) for m in (Person, Release, Case))
            id_number = (
                f"037{(0 if born.year < 2000 else 2) + female}{born.year % 100:02d}"
                f"{900000 + number:06d}"
                if rng.random() < 0.85
                else None
            )
            self.rows.add(
                Person,
                id=person_id,
                full_name=name,
                search_text=search_text(name, id_number),
                sort_key=name_sort_key(name),
                match_key=name_match_key(name),
                birth_year=born.year,
                birth_date=born,
                sex="female" if female else "male",
                id_number=id_number,
                nationality="VN",
                ethnicity="Kinh",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.7 else None,
                residence_commune_code=commune,
                residence_address=f"{rng.choice(HAMLETS)}",
                version=1,
                created_at=self.now,
                updated_at=self.now,
            )
            sentence = rng.choice((12, 18, 24, 30, 36, 48, 60, 84))
            release = dict(
                release_type=release_type,
                release_date=released,
                certificate_number=f"{rng.randint(100, 2999)}/GCN-TG",
                detention_facility=rng.choice(FACILITIES),
                offence_group=_weighted(rng, OFFENCES),
                sentence_months=sentence,
                served_months=sentence - rng.randint(1, 8)
                if release_type != "sentence_completed"
                else sentence,
            )
            self.rows.add(
                Release,
                id=release_id,
                person_id=person_id,
                amnesty_decision_id=decision,
                offence_against_children=False,
                version=1,
                created_at=self.now,
                updated_at=self.now,
                **release,
            )
            case = self._case(case_id, person_id, release_id, commune, released)
            expected = expungement.compute(_release_facts(release), self.periods)
            case["expungement_on"], case["expungement_by_court"] = expected.day, expected.by_court
            self.cases.append(case)

    def _case(self, case_id, person_id, release_id, commune, released) -> dict:
        rng, today = self.rng, self.today
        notified = released - timedelta(days=rng.randint(0, 2))
        deadline = _working_days_after(notified, ARRIVAL_WORKING_DAYS, self.holidays)
        earliest = max(notified, released)
        if rng.random() < 0.86 and deadline >= earliest:
            received = earliest + timedelta(days=rng.randint(0, (deadline - earliest).days))
        else:
            received = max(deadline, earliest) + timedelta(days=rng.randint(1, 15))
        received = None if received >= today else received
        # The police's residence check: drawn apart (the main draws stay as they were).
        police = random.Random(case_id)  # noqa: S311 (repeatable demo data)
        checked = notified + timedelta(days=police.choice((1, 2, 2, 3, 3, 4, 6)))
        checked = checked if checked < today else None
        classification = _weighted(rng, (("A", 42), ("B", 38), ("C", 16), ("D", 4)))
        case = {
            "id": case_id,
            "person_id": person_id,
            "release_id": release_id,
            "commune_code": commune,
            "released": released,
            "notified_on": notified,
            "arrival_deadline": deadline,
            "received_on": received,
            "residence_checked_on": checked,
            "residence_check": (
                None
                if checked is None
                else "wrong_address"
                if police.random() < 0.03
                else "confirmed"
            ),
            "classification": classification if received else None,
            "status": "notified"
            if received is None
            else ("received" if (today - received).days < 20 else "active"),
            "close_reason": None,
            "closed_on": None,
            "extremely_difficult": rng.random() < 0.07,
            "caseworker_id": self.staff.caseworker.id if commune in self.communes[:2] else None,
            "needs": sorted({_weighted(rng, NEEDS) for _ in range(rng.randint(1, 3))}),
        }
        if received and (today - received).days > 120 and rng.random() < 0.07:
            case["status"] = "closed"
            case["closed_on"] = received + timedelta(days=rng.randint(90, (today - received).days))
            case["close_reason"] = _weighted(
                # Not "record expunged": no record of the window is expunged yet (2 years or more).
                rng,
                (("moved_away", 80), ("deceased", 20)),
            )
        return case

    def reoffences(self) -> None:
        """Two people detained again, their classification D before the case closed."""
        old = [
            c
            for c in self.cases
            if c["status"] == "active" and (self.today - c["received_on"]).days > 200
        ]
        for case in self.rng.sample(old, min(2, len(old))):
            case["status"], case["close_reason"] = "closed", "detained_again"
            case["closed_on"] = self.today - timedelta(days=self.rng.randint(20, 150))
            case["reoffended"] = True

    def write_cases(self) -> None:
        self.rows.write()  # people and releases first
        for case in self.cases:
            self.rows.add(
                Case,
                id=case["id"],
                person_id=case["person_id"],
                release_id=case["release_id"],
                commune_code=case["commune_code"],
                caseworker_id=case["caseworker_id"],
                status=case["status"],
                close_reason=case["close_reason"],
                closed_on=case["closed_on"],
                notified_on=case["notified_on"],
                arrival_deadline=case["arrival_deadline"],
                received_on=case["received_on"],
                residence_checked_on=case["residence_checked_on"],
                residence_check=case["residence_check"],
                classification=case["classification"],
                extremely_difficult=case["extremely_difficult"],
                expungement_on=case["expungement_on"],
                expungement_by_court=case["expungement_by_court"],
                version=1,
                created_at=self.now,
                updated_at=self.now,
            )
        self.rows.write()
        for case in self.cases:
            for need in case["needs"]:
                self.rows.add(CaseNeed, case_id=case["id"], need=need)

    def author(self, case: dict) -> int:
        return case["caseworker_id"] or self.staff.officer.id

    def classifications(self) -> None:
        rng = self.rng
        for case in self.cases:
            if not case["received_on"]:
                continue
            first = case["classification"]
            changes = [(None, first, "Phân loại khi tiếp nhận.", case["received_on"])]
            span = ((case["closed_on"] or self.today) - case["received_on"]).days
            if span > 100 and rng.random() < 0.3:
                options = [(o, n) for (o, n) in CLASS_REASONS if o == first]
                if options:
                    old, new = rng.choice(options)
                    on = case["received_on"] + timedelta(days=rng.randint(60, span - 1))
                    changes.append((old, new, CLASS_REASONS[(old, new)], on))
            if case.get("reoffended"):
                last = changes[-1][1]
                changes.append(
                    (
                        last,
                        "D",
                        "Bị bắt tạm giam vì hành vi phạm tội mới.",
                        case["closed_on"] - timedelta(days=3),
                    )
                )
            case["changes"] = changes
            case["classification"] = changes[-1][1]

    def write_classifications(self) -> None:
        for case in self.cases:
            for old, new, reason, on in case.get("changes", ()):
                self.rows.add(
                    ClassificationChange,
                    id=self.ids.take(ClassificationChange),
                    case_id=case["id"],
                    old=old,
                    new=new,
                    reason=reason,
                    changed_by_id=self.author(case),
                    changed_at=_noon(on),
                )

    # --- follow-ups and contacts --------------------------------------------------------------

    def follow_ups(self) -> None:
        today = self.today
        until = add_months(today, horizon_months())
        grace = 7
        for case in self.cases:
            start = start_of(case["received_on"], case["released"])
            if case["status"] == "notified" or start is None:
                continue
            rules = self.book.rules_for(self.province_code, case["classification"])
            planned = follow_up_dates(rules, start, case["closed_on"] or until, self.holidays)
            for due, kind in before_expungement(planned, case["expungement_on"]):
                self._follow_up(case, due, kind.value, grace)

    def _follow_up(self, case: dict, due: date, kind: str, grace: int, note=None) -> int:
        rng, today = self.rng, self.today
        follow_up_id = self.ids.take(FollowUp)
        row = dict(
            id=follow_up_id,
            case_id=case["id"],
            due_on=due,
            kind=kind,
            status="due",
            generated=note is None,
            note=note,
            created_at=self.now,
            updated_at=self.now,
        )
        age = (today - due).days
        if age > 0:
            done = rng.random() < (0.95 if age > grace else 0.6)
            if done:
                done_on = min(due + timedelta(days=rng.randint(-2, 3)), today - timedelta(days=1))
                done_on = max(done_on, case["received_on"] or due)
                contact_id = self.ids.take(Contact)
                text = rng.choice(VISIT_NOTES)
                self.rows.add(
                    Contact,
                    id=contact_id,
                    case_id=case["id"],
                    kind=CONTACT_KIND[kind],
                    contact_on=done_on,
                    participants=rng.choice(PARTICIPANTS),
                    what_happened=text,
                    author_id=self.author(case),
                    created_at=_noon(done_on),
                    updated_at=_noon(done_on),
                )
                row.update(
                    status="done",
                    done_on=done_on,
                    done_by_id=self.author(case),
                    contact_id=contact_id,
                    closed_at=_noon(done_on),
                )
            elif age > grace:
                row.update(status="missed", closed_at=_noon(due + timedelta(days=grace + 1)))
        self.rows.add(FollowUp, **row)
        return follow_up_id

    # --- case plans ---------------------------------------------------------------------------

    def plans(self) -> None:
        rng, today = self.rng, self.today
        for case in self.cases:
            if not case["received_on"] or rng.random() > 0.7:
                continue
            assessed = case["received_on"] + timedelta(days=rng.randint(2, 20))
            if assessed >= today:
                continue
            assessment_id = self.ids.take(Assessment)
            self.rows.add(
                Assessment,
                id=assessment_id,
                case_id=case["id"],
                kind="intake",
                assessed_on=assessed,
                assessor_id=self.author(case),
                created_at=_noon(assessed),
            )
            for need in (
                "housing",
                "health",
                "addiction",
                "documents",
                "family",
                "skills",
                "money",
            ):
                score = rng.randint(1, 3) if need in case["needs"] else rng.randint(0, 1)
                self.rows.add(NeedScore, assessment_id=assessment_id, need=need, score=score)
            for need in case["needs"][:2]:
                target = assessed + timedelta(days=rng.randint(60, 240))
                status, closed = "open", None
                if target < today and rng.random() < 0.7:
                    status = "achieved" if rng.random() < 0.85 else "dropped"
                    closed = min(target + timedelta(days=rng.randint(-30, 20)), today)
                    closed = max(closed, assessed)
                self.rows.add(
                    Goal,
                    id=self.ids.take(Goal),
                    case_id=case["id"],
                    title=GOALS[need],
                    need=need,
                    owner_id=self.author(case),
                    target_on=target,
                    status=status,
                    closed_on=closed,
                    created_by_id=self.author(case),
                    created_at=_noon(assessed),
                    updated_at=_noon(closed or assessed),
                )

    # --- training -----------------------------------------------------------------------------

    def courses(self) -> list:
        """Each school runs a course every few months, from two years ago to next quarter."""
        officer, first = self.staff.officer, self.today - timedelta(days=DAYS)
        made = []
        for number, (name, kind) in enumerate(SCHOOLS):
            school = catalogue.create_provider(
                officer,
                name=name,
                kind=kind,
                commune_code=self.communes[(number * 7) % len(self.communes)],
            )
            starts = first + timedelta(days=20 * number)
            index = number
            while starts < self.today + timedelta(days=90):
                title, trade = COURSE_TRADES[index % len(COURSE_TRADES)]
                months = 2 + index % 3
                made.append(
                    catalogue.create_course(
                        school,
                        catalogue.CourseData(
                            title=title,
                            trade_code=trade,
                            level=CourseLevel.UNDER_3_MONTHS,
                            commune_code=school.commune_code,
                            starts_on=starts,
                            ends_on=add_months(starts, months) - timedelta(days=1),
                            seats=25,
                            cost=3_000_000 + 500_000 * (index % 4),
                            fee_support=FeeSupport.EXEMPTION,
                            meals_support=True,
                        ),
                        officer,
                    )
                )
                starts += timedelta(days=75)
                index += 3
        return made

    def placements(self, courses: list) -> None:
        rng, today = self.rng, self.today
        for case in self.cases:
            if not case["received_on"] or rng.random() > 0.2:
                continue
            fits = [
                c
                for c in courses
                if case["received_on"] + timedelta(days=10)
                <= c.starts_on
                <= case["received_on"] + timedelta(days=240)
            ]
            if not fits:
                continue
            course = rng.choice(fits)
            referred = course.starts_on - timedelta(days=rng.randint(5, 25))
            if referred >= today or (case["closed_on"] and referred >= case["closed_on"]):
                continue
            row = dict(
                id=self.ids.take(Placement),
                case_id=case["id"],
                person_id=case["person_id"],
                course_id=course.id,
                status="referred",
                referred_on=referred,
                trade_code=course.trade_code,
                created_by_id=self.author(case),
                created_at=_noon(referred),
                updated_at=_noon(referred),
            )
            if course.starts_on < today:
                row.update(status="enrolled", enrolled_on=course.starts_on)
                if course.ends_on < today:
                    if rng.random() < 0.85:
                        row.update(
                            status="completed",
                            completed_on=course.ends_on,
                            certificate_number=f"{rng.randint(100, 999)}/CC-{course.ends_on.year}"
                            if rng.random() < 0.88
                            else None,
                        )
                    else:
                        dropped = course.starts_on + timedelta(days=rng.randint(5, 30))
                        row.update(
                            status="dropped",
                            dropped_on=min(dropped, course.ends_on),
                            drop_reason="Đi làm ăn xa, không theo học được.",
                        )
            case["trade"] = course.trade_code
            self.rows.add(Placement, **row)

    # --- jobs ---------------------------------------------------------------------------------

    def openings(self) -> list:
        officer, first = self.staff.officer, self.today - timedelta(days=DAYS)
        made = []
        for number, (name, tax_code, jobs) in enumerate(EMPLOYERS):
            commune = self.communes[(number * 11 + 3) % len(self.communes)]
            employer = employers.create_employer(
                employers.EmployerData(
                    name=name,
                    tax_code=tax_code,
                    commune_code=commune,
                    contact_name="Phòng Hành chính - Nhân sự",
                    agreement_number=f"{number + 3:02d}/{first.year}/TTHT",
                    agreement_signed_on=first + timedelta(days=number * 9),
                ),
                officer,
            )
            for title, trade in jobs:
                starts = first + timedelta(days=30 + number * 17)
                while starts < self.today + timedelta(days=60):
                    made.append(
                        employers.create_opening(
                            employer,
                            employers.OpeningData(
                                title=title,
                                trade_code=trade,
                                seats=12,
                                commune_code=commune,
                                starts_on=starts,
                                wage=5_500_000 + 500_000 * (number % 5),
                            ),
                            officer,
                        )
                    )
                    starts += timedelta(days=150)
        return made

    def referrals(self, openings: list) -> None:
        rng, today = self.rng, self.today
        hired: dict[int, int] = {}
        for case in self.cases:
            if not case["received_on"] or rng.random() > 0.24:
                continue
            start = case["received_on"] + timedelta(days=30)
            fits = [o for o in openings if start <= o.starts_on <= start + timedelta(days=200)]
            if case.get("trade"):
                fits = [o for o in fits if o.trade_code == case["trade"]] or fits
            if not fits:
                continue
            opening = rng.choice(fits)
            referred = opening.starts_on - timedelta(days=rng.randint(3, 20))
            if referred >= today or (case["closed_on"] and referred >= case["closed_on"]):
                continue
            row = dict(
                id=self.ids.take(Referral),
                opening_id=opening.id,
                case_id=case["id"],
                person_id=case["person_id"],
                status="referred",
                referred_on=referred,
                score=rng.randint(40, 95),
                created_by_id=self.author(case),
                created_at=_noon(referred),
                updated_at=_noon(referred),
            )
            interviewed = referred + timedelta(days=rng.randint(2, 10))
            if interviewed < today:
                row.update(status="interviewed", interviewed_on=interviewed)
                start_on = max(opening.starts_on, interviewed + timedelta(days=1))
                if (
                    start_on < today
                    and hired.get(opening.id, 0) < opening.seats
                    and (rng.random() < 0.65)
                ):
                    hired[opening.id] = hired.get(opening.id, 0) + 1
                    row.update(status="hired", hired_on=start_on)
                    self._hire(case, row, opening, start_on)
                elif start_on < today:
                    row.update(
                        status="not_hired",
                        not_hired_on=interviewed,
                        not_hired_reason="Doanh nghiệp đã tuyển đủ người.",
                    )
            self.rows.add(Referral, **row)

    def _hire(self, case: dict, row: dict, opening, start_on: date) -> None:
        rng, today = self.rng, self.today
        ended = None
        if rng.random() < 0.22:
            ended = start_on + timedelta(days=rng.randint(20, 300))
            if ended >= today or (case["closed_on"] and ended > case["closed_on"]):
                ended = None
        if case.get("reoffended"):
            ended = case["closed_on"] - timedelta(days=5)
            ended = max(ended, start_on)
        if ended:
            row.update(
                status="job_lost",
                ended_on=ended,
                end_reason="detained"
                if case.get("reoffended")
                else rng.choice(("resigned", "contract_ended", "dismissed")),
            )
        for months in RETENTION_MONTHS:
            due = add_months(start_on, months)
            if case["closed_on"] and due >= case["closed_on"]:
                continue
            follow_up_id = self._follow_up(
                case, due, "retention_check", 7, note=f"{opening.title}"[:300]
            )
            self.rows.add(
                RetentionCheck,
                id=self.ids.take(RetentionCheck),
                referral_id=row["id"],
                follow_up_id=follow_up_id,
                months=months,
            )

    # --- transfers ----------------------------------------------------------------------------

    def transfers(self) -> None:
        """Some people moved within the province: the case went with them, keeping its id."""
        rng = self.rng
        movers = [c for c in self.cases if c["status"] == "active"]
        for case in rng.sample(movers, min(len(movers) // 60 + 1, len(movers))):
            source = rng.choice([c for c in self.communes if c != case["commune_code"]])
            asked = case["received_on"] + timedelta(days=rng.randint(30, 90))
            if asked >= self.today:
                continue
            self.rows.add(
                Transfer,
                id=self.ids.take(Transfer),
                case_id=case["id"],
                from_commune_code=source,
                to_commune_code=case["commune_code"],
                reason="Chuyển về sinh sống cùng gia đình.",
                status="accepted",
                requested_by_id=self.staff.officer.id,
                requested_at=_noon(asked),
                decided_by_id=self.author(case),
                decided_at=_noon(asked + timedelta(days=2)),
            )

    # --- loans --------------------------------------------------------------------------------

    def loans(self) -> None:
        rng, today = self.rng, self.today
        rate = rule_value_on(RuleKey.INTEREST_RATE, today)
        # The newest requests stop at each stage in turn, so every stage has some.
        open_stages = [
            "draft",
            "submitted",
            "under_review",
            "returned",
            "endorsed",
            "certified",
            "sent_to_bank",
            "approved",
            "disbursed",
        ] * 2
        recent = [
            c
            for c in self.cases
            if c["status"] != "closed" and c["received_on"] and (today - c["received_on"]).days > 60
        ]
        for case, stage in zip(recent[-len(open_stages) :], open_stages, strict=False):
            self._loan(case, today - timedelta(days=rng.randint(40, 50)), rate, stage)
        chosen = {id(c) for c in recent[-len(open_stages) :]}
        for case in self.cases:
            if not case["received_on"] or case["status"] == "closed" or id(case) in chosen:
                continue
            if rng.random() > 0.1:
                continue
            submitted = case["received_on"] + timedelta(days=rng.randint(30, 400))
            if submitted >= today:
                submitted = today - timedelta(days=rng.randint(0, 20))
            if submitted < case["received_on"]:
                continue
            self._loan(case, submitted, rate)

    def _loan(self, case: dict, submitted: date, rate: Decimal, stop_at: str | None = None) -> None:
        rng, today = self.rng, self.today
        organisation = _weighted(rng, ORGANISATIONS)
        purpose, use = rng.choice(LOAN_USES)
        amount = rng.choice((30, 40, 50, 60, 80, 100)) * 1_000_000
        term = rng.choice((24, 36, 48, 60))
        app_id = self.ids.take(LoanApplication)
        app = dict(
            id=app_id,
            borrower_kind="individual",
            case_id=case["id"],
            commune_code=case["commune_code"],
            organisation=organisation.value,
            status="draft",
            purpose=purpose,
            amount_requested=amount,
            term_months=term,
            course_months=3 if purpose == "vocational_training" else None,
            use_of_funds=use,
            household_head_name="Chủ hộ",
            household_relationship="Con",
            household_members=rng.randint(2, 6),
            in_own_name=False,
            form01_listed=True,
            outstanding_vbsp_debt=False,
            prepared_by_id=self.author(case),
            version=1,
            created_at=_noon(submitted),
            updated_at=_noon(submitted),
        )
        steps: list[tuple[str, str, date, int | None]] = []  # action, to, day, actor
        reviewer = self.staff.reviewer.id if organisation == Organisation.WOMENS_UNION else None
        day = submitted
        if rng.random() < 0.04 or day >= today or stop_at == "draft":
            self.rows.add(LoanApplication, **app)
            return

        def step(action: str, to: str, after: int, actor=None) -> bool:
            nonlocal day
            later = day + timedelta(days=after)
            if later >= today or (steps and steps[-1][1] == stop_at):
                return False
            day = later
            steps.append((action, to, day, actor))
            return True

        step("submit", "submitted", 0, self.author(case))
        app.update(
            submitted_on=day,
            rules_date=day,
            review_opened_on=day,
            review_due_on=_working_days_after(day, 10, self.holidays),
        )
        fate = rng.random()
        if step("take", "under_review", rng.randint(1, 4), reviewer):
            app["reviewer_id"] = reviewer
            if stop_at == "returned":
                step("return", "returned", rng.randint(2, 6), reviewer)
            elif fate < 0.07 and not stop_at:
                step("reject", "rejected", rng.randint(2, 8), reviewer)
            elif step("endorse", "endorsed", rng.randint(2, 9), reviewer) and step(
                "certify", "certified", rng.randint(1, 6), self.author(case)
            ):
                app.update(
                    certified_on=day, certification_reference=f"{rng.randint(10, 99)}/XN-UBND"
                )
                if step("send", "sent_to_bank", rng.randint(1, 3), self.author(case)):
                    app.update(
                        sent_to_bank_on=day, bank_due_on=_working_days_after(day, 3, self.holidays)
                    )
                    late = rng.random() < 0.15
                    if fate > 0.93 and not stop_at:
                        if step(
                            "decline",
                            "declined",
                            rng.randint(2, 8) if late else 2,
                            self.author(case),
                        ):
                            app["bank_decided_on"] = day
                    elif step(
                        "approve",
                        "approved",
                        rng.randint(4, 9) if late else rng.randint(1, 3),
                        self.author(case),
                    ):
                        approved = amount if rng.random() < 0.8 else amount - 10_000_000
                        app.update(
                            bank_decided_on=day,
                            bank_reference=f"{rng.randint(100, 999)}/NHCS",
                            approved_amount=approved,
                            approved_term_months=term,
                            approved_annual_rate=rate,
                        )
                        if step("disburse", "disbursed", rng.randint(3, 10), self.author(case)):
                            app["disbursed_on"] = day
                            self._repayments(app, case, rate)
        status = steps[-1][1] if steps else "draft"
        app["status"] = app.pop("_status", status)
        repaying_on = app.pop("_repaying_on", None)
        self.rows.add(LoanApplication, **app)
        previous = "draft"
        for action, to, on, actor in steps:
            self.rows.add(
                LoanTransition,
                id=self.ids.take(LoanTransition),
                application_id=app_id,
                action=action,
                from_status=previous,
                to_status=to,
                actor_id=actor,
                at=_noon(on),
            )
            previous = to
        if repaying_on:
            self.rows.add(
                LoanTransition,
                id=self.ids.take(LoanTransition),
                application_id=app_id,
                action="start_repayment",
                from_status="disbursed",
                to_status="repaying",
                actor_id=self.author(case),
                at=_noon(repaying_on),
            )

    def _repayments(self, app: dict, case: dict, rate: Decimal) -> None:
        """The bank's schedule; each instalment paid near its day, but some borrowers stop
        paying some months ago (arrears)."""
        rng, today = self.rng, self.today
        schedule = compute_schedule(
            app["approved_amount"], app["approved_term_months"], rate, app["disbursed_on"]
        )
        stops = today - timedelta(days=rng.randint(20, 120)) if rng.random() < 0.14 else None
        first_paid = None
        for row in schedule:
            instalment_id = self.ids.take(LoanInstalment)
            self.rows.add(
                LoanInstalment,
                id=instalment_id,
                application_id=app["id"],
                number=row.number,
                due_on=row.due_on,
                principal=row.principal,
                interest=row.interest,
                balance_after=row.balance_after,
            )
            paid_on = row.due_on + timedelta(days=rng.randint(-5, 1))
            if paid_on >= today or (stops and row.due_on >= stops):
                continue
            first_paid = first_paid or paid_on
            self.rows.add(
                LoanPayment,
                id=self.ids.take(LoanPayment),
                application_id=app["id"],
                instalment_id=instalment_id,
                paid_on=paid_on,
                amount=row.principal + row.interest,
                book_reference=f"Sổ vay vốn tổ {rng.randint(1, 12)}",
                recorded_by_id=self.author(case),
                recorded_at=_noon(paid_on),
            )
        if first_paid:
            app["_status"] = "repaying"
            app["_repaying_on"] = first_paid

    # --- reports ------------------------------------------------------------------------------

    def reports(self) -> int:
        """Every month, quarter and year that has ended since the first release, built as
        the scheduler builds them the day after; the quarters and years approved, and the
        months but the last two."""
        first = self.today - timedelta(days=DAYS)
        built = 0
        areas = snapshots.all_areas()
        for kind in periods.DEFAULT_PERIOD_KINDS:
            period = periods.period_containing(kind, first)
            done = []
            while period.end < self.today:
                new = snapshots.build(period, areas, today=period.after, skip_built=True)
                built += len(new)
                done.append(new)
                period = periods.period_containing(kind, period.after)
            keep_draft = 2 if kind == periods.PeriodKind.MONTH else 0
            for new in done[: len(done) - keep_draft]:
                for snapshot in new:
                    if snapshots.can_approve(snapshot, self.staff.officer):
                        snapshots.approve(snapshot, self.staff.officer)
        return built

    def run(self) -> int:
        self.people()
        self.reoffences()
        self.classifications()
        self.write_cases()
        self.write_classifications()
        self.follow_ups()
        self.plans()
        self.placements(self.courses())
        self.referrals(self.openings())
        self.transfers()
        self.loans()
        self.rows.write()
        _reset_sequences()
        return self.reports()


def _reset_sequences() -> None:
    """Rows were written with explicit ids: PostgreSQL's sequences must move past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in WRITE_ORDER:
        if "id" not in model.__table__.c:
            continue
        highest = select(func.max(model.id)).scalar_subquery()
        sequence = func.pg_get_serial_sequence(model.__table__.name, "id")
        db.session.execute(select(func.setval(sequence, func.greatest(highest, 1))))


def build_history(
    province_code: int,
    communes: list[int],
    staff: Staff,
    *,
    people: int,
    today: date,
    avoid_names: set[str],
) -> int:
    """Write the province's two years; returns how many report snapshots were built."""
    return History(province_code, communes, staff, people, today, avoid_names).run()
