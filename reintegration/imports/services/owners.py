"""Somebody owns each imported case: before a list is saved, each row of a commune that has
caseworkers goes to the one of them with the fewest open cases (counting those the list
gives them, so a list is shared out); once saved, each commune's caseworkers are told once
how many people came and from when their arrival deadlines run. A commune with no
caseworker is listed on the import's page for the province's officers."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from reintegration.accounts.models import Role, User, user_communes
from reintegration.core.i18n import N_
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.imports.models import ImportBatch, ImportRow, RowStatus
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case, CaseStatus
from reintegration.people.services.registration import RegistrationRequest

ASSIGNED = N_("%(count)s people from list %(name)s, arrival deadlines from %(from)s.")


class Caseworkers:
    """The active caseworkers of the communes a list places people in, each with their
    open cases, read once for the list."""

    def __init__(self, commune_codes: set[int]):
        self.of_commune: dict[int, list[int]] = defaultdict(list)
        rows = db.session.execute(
            select(user_communes.c.commune_code, User.id)
            .join(User, User.id == user_communes.c.user_id)
            .where(
                user_communes.c.commune_code.in_(commune_codes),
                User.role == Role.CASEWORKER,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
        for commune_code, user_id in rows:
            self.of_commune[commune_code].append(user_id)
        users = {u for ids in self.of_commune.values() for u in ids}
        self.open_cases: dict[int, int] = dict.fromkeys(users, 0)
        self.open_cases.update(
            db.session.execute(
                select(Case.caseworker_id, func.count())
                .where(Case.caseworker_id.in_(users), Case.status != CaseStatus.CLOSED)
                .group_by(Case.caseworker_id)
            ).all()
        )

    def take(self, commune_code: int) -> int | None:
        """The commune's caseworker with the fewest open cases (the first of equals), who
        now has one more; None for a commune with none."""
        candidates = self.of_commune.get(commune_code)
        if not candidates:
            return None
        chosen = min(candidates, key=lambda user_id: (self.open_cases[user_id], user_id))
        self.open_cases[chosen] += 1
        return chosen


def assign(requests: list[RegistrationRequest], caseworkers: Caseworkers) -> None:
    """Give each request without a caseworker one of its commune's."""
    for request in requests:
        if request.intake.caseworker_id is None:
            request.intake.caseworker_id = caseworkers.take(request.intake.commune_code)


@dataclass(frozen=True)
class Unowned:
    commune: str
    people: int


def tell_caseworkers(batch: ImportBatch, actor: User) -> int:
    """One notice to each commune's caseworkers who received people from ``batch``: how
    many, and the first of their arrival deadlines. Returns how many notices."""
    rows = db.session.execute(
        select(Case.commune_code, Case.caseworker_id, Case.arrival_deadline)
        .join(ImportRow, ImportRow.person_id == Case.person_id)
        .where(
            ImportRow.batch_id == batch.id,
            ImportRow.status == RowStatus.IMPORTED,
            Case.caseworker_id.is_not(None),
        )
    ).all()
    people: dict[int, int] = defaultdict(int)
    first: dict[int, date | None] = {}
    for commune_code, _caseworker, deadline in rows:
        people[commune_code] += 1
        if deadline and (first.get(commune_code) is None or deadline < first[commune_code]):
            first[commune_code] = deadline
    if not people:
        return 0
    caseworkers = Caseworkers(set(people))
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(
        {u for ids in caseworkers.of_commune.values() for u in ids}
    )))}  # fmt: skip
    sent = 0
    for commune_code, count in sorted(people.items()):
        deadline = first.get(commune_code)
        sent += notify(
            [users[u] for u in caseworkers.of_commune.get(commune_code, []) if u in users],
            "import_cases_assigned",
            ASSIGNED,
            subject=Subject.of(batch),
            step=str(commune_code),
            params={
                "count": count,
                "name": batch.filename,
                "from": deadline.strftime("%d/%m") if deadline else "—",
            },
            link=path_for("people.people"),
            actor=actor,
        )
    return sent


def unowned(batch: ImportBatch) -> list[Unowned]:
    """The communes whose people from ``batch`` have no caseworker yet, with how many."""
    rows = db.session.execute(
        select(Commune.name, func.count())
        .select_from(ImportRow)
        .join(Case, Case.person_id == ImportRow.person_id)
        .join(Commune, Commune.code == Case.commune_code)
        .where(
            ImportRow.batch_id == batch.id,
            ImportRow.status == RowStatus.IMPORTED,
            Case.caseworker_id.is_(None),
            Case.status != CaseStatus.CLOSED,
        )
        .group_by(Commune.name)
        .order_by(Commune.name)
    ).all()
    return [Unowned(name, count) for name, count in rows]
