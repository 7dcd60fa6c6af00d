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
trade fit first, then the oldest case. Once the list is full, a band's people who cannot
reach its last place even with all the rest they can get are not scored (``Reach``): who
neither lives in the opening's commune nor would work there gets 30 points of it at most;
in a city of a million a band is thousands of people, of whom a few dozen can. The first
band itself is scored in two steps, its best ``2 × limit`` people first, so that its
others are cut the same way.
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
    W,
    rest_bound,
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
# Fewer people than this are scored rather than asked where they live and would work (two
# statements cost as much as scoring some 200 people).
WORTH_ASKING = 200


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


def eligible(
    opening: Opening, user: User, commune: ColumnElement | None = None
) -> list[ColumnElement[bool]]:
    """The hard filters: who may be listed for ``opening`` at all (scope included, on
    ``commune``: the case's commune, or an expression of it)."""
    return [
        Case.status.in_(MATCHABLE_STATUSES),
        or_(Case.classification.is_(None), Case.classification != Classification.D),
        commune_scope_clause(
            user, Case.commune_code if commune is None else commune, as_values=True
        ),
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


def scored_cases(opening: Opening, user: User, *, by_person: bool = False) -> Select:
    """Eligible cases of ``user``'s scope with the points of the rest: id, person, rest (to
    run with ``opening_values``; only the opening's restrictions shape the statement).
    ``by_person``: for a list of people (``score_band``), whose cases are found by person
    and the scope checked on each: its commune is written ``commune_code + 0`` so that no
    index on the commune is used (SQLite looked each person up in every one of a
    province's 168 communes: 40 people took 13,000 index searches)."""
    commune = Case.commune_code + 0 if by_person else None
    return (
        select(Case.id, Case.person_id, rest_points().label("rest"))
        .outerjoin(WorkProfile, WorkProfile.person_id == Case.person_id)
        .where(*eligible(opening, user, commune))
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
    by_person = fits.statement(
        ("by person", *restrictions), lambda: scored_cases(opening, user, by_person=True)
    )
    values = opening_values(opening)
    reach = Reach(fits, opening)
    high, floor = TOP, fit.lowest_of_top(FIRST_BAND * limit)
    best = reach.score_from_top(by_person, values, fit.between(floor, high), limit)
    if floor > 1 and len(best) < limit:
        # Few of the best fits are in scope (a commune's caseworker): score every person
        # of the scope with trade points at once.
        best = top(score_linked(cases, by_person, values, fit, opening.trade_code), limit)
        floor = 1
    while floor > 1 and not out_of_reach(best[-1], floor - 1 + REST_MAX, floor - 1):
        # Someone left (at most floor - 1 trade points) might still reach the list.
        high, floor = floor, max(best[-1].score - REST_MAX, 1)
        band = reach.within(best[-1], fit.between(floor, high))
        best = top(best + score_band(by_person, values, band), limit)
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


class Reach:
    """Who might still take a place on a full list: each person's trade points plus the
    most of the rest they can get, whether they live in the opening's commune and whether
    they would work there (``rest_bound``). In a city of a million the last place is
    beyond most people's reach unless they live there or would work there: a band of
    thousands is cut to a few dozen before the database scores it."""

    def __init__(self, fits: Fits, opening: Opening) -> None:
        self.fits = fits
        self.commune_code = opening.commune_code

    def within(self, last: Scored, band: dict[int, int]) -> dict[int, int]:
        """The people of ``band`` (person → trade points) who might take ``last``'s place.
        Whether they live in the opening's commune or would work there is asked only
        when that spares the database scoring a few hundred people."""
        kept, doubtful = {}, {}
        for person_id, points in band.items():
            if out_of_reach(last, points + REST_MAX, points):
                continue
            far = out_of_reach(last, points + rest_bound(False, False), points)
            (doubtful if far else kept)[person_id] = points
        if len(doubtful) < WORTH_ASKING:
            return kept | doubtful
        living = self.fits.living_in(self.commune_code)
        preferring = self.fits.preferring(self.commune_code)
        for person_id, points in doubtful.items():
            bound = rest_bound(person_id in living, person_id in preferring)
            if not out_of_reach(last, points + bound, points):
                kept[person_id] = points
        return kept

    def score_from_top(
        self, cases: Select, values: dict, band: dict[int, int], limit: int
    ) -> list[Scored]:
        """The best ``limit`` of ``band``, scored most trade points first: its first
        ``2 × limit`` people, then those of the others who might still reach the list
        (all of them while it is not full)."""
        ranked = sorted(band, key=band.__getitem__, reverse=True)
        first = {person_id: band[person_id] for person_id in ranked[: 2 * limit]}
        others = {person_id: band[person_id] for person_id in ranked[2 * limit :]}
        best = top(score_band(cases, values, first), limit)
        if len(best) == limit:
            others = self.within(best[-1], others)
        return top(best + score_band(cases, values, others), limit)


def out_of_reach(last: Scored, score: int, trade: int) -> bool:
    """Whether nobody with at most ``score`` points, ``trade`` of them for the trade, can
    take the place of ``last`` (equal scores list the better trade fit first)."""
    return score < last.score or (score == last.score and trade < last.trade)


def score_linked(
    cases: Select, by_person: Select, values: dict, fit: OpeningFit, trade_code: str
) -> list[Scored]:
    """The eligible ``cases`` of every person with trade points: the fit's people when it
    was read for the scope alone, else found from the cases."""
    if fit.fit.scoped:
        return score_band(by_person, values, fit.between(1, TOP))
    stmt = cases.where(Case.person_id.in_(linked_people(trade_code)))
    return [
        Scored(fit.points(person_id) + rest, fit.points(person_id), case_id)
        for case_id, person_id, rest in db.session.execute(stmt, values)
    ]


def score_band(cases: Select, values: dict, points: dict[int, int]) -> list[Scored]:
    """The eligible ``cases`` (``scored_cases(by_person=True)``) of these people (person →
    trade points)."""
    people = list(points)
    found = []
    for at in range(0, len(people), CHUNK):
        stmt = cases.where(id_in(Case.person_id, people[at : at + CHUNK]))
        for case_id, person_id, rest in db.session.execute(stmt, values):
            trade = points[person_id]
            found.append(Scored(trade + rest, trade, case_id))
    return found
