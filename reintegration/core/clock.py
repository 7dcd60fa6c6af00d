"""Time in Vietnam: instants are stored in UTC, days are Vietnamese calendar days."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_local() -> date:
    return now_utc().astimezone(LOCAL_TZ).date()


def local_midnight(day: date) -> datetime:
    """The instant a Vietnamese calendar day starts."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)
