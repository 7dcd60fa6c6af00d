"""Working days: Monday to Friday less the public holidays, the law's from the `holidays`
package for any year and the administrators' changes over them; deadlines move over
holidays, and those not yet past are counted again when the calendar changes."""

from datetime import date

import pytest
from sqlalchemy import event, select

from reintegration.calendar.services import (
    add_holiday,
    add_working_days,
    calendar_of_year,
    delete_holiday,
    is_working_day,
    remove_law_holiday,
    year_to_confirm,
)
from reintegration.core.audit import AuditEvent
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import CaseStatus
from tests.factories import CaseFactory


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


def test_notice_on_friday_plus_three_working_days_is_wednesday(app_ctx):
    assert add_working_days(date(2025, 9, 5), 3) == date(2025, 9, 10)


def test_the_start_day_does_not_count(app_ctx):
    assert add_working_days(date(2025, 9, 8), 1) == date(2025, 9, 9)  # Monday → Tuesday
    assert add_working_days(date(2025, 9, 6), 1) == date(2025, 9, 8)  # Saturday → Monday
    assert add_working_days(date(2025, 9, 5), 0) == date(2025, 9, 5)


def test_negative_count_is_refused(app_ctx):
    with pytest.raises(ValueError):
        add_working_days(date(2025, 9, 5), -1)


def test_deadline_moves_over_national_day(app_ctx):
    # Friday 29/8/2025; Monday 1/9 and Tuesday 2/9 are off.
    assert add_working_days(date(2025, 8, 29), 3) == date(2025, 9, 5)


def test_deadline_moves_over_tet(app_ctx):
    # Tết Bính Ngọ: off Monday 16/2 to Friday 20/2/2026, after the weekend of 14–15/2.
    assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert add_working_days(date(2026, 2, 18), 1) == date(2026, 2, 23)
    # Tết Ất Tỵ: off Monday 27/1 to Friday 31/1/2025.
    assert add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)


def test_2027_new_year_and_tet_are_known_without_anyone_typing_them(app_ctx):
    # Thursday 31/12/2026: Friday 1/1/2027 is New Year, so Mon 4, Tue 5, Wed 6.
    assert add_working_days(date(2026, 12, 31), 3) == date(2027, 1, 6)
    # Thursday 4/2/2027: Tết Đinh Mùi runs to Wednesday 10/2; then Thu 11, Fri 12, Mon 15.
    assert add_working_days(date(2027, 2, 4), 3) == date(2027, 2, 15)
    for day in (date(2027, 2, 5), date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 10)):
        assert not is_working_day(day)


def test_culture_day_from_2026(app_ctx):
    assert not is_working_day(date(2026, 11, 24))  # Vietnam Culture Day, a Tuesday
    assert add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 26)
    assert is_working_day(date(2025, 11, 24))


def test_compensatory_and_swapped_days_are_off(app_ctx):
    assert not is_working_day(date(2026, 4, 27))  # Hùng Kings' day fell on Sunday 26/4
    assert not is_working_day(date(2026, 4, 26))  # a Sunday
    assert not is_working_day(date(2025, 5, 2))  # swapped day off
    assert not is_working_day(date(2026, 1, 2))  # the 2026 swap, kept as a day added
    assert not is_working_day(date(2025, 9, 6))  # a Saturday
    assert is_working_day(date(2025, 9, 3))
    assert is_working_day(date(2026, 4, 28))


def test_a_day_added_by_the_admin_moves_a_deadline(app_ctx):
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


def test_a_holiday_by_law_removed_is_worked_and_undone_is_off_again(app_ctx):
    assert not is_working_day(date(2027, 9, 3))
    removed = remove_law_holiday(date(2027, 9, 3), "Thông báo hoán đổi 2027", actor=None)
    assert is_working_day(date(2027, 9, 3))
    [line] = [line for line in calendar_of_year(2027) if line.day == date(2027, 9, 3)]
    assert (line.by_law, line.is_holiday) == (True, False)
    with pytest.raises(DomainError):
        add_holiday(date(2027, 9, 3), "Quốc khánh", actor=None)
    delete_holiday(removed, actor=None)
    assert not is_working_day(date(2027, 9, 3))


def test_only_a_holiday_by_law_can_be_removed(app_ctx):
    with pytest.raises(DomainError) as caught:
        remove_law_holiday(date(2027, 9, 6), "Sai", actor=None)
    assert caught.value.field == "day"


def test_the_same_day_cannot_be_added_twice(app_ctx):
    with pytest.raises(DomainError) as caught:
        add_holiday(date(2025, 9, 2), "Quốc khánh lần hai", actor=None)
    assert caught.value.field == "day"
    assert "02/09/2025" in caught.value.message
    assert "Quốc khánh" in caught.value.message
    add_holiday(date(2027, 9, 6), "Nghỉ hoán đổi", actor=None)
    with pytest.raises(DomainError):
        add_holiday(date(2027, 9, 6), "Lần hai", actor=None)


def test_a_holiday_needs_a_name(app_ctx):
    with pytest.raises(DomainError) as caught:
        add_holiday(date(2025, 9, 9), "   ", actor=None)
    assert caught.value.field == "name"


def test_holidays_in_the_window_are_read_in_one_query(app_ctx):
    db.session.flush()
    with Statements() as statements:
        assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert len(statements.on("public_holidays")) == 1
    with Statements() as statements:
        add_working_days(date(2025, 1, 1), 250)
    assert len(statements.on("public_holidays")) == 1


def test_next_years_swaps_are_asked_for_from_october(app_ctx):
    # 2025 and 2026 are confirmed by the migration; 2027 is not.
    assert year_to_confirm(date(2026, 9, 30)) is None
    assert year_to_confirm(date(2026, 10, 1)) == 2027
    assert year_to_confirm(date(2025, 12, 1)) is None


def test_deadlines_not_yet_past_are_counted_again_when_the_calendar_changes(app_ctx):

    # Tuesday 31/8/2027: Wed 1/9, (2–3/9 National Day), Mon 6/9, Tue 7/9.
    coming = CaseFactory(
        status=CaseStatus.NOTIFIED,
        received_on=None,
        notified_on=date(2027, 8, 31),
        arrival_deadline=date(2027, 9, 7),
    )
    past = CaseFactory(
        status=CaseStatus.NOTIFIED,
        received_on=None,
        notified_on=date(2025, 9, 5),
        arrival_deadline=date(2025, 9, 10),
    )
    db.session.flush()
    swap = add_holiday(date(2027, 9, 6), "Nghỉ hoán đổi", actor=None)
    add_holiday(date(2025, 9, 8), "Nghỉ đột xuất", actor=None)
    assert coming.arrival_deadline == date(2027, 9, 8)
    assert past.arrival_deadline == date(2025, 9, 10)  # already past: a fact kept
    delete_holiday(swap, actor=None)
    assert coming.arrival_deadline == date(2027, 9, 7)
    assert "deadlines_recounted" in db.session.scalars(select(AuditEvent.action)).all()
