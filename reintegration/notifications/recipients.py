"""Who hears about something, answered in one place: the active users whose work it is.

The functions return users ordered by id; ``Audience`` answers the same questions with ids,
remembered for a run, for the sweeps that notify thousands at once.
"""

from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role, User, user_communes
from reintegration.extensions import db


def _users(*where) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.active.is_(True), *where).order_by(User.id))
    )


def commune_caseworkers(commune_code: int) -> list[User]:
    """The active caseworkers of a commune."""
    return _users(
        User.role == Role.CASEWORKER,
        User.id.in_(
            select(user_communes.c.user_id).where(user_communes.c.commune_code == commune_code)
        ),
    )


def case_caseworkers(caseworker: User | None, commune_code: int) -> list[User]:
    """Who hears about a case: its caseworker, else (none assigned, or no longer active)
    every active caseworker of its commune."""
    if caseworker is not None and caseworker.active:
        return [caseworker]
    return commune_caseworkers(commune_code)


def province_officers(province_code: int) -> list[User]:
    return _users(User.role == Role.PROVINCE_OFFICER, User.province_code == province_code)


def commune_receivers(commune_code: int, province_code: int) -> list[User]:
    """Who takes something over for a commune: its caseworkers, or when it has none, the
    officers of its province."""
    return commune_caseworkers(commune_code) or province_officers(province_code)


def reviewers(organisation: Organisation, province_code: int) -> list[User]:
    """The active reviewers of a mass organisation in a province."""
    return _users(
        User.role == Role.UNION_REVIEWER,
        User.organisation == organisation,
        User.province_code == province_code,
    )


class Audience:
    """``case_caseworkers`` and ``province_officers`` as ids, each commune and province
    asked once per run (a sweep notifies about thousands of cases of a few communes)."""

    def __init__(self) -> None:
        self._communes: dict[int, list[int]] = {}
        self._provinces: dict[int, list[int]] = {}

    def caseworkers(self, caseworker_id: int | None, commune_code: int) -> list[int]:
        """``caseworker_id`` is the case's caseworker if active (None otherwise)."""
        if caseworker_id is not None:
            return [caseworker_id]
        if commune_code not in self._communes:
            self._communes[commune_code] = [u.id for u in commune_caseworkers(commune_code)]
        return self._communes[commune_code]

    def province_officers(self, province_code: int) -> list[int]:
        if province_code not in self._provinces:
            self._provinces[province_code] = [u.id for u in province_officers(province_code)]
        return self._provinces[province_code]
