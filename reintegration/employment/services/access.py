"""Who reaches employers and openings.

Employers and openings are province-level reference data: caseworkers and province
officers list and keep those of their province. An opening elsewhere can still be offered
to a person (people move for work: the industrial zones draw workers from other
provinces), so a person's list of openings spans every province with distance in the
score, and any caseworker or province officer may open an opening's page to refer someone
of their own scope. Candidates are always limited to the user's scope. Other roles reach
nothing here."""

from sqlalchemy import ColumnElement, Select, false, select, true

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.core.text import fold
from reintegration.employment.models import Employer, Opening, Referral
from reintegration.extensions import db
from reintegration.people.models import Case


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


def find_referral(referral_id: int, user: User) -> Referral | None:
    """A referral of a person in ``user``'s scope (the person's case decides)."""
    return db.session.scalar(
        select(Referral)
        .join(Case, Case.id == Referral.case_id)
        .where(Referral.id == referral_id, commune_scope_clause(user, Case.commune_code))
    )


def employers_query(user: User, *, search: str | None = None) -> Select:
    """The province's employers in Vietnamese order of their names (the stored key);
    ``search`` finds a name without diacritics or case ("cong ty dong anh") or a tax code
    fragment. Names are folded here rather than in a stored column: a province keeps
    hundreds of employers, not hundreds of thousands."""
    in_province = province_clause(user, Employer.province_code)
    stmt = select(Employer).where(in_province)
    wanted = fold(search)
    if wanted:
        rows = db.session.execute(
            select(Employer.id, Employer.name, Employer.tax_code).where(in_province)
        )
        ids = [row.id for row in rows if wanted in fold(row.name) or wanted in row.tax_code]
        stmt = stmt.where(Employer.id.in_(ids))
    return stmt.order_by(Employer.sort_key, Employer.id)


def openings_query(
    user: User, *, status=None, trade_code: str | None = None, employer_id: int | None = None
) -> Select:
    stmt = select(Opening).where(province_clause(user, Opening.province_code))
    if employer_id is not None:
        stmt = stmt.where(Opening.employer_id == employer_id)
    if status is not None:
        stmt = stmt.where(Opening.status == status)
    if trade_code:
        stmt = stmt.where(Opening.trade_code == trade_code)
    return stmt.order_by(Opening.starts_on.desc(), Opening.id.desc())
