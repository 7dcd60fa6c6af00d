"""Who reaches the training reference data and placements: providers and courses are kept
per province; caseworkers and province officers read those of their province (its officers
keep them: ``TrainingProvider.can_keep``). Placements are reached through their case's
commune, like the case itself. Other roles reach none (the views refuse them too)."""

from sqlalchemy import ColumnElement, false, select

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from reintegration.training.models import Course, Placement, TrainingProvider


def province_clause(user: User, province_column: ColumnElement) -> ColumnElement[bool]:
    if user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER) and user.province_code is not None:
        return province_column == user.province_code
    return false()


def find_provider(provider_id: int, user: User) -> TrainingProvider | None:
    return db.session.scalar(
        select(TrainingProvider).where(
            TrainingProvider.id == provider_id,
            province_clause(user, TrainingProvider.province_code),
        )
    )


def find_course(course_id: int, user: User) -> Course | None:
    return db.session.scalar(
        select(Course).where(Course.id == course_id, province_clause(user, Course.province_code))
    )


def providers_query(user: User):
    return (
        select(TrainingProvider)
        .where(province_clause(user, TrainingProvider.province_code))
        .order_by(TrainingProvider.sort_key, TrainingProvider.id)
    )


def courses_query(user: User, *, trade_code: str | None = None, provider_id: int | None = None):
    stmt = select(Course).where(province_clause(user, Course.province_code))
    if trade_code:
        stmt = stmt.where(Course.trade_code == trade_code)
    if provider_id is not None:
        stmt = stmt.where(Course.provider_id == provider_id)
    return stmt.order_by(Course.starts_on.desc(), Course.id.desc())


def find_placement(placement_id: int, user: User) -> Placement | None:
    """A placement whose case lies in the user's communes (as the case file is reached)."""
    return db.session.scalar(
        select(Placement)
        .join(Case, Case.id == Placement.case_id)
        .where(Placement.id == placement_id, commune_scope_clause(user, Case.commune_code))
    )


def placements_on_course_query(course: Course, user: User):
    """The placements on ``course`` whose case lies in the user's communes: a caseworker
    sees the people of their communes on a course shared by the province, not the others."""
    return (
        select(Placement)
        .join(Case, Case.id == Placement.case_id)
        .join(Person, Person.id == Placement.person_id)
        .where(Placement.course_id == course.id, commune_scope_clause(user, Case.commune_code))
        # People under 18 on release first (Decree 49/2020 Art. 11), then by name.
        .order_by(Case.minor_on_release.desc(), Person.sort_key, Placement.id)
    )
