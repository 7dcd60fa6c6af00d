"""What matching knows of a case's person, loaded for the few cases it explains."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from reintegration.core.database import id_in
from reintegration.employment.models import (
    Availability,
    Referral,
    ReferralStatus,
    TradeLink,
    WorkProfile,
    WorkProfileTrade,
    work_profile_communes,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case, Classification, Person
from reintegration.training.models import LEVEL_RANKS, Course, Placement, PlacementStatus


@dataclass
class PersonFacts:
    case_id: int
    person_id: int
    full_name: str
    commune_code: int
    commune_name: str
    province_code: int
    classification: Classification | None
    interests: set[str] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)
    trained: dict[str, int] = field(default_factory=dict)  # trade → best level rank
    preferred: set[int] = field(default_factory=set)
    availability: Availability | None = None
    available_from: date | None = None
    relocate: bool = False
    employed: bool = False


# Cases per round of queries (bound parameters stay well under every database's limit).
CHUNK = 2000


def load_facts(case_ids: list[int]) -> dict[int, PersonFacts]:
    """What matching knows of these cases' people, in a handful of queries per 2,000."""
    facts = {}
    for at in range(0, len(case_ids), CHUNK):
        facts.update(_load_facts(case_ids[at : at + CHUNK]))
    return facts


def _load_facts(case_ids: list[int]) -> dict[int, PersonFacts]:
    rows = db.session.execute(
        select(
            Case.id,
            Case.person_id,
            Person.full_name,
            Case.commune_code,
            Commune.name,
            Commune.province_code,
            Case.classification,
        )
        .join(Person, Person.id == Case.person_id)
        .join(Commune, Commune.code == Case.commune_code)
        .where(id_in(Case.id, case_ids))
    ).all()
    facts = {row[0]: PersonFacts(*row) for row in rows}
    by_person: dict[int, list[PersonFacts]] = {}
    for f in facts.values():
        by_person.setdefault(f.person_id, []).append(f)
    people = list(by_person)
    for person_id, code, link in db.session.execute(
        select(
            WorkProfileTrade.person_id, WorkProfileTrade.trade_code, WorkProfileTrade.link
        ).where(id_in(WorkProfileTrade.person_id, people))
    ):
        for f in by_person[person_id]:
            (f.interests if link == TradeLink.INTEREST else f.skills).add(code)
    for person_id, code in db.session.execute(
        select(work_profile_communes.c.person_id, work_profile_communes.c.commune_code).where(
            id_in(work_profile_communes.c.person_id, people)
        )
    ):
        for f in by_person[person_id]:
            f.preferred.add(code)
    for person_id, availability, available_from, relocate in db.session.execute(
        select(
            WorkProfile.person_id,
            WorkProfile.availability,
            WorkProfile.available_from,
            WorkProfile.willing_to_relocate,
        ).where(id_in(WorkProfile.person_id, people))
    ):
        for f in by_person[person_id]:
            f.availability, f.available_from, f.relocate = availability, available_from, relocate
    for person_id, code, level in db.session.execute(
        select(Placement.person_id, Placement.trade_code, Course.level)
        .join(Course, Course.id == Placement.course_id)
        .where(id_in(Placement.person_id, people), Placement.status == PlacementStatus.COMPLETED)
    ):
        for f in by_person[person_id]:
            f.trained[code] = max(f.trained.get(code, 0), LEVEL_RANKS[level])
    for (person_id,) in db.session.execute(
        select(Referral.person_id)
        .where(id_in(Referral.person_id, people), Referral.status == ReferralStatus.HIRED)
        .distinct()
    ):
        for f in by_person[person_id]:
            f.employed = True
    return facts
