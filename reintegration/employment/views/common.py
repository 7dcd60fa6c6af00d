"""What the employment views share: the role decorator, loading in scope (out of scope is
404), the choices a form needs, and running a service with its refusal on the form."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from reintegration.core.forms import SelectChoice, options
from reintegration.core.text import in_vietnamese_order
from reintegration.employment.models import Employer, Opening, Referral
from reintegration.employment.services import access
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case
from reintegration.training.services.trades import trade_choices

# Union reviewers and committee viewers never reach these pages; administrators keep
# accounts and reference data, not people's work.


def employer_or_404(employer_id: int) -> Employer:
    return access.find_employer(employer_id, current_user) or abort(404)


def opening_or_404(opening_id: int) -> Opening:
    return access.find_opening(opening_id, current_user) or abort(404)


def referral_or_404(referral_id: int) -> Referral:
    return access.find_referral(referral_id, current_user) or abort(404)


def case_or_404(case_id: int | None) -> Case:
    """A case in the user's communes (the people domain's query), else 404."""
    case = find_case(case_id, current_user) if case_id is not None else None
    return case or abort(404)


def can_keep(province_code: int) -> bool:
    return access.can_keep(current_user, province_code)


def province_commune_choices(province_code: int | None) -> list[SelectChoice]:
    communes = in_vietnamese_order(
        db.session.scalars(select(Commune).where(Commune.province_code == province_code))
    )
    return options([(c.code, c.name) for c in communes])


def trade_options(*, blank: str | None = None) -> list[SelectChoice]:
    pairs = trade_choices()
    return options([("", blank), *pairs] if blank is not None else pairs)
