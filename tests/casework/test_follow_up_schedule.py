"""The follow-up schedule: exact dates from the default rules, working days, rescheduling on
a change of classification, cancelling on closing, completing, and provinces' own rules."""

from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.calendar import services as calendar
from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpStatus, IntervalUnit
from reintegration.casework.services import schedule, schedule_rules
from reintegration.casework.services.schedule import generate_follow_ups
from reintegration.casework.services.schedule_plan import RuleBook, on_working_days
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import add_months
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.people.models import Case, CaseStatus, Classification, CloseReason
from reintegration.people.services import editing
from tests.factories import HA_NOI, CaseFactory
from tests.people.conftest import registration_form

RECEIVED = date(2025, 9, 1)  # a Monday (and the day before National Day)

# Received Mon 01/09/2025, default rules, 12 months ahead. Weekly in month 1; monthly to
# month 6 (01/11 is a Saturday, 01/01–02/01 are the New Year holiday, 01/02 and 01/03 are
# Sundays); every 3 months after (01/09/2026 and 02/09/2026 are National Day).
DEFAULT_DATES = [
    date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22), date(2025, 9, 29),
    date(2025, 11, 3), date(2025, 12, 1), date(2026, 1, 5), date(2026, 2, 2),
    date(2026, 3, 2), date(2026, 6, 1), date(2026, 9, 3),
]  # fmt: skip

# The same person classified C: weekly to month 3 (01/12/2025 is the 13th week), every two
# weeks to month 6 (Tết 16–20/02/2026 spares 23/02), monthly after (01/05 is Labour Day,
# 01/08 a Saturday); the classification is reviewed at month 6 (02/03) and 12.
C_DATES = [
    date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22), date(2025, 9, 29),
    date(2025, 10, 6), date(2025, 10, 13), date(2025, 10, 20), date(2025, 10, 27),
    date(2025, 11, 3), date(2025, 11, 10), date(2025, 11, 17), date(2025, 11, 24),
    date(2025, 12, 1), date(2025, 12, 15), date(2025, 12, 29), date(2026, 1, 12),
    date(2026, 1, 26), date(2026, 2, 9), date(2026, 2, 23), date(2026, 3, 2), date(2026, 4, 1),
    date(2026, 5, 4), date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 3), date(2026, 9, 3),
]  # fmt: skip


@pytest.fixture
def ctx(app, hanoi):
    with app.app_context():
        yield hanoi


def user(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def make_case(hanoi, classification=None, received_on=RECEIVED, **kwargs) -> Case:
    case = CaseFactory(
        commune_code=hanoi.commune_x,
        caseworker=user(hanoi.caseworker_x),
        classification=classification,
        received_on=received_on,
        **kwargs,
    )
    db.session.flush()
    return case


def rows_of(case: Case, status: FollowUpStatus | None = None) -> list[FollowUp]:
    stmt = select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.due_on)
    if status is not None:
        stmt = stmt.where(FollowUp.status == status)
    return list(db.session.scalars(stmt))


def due_dates(case: Case, status: FollowUpStatus | None = FollowUpStatus.DUE) -> list[date]:
    return [row.due_on for row in rows_of(case, status)]


@pytest.fixture
def today_is(monkeypatch):
    """Fix "today" for the services that read the clock."""

    def set_today(day: date) -> None:
        monkeypatch.setattr(schedule, "today_local", lambda: day)

    return set_today


def test_default_rules_from_the_day_received(ctx):
    case = make_case(ctx)
    rows = generate_follow_ups(case, today=RECEIVED)
    assert [row.due_on for row in rows] == DEFAULT_DATES
    # The classification is reviewed at months 6 and 12, at the visit of that day.
    reviews = [row.due_on for row in rows if row.kind == FollowUpKind.CLASSIFICATION_REVIEW]
    assert reviews == [date(2026, 3, 2), date(2026, 9, 3)]
    assert {row.kind for row in rows} == {FollowUpKind.HOME_VISIT,
                                          FollowUpKind.CLASSIFICATION_REVIEW}  # fmt: skip
    assert all(row.generated and row.status == FollowUpStatus.DUE for row in rows)
    # Run again: nothing new, the schedule already reaches the horizon.
    assert generate_follow_ups(case, today=RECEIVED) == []
    assert due_dates(case) == DEFAULT_DATES


def test_classification_c_is_followed_more_often(ctx):
    case = make_case(ctx, Classification.C)
    assert [row.due_on for row in generate_follow_ups(case, today=RECEIVED)] == C_DATES


def test_without_a_received_day_the_release_date_counts(ctx):
    case = make_case(ctx, received_on=None)  # released 01/09/2025 (the factory's date)
    assert case.release.release_date == RECEIVED
    assert [row.due_on for row in generate_follow_ups(case, today=RECEIVED)] == DEFAULT_DATES


def test_a_case_registered_late_starts_from_today(ctx):
    case = make_case(ctx)
    rows = generate_follow_ups(case, today=date(2026, 2, 1))
    assert [row.due_on for row in rows] == [
        date(2026, 2, 2), date(2026, 3, 2), date(2026, 6, 1), date(2026, 9, 3), date(2026, 12, 1),
    ]  # fmt: skip


def test_weekends_and_holidays_move_to_the_next_working_day(ctx):
    holidays = schedule.holiday_days(date(2026, 1, 1), date(2026, 12, 31))
    planned = [
        (date(2026, 2, 14), FollowUpKind.HOME_VISIT),  # Saturday before Tết → Monday 23/02
        (date(2026, 2, 16), FollowUpKind.HOME_VISIT),  # Tết → the same Monday: one visit
        (date(2026, 2, 23), FollowUpKind.HOME_VISIT),
        (date(2026, 3, 3), FollowUpKind.PHONE_CALL),  # a Tuesday stays
    ]
    assert on_working_days(planned, holidays) == [
        (date(2026, 2, 23), FollowUpKind.HOME_VISIT),
        (date(2026, 3, 3), FollowUpKind.PHONE_CALL),
    ]


def test_months_keep_the_day_or_the_last_day_of_a_short_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 9, 1), 12) == date(2026, 9, 1)


def test_reclassification_reschedules_the_open_follow_ups(ctx, today_is):
    case = make_case(ctx)
    generate_follow_ups(case, today=RECEIVED)
    first = rows_of(case)[0]
    schedule.complete_follow_up(
        first, done_on=date(2025, 9, 8), outcome="Gặp tại nhà", actor=user(ctx.caseworker_x),
        today=date(2025, 9, 8),
    )  # fmt: skip
    kept_ids = {row.due_on: row.id for row in rows_of(case)}

    today_is(date(2025, 10, 15))
    editing.change_classification(
        case, Classification.C, "Có dấu hiệu tái phạm", expected_version=case.version,
        actor=user(ctx.caseworker_x),
    )  # fmt: skip

    # History and what was due up to today is kept; after today, C's schedule (months
    # still counted from 01/09/2025) up to 12 months ahead.
    assert due_dates(case, FollowUpStatus.DONE) == [date(2025, 9, 8)]
    after = [d for d in C_DATES if d > date(2025, 10, 15)] + [date(2026, 10, 1)]
    assert due_dates(case) == [date(2025, 9, 15), date(2025, 9, 22), date(2025, 9, 29), *after]
    # Dates both schedules share keep their row; the others are cancelled, not deleted.
    assert due_dates(case, FollowUpStatus.CANCELLED) == [date(2026, 1, 5), date(2026, 2, 2)]
    for day in (date(2025, 11, 3), date(2025, 12, 1), date(2026, 6, 1), date(2026, 9, 3)):
        assert {row.due_on: row.id for row in rows_of(case, FollowUpStatus.DUE)}[day] == (
            kept_ids[day]
        )
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "follow_ups_rescheduled")
    ).one()
    assert event.detail == {"classification": "C", "cancelled": 2, "added": 16}

    # Back to A: A's rules from the next day on (monthly to month 3, then every 3 months;
    # the reviews at months 6 and 12).
    today_is(date(2025, 10, 16))
    editing.change_classification(
        case, Classification.A, "Ổn định trở lại", expected_version=case.version,
        actor=user(ctx.caseworker_x),
    )  # fmt: skip
    assert [d for d in due_dates(case) if d > date(2025, 10, 16)] == [
        date(2025, 11, 3), date(2025, 12, 1), date(2026, 3, 2), date(2026, 6, 1),
        date(2026, 9, 3),
    ]  # fmt: skip


def test_reclassifying_a_case_not_yet_received_generates_nothing(ctx, today_is):
    case = make_case(ctx, status=CaseStatus.NOTIFIED, received_on=None)
    today_is(date(2025, 9, 2))
    editing.change_classification(
        case, Classification.C, "Theo công an xã", expected_version=case.version,
        actor=user(ctx.caseworker_x),
    )  # fmt: skip
    assert rows_of(case) == []


def test_closing_cancels_what_falls_due_from_the_closing_day(ctx, today_is):
    case = make_case(ctx)
    generate_follow_ups(case, today=RECEIVED)
    today_is(date(2025, 11, 20))
    editing.close(
        case, CloseReason.MOVED_AWAY, date(2025, 10, 1), expected_version=case.version,
        actor=user(ctx.caseworker_x),
    )  # fmt: skip
    # Due before the closing day and never done: left as they are (missed after the grace).
    assert due_dates(case) == DEFAULT_DATES[:4]
    assert due_dates(case, FollowUpStatus.CANCELLED) == DEFAULT_DATES[4:]
    assert all(row.closed_at is not None for row in rows_of(case, FollowUpStatus.CANCELLED))


def test_receiving_starts_the_schedule_once(ctx, today_is):
    case = make_case(ctx, status=CaseStatus.NOTIFIED, received_on=None)
    assert rows_of(case) == []
    today_is(RECEIVED)
    editing.receive(case, RECEIVED, expected_version=case.version, actor=user(ctx.caseworker_x))
    assert due_dates(case) == DEFAULT_DATES
    editing.activate(case, expected_version=case.version, actor=user(ctx.caseworker_x))
    assert due_dates(case) == DEFAULT_DATES  # activating adds nothing more


def test_registration_of_a_received_person_generates_the_schedule(
    app, client, auth, hanoi, monkeypatch
):
    monkeypatch.setattr(schedule, "today_local", lambda: RECEIVED)
    auth.login(hanoi.caseworker_x)
    response = client.post(
        "/people/new",
        data=registration_form(
            hanoi.commune_x, status="received", notified_on="01/09/2025", received_on="01/09/2025"
        ),
    )
    assert response.status_code == 302
    response = client.post(
        "/people/new",
        data=registration_form(
            hanoi.commune_x, full_name="Trần Thị Bình", sex="female", birth_date="02/02/1990",
            birth_year="1990", id_number="001190012345",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        received, notified = db.session.scalars(select(Case).order_by(Case.id)).all()
        assert due_dates(received) == DEFAULT_DATES
        assert notified.status == CaseStatus.NOTIFIED
        assert rows_of(notified) == []


def test_completing_a_follow_up(ctx):
    case = make_case(ctx)
    row = generate_follow_ups(case, today=RECEIVED)[0]
    worker = user(ctx.caseworker_x)
    with pytest.raises(DomainError) as refused:
        schedule.complete_follow_up(
            row, done_on=date(2025, 9, 9), outcome="  ", actor=worker, today=date(2025, 9, 9)
        )
    assert refused.value.field == "outcome"
    with pytest.raises(DomainError) as refused:
        schedule.complete_follow_up(
            row, done_on=date(2025, 9, 10), outcome="Gặp", actor=worker, today=date(2025, 9, 9)
        )
    assert refused.value.field == "done_on"
    with pytest.raises(DomainError) as refused:
        schedule.complete_follow_up(
            row, done_on=date(2025, 9, 9), outcome="Gặp", actor=user(ctx.caseworker_y),
            today=date(2025, 9, 9),
        )  # fmt: skip
    assert refused.value.code == "forbidden"

    schedule.complete_follow_up(
        row, done_on=date(2025, 9, 9), outcome="Gặp tại nhà, đã có việc làm", actor=worker,
        today=date(2025, 9, 9),
    )  # fmt: skip
    assert (row.status, row.done_on, row.done_by_id) == (
        FollowUpStatus.DONE, date(2025, 9, 9), worker.id,
    )  # fmt: skip
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "follow_up_done")
    ).one()
    assert event.object_id == str(row.id) and event.username == ctx.caseworker_x

    with pytest.raises(DomainError) as refused:  # done already
        schedule.complete_follow_up(
            row, done_on=date(2025, 9, 9), outcome="Lần nữa", actor=worker, today=date(2025, 9, 9)
        )
    assert refused.value.code == "wrong_state"


def test_a_province_with_its_own_rules(ctx):
    admin = user(ctx.officer)  # any actor: the audit names them
    hanoi = db.session.get(Province, HA_NOI)
    schedule_rules.copy_defaults(hanoi, admin)
    c_rules = [r for r in schedule_rules.rules_of(HA_NOI) if r.classification == Classification.C]
    for rule in c_rules:  # Hà Nội drops the C rules: C follows its general rules
        schedule_rules.delete_rule(rule, admin)
    [every_3_months] = [
        r for r in schedule_rules.rules_of(HA_NOI)
        if r.classification is None and r.from_month == 6 and r.kind == FollowUpKind.HOME_VISIT
    ]  # fmt: skip
    schedule_rules.delete_rule(every_3_months, admin)  # no more "every 3 months after month 6"…
    schedule_rules.add_rule(  # …but a phone call every 2 months instead
        hanoi,
        schedule_rules.RuleData(None, 6, None, 2, IntervalUnit.MONTH,
                                FollowUpKind.PHONE_CALL),
        admin,
    )  # fmt: skip
    case = make_case(ctx, Classification.C)
    rows = generate_follow_ups(case, today=RECEIVED)
    assert [(row.due_on, row.kind) for row in rows[-4:]] == [
        (date(2026, 3, 2), FollowUpKind.CLASSIFICATION_REVIEW),
        (date(2026, 5, 4), FollowUpKind.PHONE_CALL),
        (date(2026, 7, 1), FollowUpKind.PHONE_CALL),
        (date(2026, 9, 3), FollowUpKind.CLASSIFICATION_REVIEW),
    ]
    # A case in another province keeps the national defaults.
    book = RuleBook.load()
    assert book.set_for(HA_NOI, Classification.C) == (HA_NOI, None)
    assert book.set_for(46, Classification.C) == (None, Classification.C)


def test_overlapping_rules_are_refused(ctx):
    hanoi = db.session.get(Province, HA_NOI)
    admin = user(ctx.officer)
    with pytest.raises(DomainError):  # copy the defaults first
        schedule_rules.add_rule(
            hanoi,
            schedule_rules.RuleData(None, 0, 2, 1, IntervalUnit.WEEK,
                                    FollowUpKind.HOME_VISIT),
            admin,
        )  # fmt: skip
    schedule_rules.copy_defaults(hanoi, admin)
    with pytest.raises(DomainError) as refused:
        schedule_rules.add_rule(
            hanoi,
            schedule_rules.RuleData(None, 3, 9, 1, IntervalUnit.MONTH,
                                    FollowUpKind.HOME_VISIT),
            admin,
        )  # fmt: skip
    assert refused.value.field == "from_month"
    # The same months for classification D do not overlap the general rules.
    schedule_rules.add_rule(
        hanoi,
        schedule_rules.RuleData(Classification.D, 0, None, 6, IntervalUnit.MONTH,
                                FollowUpKind.PHONE_CALL),
        admin,
    )  # fmt: skip


def test_class_d_suspends_home_visits_until_the_class_changes(ctx, today_is):
    case = make_case(ctx)
    generate_follow_ups(case, today=RECEIVED)
    today_is(date(2025, 10, 15))
    with pytest.raises(DomainError) as refused:  # where the person is held, first
        editing.change_classification(
            case, Classification.D, "Bị tạm giam", expected_version=case.version,
            actor=user(ctx.caseworker_x),
        )  # fmt: skip
    assert refused.value.field == "held_at"
    editing.change_classification(
        case, Classification.D, "Bị tạm giam", expected_version=case.version,
        actor=user(ctx.caseworker_x), held_at="Trại tạm giam Công an TP Hà Nội",
    )  # fmt: skip
    assert case.held_at == "Trại tạm giam Công an TP Hà Nội"
    open_after = [(r.due_on, r.kind) for r in rows_of(case, FollowUpStatus.DUE)
                  if r.due_on > date(2025, 10, 15)]  # fmt: skip
    # Only the classification reviews are left: no home visit while held.
    assert open_after == [(date(2026, 3, 2), FollowUpKind.CLASSIFICATION_REVIEW),
                          (date(2026, 9, 3), FollowUpKind.CLASSIFICATION_REVIEW)]  # fmt: skip

    today_is(date(2025, 11, 20))
    editing.change_classification(
        case, Classification.B, "Đã được thả", expected_version=case.version,
        actor=user(ctx.caseworker_x),
    )  # fmt: skip
    assert case.held_at is None
    resumed = [r for r in rows_of(case, FollowUpStatus.DUE) if r.due_on > date(2025, 11, 20)]
    assert {r.kind for r in resumed} == {FollowUpKind.HOME_VISIT,
                                         FollowUpKind.CLASSIFICATION_REVIEW}  # fmt: skip
    # B: every two weeks to month 3 (from 01/09/2025), monthly after.
    assert resumed[0].due_on == date(2025, 11, 24)


def test_a_day_made_a_holiday_moves_the_follow_ups_due_on_it(ctx, monkeypatch):
    case = make_case(ctx)
    generate_follow_ups(case, today=RECEIVED)
    other = make_case(ctx)
    generate_follow_ups(other, today=RECEIVED)
    schedule.add_follow_ups(other.id, [date(2025, 12, 2)], FollowUpKind.PHONE_CALL)
    past = date(2025, 9, 8)  # before "today": never moved
    monkeypatch.setattr(calendar, "today_local", lambda: date(2025, 9, 10))
    calendar.add_holiday(date(2025, 12, 1), "Nghỉ hoán đổi", actor=None)
    calendar.add_holiday(past, "Nghỉ bù", actor=None)
    dates = due_dates(case)
    assert date(2025, 12, 1) not in dates and date(2025, 12, 2) in dates
    assert past in dates
    assert len(dates) == len(DEFAULT_DATES)
    # The other case already had a call on 02/12: the visit moved onto it became one.
    assert due_dates(other).count(date(2025, 12, 2)) == 1
    assert [row.due_on for row in rows_of(other, FollowUpStatus.CANCELLED)] == [date(2025, 12, 1)]
    # A day given back to work keeps the row where it moved: still a working day.
    calendar.delete_holiday(calendar.find_change(date(2025, 12, 1)), actor=None)
    assert date(2025, 12, 2) in due_dates(case)
