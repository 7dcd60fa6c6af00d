"""The organisation's review and the bank's decision have working-day deadlines: when the
calendar changes, a deadline not yet past is counted again from the day its clock started;
one already past stays as it was."""

from datetime import date

from reintegration.calendar.services import add_holiday, add_working_days, delete_holiday
from reintegration.extensions import db
from reintegration.loans.services.rules import rules_for
from tests.loans.conftest import TODAY, advance, new_application

# Tuesday 31/8/2027; 2–3/9 are the National Day holidays by law.
OPENED = date(2027, 8, 31)


def test_a_review_deadline_not_yet_past_follows_a_change_of_the_calendar(app_ctx, loan_people):
    coming = advance(new_application(loan_people), loan_people, "submit", today=OPENED)
    past = advance(new_application(loan_people), loan_people, "submit", today=TODAY)
    db.session.commit()
    working_days = rules_for(coming, OPENED).review_working_days
    due_before = add_working_days(OPENED, working_days)
    past_due = past.review_due_on
    assert coming.review_opened_on == OPENED
    assert coming.review_due_on == due_before

    swap = add_holiday(date(2027, 9, 6), "Nghỉ hoán đổi", actor=None)
    add_holiday(TODAY.replace(day=3), "Nghỉ đột xuất", actor=None)  # inside the past window
    assert coming.review_due_on == add_working_days(OPENED, working_days) != due_before
    assert past.review_due_on == past_due  # already past: a fact kept

    delete_holiday(swap, actor=None)
    assert coming.review_due_on == due_before


def test_a_bank_deadline_not_yet_past_follows_a_change_of_the_calendar(app_ctx, loan_people):
    waiting = advance(new_application(loan_people), loan_people, "send", today=OPENED)
    decided = advance(new_application(loan_people), loan_people, "approve", today=OPENED)
    db.session.commit()
    due_before, decided_due = waiting.bank_due_on, decided.bank_due_on
    assert due_before == decided_due

    add_holiday(date(2027, 9, 6), "Nghỉ hoán đổi", actor=None)
    assert waiting.bank_due_on > due_before
    assert decided.bank_due_on == decided_due  # decided: its clock has stopped
