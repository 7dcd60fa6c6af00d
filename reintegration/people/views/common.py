"""Helpers the people views share: loading in scope, choices within scope, errors on forms."""

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Row, select

from reintegration.accounts.models import Role, User, user_communes
from reintegration.core.forms import mark_refused
from reintegration.core.text import in_name_order
from reintegration.extensions import db
from reintegration.geo.addresses import ConversionStatus, problem_message
from reintegration.geo.models import Commune
from reintegration.geo.services import read_address
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case


def case_or_404(case_id: int) -> Case:
    return find_case(case_id, current_user) or abort(404)


def communes_in_scope() -> list[Row]:
    """The user's communes as (code, name), in Vietnamese name order (the stored key), for
    choices: no whole rows, one query."""
    return db.session.execute(
        select(Commune.code, Commune.name)
        .where(current_user.covers(Commune.code))
        .order_by(Commune.sort_key, Commune.code)
    ).all()


def caseworkers_for(commune_codes) -> list[Row]:
    """The active caseworkers of ``commune_codes`` as (id, full_name), in name order."""
    return _caseworkers(user_communes.c.commune_code.in_(list(commune_codes)))


def caseworkers_in_scope() -> list[Row]:
    """The active caseworkers of the user's communes as (id, full_name), in name order."""
    return _caseworkers(current_user.covers(user_communes.c.commune_code))


def _caseworkers(of_communes) -> list[Row]:
    return in_name_order(
        db.session.execute(
            select(User.id, User.full_name)
            .join(user_communes, user_communes.c.user_id == User.id)
            .where(User.role == Role.CASEWORKER, User.active.is_(True), of_communes)
            .distinct()
            .order_by(User.id)
        )
    )


@dataclass(frozen=True)
class AddressReading:
    message: str
    filled: bool  # the commune was found in the user's area and filled in


def read_residence(form) -> AddressReading:
    """The address pasted from the papers, read: its commune (of today, after conversion)
    chosen as the residence (and the case's commune, on the registration form) when the
    user covers it, its street part written into an empty street field. Nothing else typed
    is touched (registration and a person's edit form). An address not placed in the user's
    area marks the request refused: the page drawn again answers 422."""
    reading = _reading(form)
    if not reading.filled:
        mark_refused()
    return reading


def _reading(form) -> AddressReading:
    text = form.residence_as_written.data
    if not text:
        return AddressReading(_("Paste the address from the release papers first."), False)
    address = read_address(text, province_hint=current_user.province_code)
    mine = {code for code in current_user.commune_codes()}
    if address.found and address.commune_code in mine:
        form.residence_commune_code.data = address.commune_code
        if hasattr(form, "commune_code"):
            form.commune_code.data = address.commune_code
        if address.street and not form.residence_address.data:
            form.residence_address.data = address.street[:300]
        commune = db.session.get(Commune, address.commune_code)
        if address.legacy:
            message = _("Read as %(commune)s (converted from the units before July 2025).",
                        commune=commune.full_name)  # fmt: skip
        else:
            message = _("Read as %(commune)s.", commune=commune.full_name)
        return AddressReading(message, True)
    codes = [address.commune_code] if address.found else list(address.candidates)
    names = [
        c.full_name for c in db.session.scalars(select(Commune).where(Commune.code.in_(codes)))
    ]
    if codes and not set(codes) & mine:
        return AddressReading(
            _("This address is in %(communes)s, outside the communes you cover.",
              communes="; ".join(names)), False,
        )  # fmt: skip
    if address.status == ConversionStatus.SPLIT:
        message = _("The old commune was split: choose the commune among %(communes)s.",
                    communes="; ".join(names))  # fmt: skip
    elif names:
        message = _("The address fits several communes: choose among %(communes)s.",
                    communes="; ".join(names))  # fmt: skip
    else:
        message = problem_message(address) or ""
    return AddressReading(message, False)
