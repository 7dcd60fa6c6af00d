"""Trade points: what each person brings to an opening's trade (an interest, skills, completed
training and its level, the other skills the opening asks).

They are read per trade, once, as plain rows (who wants, who knows, who trained at which
level), never per person, and kept in a ``Fits`` cache: every opening of a trade (the 25
or so of a province's run) is then scored from the same rows. The weights are those of
``explain``; the sums are checked against it by the tests.

A province's fit is read in two steps. First its upper part: everyone trained in the trade
and everyone with both an interest and skills in it (some 11,000 of a city's 90,000 linked
people; the rest have one link, ``ONE_LINK`` points at most). The ranking stops long before
it reaches one-link people in a big city, so the other 80,000 are read only when it does
(``OpeningFit`` reads them itself when asked below what the upper part answers exactly).
"""

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, select, union
from sqlalchemy.orm import aliased

from reintegration.employment.models import (
    Opening,
    TradeLink,
    WorkProfileTrade,
    work_profile_communes,
)
from reintegration.employment.services.matching.weights import MATCHABLE_STATUSES, W
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.training.models import LEVEL_RANKS, Course, Placement, PlacementStatus

# A course level as the database stores it (rows read from the cursor) → its rank.
RANK_OF_STORED = {level.value: rank for level, rank in LEVEL_RANKS.items()}
# A link as the database stores it → its base points.
POINTS_OF_STORED = {TradeLink.INTEREST.value: W["interest"], TradeLink.SKILL.value: W["skill"]}
# The most base points of someone untrained with only an interest or only skills: everyone
# else is in a fit's upper part.
ONE_LINK = max(W["interest"], W["skill"])
# A trade's fit is read from its upper part first when this many people or more completed
# training in it (8,000 in a city of a million; 800 at 100,000, where the ranking goes
# below the upper part and the whole fit was read twice).
UPPER_FROM = 2000


@dataclass
class TradeFit:
    """The people with an interest, skills or completed training in one trade."""

    trade_code: str
    scoped: bool = False  # read for the people of one scope only (``Fits(people=...)``)
    complete: bool = True  # False: the upper part only (``load_upper_fit``)
    base: dict[int, int] = field(default_factory=dict)  # person → interest, skill, training
    trained: dict[int, int] = field(default_factory=dict)  # person → best level rank
    ranked: list[int] = field(default_factory=list)  # people, most base points first
    keys: list[int] = field(default_factory=list)  # their base points, negated (ascending)

    def with_base(self, low: int, high: int) -> list[int]:
        """The people whose base points are at least ``low`` and below ``high``."""
        return self.ranked[bisect_right(self.keys, -high) : bisect_right(self.keys, -low)]


def linked_people(trade_code: str):
    """SQL: the people ``load_fit`` reads for ``trade_code`` (an interest, a skill, training)."""
    return union(
        select(WorkProfileTrade.person_id).where(WorkProfileTrade.trade_code == trade_code),
        _trained(trade_code),
    )


def _rows(stmt) -> list[tuple]:
    """Rows of plain ids and codes, fetched from the driver's cursor as they are: thousands of
    them need none of the per-row work of a ``Result`` (several times faster)."""
    result = db.session.connection().execute(stmt)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _ids(stmt) -> list[int]:
    return [row[0] for row in _rows(stmt)]


def load_fit(
    trade_code: str, people: Select | None = None, training: list[tuple] | None = None
) -> TradeFit:
    """The trade's fit, summed from plain id lists: a big city has tens of thousands of people
    linked to each trade, so the interests start as one ``dict.fromkeys`` and the ranking is a
    single sort by points (an opening page reads this fresh; p95 target 200 ms). Given
    ``people`` (a statement: a caseworker's few thousand), only theirs are read; given
    ``training`` (``_training``'s rows), the trained are not read again."""
    fit = TradeFit(trade_code, scoped=people is not None)
    base = fit.base
    base.update(dict.fromkeys(_linked(trade_code, TradeLink.INTEREST, people), W["interest"]))
    for person_id in _linked(trade_code, TradeLink.SKILL, people):
        base[person_id] = base.get(person_id, 0) + W["skill"]
    return _with_training(fit, _training(trade_code, people) if training is None else training)


def load_upper_fit(trade_code: str) -> TradeFit:
    """The upper part of the trade's fit (everyone but the untrained with one link): the
    links of the trained, and the people with both an interest and skills, found by the
    database from its index (the two lists merged in person order) and sent alone. A trade
    with fewer than ``UPPER_FROM`` trained people is read whole at once: the ranking of a
    smaller city reaches its one-link people, and would read them after all."""
    training = _training(trade_code)
    if len(training) < UPPER_FROM:
        return load_fit(trade_code, training=training)
    fit = TradeFit(trade_code, complete=False)
    base = fit.base
    linked_trained = select(WorkProfileTrade.person_id, WorkProfileTrade.link).where(
        WorkProfileTrade.trade_code == trade_code,
        WorkProfileTrade.person_id.in_(_trained(trade_code)),
    )
    for person_id, link in _rows(linked_trained):
        base[person_id] = base.get(person_id, 0) + POINTS_OF_STORED[link]
    interest, skill = aliased(WorkProfileTrade), aliased(WorkProfileTrade)
    both = (
        select(interest.person_id)
        .join(
            skill,
            and_(
                skill.person_id == interest.person_id,
                skill.trade_code == trade_code,
                skill.link == TradeLink.SKILL,
            ),
        )
        .where(interest.trade_code == trade_code, interest.link == TradeLink.INTEREST)
    )
    base.update(dict.fromkeys(_ids(both), W["interest"] + W["skill"]))
    return _with_training(fit, training)


def _trained(trade_code: str) -> Select:
    return select(Placement.person_id).where(
        Placement.trade_code == trade_code, Placement.status == PlacementStatus.COMPLETED
    )


def _training(trade_code: str, people: Select | None = None) -> list[tuple]:
    """(person, course level) of each completed placement in the trade (of ``people``)."""
    stmt = (
        select(Placement.person_id, Course.level)
        .join(Course, Course.id == Placement.course_id)
        .where(Placement.trade_code == trade_code, Placement.status == PlacementStatus.COMPLETED)
    )
    return _rows(_of(stmt, Placement.person_id, people))


def _with_training(fit: TradeFit, training: list[tuple]) -> TradeFit:
    """``fit`` with the points of completed training, and its people ranked."""
    base = fit.base
    for person_id, level in training:
        if person_id not in fit.trained:
            base[person_id] = base.get(person_id, 0) + W["trained"]
        rank = RANK_OF_STORED[level]
        fit.trained[person_id] = max(fit.trained.get(person_id, 0), rank)
    fit.ranked = sorted(base, key=base.__getitem__, reverse=True)
    fit.keys = [-base[person_id] for person_id in fit.ranked]
    return fit


def _of(stmt: Select, person_column, people: Select | None) -> Select:
    """``stmt``, or only its rows of ``people`` (a statement selecting person ids)."""
    return stmt if people is None else stmt.where(person_column.in_(people))


def _linked(trade_code: str, link: TradeLink, people: Select | None = None) -> list[int]:
    """The people with this link (an interest or skills) to the trade (of ``people``)."""
    stmt = select(WorkProfileTrade.person_id).where(
        WorkProfileTrade.trade_code == trade_code, WorkProfileTrade.link == link
    )
    return _ids(_of(stmt, WorkProfileTrade.person_id, people))


class Fits:
    """Trade fits and skill holders, each read once for as many openings as need them; and
    the run's statements, each built once. Given ``people`` (those of a small scope), only
    their links are read: a caseworker's two communes hold a few thousand of the city's
    million, and reading the whole city's fit took most of their page. Without, a trade's
    upper part is read first (``load_upper_fit``), the rest only if an opening needs it."""

    def __init__(self, people: Select | None = None) -> None:
        self.people = people
        self._fits: dict[str, TradeFit] = {}
        self._skilled: dict[str, frozenset[int]] = {}
        self._statements: dict[tuple, Select] = {}
        self._living_in: dict[int, frozenset[int]] = {}
        self._preferring: dict[int, frozenset[int]] = {}

    def statement(self, key: tuple, build: Callable[[], Select]) -> Select:
        if key not in self._statements:
            self._statements[key] = build()
        return self._statements[key]

    def fit(self, trade_code: str) -> TradeFit:
        """The trade's fit: complete for a scope's people, else perhaps its upper part."""
        if trade_code not in self._fits:
            if self.people is None:
                self._fits[trade_code] = load_upper_fit(trade_code)
            else:
                self._fits[trade_code] = load_fit(trade_code, self.people)
        return self._fits[trade_code]

    def complete_fit(self, trade_code: str) -> TradeFit:
        fit = self.fit(trade_code)
        if not fit.complete:
            fit = self._fits[trade_code] = load_fit(trade_code, self.people)
        return fit

    def skilled(self, trade_code: str) -> frozenset[int]:
        """The people with skills in ``trade_code``."""
        if trade_code not in self._skilled:
            self._skilled[trade_code] = frozenset(_linked(trade_code, TradeLink.SKILL, self.people))
        return self._skilled[trade_code]

    def living_in(self, commune_code: int) -> frozenset[int]:
        """The people with a case that may be matched in the commune (from the index on
        cases by commune, status and person alone)."""
        if commune_code not in self._living_in:
            stmt = select(Case.person_id).where(
                Case.commune_code == commune_code, Case.status.in_(MATCHABLE_STATUSES)
            )
            self._living_in[commune_code] = frozenset(_ids(stmt))
        return self._living_in[commune_code]

    def preferring(self, commune_code: int) -> frozenset[int]:
        """The people who would work in the commune (from its index by commune)."""
        if commune_code not in self._preferring:
            stmt = select(work_profile_communes.c.person_id).where(
                work_profile_communes.c.commune_code == commune_code
            )
            self._preferring[commune_code] = frozenset(_ids(stmt))
        return self._preferring[commune_code]


class OpeningFit:
    """Trade points for one opening: the trade's base points, plus the level and the other
    skills it asks (a bonus only the trained and the skilled few have). Read from a fit's
    upper part, it reads the rest of the fit the first time it is asked about someone who
    might not be in it."""

    def __init__(self, opening: Opening, fits: Fits) -> None:
        self.trade_code = opening.trade_code
        self.fits = fits
        self.needed = LEVEL_RANKS[opening.level_required] if opening.level_required else None
        self.extra_codes = sorted(opening.trade_codes - {opening.trade_code})
        self.extra_count = len(self.extra_codes)
        self._read(fits.fit(opening.trade_code))

    def _read(self, fit: TradeFit) -> None:
        self.fit = fit
        self.bonus: dict[int, int] = {}
        if self.needed is not None:
            for person_id, rank in fit.trained.items():
                if rank >= self.needed:
                    self.bonus[person_id] = W["level"]
        for code in self.extra_codes:
            for person_id in self.fits.skilled(code) & fit.base.keys():
                self.bonus[person_id] = self.bonus.get(person_id, 0) + W["extra_skill"]
        # The most trade points of anyone the fit has not read (untrained, one link).
        self.unread_max = -1 if fit.complete else ONE_LINK + W["extra_skill"] * self.extra_count

    def _complete(self) -> None:
        if not self.fit.complete:
            self._read(self.fits.complete_fit(self.trade_code))

    def between(self, low: int, high: int) -> dict[int, int]:
        """person → trade points, for the people with at least ``low`` and below ``high``."""
        if low <= self.unread_max:
            self._complete()
        found = {p: self.fit.base[p] for p in self.fit.with_base(low, high) if p not in self.bonus}
        for person_id, bonus in self.bonus.items():
            points = self.fit.base[person_id] + bonus
            if low <= points < high:
                found[person_id] = points
        return found

    def points(self, person_id: int) -> int:
        """Trade points (0 for someone who gained a link since the fit was read)."""
        self._complete()
        return self.fit.base.get(person_id, 0) + self.bonus.get(person_id, 0)

    def lowest_of_top(self, count: int) -> int:
        """The base points of the ``count``-th person (a first floor: at least ``count``
        people have as many trade points); 1 when fewer people have any. An upper part
        holding ``count`` people answers it: everyone else has no more than its last."""
        if count > len(self.fit.ranked):
            self._complete()
        if count > len(self.fit.ranked):
            return 1
        return max(-self.fit.keys[count - 1], 1)
