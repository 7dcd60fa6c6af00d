"""Working days: Monday to Friday, except the public holidays.

The holidays are the law's (Labour Code 2019 Art. 112: 1/1, Tết, Hùng Kings, 30/4, 1/5,
2/9 and an adjacent day, Vietnam Culture Day 24/11 from 2026) as the ``holidays`` package
computes them for any year (country VN: lunar dates, days made up for a holiday on a
weekend), plus the administrators' changes (``PublicHoliday``): the government's yearly
swaps and any correction, as days off added or package days removed. An administrator
confirms each year once its swaps are entered; from 1 October the start pages warn while
next year's are not.

Deadlines set in working days (the commune police verify a residence within 3 working days
of the prison's notice, Circular 10/2024 Art. 8; VBSP decides on a loan within 3 working
days) are counted with ``add_working_days``; when the calendar changes, those not yet past
are counted again (``recount_deadlines``).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays as holiday_rules
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.calendar.models import (
    NAME_MAX_LENGTH,
    HolidayChange,
    HolidayYear,
    PublicHoliday,
)
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day
from reintegration.core.text import nfc
from reintegration.extensions import db

SATURDAY = 5  # date.weekday(): Monday is 0
COUNTRY = "VN"
# From this day of the year on, next year's swaps should be confirmed (the government
# publishes them in the autumn).
WARN_FROM = (10, 1)

# app.extensions key: the functions (today → how many moved) that count working-day
# deadlines again when the calendar changes.
DEADLINE_RECOUNTS = "deadline_recounts"


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


@lru_cache(maxsize=512)
def law_holidays(year: int) -> dict[date, str]:
    """The year's holidays by the law, as the ``holidays`` package computes them, named in
    Vietnamese (weekend days included: they move no deadline)."""
    computed = holiday_rules.country_holidays(COUNTRY, years=year, language="vi")
    return {day: str(name) for day, name in sorted(computed.items())}


def _law_days(first: date, last: date) -> dict[date, str]:
    return {
        day: name
        for year in range(first.year, last.year + 1)
        for day, name in law_holidays(year).items()
        if first <= day <= last
    }


def _changes(first: date, last: date) -> list[PublicHoliday]:
    stmt = select(PublicHoliday).where(PublicHoliday.day.between(first, last))
    return list(db.session.scalars(stmt))


def holiday_days(first: date, last: date) -> set[date]:
    """The holidays from ``first`` to ``last``, both included: the law's, plus the days off
    the administrators added, less the days they removed (one query)."""
    days = set(_law_days(first, last))
    for change in _changes(first, last):
        if change.change == HolidayChange.ADDED:
            days.add(change.day)
        else:
            days.discard(change.day)
    return days


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a public holiday."""
    return not is_weekend(day) and day not in holiday_days(day, day)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself does not count).

    A notice on Friday 5 September 2025 plus 3 working days is Wednesday 10 September.
    The holidays are read once for a window wide enough for ``n`` working days and a long
    break such as Tết; only an unusually long run of holidays needs a second read.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    counted = 0
    window_end = start
    holidays: set[date] = set()
    while counted < n:
        day += timedelta(days=1)
        if day > window_end:
            window_end = day + timedelta(days=2 * (n - counted) + 14)
            holidays = holiday_days(day, window_end)
        if not is_weekend(day) and day not in holidays:
            counted += 1
    return day


@dataclass(frozen=True)
class CalendarDay:
    """A line of the holidays page."""

    day: date
    name: str
    by_law: bool  # computed by the package
    change: PublicHoliday | None  # the administrators' change of that day, if any

    @property
    def is_holiday(self) -> bool:
        return self.change is None or self.change.change == HolidayChange.ADDED


def calendar_of_year(year: int) -> list[CalendarDay]:
    """The law's holidays and the administrators' changes of ``year``, by day."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    law = _law_days(first, last)
    changes = {change.day: change for change in _changes(first, last)}
    days = sorted(set(law) | set(changes))
    return [
        CalendarDay(day, law.get(day) or changes[day].name, day in law, changes.get(day))
        for day in days
    ]


def find_change(day: date) -> PublicHoliday | None:
    return db.session.scalar(select(PublicHoliday).where(PublicHoliday.day == day))


def _checked_name(name: str | None) -> str:
    name = nfc(name or "")
    if not name:
        raise DomainError(_("Give the holiday a name."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("The name can have at most %(n)d characters.", n=NAME_MAX_LENGTH), field="name"
        )
    return name


def add_holiday(day: date, name: str, actor: User | None) -> PublicHoliday:
    """Make ``day`` a day off (a swap, a correction); refused when it already is one."""
    name = _checked_name(name)
    existing = find_change(day)
    law = law_holidays(day.year).get(day)
    if existing is not None and existing.change == HolidayChange.REMOVED:
        raise DomainError(
            _(
                "%(day)s is a holiday by law (%(name)s) that was removed: undo the removal "
                "instead.",
                day=format_day(day),
                name=law,
            ),
            field="day",
        )
    if existing is not None or law is not None:
        raise DomainError(
            _(
                "%(day)s is already a holiday (%(name)s).",
                day=format_day(day),
                name=existing.name if existing else law,
            ),
            field="day",
        )
    return _record_change(day, name, HolidayChange.ADDED, actor)


def remove_law_holiday(day: date, reason: str, actor: User | None) -> PublicHoliday:
    """Make a holiday by law a working day (a correction of the package, or a government
    notice that moves it); ``reason`` says which."""
    reason = _checked_name(reason)
    if day not in law_holidays(day.year):
        raise DomainError(_("%(day)s is not a holiday by law.", day=format_day(day)), field="day")
    if find_change(day) is not None:
        raise DomainError(_("%(day)s is already removed.", day=format_day(day)), field="day")
    return _record_change(day, reason, HolidayChange.REMOVED, actor)


def _record_change(
    day: date, name: str, change: HolidayChange, actor: User | None
) -> PublicHoliday:
    holiday = PublicHoliday(day=day, name=name, change=change)
    db.session.add(holiday)
    db.session.flush()
    action = "holiday_added" if change == HolidayChange.ADDED else "holiday_removed"
    audit.record(action, holiday, user=actor, detail={"day": day.isoformat(), "name": name})
    recount_deadlines(actor=actor)
    return holiday


def delete_holiday(holiday: PublicHoliday, actor: User | None) -> None:
    """Undo a change: an added day is a working day again, a removed one a holiday again."""
    audit.record(
        "holiday_deleted",
        holiday,
        user=actor,
        detail={"day": holiday.day.isoformat(), "name": holiday.name,
                "change": holiday.change.value},
    )  # fmt: skip
    db.session.delete(holiday)
    db.session.flush()
    recount_deadlines(actor=actor)


# --- confirming a year ------------------------------------------------------------------


def confirmed_years() -> set[int]:
    return set(db.session.scalars(select(HolidayYear.year)))


def confirm_year(year: int, actor: User) -> HolidayYear:
    """The administrator checked the year's swaps against the government's notice."""
    if db.session.get(HolidayYear, year) is not None:
        # Someone confirmed it since the page was drawn: a warning, as for any conflict.
        raise DomainError(_("%(year)s is already confirmed.", year=year), code="conflict")
    confirmed = HolidayYear(year=year, confirmed_by_id=actor.id)
    db.session.add(confirmed)
    db.session.flush()
    audit.record("holiday_year_confirmed", object_type="HolidayYear", object_id=year,
                 user=actor, detail={"year": year})  # fmt: skip
    return confirmed


def year_to_confirm(today: date | None = None) -> int | None:
    """Next year, from 1 October on, while its swaps are not confirmed; else None."""
    today = today or today_local()
    if (today.month, today.day) < WARN_FROM:
        return None
    year = today.year + 1
    return None if db.session.get(HolidayYear, year) is not None else year


# --- deadlines counted again -------------------------------------------------------------


def recount_deadlines(today: date | None = None, *, actor: User | None = None) -> int:
    """Count again every working-day deadline not yet past, on the calendar as it now is:
    the arrival deadlines (3 working days from the notice), follow-ups that fall on a new
    holiday, the organisation's review and the bank's decision on a loan. Returns how many
    moved. The domains that count such
    deadlines give their recount to the app (``DEADLINE_RECOUNTS``, set by create_app), so
    the calendar imports none of them."""
    today = today or today_local()
    moved = sum(recount(today) for recount in current_app.extensions.get(DEADLINE_RECOUNTS, ()))
    if moved:
        audit.record("deadlines_recounted", object_type="PublicHoliday", user=actor,
                     detail={"count": moved})  # fmt: skip
    return moved
