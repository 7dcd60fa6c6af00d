"""Registering a person released to a commune: checks, duplicates, the case and its deadline."""

import difflib
from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select

from reintegration.accounts.models import Role, User
from reintegration.calendar.services import add_working_days
from reintegration.casework.services import schedule
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.text import fold
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
from reintegration.people.models.person import name_sort_key
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.revisions import record_revision

# Circular 10/2024 Art. 8: commune police verify the residence within 3 working days.
ARRIVAL_WORKING_DAYS = 3
SIMILAR_NAME_RATIO = 0.85


class DuplicateIdNumber(DomainError):
    """The ID number is registered already; ``case`` is the file the user may open, if any."""

    def __init__(self, message: str, case: Case | None):
        super().__init__(message, field="id_number", code="duplicate")
        self.case = case


class SimilarPeople(DomainError):
    """People with a similar name and the same birth are on file; the user must confirm."""

    def __init__(self, message: str, matches: list[tuple[Person, Case | None]]):
        super().__init__(message, field="full_name", code="similar")
        self.matches = matches


@dataclass(frozen=True)
class Registration:
    person: Person
    release: Release
    case: Case


def validate_identity(data: PersonData) -> None:
    """Normalise the ID numbers in ``data`` and refuse numbers that contradict the record."""
    if data.id_number:
        data.id_number = normalise_id_number(data.id_number)
        problems = check_citizen_id(
            data.id_number, birth_year=data.birth_year, sex=data.sex.value if data.sex else None
        )
        if problems:
            raise DomainError(" ".join(p.message for p in problems), field="id_number")
    if data.old_id_number:
        data.old_id_number = normalise_id_number(data.old_id_number)
        problems = check_old_id_number(data.old_id_number)
        if problems:
            raise DomainError(" ".join(p.message for p in problems), field="old_id_number")
    if data.birth_date and data.birth_date.year != data.birth_year:
        raise DomainError(
            _("The year of birth differs from the date of birth."), field="birth_year"
        )


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


def similar_people(data: PersonData, *, except_id=None) -> list[Person]:
    """Same birth (date, or year when a date is missing) and a name that reads the same
    without diacritics, or nearly so (a middle name left out, a typo)."""
    given_name = name_sort_key(data.full_name).split(" ")[0]
    stmt = select(Person).where(
        Person.birth_year == data.birth_year,
        Person.merged_into_id.is_(None),
        Person.sort_key.startswith(given_name + " ", autoescape=True),
    )
    if data.birth_date:
        stmt = stmt.where(or_(Person.birth_date == data.birth_date, Person.birth_date.is_(None)))
    if except_id is not None:
        stmt = stmt.where(Person.id != except_id)
    wanted = fold(data.full_name)
    wanted_words = wanted.split()
    matches = []
    for candidate in db.session.scalars(stmt):
        name = fold(candidate.full_name)
        words = name.split()
        same_ends = words[:1] + words[-1:] == wanted_words[:1] + wanted_words[-1:]
        ratio = difflib.SequenceMatcher(None, name, wanted).ratio()
        if name == wanted or same_ends or ratio >= SIMILAR_NAME_RATIO:
            matches.append(candidate)
    return matches


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


def check_release(data: ReleaseData) -> None:
    if data.release_type == ReleaseType.AMNESTY and not data.amnesty_decision_id:
        raise DomainError(
            _("Choose the amnesty decision for a pardoned person."), field="amnesty_decision_id"
        )
    if data.release_type != ReleaseType.AMNESTY:
        data.amnesty_decision_id = None
    elif db.session.get(AmnestyDecision, data.amnesty_decision_id) is None:
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
) -> Registration:
    """Register a released person with a new case in the commune that receives them."""
    validate_identity(person_data)
    if intake.status != CaseStatus.NOTIFIED and intake.received_on is None:
        raise DomainError(_("Give the date the person was received."), field="received_on")
    caseworker = check_intake_scope(intake, actor)
    check_release(release_data)
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
        case.arrival_deadline = add_working_days(intake.notified_on, ARRIVAL_WORKING_DAYS)
    db.session.add_all([person, release, case])
    db.session.flush()
    record_revision(person, actor)
    record_revision(case, actor)
    audit.record("person_registered", person, user=actor, detail={"case_id": case.id})
    schedule.start_schedule(case, actor=actor)
    return Registration(person, release, case)
