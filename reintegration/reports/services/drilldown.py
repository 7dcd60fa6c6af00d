"""The people behind a figure, for province officers only: person-level data, so the query
is scoped to the officer's communes and every read is audited."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.core import audit
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case, Person
from reintegration.reports import definitions as d
from reintegration.reports.models import ReportSnapshot
from reintegration.reports.services.snapshots import period_of

LIMIT = 1000


@dataclass(frozen=True)
class Row:
    person_id: int
    full_name: str
    birth_label: str
    commune_name: str
    case_id: int | None


def people_behind(
    snapshot: ReportSnapshot,
    figure: d.Figure,
    user: User,
    commune_code: int | None = None,
    *,
    today: date,
) -> list[Row]:
    """Today's data behind the figure for the snapshot's period (a correction after the
    snapshot may make the list differ from the stored number; the page says so)."""
    if user.role != Role.PROVINCE_OFFICER:
        return []
    behind = d.people_behind(figure, period_of(snapshot), today).subquery()
    stmt = (
        select(Person, Commune.name, behind.c.commune_code)
        .join(behind, behind.c.person_id == Person.id)
        .join(Commune, Commune.code == behind.c.commune_code)
        .where(commune_scope_clause(user, behind.c.commune_code))
        .order_by(Commune.sort_key, Person.sort_key)
        .limit(LIMIT)
    )
    if commune_code is not None:
        stmt = stmt.where(behind.c.commune_code == commune_code)
    results = db.session.execute(stmt).all()
    case_ids = dict(
        db.session.execute(
            select(Case.person_id, Case.id).where(
                Case.person_id.in_([p.id for p, _n, _c in results]),
                commune_scope_clause(user, Case.commune_code),
            )
        ).all()
    )
    rows = [
        Row(person.id, person.full_name, person.birth_label, name, case_ids.get(person.id))
        for person, name, _code in results
    ]
    audit.record(
        "report_people_listed",
        snapshot,
        user=user,
        detail={
            "figure": figure.key,
            "commune": commune_code,
            "people": [r.person_id for r in rows],
        },
    )
    return rows
