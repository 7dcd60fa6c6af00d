"""What the loan views share: role decorators, loading in scope, choices in scope."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.core.text import in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models import LoanApplication
from reintegration.loans.services.access import find_application
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case

reviewer_role = roles_required(Role.UNION_REVIEWER)
loan_roles = roles_required(Role.CASEWORKER, Role.PROVINCE_OFFICER, Role.UNION_REVIEWER)


def application_or_404(application_id: int) -> LoanApplication:
    """In the user's scope (the query decides), else 404: a file outside it cannot even be
    told to exist."""
    return find_application(application_id, current_user) or abort(404)


def preparer_or_403(application: LoanApplication) -> None:
    if not application.can_prepare(current_user):
        abort(403)


def case_or_404(case_id: int | None) -> Case:
    """A case in the user's scope (the people domain's query), else 404."""
    case = find_case(case_id, current_user) if case_id is not None else None
    return case or abort(404)


def communes_in_scope() -> list[Commune]:
    codes = current_user.commune_codes()
    return in_vietnamese_order(db.session.scalars(select(Commune).where(Commune.code.in_(codes))))
