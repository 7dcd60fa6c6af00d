"""Who reaches employers and openings.

Employers and openings are province-level reference data: caseworkers and province
officers list and keep those of their province. An opening elsewhere can still be offered
to a person (people move for work: the industrial zones draw workers from other
provinces), so a person's list of openings spans every province with distance in the
score, and any caseworker or province officer may open an opening's page to refer someone
of their own scope. Candidates are always limited to the user's scope. Other roles reach
nothing here."""

from sqlalchemy import ColumnElement, false, select, true

from reintegration.accounts.models import Role, User
from reintegration.employment.models import Employer, Opening
from reintegration.extensions import db


def province_clause(user: User, province_column: ColumnElement) -> ColumnElement[bool]:
    if user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER) and user.province_code is not None:
        return province_column == user.province_code
    return false()


def readable_clause(user: User) -> ColumnElement[bool]:
    """Openings any caseworker or province officer may open (to refer their people)."""
    return true() if user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER) else false()


def can_keep(user: User, province_code: int) -> bool:
    """Create and change: the province's own users."""
    return (
        user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER)
        and user.province_code == province_code
    )


def find_employer(employer_id: int, user: User) -> Employer | None:
    return db.session.scalar(
        select(Employer).where(
            Employer.id == employer_id, province_clause(user, Employer.province_code)
        )
    )


def find_opening(opening_id: int, user: User) -> Opening | None:
    return db.session.scalar(select(Opening).where(Opening.id == opening_id, readable_clause(user)))


def employers_query(user: User):
    return (
        select(Employer)
        .where(province_clause(user, Employer.province_code))
        .order_by(Employer.name, Employer.id)
    )


def openings_query(user: User, *, status=None, trade_code: str | None = None):
    stmt = select(Opening).where(province_clause(user, Opening.province_code))
    if status is not None:
        stmt = stmt.where(Opening.status == status)
    if trade_code:
        stmt = stmt.where(Opening.trade_code == trade_code)
    return stmt.order_by(Opening.starts_on.desc(), Opening.id.desc())
