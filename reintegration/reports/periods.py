"""Report periods (Ministry of Public Security: monthly, quarterly, annual; which ones are
built is a setting, REINTEGRATION_REPORT_PERIODS, default all three), and the periods a
report compares itself with: the one before, the same one a year earlier."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"  # a date range asked for on demand

    @property
    def label(self) -> str:
        return str(PERIOD_LABELS[self])


PERIOD_LABELS = {
    PeriodKind.MONTH: _l("Month"),
    PeriodKind.QUARTER: _l("Quarter"),
    PeriodKind.YEAR: _l("Year"),
    PeriodKind.CUSTOM: _l("Date range"),
}
DEFAULT_PERIOD_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # inclusive

    @property
    def after(self) -> date:
        return self.end + timedelta(days=1)

    def cutoff(self, today: date) -> date:
        """The day "overdue" is judged on: the day after the period, or today if sooner."""
        return min(self.after, today)


def period_containing(kind: PeriodKind, day: date) -> Period:
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        months = 1
    elif kind == PeriodKind.QUARTER:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        months = 3
    elif kind == PeriodKind.YEAR:
        start = date(day.year, 1, 1)
        months = 12
    else:
        raise ValueError("a custom period is given by its dates")
    month_index = start.month - 1 + months
    after = date(start.year + month_index // 12, month_index % 12 + 1, 1)
    return Period(kind, start, after - timedelta(days=1))


def previous_period(period: Period) -> Period:
    if period.kind == PeriodKind.CUSTOM:
        length = period.after - period.start
        return Period(PeriodKind.CUSTOM, period.start - length, period.start - timedelta(days=1))
    return period_containing(period.kind, period.start - timedelta(days=1))


def same_period_last_year(period: Period) -> Period:
    def back(day: date) -> date:
        return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else 31))

    if period.kind == PeriodKind.CUSTOM:
        return Period(PeriodKind.CUSTOM, back(period.start), back(period.end))
    return period_containing(period.kind, back(period.start))


def last_ended_period(kind: PeriodKind, today: date) -> Period:
    """The latest period of ``kind`` wholly before ``today``."""
    return previous_period(period_containing(kind, today))


def is_whole_period(start: date, end: date) -> bool:
    """Whether ``start``–``end`` is exactly one month, quarter or year."""
    return any(
        period_containing(kind, start) == Period(kind, start, end) for kind in DEFAULT_PERIOD_KINDS
    )
