"""Registering a person released to a commune: checks, duplicates, the case and its deadline."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from reintegration.accounts.models import Role, User
from reintegration.calendar.services import add_working_days
from reintegration.casework.services import schedule
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.identity import (
    check_citizen_id,
    check_old_id_number,
    normalise_id_number,
)
from reintegration.people.models import (
    AmnestyDecision,
    Case,
    CaseNeed,
    CaseStatus,
    Person,
    Release,
    ReleaseType,
)
from reintegration.people.services import expungement, plausibility
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.revisions import (
    record_revision,
)
from reintegration.people.services.similar import similar_people

# Circular 10/2024 Art. 8: commune police verify the residence within 3 working days.
ARRIVAL_WORKING_DAYS = 3
ID_LOOKUP_CHUNK = 500


class DuplicateIdNumber(DomainError):
    """The ID number is registered already; ``case`` is the file the user may open, if any."""

    def __init__(self, message: str, case: Case | None):
        super().__init__(message, field="id_number", code="duplicate")
        self.case = case

    def details(self) -> dict:
        return {"case_id": self.case.id if self.case else None}


class SimilarPeople(DomainError):
    """People with a similar name and the same birth are on file; the user must confirm."""

    def __init__(self, message: str, matches: list[tuple[Person, Case | None]]):
        super().__init__(message, field="full_name", code="similar")
        self.matches = matches

    def details(self) -> dict:
        return {
            "similar": [
                {
                    "person_id": person.id,
                    "full_name": person.full_name,
                    "birth": person.birth_label,
                    "case_id": case.id if case else None,
                }
                for person, case in self.matches
            ]
        }


@dataclass(frozen=True)
class Registration:
    person: Person
    release: Release
    case: Case


# A citizen ID number that disagrees with the recorded birth year or sex is a data error to
# show, not to hide (DOMAIN.md): saved with a flag once confirmed. A number that cannot be
# one (length, digits, province) is still refused.
MISMATCH_CODES = {"century_sex", "birth_year"}


def validate_identity(data: PersonData, *, accept_mismatch: bool = False) -> None:
    """Normalise the ID numbers in ``data`` and refuse numbers that cannot be right; one
    that disagrees with the record is refused until ``accept_mismatch`` (the user confirmed
    it is as the papers write it), then kept with ``data.id_data_error`` set."""
    problems = identity_problems(data, accept_mismatch=accept_mismatch)
    if problems:
        raise problems[0]


def identity_problems(data: PersonData, *, accept_mismatch: bool = False) -> list[DomainError]:
    """Every reason to refuse ``data``'s ID numbers and birth, one error per field (an
    imported row reports them all at once); normalises the numbers in ``data``. A mismatch
    with the birth year or sex is accepted as a flagged data error when ``accept_mismatch``
    (an import) or when ``data`` already carries the flag; otherwise it is refused with a
    request to confirm (``code="id_mismatch"``)."""
    errors = []
    flagged = data.id_data_error
    data.id_data_error = None
    if data.id_number:
        data.id_number = normalise_id_number(data.id_number)
        problems = check_citizen_id(
            data.id_number, birth_year=data.birth_year, sex=data.sex.value if data.sex else None
        )
        wrong = [p for p in problems if p.code not in MISMATCH_CODES]
        mismatch = " ".join(p.message for p in problems if p.code in MISMATCH_CODES)
        if wrong:
            errors.append(DomainError(" ".join(p.message for p in problems), field="id_number"))
        elif mismatch and (accept_mismatch or flagged):
            data.id_data_error = mismatch
        elif mismatch:
            errors.append(
                DomainError(
                    mismatch
                    + " "
                    + _(
                        "If the number is as the papers write it, tick the confirmation: the "
                        "person is saved with a data-error flag to resolve."
                    ),
                    field="id_number",
                    code="id_mismatch",
                )
            )
    if data.old_id_number:
        data.old_id_number = normalise_id_number(data.old_id_number)
        problems = check_old_id_number(data.old_id_number)
        if problems:
            errors.append(DomainError(" ".join(p.message for p in problems), field="old_id_number"))
    if data.birth_date and data.birth_date.year != data.birth_year:
        errors.append(
            DomainError(_("The year of birth differs from the date of birth."), field="birth_year")
        )
    return errors


def visible_case(person: Person, user: User) -> Case | None:
    """The newest of the person's cases that ``user`` may open."""
    for case in sorted(person.cases, key=lambda c: c.id, reverse=True):
        if case.can_view(user):
            return case
    return None


def check_id_not_registered(id_number: str | None, user: User, *, except_id=None) -> None:
    if not id_number:
        return
    stmt = select(Person).where(Person.id_number == id_number)
    if except_id is not None:
        stmt = stmt.where(Person.id != except_id)
    existing = db.session.scalar(stmt)
    if existing is None:
        return
    case = visible_case(existing, user)
    if case is not None:
        message = _("This ID number is already registered to %(name)s.", name=existing.full_name)
    else:
        message = _(
            "This ID number is already registered in another commune. Ask the province "
            "officer to find the file."
        )
    raise DuplicateIdNumber(message, case)


@contextmanager
def number_registered_meanwhile_refused(data: PersonData, actor: User) -> Iterator[None]:
    """Around a registration and its commit. Two people registering the same new ID number
    at the same moment both pass the check; the database's unique number stops the second
    insert. That one is rolled back and refused like any duplicate (DuplicateIdNumber),
    saying the number was registered just now, instead of failing."""
    try:
        yield
    except IntegrityError:
        db.session.rollback()
        try:
            check_id_not_registered(data.id_number, actor)
        except DuplicateIdNumber as taken:
            message = _("This ID number was registered a moment ago, while you were typing.")
            raise DuplicateIdNumber(f"{message} {taken.message}", taken.case) from None
        raise


# What the checks looked up, by key, shared by the rows of a list (``check_request``).
Lookups = dict[tuple, Any]


def _remembered(lookups: Lookups | None, key: tuple, look_up: Callable[[], Any]) -> Any:
    """``look_up()``, asked once per key when ``lookups`` is given (the rows of a list
    share a few communes, caseworkers and decisions); a refusal is remembered too."""
    if lookups is None:
        return look_up()
    if key not in lookups:
        try:
            lookups[key] = (look_up(), None)
        except DomainError as error:
            lookups[key] = (None, error)
    found, error = lookups[key]
    if error is not None:
        raise error
    return found


def check_intake_scope(intake: IntakeData, actor: User) -> User | None:
    """The commune must be the actor's; the caseworker (default: the actor) must cover it."""
    if not actor.sees_person_files or not actor.can_see_commune(intake.commune_code):
        raise DomainError(
            _("You can only register people in the communes you cover."), field="commune_code"
        )
    caseworker_id = intake.caseworker_id
    if caseworker_id is None and actor.role == Role.CASEWORKER:
        caseworker_id = actor.id
    if caseworker_id is None:
        return None
    caseworker = db.session.get(User, caseworker_id)
    if (
        caseworker is None
        or caseworker.role != Role.CASEWORKER
        or not caseworker.can_see_commune(intake.commune_code)
    ):
        raise DomainError(
            _("The caseworker must be a caseworker of this commune."), field="caseworker_id"
        )
    return caseworker


def check_release(data: ReleaseData, lookups: Lookups | None = None) -> None:
    if data.release_type == ReleaseType.AMNESTY and not data.amnesty_decision_id:
        raise DomainError(
            _("Choose the amnesty decision for a pardoned person."), field="amnesty_decision_id"
        )
    if data.release_type != ReleaseType.AMNESTY:
        data.amnesty_decision_id = None
    elif not _remembered(
        lookups,
        ("decision", data.amnesty_decision_id),
        lambda: db.session.get(AmnestyDecision, data.amnesty_decision_id) is not None,
    ):
        raise DomainError(_("Unknown amnesty decision."), field="amnesty_decision_id")
    if (
        data.sentence_months is not None
        and data.served_months is not None
        and data.served_months > data.sentence_months
    ):
        raise DomainError(_("The time served cannot exceed the sentence."), field="served_months")


def register_person(
    person_data: PersonData,
    release_data: ReleaseData,
    intake: IntakeData,
    *,
    actor: User,
    confirmed_not_duplicate: bool = False,
    accept_id_mismatch: bool = False,
) -> Registration:
    """Register a released person with a new case in the commune that receives them."""
    validate_identity(person_data, accept_mismatch=accept_id_mismatch)
    caseworker = check_request(
        RegistrationRequest(person_data, release_data, intake), actor, identity_checked=True
    )
    check_id_not_registered(person_data.id_number, actor)
    if not confirmed_not_duplicate:
        matches = similar_people(person_data)
        if matches:
            raise SimilarPeople(
                _(
                    "A person with a similar name and the same birth is already on file. "
                    "Check that this is someone else, then confirm."
                ),
                [(m, visible_case(m, actor)) for m in matches],
            )

    registration = _new_registration(person_data, release_data, intake, caseworker)
    db.session.add_all([registration.person, registration.release, registration.case])
    db.session.flush()
    record_revision(registration.person, actor)
    record_revision(registration.case, actor)
    audit.record(
        "person_registered", registration.person, user=actor,
        detail={"case_id": registration.case.id},
    )  # fmt: skip
    schedule.start_schedule(registration.case, actor=actor)
    return registration


ADULT_AGE = 18


def minor_on_release(birth_date: date | None, birth_year: int, released: date | None) -> bool:
    """Under 18 on the release day. Without the day of birth, the year decides in the
    person's favour: born in the year 18 years before the release counts as under 18."""
    if released is None:
        return False
    if birth_date is not None:
        before_birthday = (released.month, released.day) < (birth_date.month, birth_date.day)
        return released.year - birth_date.year - before_birthday < ADULT_AGE
    return released.year - birth_year <= ADULT_AGE


def refresh_minor(case: Case) -> None:
    person, release = case.person, case.release
    case.minor_on_release = minor_on_release(
        person.birth_date, person.birth_year, release.release_date if release else None
    )


def arrival_deadline(notified_on: date) -> date:
    return add_working_days(notified_on, ARRIVAL_WORKING_DAYS)


def recount_arrival_deadlines(today: date) -> int:
    """After a change of the calendar: each open case's arrival deadline not yet past is
    counted again from its notice. Returns how many moved."""
    stmt = select(Case).where(
        Case.status != CaseStatus.CLOSED,
        Case.notified_on.is_not(None),
        Case.arrival_deadline >= today,
    )
    moved = 0
    for case in db.session.scalars(stmt):
        deadline = arrival_deadline(case.notified_on)
        if deadline != case.arrival_deadline:
            case.arrival_deadline = deadline
            moved += 1
    db.session.flush()
    return moved


def _new_registration(
    person_data: PersonData,
    release_data: ReleaseData,
    intake: IntakeData,
    caseworker: User | None,
    deadline: date | None = None,
) -> Registration:
    person = Person(**asdict(person_data))
    release = Release(person=person, **asdict(release_data))
    case = Case(
        person=person,
        release=release,
        commune_code=intake.commune_code,
        caseworker=caseworker,
        status=intake.status,
        notified_on=intake.notified_on,
        received_on=intake.received_on,
        classification=intake.classification,
        extremely_difficult=intake.extremely_difficult,
        intake_notes=intake.intake_notes,
        needs=[CaseNeed(need=n) for n in sorted(intake.needs)],
    )
    if intake.notified_on:
        case.arrival_deadline = deadline or arrival_deadline(intake.notified_on)
    expected = expungement.compute(release_data)
    case.expungement_on, case.expungement_by_court = expected.day, expected.by_court
    case.minor_on_release = minor_on_release(
        person_data.birth_date, person_data.birth_year, release_data.release_date
    )
    return Registration(person, release, case)


@dataclass
class RegistrationRequest:
    """One person of a list registered in bulk."""

    person: PersonData
    release: ReleaseData
    intake: IntakeData


def check_request(
    request: RegistrationRequest,
    actor: User,
    lookups: Lookups | None = None,
    *,
    identity_checked: bool = False,
) -> User | None:
    """The checks ``register_person`` makes before writing, but the ID number's and the
    similar names' (a list checks those for all its rows at once). Returns the caseworker.
    A list passes the same ``lookups`` (a dict) for all its rows. ``identity_checked``: the
    caller has just validated the person's identity (``identity_problems`` found nothing),
    so it is not validated twice."""
    if not identity_checked:
        validate_identity(request.person)
    # The day is read once for a list's rows (their ``lookups``), not once a row.
    today = _remembered(lookups, ("today",), today_local)
    plausibility.refuse(registration_problems(request, today))
    if request.intake.status != CaseStatus.NOTIFIED and request.intake.received_on is None:
        raise DomainError(_("Give the date the person was received."), field="received_on")
    intake = request.intake
    caseworker = _remembered(
        lookups,
        ("scope", intake.commune_code, intake.caseworker_id),
        lambda: check_intake_scope(intake, actor),
    )
    check_release(request.release, lookups)
    return caseworker


def registration_problems(
    request: RegistrationRequest, today: date | None = None
) -> list[DomainError]:
    """Everything in the request that cannot be true (see ``plausibility``) on ``today``
    (by default the local day)."""
    today = today or today_local()
    person, release, intake = request.person, request.release, request.intake
    return [
        *plausibility.person_problems(person, today),
        *plausibility.release_problems(release, person.birth_year, today),
        *plausibility.case_date_problems(
            intake.notified_on, intake.received_on, release.release_date, today
        ),
    ]


def registered_id_numbers(numbers: list[str]) -> dict[str, Person]:
    """The people already registered under any of ``numbers``, with their cases (whose
    scope says what a duplicate's message may show)."""
    found: dict[str, Person] = {}
    for start in range(0, len(numbers), ID_LOOKUP_CHUNK):
        chunk = numbers[start : start + ID_LOOKUP_CHUNK]
        stmt = select(Person).where(Person.id_number.in_(chunk)).options(selectinload(Person.cases))
        for person in db.session.scalars(stmt):
            found[person.id_number] = person
    return found
