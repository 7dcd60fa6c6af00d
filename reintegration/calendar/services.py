"""Working days: Monday to Friday, except the public holidays in the table.

Deadlines set in working days (the commune police verify a residence within 3 working days of
the prison's notice, Circular 10/2024 Art. 8; VBSP decides on a loan within 3 working days) are
counted with ``add_working_days``. The holidays are data: loaded from data/holidays.csv and
corrected by the administrators, never written in the code.
"""

import csv
from datetime import date, timedelta
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import extract, func, select

from reintegration.accounts.models import User
from reintegration.calendar.models import NAME_MAX_LENGTH, PublicHoliday
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day
from reintegration.core.text import nfc
from reintegration.extensions import db

DATA_FILE = Path(__file__).resolve().parent / "data" / "holidays.csv"
SATURDAY = 5  # date.weekday(): Monday is 0


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a public holiday."""
    if is_weekend(day):
        return False
    return db.session.scalar(select(PublicHoliday.id).where(PublicHoliday.day == day)) is None


def holiday_days(first: date, last: date) -> set[date]:
    """The holidays from ``first`` to ``last``, both included, in one query."""
    return set(
        db.session.scalars(select(PublicHoliday.day).where(PublicHoliday.day.between(first, last)))
    )


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


def holidays_in_year(year: int) -> list[PublicHoliday]:
    stmt = (
        select(PublicHoliday)
        .where(PublicHoliday.day.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(PublicHoliday.day)
    )
    return list(db.session.scalars(stmt))


def holiday_years() -> list[int]:
    """The years that have at least one holiday, in order."""
    year = extract("year", PublicHoliday.day)
    return [int(y) for y in db.session.scalars(select(year).distinct().order_by(year))]


def find_holiday(day: date) -> PublicHoliday | None:
    return db.session.scalar(select(PublicHoliday).where(PublicHoliday.day == day))


def add_holiday(day: date, name: str, actor: User | None) -> PublicHoliday:
    """Make ``day`` a day off; refused when it already is one."""
    name = nfc(name or "")
    if not name:
        raise DomainError(_("Give the holiday a name."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("The name can have at most %(n)d characters.", n=NAME_MAX_LENGTH), field="name"
        )
    existing = find_holiday(day)
    if existing is not None:
        raise DomainError(
            _(
                "%(day)s is already a holiday (%(name)s).",
                day=format_day(day),
                name=existing.name,
            ),
            field="day",
        )
    holiday = PublicHoliday(day=day, name=name)
    db.session.add(holiday)
    db.session.flush()
    audit.record(
        "holiday_added", holiday, user=actor, detail={"day": day.isoformat(), "name": name}
    )
    return holiday


def delete_holiday(holiday: PublicHoliday, actor: User | None) -> None:
    """Make the day a working day again (if it is a weekday)."""
    audit.record(
        "holiday_deleted",
        holiday,
        user=actor,
        detail={"day": holiday.day.isoformat(), "name": holiday.name},
    )
    db.session.delete(holiday)
    db.session.flush()


def load_holidays(path: Path | str | None = None) -> int:
    """Bring the table in line with the CSV file (``day,name``): missing days are added and
    changed names updated; days not in the file are kept. Safe to run again.

    Returns how many holidays the table holds. Flushes, never commits.
    """
    rows = _read(Path(path) if path is not None else DATA_FILE)
    existing = {
        holiday.day: holiday
        for holiday in db.session.scalars(
            select(PublicHoliday).where(PublicHoliday.day.in_(list(rows)))
        )
    }
    added: list[str] = []
    renamed: list[str] = []
    for day, name in sorted(rows.items()):
        holiday = existing.get(day)
        if holiday is None:
            db.session.add(PublicHoliday(day=day, name=name))
            added.append(day.isoformat())
        elif holiday.name != name:
            holiday.name = name
            renamed.append(day.isoformat())
    db.session.flush()
    if added or renamed:
        audit.record(
            "holidays_loaded",
            object_type="PublicHoliday",
            detail={"added": added, "renamed": renamed},
        )
    return db.session.scalar(select(func.count()).select_from(PublicHoliday))


def _read(path: Path) -> dict[date, str]:
    """day → name; a bad line is an error naming its line number, not a silent skip."""
    rows: dict[date, str] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for line_number, row in enumerate(csv.DictReader(file), start=2):
            try:
                day = date.fromisoformat((row.get("day") or "").strip())
            except ValueError as error:
                raise ValueError(f"{path}:{line_number}: not a date (yyyy-mm-dd)") from error
            name = nfc(row.get("name") or "")
            if not name or len(name) > NAME_MAX_LENGTH:
                raise ValueError(f"{path}:{line_number}: a name of 1 to 200 characters is needed")
            if day in rows:
                raise ValueError(f"{path}:{line_number}: {day.isoformat()} is listed twice")
            rows[day] = name
    return rows
