"""A person's work profile: trades wanted and known, communes, availability."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.models import utcnow
from reintegration.employment.models import (
    Availability,
    TradeLink,
    WorkProfile,
    WorkProfileTrade,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case
from reintegration.training.models import Trade


@dataclass
class ProfileData:
    interests: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    preferred_communes: list[int] = field(default_factory=list)
    availability: Availability = Availability.FULL_TIME
    available_from: date | None = None
    willing_to_relocate: bool = False
    notes: str | None = None


def profile_of(person_id: int) -> WorkProfile | None:
    return db.session.get(WorkProfile, person_id)


def save_profile(
    case: Case, data: ProfileData, user: User, *, expected_version: int | None = None
) -> WorkProfile:
    """Create or replace the work profile of the case's person. ``expected_version`` is the
    version the form was opened at (0 when there was no profile yet; None checks nothing):
    a save based on an older one is refused (code "conflict"), so nobody overwrites a
    change unseen."""
    if not case.can_edit(user):
        raise DomainError(_("Your area does not cover this case."), code="forbidden")
    if expected_version is not None:
        current = db.session.get(WorkProfile, case.person_id)
        if (current.version if current else 0) != expected_version:
            raise DomainError(
                _(
                    "Someone else saved this work profile after you opened it. Your changes "
                    "were not saved: check the profile again, then save."
                ),
                code="conflict",
            )
    codes = set(data.interests) | set(data.skills)
    known = set(db.session.scalars(select(Trade.code).where(Trade.code.in_(codes))))
    if codes - known:
        raise DomainError(_("Choose trades from the list."), field="interests")
    communes = list(
        db.session.scalars(select(Commune).where(Commune.code.in_(data.preferred_communes)))
    )
    if len(communes) != len(set(data.preferred_communes)):
        raise DomainError(_("Choose communes from the list."), field="preferred_communes")
    profile = db.session.get(WorkProfile, case.person_id)
    created = profile is None
    if created:
        profile = WorkProfile(person_id=case.person_id)
        db.session.add(profile)
    profile.availability = data.availability
    profile.available_from = data.available_from
    profile.willing_to_relocate = data.willing_to_relocate
    profile.notes = (data.notes or "").strip() or None
    profile.updated_by_id = user.id
    profile.updated_at = utcnow()  # a new version also when only trades or communes changed
    profile.trades = [
        WorkProfileTrade(person_id=case.person_id, trade_code=code, link=TradeLink.INTEREST)
        for code in sorted(set(data.interests))
    ] + [
        WorkProfileTrade(person_id=case.person_id, trade_code=code, link=TradeLink.SKILL)
        for code in sorted(set(data.skills))
    ]
    profile.preferred_communes = communes
    db.session.flush()
    audit.record(
        "work_profile_saved",
        object_type="WorkProfile",
        object_id=case.person_id,
        user=user,
        detail={"case_id": case.id, "created": created},
    )
    return profile
