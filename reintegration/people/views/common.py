"""Helpers the people views share: loading in scope, choices within scope, errors on forms."""

from flask import abort
from flask_login import current_user
from sqlalchemy import Row, select

from reintegration.accounts.models import Role, User, user_communes
from reintegration.core.text import in_name_order, in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case


def case_or_404(case_id: int) -> Case:
    return find_case(case_id, current_user) or abort(404)


def communes_in_scope() -> list[Row]:
    """The user's communes as (code, name), in name order: for choices, so no whole rows."""
    codes = current_user.commune_codes()
    return in_vietnamese_order(
        db.session.execute(select(Commune.code, Commune.name).where(Commune.code.in_(codes))),
        name=lambda row: row.name,
    )


def caseworkers_for(commune_codes) -> list[Row]:
    """The active caseworkers of ``commune_codes`` as (id, full_name), in name order."""
    return in_name_order(
        db.session.execute(
            select(User.id, User.full_name)
            .join(user_communes, user_communes.c.user_id == User.id)
            .where(
                User.role == Role.CASEWORKER,
                User.active.is_(True),
                user_communes.c.commune_code.in_(list(commune_codes)),
            )
            .distinct()
            .order_by(User.id)
        )
    )
