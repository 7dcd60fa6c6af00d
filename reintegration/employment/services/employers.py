"""Employers and their openings."""

import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.text import nfc
from reintegration.employment.models import Employer, Opening, OpeningStatus, Referral
from reintegration.employment.services.access import can_keep
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.training.models import CourseLevel, Trade

# Vietnamese tax codes: 10 digits, or 10 digits, a dash and 3 for a branch.
TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")


def _province_commune(commune_code: int, province_code: int, field_name: str) -> None:
    commune = db.session.get(Commune, commune_code)
    if commune is None or commune.province_code != province_code:
        raise DomainError(_("Choose a commune of your province."), field=field_name)


@dataclass
class EmployerData:
    name: str
    tax_code: str
    commune_code: int
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    accepts_records: bool = True
    agreement_number: str | None = None
    agreement_signed_on: date | None = None


def _checked_values(data: EmployerData, province_code: int, *, except_id: int | None = None):
    """The employer's fields once its rules hold: a well-formed tax code recorded once, a
    commune of the province, a number for a dated agreement."""
    tax_code = data.tax_code.strip()
    if not TAX_CODE.match(tax_code):
        raise DomainError(
            _("A tax code has 10 digits (13 for a branch: 10 digits, a dash, 3)."),
            field="tax_code",
        )
    same_code = select(Employer.id).where(Employer.tax_code == tax_code)
    if except_id is not None:
        same_code = same_code.where(Employer.id != except_id)
    if db.session.scalar(same_code):
        raise DomainError(
            _("An employer with this tax code is already recorded."), field="tax_code"
        )
    _province_commune(data.commune_code, province_code, "commune_code")
    if data.agreement_signed_on and not data.agreement_number:
        raise DomainError(_("Give the number of the agreement."), field="agreement_number")
    return {**vars(data), "tax_code": tax_code, "name": nfc(data.name.strip())}


def create_employer(data: EmployerData, user: User) -> Employer:
    if user.province_code is None or not can_keep(user, user.province_code):
        raise DomainError(_("Your account has no province."), code="forbidden")
    values = _checked_values(data, user.province_code)
    employer = Employer(province_code=user.province_code, **values)
    db.session.add(employer)
    db.session.flush()
    audit.record("employer_created", employer, user=user)
    return employer


def update_employer(
    employer: Employer, data: EmployerData, user: User, *, expected_version: int | None
) -> list[str]:
    """Change an employer; returns the names of the fields changed. A save based on an
    older version than the stored one is refused (code "conflict"), so nobody overwrites a
    change they have not seen."""
    if not can_keep(user, employer.province_code):
        raise DomainError(_("Your area does not cover this employer."), code="forbidden")
    if expected_version is not None and employer.version != expected_version:
        raise DomainError(
            _(
                "Someone else saved this employer after you opened it. Your changes were "
                "not saved: check the employer again, then save."
            ),
            code="conflict",
        )
    values = _checked_values(data, employer.province_code, except_id=employer.id)
    changed = [name for name, value in values.items() if getattr(employer, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(employer, name, values[name])
    db.session.flush()
    audit.record("employer_updated", employer, user=user, detail={"fields": changed})
    return changed


@dataclass
class OpeningData:
    title: str
    trade_code: str
    seats: int
    commune_code: int
    starts_on: date
    closes_on: date | None = None
    wage: int | None = None
    level_required: CourseLevel | None = None
    skill_codes: list[str] = field(default_factory=list)
    no_work_with_children: bool = False
    no_cash_handling: bool = False
    description: str | None = None


def create_opening(employer: Employer, data: OpeningData, user: User) -> Opening:
    if not can_keep(user, employer.province_code):
        raise DomainError(_("Your area does not cover this employer."), code="forbidden")
    codes = {data.trade_code, *data.skill_codes}
    trades = {t.code: t for t in db.session.scalars(select(Trade).where(Trade.code.in_(codes)))}
    if data.trade_code not in trades:
        raise DomainError(_("Choose a trade from the list."), field="trade_code")
    if set(data.skill_codes) - set(trades):
        raise DomainError(_("Choose skills from the list."), field="skill_codes")
    if data.seats < 1:
        raise DomainError(_("An opening has at least one seat."), field="seats")
    _province_commune(data.commune_code, employer.province_code, "commune_code")
    opening = Opening(
        employer_id=employer.id,
        title=nfc(data.title.strip()),
        trade_code=data.trade_code,
        level_required=data.level_required,
        wage=data.wage,
        seats=data.seats,
        commune_code=data.commune_code,
        province_code=employer.province_code,
        starts_on=data.starts_on,
        closes_on=data.closes_on,
        no_work_with_children=data.no_work_with_children,
        no_cash_handling=data.no_cash_handling,
        description=data.description,
        skills=[trades[c] for c in data.skill_codes if c != data.trade_code],
    )
    db.session.add(opening)
    db.session.flush()
    audit.record(
        "opening_created",
        opening,
        user=user,
        detail={
            "employer_id": employer.id,
            "restrictions": [r.value for r in opening.restrictions],
        },
    )
    return opening


def close_opening(opening: Opening, user: User) -> None:
    if not can_keep(user, opening.province_code):
        raise DomainError(_("Your area does not cover this opening."), code="forbidden")
    if opening.status != OpeningStatus.OPEN:
        raise DomainError(_("The opening is already closed."), code="wrong_state")
    opening.status = OpeningStatus.CLOSED
    db.session.flush()
    audit.record("opening_closed", opening, user=user)


def hired_count(opening_id: int) -> int:
    return db.session.scalar(
        select(func.count(Referral.id)).where(
            Referral.opening_id == opening_id, Referral.status == "hired"
        )
    )
