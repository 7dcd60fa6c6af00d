"""A person's openings: the open openings of every province ranked for one case, explained.
Those whose restrictions exclude the person are not listed. The read is audited."""

from datetime import date

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.employment.models import (
    LIVE_REFERRAL,
    Availability,
    Opening,
    OpeningStatus,
    Referral,
    ReferralStatus,
    Restriction,
    opening_skills,
)
from reintegration.employment.services.matching.explanation import Match, explained_match
from reintegration.employment.services.matching.facts import PersonFacts, load_facts
from reintegration.employment.services.matching.restrictions import restrictions_excluding
from reintegration.employment.services.matching.weights import MATCHABLE_STATUSES, W
from reintegration.extensions import db
from reintegration.people.models import Case, Classification
from reintegration.training.models import LEVEL_RANKS
from reintegration.training.services.trades import trade_names


def _points_if(condition: ColumnElement, points: int) -> ColumnElement:
    return case((condition, points), else_=0)


def _opening_score(facts: PersonFacts) -> ColumnElement:
    """The score of each opening for the person of ``facts`` (mirrors ``explain``)."""
    terms = [
        _points_if(Opening.trade_code.in_(facts.interests or [""]), W["interest"]),
        _points_if(Opening.trade_code.in_(facts.skills or [""]), W["skill"]),
        select(func.count() * W["extra_skill"])
        .where(
            opening_skills.c.opening_id == Opening.id,
            opening_skills.c.trade_code != Opening.trade_code,
            opening_skills.c.trade_code.in_(facts.skills or [""]),
        )
        .scalar_subquery(),
        _points_if(Opening.trade_code.in_(list(facts.trained) or [""]), W["trained"]),
        case(
            (Opening.commune_code == facts.commune_code, W["same_commune"]),
            (Opening.province_code == facts.province_code, W["same_province"]),
            else_=W["relocate"] if facts.relocate else 0,
        ),
        _points_if(Opening.commune_code.in_(facts.preferred or [-1]), W["preferred"]),
    ]
    for code, rank in facts.trained.items():
        levels = [level for level, r in LEVEL_RANKS.items() if r <= rank]
        terms.append(
            _points_if(
                and_(Opening.trade_code == code, Opening.level_required.in_(levels)), W["level"]
            )
        )
    if facts.availability in (Availability.FULL_TIME, Availability.PART_TIME):
        points = W["full_time" if facts.availability == Availability.FULL_TIME else "part_time"]
        if facts.available_from is None:
            terms.append(literal(points))
        else:
            terms.append(_points_if(Opening.starts_on >= facts.available_from, points))
    constant = (
        W["class_none"]
        if facts.classification is None
        else W[f"class_{facts.classification.value}"]
    ) + (W["employed"] if facts.employed else 0)
    score = literal(constant)
    for term in terms:
        score = score + term
    return score


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
    excluded = restrictions_excluding(case.person_id)
    hired = (
        select(func.count(Referral.id))
        .where(Referral.opening_id == Opening.id, Referral.status == ReferralStatus.HIRED)
        .scalar_subquery()
    )
    score = _opening_score(facts).label("score")
    conditions = [
        Opening.status == OpeningStatus.OPEN,
        or_(Opening.closes_on.is_(None), Opening.closes_on >= today),
        hired < Opening.seats,
        ~exists().where(
            Referral.case_id == case.id,
            Referral.opening_id == Opening.id,
            Referral.status.in_(LIVE_REFERRAL),
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
    return [explained_match(facts, openings[opening_id], names) for opening_id, _score in rows]
