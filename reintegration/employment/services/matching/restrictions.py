"""Hard restrictions: they exclude, never lower a score.

An opening that forbids work with children never lists a person convicted of an offence
against a child; one that forbids cash handling never lists a person convicted of a
property, economic or corruption offence. The offence data is read here only, as a
condition; nothing about it leaves matching: an excluded person is simply not listed, and a
person's own list never shows an opening that excludes them.
"""

from sqlalchemy import ColumnElement, exists, func, select

from reintegration.employment.models import Opening, Restriction
from reintegration.extensions import db
from reintegration.people.models import OffenceGroup, Release

# The offences each restriction excludes (sensitive: used as a condition only).
CASH_OFFENCES = (OffenceGroup.PROPERTY, OffenceGroup.ECONOMIC, OffenceGroup.CORRUPTION)


def allowed_by(opening: Opening, person_id: ColumnElement) -> list[ColumnElement[bool]]:
    """Anti-joins that keep only the people ``opening``'s restrictions allow."""
    conditions = []
    if opening.no_work_with_children:
        conditions.append(
            ~exists().where(Release.person_id == person_id, Release.offence_against_children)
        )
    if opening.no_cash_handling:
        conditions.append(
            ~exists().where(
                Release.person_id == person_id, Release.offence_group.in_(CASH_OFFENCES)
            )
        )
    return conditions


def restrictions_excluding(person_id: int) -> set[Restriction]:
    """The restrictions that exclude this person (for the services only: never shown)."""
    children, cash = db.session.execute(
        select(
            func.count().filter(Release.offence_against_children),
            func.count().filter(Release.offence_group.in_(CASH_OFFENCES)),
        ).where(Release.person_id == person_id)
    ).one()
    found = set()
    if children:
        found.add(Restriction.NO_WORK_WITH_CHILDREN)
    if cash:
        found.add(Restriction.NO_CASH_HANDLING)
    return found


def excluded_by_restrictions(person_id: int, opening: Opening) -> bool:
    return bool(set(opening.restrictions) & restrictions_excluding(person_id))
