"""Matching's SQL: who may be listed for an opening, their score, and the best few.

A score is the person's trade points (``fit``: interest, skills, training) plus the rest
(place, preferred commune, classification, availability, a job already held), which never
exceeds ``REST_MAX``; this module scores the rest in SQL, together with the hard filters
(scope, case status, restrictions as anti-joins, referrals already made).

Ranking is banded, so 200,000 people in scope are not all scored: the people with the most
trade points (about ``FIRST_BAND`` per place on the list) are scored first, in one query;
nobody with fewer than ``floor`` trade points can score more than ``floor - 1 + REST_MAX``,
so when the last of the best ``limit`` reaches that, the list is final; otherwise the next
band goes down to ``last score - REST_MAX``, after which it is final. When the first band
finds too few cases in scope (a caseworker's few communes), every case of the scope whose
person has trade points is scored at once instead. People with no trade points are scored
last, in one query, only if they could still reach the list. Equal scores list the better
trade fit first, then the oldest case. A later band is scored only in the opening's commune
when even its best trade fit would need more of the rest than anyone living elsewhere can
get (``REST_MAX_ELSEWHERE``): in a city of a million, that band is thousands of people.
"""

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    literal,
    or_,
    select,
)

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.core.database import id_in
from reintegration.employment.models import (
    LIVE_REFERRAL,
    Availability,
    Opening,
    Referral,
    ReferralStatus,
    TradeLink,
    WorkProfile,
    WorkProfileTrade,
    work_profile_communes,
)
from reintegration.employment.services.matching.fit import Fits, OpeningFit, linked_people
from reintegration.employment.services.matching.restrictions import allowed_by
from reintegration.employment.services.matching.weights import (
    MATCHABLE_STATUSES,
    REST_MAX,
    REST_MAX_ELSEWHERE,
    W,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case, Classification

# The first band holds about this many people per place on the list.
FIRST_BAND = 4
# People per query (bound parameters stay well under every database's limit).
CHUNK = 2000
# Above any trade points.
TOP = 10_000


# The opening's values in the scoring SQL, bound (``opening_values``): the statement is the
# same for every opening, built once per run and prepared once by PostgreSQL.
OPENING_ID = bindparam("opening_id", type_=Integer)
OPENING_COMMUNE = bindparam("opening_commune", type_=Integer)
OPENING_PROVINCE = bindparam("opening_province", type_=Integer)
OPENING_STARTS_ON = bindparam("opening_starts_on", type_=Date)


def opening_values(opening: Opening) -> dict:
    return {
        "opening_id": opening.id,
        "opening_commune": opening.commune_code,
        "opening_province": opening.province_code,
        "opening_starts_on": opening.starts_on,
    }


def rest_points() -> ColumnElement:
    """Points for place, classification, availability and a job held (mirrors ``explain``);
    over ``Case`` and, outer-joined, the person's ``WorkProfile``."""
    person = Case.person_id
    location = case(
        (Case.commune_code == OPENING_COMMUNE, W["same_commune"]),
        (
            Case.commune_code.in_(
                select(Commune.code).where(Commune.province_code == OPENING_PROVINCE)
            ),
            W["same_province"],
        ),
        (WorkProfile.willing_to_relocate.is_(True), W["relocate"]),
        else_=0,
    )
    preferred = exists().where(
        work_profile_communes.c.person_id == person,
        work_profile_communes.c.commune_code == OPENING_COMMUNE,
    )
    classification = case(
        (Case.classification == Classification.A, W["class_A"]),
        (Case.classification == Classification.B, W["class_B"]),
        (Case.classification == Classification.C, W["class_C"]),
        (Case.classification.is_(None), W["class_none"]),
        else_=0,
    )
    available = or_(
        WorkProfile.available_from.is_(None), WorkProfile.available_from <= OPENING_STARTS_ON
    )
    availability = case(
        (and_(WorkProfile.availability == Availability.FULL_TIME, available), W["full_time"]),
        (and_(WorkProfile.availability == Availability.PART_TIME, available), W["part_time"]),
        else_=0,
    )
    employed = exists().where(Referral.person_id == person, Referral.status == ReferralStatus.HIRED)
    return (
        location
        + case((preferred, W["preferred"]), else_=0)
        + classification
        + availability
        + case((employed, W["employed"]), else_=0)
    )


def eligible(opening: Opening, user: User) -> list[ColumnElement[bool]]:
    """The hard filters: who may be listed for ``opening`` at all (scope included)."""
    return [
        Case.status.in_(MATCHABLE_STATUSES),
        or_(Case.classification.is_(None), Case.classification != Classification.D),
        commune_scope_clause(user, Case.commune_code, as_values=True),
        or_(
            WorkProfile.availability.is_(None), WorkProfile.availability != Availability.NOT_LOOKING
        ),
        ~exists().where(
            Referral.case_id == Case.id,
            Referral.opening_id == OPENING_ID,
            Referral.status.in_(LIVE_REFERRAL),
        ),
        *allowed_by(opening, Case.person_id),
    ]


def scored_cases(opening: Opening, user: User) -> Select:
    """Eligible cases of ``user``'s scope with the points of the rest: id, person, rest (to
    run with ``opening_values``; only the opening's restrictions shape the statement)."""
    return (
        select(Case.id, Case.person_id, rest_points().label("rest"))
        .outerjoin(WorkProfile, WorkProfile.person_id == Case.person_id)
        .where(*eligible(opening, user))
    )


def unlinked_best(opening: Opening, cases: Select, limit: int) -> list["Scored"]:
    """The best ``limit`` eligible ``cases`` of people with no interest, skill or training in
    the opening's trade (other skills the opening asks still count)."""
    extra_points: ColumnElement = literal(0, Integer)
    for code in sorted(opening.trade_codes - {opening.trade_code}):
        skilled = exists().where(
            WorkProfileTrade.person_id == Case.person_id,
            WorkProfileTrade.trade_code == code,
            WorkProfileTrade.link == TradeLink.SKILL,
        )
        extra_points = extra_points + case((skilled, W["extra_skill"]), else_=0)
    score = (extra_points + rest_points()).label("score")
    stmt = (
        cases.add_columns(score, extra_points.label("trade"))
        .where(Case.person_id.not_in(linked_people(opening.trade_code)))
        .order_by(score.desc(), extra_points.desc(), Case.id)
        .limit(limit)
    )
    rows = db.session.execute(stmt, opening_values(opening))
    return [Scored(row.score, row.trade, row.id) for row in rows]


@dataclass(frozen=True, order=True)
class Scored:
    score: int
    trade: int
    case_id: int

    @property
    def key(self) -> tuple[int, int, int]:
        """Best first: the higher score, then the better trade fit, then the oldest case."""
        return (-self.score, -self.trade, self.case_id)


def ranked_case_ids(
    opening: Opening, user: User, limit: int, fits: Fits | None = None
) -> list[tuple[int, int]]:
    """(case id, score) of the best ``limit`` eligible cases in ``user``'s scope, best first."""
    fits = fits or fits_for(user)
    fit = OpeningFit(opening, fits)
    restrictions = (opening.no_work_with_children, opening.no_cash_handling)
    cases = fits.statement(("scored", *restrictions), lambda: scored_cases(opening, user))
    values = opening_values(opening)
    high, floor = TOP, fit.lowest_of_top(FIRST_BAND * limit)
    best = top(score_band(cases, values, fit.between(floor, high)), limit)
    if floor > 1 and len(best) < limit:
        # Few of the best fits are in scope (a commune's caseworker): score every person
        # of the scope with trade points at once.
        best = top(score_linked(cases, values, fit, opening.trade_code), limit)
        floor = 1
    while floor > 1 and not out_of_reach(best[-1], floor - 1 + REST_MAX, floor - 1):
        # Someone left (at most floor - 1 trade points) might still reach the list.
        high, floor = floor, max(best[-1].score - REST_MAX, 1)
        band = fit.between(floor, high)
        near, band = reachable(fits, opening, best[-1], band)
        in_reach = cases.where(Case.commune_code == OPENING_COMMUNE) if near else cases
        best = top(best + score_band(in_reach, values, band), limit)
    unlinked_max = W["extra_skill"] * fit.extra_count + REST_MAX
    if len(best) < limit or best[-1].score <= unlinked_max:
        best = top(best + unlinked_best(opening, cases, limit), limit)
    return [(s.case_id, s.score) for s in best]


def fits_for(user: User) -> Fits:
    """A caseworker's fits hold only the people of their communes (a few thousand, found
    from one index); a province officer's the whole trade, their province being most of it
    in a city."""
    if user.role != Role.CASEWORKER:
        return Fits()
    return Fits(
        select(Case.person_id).where(
            commune_scope_clause(user, Case.commune_code, as_values=True),
            Case.status.in_(MATCHABLE_STATUSES),
        )
    )


def top(scored: list["Scored"], limit: int) -> list["Scored"]:
    return sorted(scored, key=lambda s: s.key)[:limit]


def reachable(
    fits: Fits, opening: Opening, last: Scored, band: dict[int, int]
) -> tuple[bool, dict[int, int]]:
    """Whether only people living in the opening's commune can still reach the list (the
    band's best trade points plus all the rest someone living elsewhere can get do not
    beat ``last``, the full list's last place), and the band's people who might: only its
    people with a case in the opening's commune, found from the commune's index (the
    database probed each of 3,000 people for their case in the commune: 60-100 ms)."""
    best_points = max(band.values(), default=0)
    if not band or not out_of_reach(last, best_points + REST_MAX_ELSEWHERE, best_points):
        return False, band
    near = fits.living_in(opening.commune_code)
    return True, {person_id: points for person_id, points in band.items() if person_id in near}


def out_of_reach(last: Scored, score: int, trade: int) -> bool:
    """Whether nobody with at most ``score`` points, ``trade`` of them for the trade, can
    take the place of ``last`` (equal scores list the better trade fit first)."""
    return score < last.score or (score == last.score and trade < last.trade)


def score_linked(cases: Select, values: dict, fit: OpeningFit, trade_code: str) -> list[Scored]:
    """The eligible ``cases`` of every person with trade points: the fit's people when it
    was read for the scope alone, else found from the cases."""
    if fit.fit.scoped:
        return score_band(cases, values, fit.between(1, TOP))
    stmt = cases.where(Case.person_id.in_(linked_people(trade_code)))
    return [
        Scored(fit.points(person_id) + rest, fit.points(person_id), case_id)
        for case_id, person_id, rest in db.session.execute(stmt, values)
    ]


def score_band(cases: Select, values: dict, points: dict[int, int]) -> list[Scored]:
    """The eligible ``cases`` (``scored_cases``) of these people (person → trade points)."""
    people = list(points)
    found = []
    for at in range(0, len(people), CHUNK):
        stmt = cases.where(id_in(Case.person_id, people[at : at + CHUNK]))
        for case_id, person_id, rest in db.session.execute(stmt, values):
            trade = points[person_id]
            found.append(Scored(trade + rest, trade, case_id))
    return found
