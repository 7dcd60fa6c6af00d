"""What the training views share: role decorators, loading in scope (else 404), the
keeper check (else 403), choices of communes, and saving through one service call."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.core.forms import SelectChoice, options
from reintegration.core.text import in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case
from reintegration.training.models import Course, Placement, TrainingProvider
from reintegration.training.services import access

# Caseworkers read the province's catalogue to refer people; its officers keep it.
reader_roles = roles_required(Role.CASEWORKER, Role.PROVINCE_OFFICER)
keeper_role = roles_required(Role.PROVINCE_OFFICER)


def provider_or_404(provider_id: int) -> TrainingProvider:
    return access.find_provider(provider_id, current_user) or abort(404)


def course_or_404(course_id: int | None) -> Course:
    course = access.find_course(course_id, current_user) if course_id else None
    return course or abort(404)


def placement_or_404(placement_id: int) -> Placement:
    return access.find_placement(placement_id, current_user) or abort(404)


def case_or_404(case_id: int) -> Case:
    """A case in the user's communes, else 404."""
    return find_case(case_id, current_user) or abort(404)


def keeper_or_403(provider: TrainingProvider) -> None:
    if not provider.can_keep(current_user):
        abort(403)


def province_communes(province_code: int, *, blank: bool = False) -> list[SelectChoice]:
    communes = in_vietnamese_order(
        db.session.scalars(select(Commune).where(Commune.province_code == province_code))
    )
    pairs = [(c.code, c.name) for c in communes]
    return options([(None, "—"), *pairs] if blank else pairs)
