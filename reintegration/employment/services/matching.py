"""Matching people and openings: ranked lists with the score explained in words.

One set of weights (``W``) drives both the SQL that ranks and the Python that explains, so
the points shown always add up to the score. The SQL does the hard filtering and the
scoring over every eligible case in the user's scope and keeps the best ``limit``; only
those few are explained (``explain``), in the reader's language.

Hard restrictions exclude, never lower a score: an opening that forbids work with children
never lists a person convicted of an offence against a child; one that forbids cash
handling never lists a person convicted of a property, economic or corruption offence.
The offence data is read here only, as a condition; nothing about it leaves this module:
an excluded person is simply not listed, and a person's own list never shows an opening
that excludes them. Also never listed: closed cases and those not yet received, people
classified D (detained again), people who said they are not looking for work, people
already referred to the opening.

At scale (200,000 people in scope), the opening's query runs in two steps: first the
people linked to the opening's own trade (an interest, a skill, a completed course: an
index lookup each), then, only if fewer than ``limit`` of them score at least what an
unlinked person can reach at most (``UNLINKED_MAX`` plus the opening's other skills), the
others. Ties keep linked people
first, then the oldest case.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.scope import commune_scope_clause
from reintegration.employment.models import (
    Availability,
    Opening,
    OpeningStatus,
    Referral,
    Restriction,
    TradeLink,
    WorkProfile,
    WorkProfileTrade,
    opening_skills,
    work_profile_communes,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import (
    Case,
    CaseStatus,
    Classification,
    OffenceGroup,
    Person,
    Release,
)
from reintegration.training.models import LEVEL_RANKS, Course, Placement, PlacementStatus
from reintegration.training.services.trades import trade_names

# The offences each restriction excludes (sensitive: used as a condition only).
CASH_OFFENCES = (OffenceGroup.PROPERTY, OffenceGroup.ECONOMIC, OffenceGroup.CORRUPTION)
MATCHABLE_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACTIVE)
LIVE = ("referred", "interviewed", "hired")

# The weights, in points.
W = {
    "interest": 30,  # wants to work in the opening's trade
    "skill": 20,  # has skills in the opening's trade
    "extra_skill": 5,  # each other skill the opening asks that the person has
    "trained": 30,  # completed a course (with a certificate) in the trade
    "level": 10,  # ... at or above the level the opening asks
    "same_commune": 20,
    "same_province": 10,
    "relocate": 5,  # another province, but willing to move
    "preferred": 10,  # the opening's commune is one the person would work in
    "class_A": 10,
    "class_B": 6,
    "class_C": 2,
    "class_none": 4,
    "full_time": 10,  # available by the start date
    "part_time": 5,
    "employed": -15,  # already in a job through a referral
}
UNLINKED_MAX = (
    W["same_commune"] + W["preferred"] + W["class_A"] + W["full_time"]
)  # the most an unlinked person can score


@dataclass
class Reason:
    points: int
    text: str


@dataclass
class Match:
    case_id: int
    person_id: int
    full_name: str
    commune_name: str
    score: int
    reasons: list[Reason] = field(default_factory=list)
    opening: Opening | None = None


# ---------------------------------------------------------------- hard restrictions


def _restriction_clause(opening_children: bool, opening_cash: bool, person_id) -> list:
    """Conditions that keep only people the opening's restrictions allow."""
    conditions = []
    if opening_children:
        conditions.append(
            ~exists().where(Release.person_id == person_id, Release.offence_against_children)
        )
    if opening_cash:
        conditions.append(
            ~exists().where(
                Release.person_id == person_id, Release.offence_group.in_(CASH_OFFENCES)
            )
        )
    return conditions


def restrictions_excluding(person_id: int) -> set[Restriction]:
    """The restrictions that exclude this person (for the service only: never shown)."""
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


# ---------------------------------------------------------------- facts and explanations


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


def load_facts(case_ids: list[int]) -> dict[int, PersonFacts]:
    """What matching knows of these cases' people, in a handful of queries."""
    if not case_ids:
        return {}
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
        .where(Case.id.in_(case_ids))
    ).all()
    facts = {row[0]: PersonFacts(*row) for row in rows}
    by_person = {f.person_id: f for f in facts.values()}
    people = list(by_person)
    for person_id, code, link in db.session.execute(
        select(
            WorkProfileTrade.person_id, WorkProfileTrade.trade_code, WorkProfileTrade.link
        ).where(WorkProfileTrade.person_id.in_(people))
    ):
        target = by_person[person_id].interests if link == TradeLink.INTEREST else None
        (target if target is not None else by_person[person_id].skills).add(code)
    for person_id, code in db.session.execute(
        select(work_profile_communes.c.person_id, work_profile_communes.c.commune_code).where(
            work_profile_communes.c.person_id.in_(people)
        )
    ):
        by_person[person_id].preferred.add(code)
    for person_id, availability, available_from, relocate in db.session.execute(
        select(
            WorkProfile.person_id,
            WorkProfile.availability,
            WorkProfile.available_from,
            WorkProfile.willing_to_relocate,
        ).where(WorkProfile.person_id.in_(people))
    ):
        f = by_person[person_id]
        f.availability, f.available_from, f.relocate = availability, available_from, relocate
    for person_id, code, level in db.session.execute(
        select(Placement.person_id, Placement.trade_code, Course.level)
        .join(Course, Course.id == Placement.course_id)
        .where(Placement.person_id.in_(people), Placement.status == PlacementStatus.COMPLETED)
    ):
        trained = by_person[person_id].trained
        trained[code] = max(trained.get(code, 0), LEVEL_RANKS[level])
    for (person_id,) in db.session.execute(
        select(Referral.person_id)
        .where(Referral.person_id.in_(people), Referral.status == "hired")
        .distinct()
    ):
        by_person[person_id].employed = True
    return facts


def explain(facts: PersonFacts, opening: Opening, names: dict[str, str]) -> tuple[int, list]:
    """The score of ``facts`` for ``opening`` and its reasons, in words (never an offence)."""
    reasons: list[Reason] = []
    trade = names.get(opening.trade_code, opening.trade_code)

    def add(key: str, text: str, times: int = 1) -> None:
        reasons.append(Reason(W[key] * times, text))

    if opening.trade_code in facts.interests:
        add("interest", _("Wants to work in %(trade)s.", trade=trade))
    if opening.trade_code in facts.skills:
        add("skill", _("Has skills in %(trade)s.", trade=trade))
    extra = sorted({s.code for s in opening.skills} - {opening.trade_code} & facts.skills)
    if extra:
        add(
            "extra_skill",
            _(
                "Has other skills the opening asks for: %(skills)s.",
                skills=", ".join(names.get(c, c) for c in extra),
            ),
            len(extra),
        )
    rank = facts.trained.get(opening.trade_code)
    if rank:
        add("trained", _("Completed training in %(trade)s, with a certificate.", trade=trade))
        if opening.level_required and rank >= LEVEL_RANKS[opening.level_required]:
            add(
                "level",
                _(
                    "Trained at the level asked (%(level)s) or above.",
                    level=opening.level_required.label,
                ),
            )
    elif opening.trade_code not in facts.interests | facts.skills:
        reasons.append(Reason(0, _("No interest, skill or training in %(trade)s.", trade=trade)))
    if facts.commune_code == opening.commune_code:
        add("same_commune", _("Lives in the opening's commune."))
    elif facts.province_code == opening.province_code:
        add("same_province", _("Lives in the opening's province."))
    elif facts.relocate:
        add("relocate", _("Lives in another province but would move for work."))
    else:
        reasons.append(Reason(0, _("Lives in another province.")))
    if opening.commune_code in facts.preferred:
        add("preferred", _("Would work in the opening's commune."))
    if facts.classification is None:
        add("class_none", _("Not yet classified."))
    elif facts.classification != Classification.D:
        add(
            f"class_{facts.classification.value}",
            _("Classification %(c)s.", c=facts.classification.label),
        )
    available = facts.available_from is None or facts.available_from <= opening.starts_on
    if facts.availability == Availability.FULL_TIME and available:
        add("full_time", _("Available full time by the start date."))
    elif facts.availability == Availability.PART_TIME and available:
        add("part_time", _("Available part time by the start date."))
    elif facts.availability is None:
        reasons.append(Reason(0, _("No work profile recorded yet.")))
    else:
        reasons.append(Reason(0, _("Not available by the start date.")))
    if facts.employed:
        add("employed", _("Already in a job through a referral."))
    return sum(r.points for r in reasons), reasons


# ---------------------------------------------------------------- SQL scoring


def _case_when(condition: ColumnElement, points: int) -> ColumnElement:
    from sqlalchemy import case

    return case((condition, points), else_=0)


def _opening_score(opening: Opening, *, linked: bool) -> ColumnElement:
    """The score of each case's person for ``opening`` (mirrors ``explain``)."""
    from sqlalchemy import case

    person = Case.person_id
    trade = opening.trade_code
    extra = sorted({s.code for s in opening.skills} - {trade})
    terms = []
    if linked:

        def has(code: str, link: TradeLink) -> ColumnElement:
            return exists().where(
                WorkProfileTrade.person_id == person,
                WorkProfileTrade.trade_code == code,
                WorkProfileTrade.link == link,
            )

        terms.append(_case_when(has(trade, TradeLink.INTEREST), W["interest"]))
        terms.append(_case_when(has(trade, TradeLink.SKILL), W["skill"]))
        terms.extend(_case_when(has(code, TradeLink.SKILL), W["extra_skill"]) for code in extra)
        trained = exists().where(
            Placement.person_id == person,
            Placement.trade_code == trade,
            Placement.status == PlacementStatus.COMPLETED,
        )
        terms.append(_case_when(trained, W["trained"]))
        if opening.level_required is not None:
            needed = LEVEL_RANKS[opening.level_required]
            levels = [level for level, rank in LEVEL_RANKS.items() if rank >= needed]
            level_ok = exists().where(
                Placement.person_id == person,
                Placement.trade_code == trade,
                Placement.status == PlacementStatus.COMPLETED,
                Course.id == Placement.course_id,
                Course.level.in_(levels),
            )
            terms.append(_case_when(level_ok, W["level"]))
    terms.append(
        case(
            (Case.commune_code == opening.commune_code, W["same_commune"]),
            (Commune.province_code == opening.province_code, W["same_province"]),
            (WorkProfile.willing_to_relocate.is_(True), W["relocate"]),
            else_=0,
        )
    )
    preferred = exists().where(
        work_profile_communes.c.person_id == person,
        work_profile_communes.c.commune_code == opening.commune_code,
    )
    terms.append(_case_when(preferred, W["preferred"]))
    terms.append(
        case(
            (Case.classification == Classification.A, W["class_A"]),
            (Case.classification == Classification.B, W["class_B"]),
            (Case.classification == Classification.C, W["class_C"]),
            (Case.classification.is_(None), W["class_none"]),
            else_=0,
        )
    )
    available = or_(
        WorkProfile.available_from.is_(None), WorkProfile.available_from <= opening.starts_on
    )
    terms.append(
        case(
            (and_(WorkProfile.availability == Availability.FULL_TIME, available), W["full_time"]),
            (and_(WorkProfile.availability == Availability.PART_TIME, available), W["part_time"]),
            else_=0,
        )
    )
    employed = exists().where(Referral.person_id == person, Referral.status == "hired")
    terms.append(_case_when(employed, W["employed"]))
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def _linked_people(opening: Opening):
    """People with an interest, a skill or completed training in the opening's own trade
    (the other skills it asks only add ``extra_skill`` points, counted in the bound)."""
    return (
        select(WorkProfileTrade.person_id)
        .where(WorkProfileTrade.trade_code == opening.trade_code)
        .union(
            select(Placement.person_id).where(
                Placement.trade_code == opening.trade_code,
                Placement.status == PlacementStatus.COMPLETED,
            )
        )
    )


def _eligible(opening: Opening, user: User):
    """The hard filters: who may be listed for ``opening`` at all."""
    person = Case.person_id
    return [
        Case.status.in_(MATCHABLE_STATUSES),
        or_(Case.classification.is_(None), Case.classification != Classification.D),
        commune_scope_clause(user, Case.commune_code),
        or_(
            WorkProfile.availability.is_(None), WorkProfile.availability != Availability.NOT_LOOKING
        ),
        ~exists().where(
            Referral.case_id == Case.id,
            Referral.opening_id == opening.id,
            Referral.status.in_(LIVE),
        ),
        *_restriction_clause(opening.no_work_with_children, opening.no_cash_handling, person),
    ]


def _ranked_case_ids(opening: Opening, user: User, limit: int) -> list[tuple[int, int]]:
    """(case id, score) of the best ``limit`` eligible cases, best first."""
    linked = _linked_people(opening)

    def run(is_linked: bool) -> list[tuple[int, int]]:
        score = _opening_score(opening, linked=is_linked).label("score")
        membership = Case.person_id.in_(linked) if is_linked else Case.person_id.not_in(linked)
        stmt = (
            select(Case.id, score)
            .join(Commune, Commune.code == Case.commune_code)
            .outerjoin(WorkProfile, WorkProfile.person_id == Case.person_id)
            .where(membership, *_eligible(opening, user))
            .order_by(score.desc(), Case.id)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in db.session.execute(stmt)]

    best = run(True)
    bound = UNLINKED_MAX + W["extra_skill"] * (len(opening.trade_codes) - 1)
    if len(best) < limit or best[-1][1] < bound:
        others = run(False)
        # Linked first on equal scores, then the oldest case (sort is stable).
        best = sorted(best + others, key=lambda row: -row[1])[:limit]
    return best


def rank_candidates(opening: Opening, user: User, *, limit: int = 20) -> list[Match]:
    """The best eligible people of ``user``'s scope for ``opening``, explained."""
    ranked = _ranked_case_ids(opening, user, limit)
    facts = load_facts([case_id for case_id, _score in ranked])
    names = trade_names()
    matches = []
    for case_id, _score in ranked:
        f = facts[case_id]
        score, reasons = explain(f, opening, names)
        matches.append(
            Match(f.case_id, f.person_id, f.full_name, f.commune_name, score, reasons, opening)
        )
    return matches


def candidates_for_opening(opening: Opening, user: User, *, limit: int = 20) -> list[Match]:
    """``rank_candidates`` with the read audited (who looked at which opening's people)."""
    matches = rank_candidates(opening, user, limit=limit)
    audit.record(
        "opening_candidates_viewed",
        opening,
        user=user,
        detail={"case_ids": [m.case_id for m in matches]},
    )
    return matches


def match_province_openings(province_code: int, user: User, *, limit: int = 20) -> dict:
    """Every open opening of a province matched (one audit event for the whole run)."""
    openings = list(
        db.session.scalars(
            select(Opening)
            .where(Opening.province_code == province_code, Opening.status == OpeningStatus.OPEN)
            .order_by(Opening.id)
        )
    )
    results = {opening.id: rank_candidates(opening, user, limit=limit) for opening in openings}
    audit.record(
        "province_openings_matched",
        object_type="Province",
        object_id=province_code,
        user=user,
        detail={"openings": len(openings)},
    )
    return results


# ---------------------------------------------------------------- a person's openings


def openings_for_case(
    case: Case, user: User, *, today: date | None = None, limit: int = 20
) -> list[Match]:
    """The open openings of every province ranked for ``case``'s person, explained; those
    whose restrictions exclude the person are not listed. The read is audited."""
    today = today or today_local()
    facts = load_facts([case.id]).get(case.id)
    audit.record("job_matches_viewed", case, user=user, detail={"person_id": case.person_id})
    if (
        facts is None
        or case.status not in MATCHABLE_STATUSES
        or facts.classification == Classification.D
        or facts.availability == Availability.NOT_LOOKING
    ):
        return []
    from sqlalchemy import case as case_

    excluded = restrictions_excluding(case.person_id)
    hired = (
        select(func.count(Referral.id))
        .where(Referral.opening_id == Opening.id, Referral.status == "hired")
        .scalar_subquery()
    )
    terms = [
        _case_when(Opening.trade_code.in_(facts.interests or [""]), W["interest"]),
        _case_when(Opening.trade_code.in_(facts.skills or [""]), W["skill"]),
        select(func.count() * W["extra_skill"])
        .where(
            opening_skills.c.opening_id == Opening.id,
            opening_skills.c.trade_code != Opening.trade_code,
            opening_skills.c.trade_code.in_(facts.skills or [""]),
        )
        .scalar_subquery(),
        _case_when(Opening.trade_code.in_(list(facts.trained) or [""]), W["trained"]),
        case_(
            (Opening.commune_code == facts.commune_code, W["same_commune"]),
            (Opening.province_code == facts.province_code, W["same_province"]),
            else_=W["relocate"] if facts.relocate else 0,
        ),
        _case_when(Opening.commune_code.in_(facts.preferred or [-1]), W["preferred"]),
    ]
    for code, rank in facts.trained.items():
        levels = [level for level, r in LEVEL_RANKS.items() if r <= rank]
        terms.append(
            _case_when(
                and_(Opening.trade_code == code, Opening.level_required.in_(levels)), W["level"]
            )
        )
    if facts.availability in (Availability.FULL_TIME, Availability.PART_TIME):
        points = W["full_time" if facts.availability == Availability.FULL_TIME else "part_time"]
        if facts.available_from is None:
            terms.append(literal(points))
        else:
            terms.append(_case_when(Opening.starts_on >= facts.available_from, points))
    constant = (
        W["class_none"]
        if facts.classification is None
        else W[f"class_{facts.classification.value}"]
    ) + (W["employed"] if facts.employed else 0)
    score = literal(constant)
    for term in terms:
        score = score + term
    score = score.label("score")
    conditions = [
        Opening.status == OpeningStatus.OPEN,
        or_(Opening.closes_on.is_(None), Opening.closes_on >= today),
        hired < Opening.seats,
        ~exists().where(
            Referral.case_id == case.id,
            Referral.opening_id == Opening.id,
            Referral.status.in_(LIVE),
        ),
    ]
    if Restriction.NO_WORK_WITH_CHILDREN in excluded:
        conditions.append(Opening.no_work_with_children.is_(False))
    if Restriction.NO_CASH_HANDLING in excluded:
        conditions.append(Opening.no_cash_handling.is_(False))
    rows = db.session.execute(
        select(Opening.id, score).where(*conditions).order_by(score.desc(), Opening.id).limit(limit)
    ).all()
    openings = {
        o.id: o
        for o in db.session.scalars(select(Opening).where(Opening.id.in_([r[0] for r in rows])))
    }
    names = trade_names()
    matches = []
    for opening_id, _score in rows:
        opening = openings[opening_id]
        points, reasons = explain(facts, opening, names)
        matches.append(
            Match(
                case.id,
                case.person_id,
                facts.full_name,
                facts.commune_name,
                points,
                reasons,
                opening,
            )
        )
    return matches
