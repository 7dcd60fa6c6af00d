"""Providers, courses and the support rates a province sets."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.training.models import (
    SEAT_HOLDING,
    Course,
    CourseLevel,
    FeeSupport,
    Placement,
    ProviderKind,
    SupportKind,
    SupportRate,
    Trade,
    TrainingProvider,
)
from reintegration.training.models.provider import keeps_catalogue


def _commune_in_province(commune_code: int | None, province_code: int, field: str) -> None:
    if commune_code is None:
        return
    commune = db.session.get(Commune, commune_code)
    if commune is None or commune.province_code != province_code:
        raise DomainError(_("Choose a commune of your province."), field=field)


def _check_trade(code: str, field: str = "trade_code") -> None:
    if db.session.get(Trade, code) is None:
        raise DomainError(_("Choose a trade from the list."), field=field)


def create_provider(
    user: User,
    *,
    name: str,
    kind: ProviderKind,
    commune_code: int | None = None,
    address: str | None = None,
    contact: str | None = None,
) -> TrainingProvider:
    """A provider of the user's province."""
    if user.province_code is None or not keeps_catalogue(user, user.province_code):
        raise DomainError(
            _("Only the province's officers keep its training providers."), code="forbidden"
        )
    _commune_in_province(commune_code, user.province_code, "commune_code")
    provider = TrainingProvider(
        name=nfc(name.strip()),
        kind=kind,
        province_code=user.province_code,
        commune_code=commune_code,
        address=address,
        contact=contact,
    )
    db.session.add(provider)
    db.session.flush()
    audit.record("training_provider_created", provider, user=user)
    return provider


def _check_version(obj: TrainingProvider | Course, expected_version: int | None) -> None:
    """A save based on what the user saw: refused when someone saved since."""
    if expected_version is not None and obj.version != expected_version:
        raise DomainError(
            _(
                "Someone else saved this after you opened it. Your changes were not saved: "
                "reload the page to see theirs, then save again."
            ),
            code="conflict",
        )


def _check_keeper(provider: TrainingProvider, user: User) -> None:
    if not provider.can_keep(user):
        raise DomainError(
            _("Only the province's officers keep its training providers."), code="forbidden"
        )


def update_provider(
    provider: TrainingProvider,
    user: User,
    *,
    expected_version: int | None,
    name: str,
    kind: ProviderKind,
    commune_code: int | None = None,
    address: str | None = None,
    contact: str | None = None,
    active: bool = True,
) -> None:
    _check_keeper(provider, user)
    _check_version(provider, expected_version)
    _commune_in_province(commune_code, provider.province_code, "commune_code")
    provider.name = nfc(name.strip())
    provider.kind = kind
    provider.commune_code = commune_code
    provider.address = address
    provider.contact = contact
    provider.active = active
    db.session.flush()
    audit.record("training_provider_updated", provider, user=user)


@dataclass
class CourseData:
    title: str
    trade_code: str
    level: CourseLevel
    commune_code: int
    starts_on: date
    ends_on: date
    seats: int
    cost: int = 0
    fee_support: FeeSupport = FeeSupport.NONE
    meals_support: bool = False
    travel_support: bool = False


def _check_course(provider: TrainingProvider, data: CourseData) -> None:
    _check_trade(data.trade_code)
    _commune_in_province(data.commune_code, provider.province_code, "commune_code")
    if data.ends_on < data.starts_on:
        raise DomainError(_("The course cannot end before it starts."), field="ends_on")
    if data.seats < 1:
        raise DomainError(_("A course has at least one seat."), field="seats")
    if data.cost < 0:
        raise DomainError(_("The cost cannot be negative."), field="cost")


def create_course(provider: TrainingProvider, data: CourseData, user: User) -> Course:
    _check_keeper(provider, user)
    _check_course(provider, data)
    course = Course(provider_id=provider.id, province_code=provider.province_code, **vars(data))
    course.title = nfc(course.title.strip())
    db.session.add(course)
    db.session.flush()
    audit.record("course_created", course, user=user, detail={"provider_id": provider.id})
    return course


def update_course(
    course: Course, data: CourseData, user: User, *, expected_version: int | None
) -> None:
    """Everything but the provider may change; the seats not below those taken, the trade
    not once someone holds a seat (their placement keeps the trade they were referred to)."""
    _check_keeper(course.provider, user)
    _check_version(course, expected_version)
    _check_course(course.provider, data)
    taken = _check_seats_cover(course, data.seats)
    if data.trade_code != course.trade_code and taken:
        raise DomainError(
            _("The trade cannot change: people already hold a seat on this course."),
            field="trade_code",
        )
    for name, value in vars(data).items():
        setattr(course, name, value)
    course.title = nfc(course.title.strip())
    db.session.flush()
    audit.record("course_updated", course, user=user)


def _check_seats_cover(course: Course, seats: int) -> int:
    """The seats taken on ``course``, after refusing ``seats`` below them."""
    taken = seats_taken(course.id)
    if seats < taken:
        raise DomainError(
            ngettext(
                "%(num)d person already holds a seat on this course: it cannot have fewer seats.",
                "%(num)d people already hold a seat on this course: it cannot have fewer seats.",
                taken,
            ),
            field="seats",
        )
    return taken


def change_seats(
    course: Course, seats: int, user: User, *, expected_version: int | None = None
) -> None:
    """Fewer seats than the placements holding one is refused."""
    _check_keeper(course.provider, user)
    _check_version(course, expected_version)
    if seats < 1:
        raise DomainError(_("A course has at least one seat."), field="seats")
    _check_seats_cover(course, seats)
    old = course.seats
    course.seats = seats
    db.session.flush()
    audit.record("course_seats_changed", course, user=user, detail={"from": old, "to": seats})


def seats_taken(course_id: int) -> int:
    return db.session.scalar(
        select(func.count(Placement.id)).where(
            Placement.course_id == course_id, Placement.status.in_(SEAT_HOLDING)
        )
    )


def seats_left(course: Course) -> int:
    return max(0, course.seats - seats_taken(course.id))


def seats_taken_by_course(course_ids) -> dict[int, int]:
    """course id → seats taken, for a list of courses in one query."""
    rows = db.session.execute(
        select(Placement.course_id, func.count(Placement.id))
        .where(Placement.course_id.in_(list(course_ids)), Placement.status.in_(SEAT_HOLDING))
        .group_by(Placement.course_id)
    )
    return {course_id: count for course_id, count in rows}


def add_support_rate(
    user: User,
    *,
    kind: SupportKind,
    amount: Decimal,
    effective_from: date,
    legal_basis: str,
    province_code: int | None = None,
) -> SupportRate:
    """A new level of support for a province (the user's own unless given), from a date
    (rows are never edited)."""
    province_code = province_code if province_code is not None else user.province_code
    if province_code is None:
        raise DomainError(_("Choose the province."), field="province_code")
    if not SupportRate.can_set(user, province_code):
        raise DomainError(
            _("You cannot set the support levels of this province."), code="forbidden"
        )
    if not legal_basis or not legal_basis.strip():
        raise DomainError(_("Give the decision that sets this level."), field="legal_basis")
    if amount < 0 or (kind == SupportKind.FEE_REDUCTION_PERCENT and amount > 100):
        raise DomainError(_("The amount is out of range."), field="amount")
    exists = db.session.scalar(
        select(SupportRate.id).where(
            SupportRate.province_code == province_code,
            SupportRate.kind == kind,
            SupportRate.effective_from == effective_from,
        )
    )
    if exists:
        raise DomainError(
            _("A level for this support already takes effect on that day."),
            field="effective_from",
        )
    rate = SupportRate(
        province_code=province_code,
        kind=kind,
        amount=amount,
        effective_from=effective_from,
        legal_basis=legal_basis.strip(),
        created_by_id=user.id,
    )
    db.session.add(rate)
    db.session.flush()
    audit.record(
        "training_support_rate_added",
        rate,
        user=user,
        detail={"kind": kind.value, "province_code": province_code},
    )
    return rate


def support_history(province_code: int) -> list[SupportRate]:
    """Every level a province has set, by kind, newest first."""
    return list(
        db.session.scalars(
            select(SupportRate)
            .where(SupportRate.province_code == province_code)
            .order_by(SupportRate.kind, SupportRate.effective_from.desc())
        )
    )


def rates_in_force(province_code: int, day: date) -> dict[SupportKind, int]:
    """kind → id of the row in force on ``day``."""
    in_force: dict[SupportKind, int] = {}
    for rate in support_history(province_code):
        if rate.effective_from <= day and rate.kind not in in_force:
            in_force[rate.kind] = rate.id
    return in_force


def rate_on(province_code: int, kind: SupportKind, day: date) -> Decimal | None:
    return db.session.scalar(
        select(SupportRate.amount)
        .where(
            SupportRate.province_code == province_code,
            SupportRate.kind == kind,
            SupportRate.effective_from <= day,
        )
        .order_by(SupportRate.effective_from.desc())
        .limit(1)
    )


def study_days(course: Course) -> int:
    """Monday to Friday between the first and last day of the course."""
    days = (course.ends_on - course.starts_on).days + 1
    return sum(
        1 for offset in range(days) if (course.starts_on + timedelta(days=offset)).weekday() < 5
    )


@dataclass
class Support:
    fee: int | None  # đồng of the fee the province covers (None: the level is not set)
    meals: int | None
    travel: int | None

    @property
    def total(self) -> int:
        return sum(v for v in (self.fee, self.meals, self.travel) if v)


def support_for(course: Course) -> Support:
    """The support a trainee gets on ``course`` at the levels in force when it starts."""
    day, province = course.starts_on, course.province_code
    fee: int | None = 0
    if course.fee_support == FeeSupport.EXEMPTION:
        fee = course.cost
    elif course.fee_support == FeeSupport.REDUCTION:
        percent = rate_on(province, SupportKind.FEE_REDUCTION_PERCENT, day)
        fee = None if percent is None else int(course.cost * percent / 100)
    meals: int | None = 0
    if course.meals_support:
        per_day = rate_on(province, SupportKind.MEAL_PER_DAY, day)
        meals = None if per_day is None else int(per_day * study_days(course))
    travel: int | None = 0
    if course.travel_support:
        per_course = rate_on(province, SupportKind.TRAVEL_PER_COURSE, day)
        travel = None if per_course is None else int(per_course)
    return Support(fee=fee, meals=meals, travel=travel)
