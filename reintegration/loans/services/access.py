"""Who reaches which application, in the query.

Caseworkers and province officers reach applications through their communes (the same
scope as the case files); union reviewers reach the applications of their organisation in
their province, once submitted; every other role reaches none.
"""

from datetime import date

from sqlalchemy import ColumnElement, Select, false, select

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.extensions import db
from reintegration.loans.models import (
    IN_REVIEW_STATUSES,
    LoanApplication,
    LoanStatus,
    reviewer_clause,
)


def visible_clause(user: User) -> ColumnElement[bool]:
    if user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER):
        return commune_scope_clause(user, LoanApplication.commune_code)
    if (
        user.role == Role.UNION_REVIEWER
        and user.organisation is not None
        and user.province_code is not None
    ):
        return reviewer_clause(user)
    return false()


def find_application(application_id: int, user: User) -> LoanApplication | None:
    """The application if ``user`` may see it; None otherwise (the view answers 404)."""
    stmt = select(LoanApplication).where(LoanApplication.id == application_id, visible_clause(user))
    return db.session.scalar(stmt)


def applications_query(
    user: User, *, status: LoanStatus | None = None, case_id: int | None = None
) -> Select:
    stmt = select(LoanApplication).where(visible_clause(user))
    if status is not None:
        stmt = stmt.where(LoanApplication.status == status)
    if case_id is not None:
        stmt = stmt.where(LoanApplication.case_id == case_id)
    return stmt.order_by(LoanApplication.updated_at.desc(), LoanApplication.id.desc())


def review_queue_query(user: User, *, waiting_only: bool = True) -> Select:
    """A reviewer's queue: waiting applications first, the nearest deadline first."""
    stmt = select(LoanApplication).where(visible_clause(user))
    if waiting_only:
        stmt = stmt.where(LoanApplication.status.in_(IN_REVIEW_STATUSES))
    return stmt.order_by(
        LoanApplication.review_due_on.is_(None),
        LoanApplication.review_due_on,
        LoanApplication.id,
    )


def waiting_to_take(user: User) -> Select:
    """A reviewer's applications submitted and not yet taken under review, oldest deadline
    first."""
    return (
        select(LoanApplication)
        .where(visible_clause(user), LoanApplication.status == LoanStatus.SUBMITTED)
        .order_by(LoanApplication.review_due_on, LoanApplication.id)
    )


def past_review_deadline(user: User, today: date) -> Select:
    """A reviewer's applications still in review whose deadline has passed."""
    return (
        select(LoanApplication)
        .where(
            visible_clause(user),
            LoanApplication.status.in_(IN_REVIEW_STATUSES),
            LoanApplication.review_due_on < today,
        )
        .order_by(LoanApplication.review_due_on, LoanApplication.id)
    )
