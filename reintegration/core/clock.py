"""Time in Vietnam: instants are stored in UTC, days are Vietnamese calendar days."""

import calendar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_local() -> date:
    return now_utc().astimezone(LOCAL_TZ).date()


def local_time(instant: datetime) -> datetime:
    """An instant (UTC; naive read as UTC) as Vietnam's wall-clock time, without a zone:
    what a spreadsheet cell shows."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(LOCAL_TZ).replace(tzinfo=None)


def local_midnight(day: date) -> datetime:
    """The instant a Vietnamese calendar day starts."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def local_instant(day: date, time_of_day: time) -> datetime:
    """A day and a clock time in Vietnam (as people type them), as an instant in UTC."""
    return datetime.combine(day, time_of_day, tzinfo=LOCAL_TZ).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or the month's last day when it is
    shorter (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)
