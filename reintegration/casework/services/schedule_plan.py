"""Which dates the follow-up rules give: the rules read once into a book, their calendar
dates from a start day, moved off weekends and public holidays. Plain computation; the
schedule service (``schedule.py``) turns the dates into rows."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from reintegration.calendar.services import is_weekend
from reintegration.casework.models import FollowUpKind, FollowUpRule, IntervalUnit
from reintegration.core.clock import add_months
from reintegration.extensions import db
from reintegration.people.models import Classification


@dataclass(frozen=True)
class Rule:
    """A rule as plain data (kept across commits by the batch jobs)."""

    from_month: int
    until_month: int | None
    every: int
    unit: IntervalUnit
    kind: FollowUpKind

    @classmethod
    def of(cls, row: FollowUpRule) -> "Rule":
        return cls(row.from_month, row.until_month, row.every, row.unit, row.kind)


@dataclass(frozen=True)
class RuleBook:
    """Every rule set, read once: (province or None, classification or None) → rules."""

    sets: dict[tuple[int | None, Classification | None], tuple[Rule, ...]]

    @classmethod
    def load(cls) -> "RuleBook":
        sets: dict[tuple[int | None, Classification | None], list[Rule]] = {}
        stmt = select(FollowUpRule).order_by(FollowUpRule.from_month, FollowUpRule.id)
        for row in db.session.scalars(stmt):
            sets.setdefault((row.province_code, row.classification), []).append(Rule.of(row))
        return cls({key: tuple(rules) for key, rules in sets.items()})

    def set_for(
        self, province_code: int | None, classification: Classification | None
    ) -> tuple[int | None, Classification | None]:
        """The key of the rule set a case of this province and classification follows."""
        own = province_code is not None and any(p == province_code for p, _c in self.sets)
        province = province_code if own else None
        if classification is not None and (province, classification) in self.sets:
            return province, classification
        return province, None

    def rules_for(
        self, province_code: int | None, classification: Classification | None
    ) -> tuple[Rule, ...]:
        """A class-D person is detained again or in rehabilitation: home visits are
        suspended whatever the set says (the class's review and other kinds stay)."""
        rules = self.sets.get(self.set_for(province_code, classification), ())
        if classification == Classification.D:
            return tuple(rule for rule in rules if rule.kind != FollowUpKind.HOME_VISIT)
        return rules


def planned_dates(
    rules: Iterable[Rule], start: date, until: date
) -> list[tuple[date, FollowUpKind]]:
    """The follow-ups the rules give from ``start`` up to ``until`` (both counted), on the
    calendar (before moving off weekends and holidays), in date order."""
    planned: list[tuple[date, FollowUpKind]] = []
    for rule in rules:
        period_start = add_months(start, rule.from_month)
        period_end = add_months(start, rule.until_month) if rule.until_month is not None else None
        last = until if period_end is None else min(until, period_end)
        step = 1
        while True:
            if rule.unit == IntervalUnit.WEEK:
                day = period_start + timedelta(weeks=rule.every * step)
            else:
                day = add_months(start, rule.from_month + rule.every * step)
            if day > last:
                break
            planned.append((day, rule.kind))
            step += 1
    # On a day two rules share, the classification review comes first: the one follow-up
    # kept that day (see ``on_working_days``) is the review, done at the visit.
    planned.sort(key=lambda item: (item[0], item[1] != FollowUpKind.CLASSIFICATION_REVIEW))
    return planned


def next_working_day(day: date, holidays: set[date]) -> date:
    """``day`` itself when people work that day, else the first working day after it."""
    while is_weekend(day) or day in holidays:
        day += timedelta(days=1)
    return day


def on_working_days(
    planned: Iterable[tuple[date, FollowUpKind]], holidays: set[date]
) -> list[tuple[date, FollowUpKind]]:
    """Each follow-up moved off weekends and holidays; two landing on one day become one."""
    moved: list[tuple[date, FollowUpKind]] = []
    for day, kind in planned:
        due = next_working_day(day, holidays)
        if moved and moved[-1][0] == due:
            continue
        moved.append((due, kind))
    return moved


def follow_up_dates(
    rules: Iterable[Rule], start: date, until: date, holidays: set[date]
) -> list[tuple[date, FollowUpKind]]:
    """The due dates (working days) and kinds the rules give from ``start`` to ``until``."""
    return on_working_days(planned_dates(rules, start, until), holidays)
