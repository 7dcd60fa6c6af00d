"""Working days: Monday to Friday less the public holidays; deadlines move over holidays."""

import csv
from datetime import date

import pytest
from sqlalchemy import event, select

from reintegration.calendar.models import PublicHoliday
from reintegration.calendar.services import (
    DATA_FILE,
    add_holiday,
    add_working_days,
    delete_holiday,
    is_working_day,
    load_holidays,
)
from reintegration.core.audit import AuditEvent
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db

HOLIDAYS_IN_FILE = 24


@pytest.fixture
def holidays(app_ctx):
    load_holidays()
    return app_ctx


class Statements:
    """The SQL statements run while the block runs."""

    def __enter__(self):
        self.seen: list[str] = []
        event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc_info):
        event.remove(db.engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, *_args):
        self.seen.append(statement)

    def on(self, table: str) -> list[str]:
        return [s for s in self.seen if table in s]


def test_notice_on_friday_plus_three_working_days_is_wednesday(holidays):
    assert add_working_days(date(2025, 9, 5), 3) == date(2025, 9, 10)


def test_the_start_day_does_not_count(holidays):
    assert add_working_days(date(2025, 9, 8), 1) == date(2025, 9, 9)  # Monday → Tuesday
    assert add_working_days(date(2025, 9, 6), 1) == date(2025, 9, 8)  # Saturday → Monday
    assert add_working_days(date(2025, 9, 5), 0) == date(2025, 9, 5)


def test_negative_count_is_refused(holidays):
    with pytest.raises(ValueError):
        add_working_days(date(2025, 9, 5), -1)


def test_deadline_moves_over_national_day(app_ctx):
    notice = date(2025, 8, 29)  # Friday; Monday 1/9 and Tuesday 2/9 are off
    assert add_working_days(notice, 3) == date(2025, 9, 3)  # no holidays in the table yet
    load_holidays()
    assert add_working_days(notice, 3) == date(2025, 9, 5)


def test_deadline_moves_over_tet(holidays):
    # Tết Bính Ngọ: off Monday 16/2 to Friday 20/2/2026, after the weekend of 14–15/2.
    assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert add_working_days(date(2026, 2, 18), 1) == date(2026, 2, 23)
    # Tết Ất Tỵ: off Monday 27/1 to Friday 31/1/2025.
    assert add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)


def test_compensatory_and_swapped_days_are_off(holidays):
    assert not is_working_day(date(2026, 4, 27))  # Hùng Kings' day fell on Sunday 26/4
    assert not is_working_day(date(2026, 4, 26))  # a Sunday
    assert not is_working_day(date(2025, 5, 2))  # swapped day off
    assert not is_working_day(date(2026, 1, 2))
    assert not is_working_day(date(2025, 9, 6))  # a Saturday
    assert is_working_day(date(2025, 9, 3))
    assert is_working_day(date(2026, 4, 28))


def test_holiday_added_by_the_admin_moves_a_deadline(holidays):
    notice = date(2025, 9, 5)
    assert add_working_days(notice, 3) == date(2025, 9, 10)
    holiday = add_holiday(date(2025, 9, 8), "Nghỉ đột xuất", actor=None)
    assert add_working_days(notice, 3) == date(2025, 9, 11)
    assert not is_working_day(date(2025, 9, 8))

    delete_holiday(holiday, actor=None)
    assert add_working_days(notice, 3) == date(2025, 9, 10)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "PublicHoliday")
    ).all()
    assert "holiday_added" in actions
    assert "holiday_deleted" in actions


def test_the_same_day_cannot_be_added_twice(holidays):
    with pytest.raises(DomainError) as caught:
        add_holiday(date(2025, 9, 2), "Quốc khánh lần hai", actor=None)
    assert caught.value.field == "day"
    assert "02/09/2025" in caught.value.message
    assert "Quốc khánh" in caught.value.message


def test_a_holiday_needs_a_name(holidays):
    with pytest.raises(DomainError) as caught:
        add_holiday(date(2025, 9, 9), "   ", actor=None)
    assert caught.value.field == "name"


def test_holidays_in_the_window_are_read_in_one_query(holidays):
    db.session.flush()
    with Statements() as statements:
        assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert len(statements.on("public_holidays")) == 1
    with Statements() as statements:
        assert add_working_days(date(2025, 1, 1), 250) == date(2026, 1, 5)
    assert len(statements.on("public_holidays")) == 1


def test_load_holidays_twice_gives_the_same_count(app_ctx):
    assert load_holidays() == HOLIDAYS_IN_FILE
    assert load_holidays() == HOLIDAYS_IN_FILE
    days = db.session.scalars(select(PublicHoliday.day)).all()
    assert len(days) == len(set(days)) == HOLIDAYS_IN_FILE


def test_load_holidays_restores_names_and_keeps_other_days(app_ctx, tmp_path):
    load_holidays()
    national_day = db.session.scalar(
        select(PublicHoliday).where(PublicHoliday.day == date(2025, 9, 2))
    )
    national_day.name = "Tên sai"
    add_holiday(date(2027, 1, 1), "Tết Dương lịch", actor=None)
    assert load_holidays() == HOLIDAYS_IN_FILE + 1
    assert national_day.name == "Quốc khánh"

    corrected = tmp_path / "holidays.csv"
    corrected.write_text("day,name\n2025-09-02,Ngày Quốc khánh\n", encoding="utf-8")
    assert load_holidays(corrected) == HOLIDAYS_IN_FILE + 1
    assert national_day.name == "Ngày Quốc khánh"
    event_row = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "holidays_loaded")
        .order_by(AuditEvent.id.desc())
    ).first()
    assert event_row.detail == {"added": [], "renamed": ["2025-09-02"]}


def test_a_bad_line_in_the_file_is_an_error(app_ctx, tmp_path):
    bad = tmp_path / "holidays.csv"
    bad.write_text("day,name\n02/09/2025,Quốc khánh\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":2: not a date"):
        load_holidays(bad)


def test_the_shipped_list_holds_only_weekdays_with_names():
    with DATA_FILE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == HOLIDAYS_IN_FILE
    for row in rows:
        day = date.fromisoformat(row["day"])
        assert day.weekday() < 5, row
        assert row["name"].strip(), row
    days = {row["day"] for row in rows}
    # Labour Code 2019 Art. 112 days that fall on weekdays, both years.
    for day in ("2025-01-01", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-02"):
        assert day in days
    for day in ("2026-01-01", "2026-02-17", "2026-04-30", "2026-05-01", "2026-09-02"):
        assert day in days
