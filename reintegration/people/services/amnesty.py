"""Amnesty decisions: the 2025 ones are seeded by the migration; administrators add more."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import AmnestyDecision


def add_amnesty_decision(
    *, number: str, signed_on: date, round_label: str, released_count: int | None, actor: User
) -> AmnestyDecision:
    number = number.strip()
    if db.session.scalar(select(AmnestyDecision).where(AmnestyDecision.number == number)):
        raise DomainError(
            _("Decision %(number)s is already listed.", number=number), field="number"
        )
    decision = AmnestyDecision(
        number=number,
        signed_on=signed_on,
        round_label=round_label.strip(),
        released_count=released_count,
    )
    db.session.add(decision)
    db.session.flush()
    audit.record("amnesty_decision_added", decision, user=actor, detail={"number": number})
    return decision


def all_decisions() -> list[AmnestyDecision]:
    return list(
        db.session.scalars(select(AmnestyDecision).order_by(AmnestyDecision.signed_on.desc()))
    )
