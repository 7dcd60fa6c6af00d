"""The daily jobs: the sweep (missed follow-ups, reminders, e-mail), run twice sends one
reminder; the escalation of silent cases; the rolling horizon."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from reintegration.accounts.models import Role, User
from reintegration.casework import tasks
from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.casework.services.schedule import generate_follow_ups
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.notifications.services import insert_notices
from reintegration.people.models import Case, CaseStatus
from tests.factories import CaseFactory, UserFactory

TODAY = date(2025, 11, 12)  # a Wednesday
FRIDAY = date(2025, 11, 14)


@pytest.fixture
def ctx(app, hanoi):
    with app.app_context():
        yield hanoi


def user(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def make_case(hanoi, **kwargs) -> Case:
    kwargs.setdefault("caseworker", user(hanoi.caseworker_x))
    case = CaseFactory(commune_code=hanoi.commune_x, **kwargs)
    db.session.flush()
    return case


def follow_up(case: Case, due_on: date, status=FollowUpStatus.DUE, **kwargs) -> FollowUp:
    row = FollowUp(case_id=case.id, due_on=due_on, kind=FollowUpKind.HOME_VISIT, status=status,
                   **kwargs)  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return row


def notifications(**where) -> list[Notification]:
    stmt = select(Notification).order_by(Notification.id)
    for name, value in where.items():
        stmt = stmt.where(getattr(Notification, name) == value)
    return list(db.session.scalars(stmt))


def test_the_sweep_run_twice_sends_one_reminder(ctx, app, monkeypatch):
    case = make_case(ctx)
    tomorrow = follow_up(case, TODAY + timedelta(days=1))
    overdue = follow_up(case, TODAY - timedelta(days=3))
    too_late = follow_up(case, TODAY - timedelta(days=8))  # past the 7 days' grace
    done = follow_up(case, TODAY - timedelta(days=20), FollowUpStatus.DONE,
                     done_on=TODAY - timedelta(days=20))  # fmt: skip
    later = follow_up(case, TODAY + timedelta(days=6))
    db.session.commit()
    sent_mail = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            assert (host, port) == ("smtp.example.vn", 25)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent_mail.append(message)

    monkeypatch.setitem(app.config, "SMTP_HOST", "smtp.example.vn")
    monkeypatch.setattr("reintegration.notifications.services.smtplib.SMTP", FakeSMTP)
    caseworker = user(ctx.caseworker_x)
    caseworker.email = "canbo.x@example.vn"
    db.session.commit()

    first = tasks.sweep_follow_ups(TODAY)
    assert first == {"missed": 1, "overdue_reminders": 1, "due_reminders": 1, "emailed": 2}
    second = tasks.sweep_follow_ups(TODAY)
    assert second == {"missed": 0, "overdue_reminders": 0, "due_reminders": 0, "emailed": 0}

    db.session.expire_all()
    assert too_late.status == FollowUpStatus.MISSED and too_late.closed_at is not None
    assert (tomorrow.status, overdue.status, done.status, later.status) == (
        FollowUpStatus.DUE, FollowUpStatus.DUE, FollowUpStatus.DONE, FollowUpStatus.DUE,
    )  # fmt: skip
    sent = notifications()
    assert [(n.user_id, n.kind, n.dedupe_key) for n in sent] == [
        (caseworker.id, "follow_up_overdue",
         f"follow_up_overdue:Case:{case.id}:{overdue.id}:{caseworker.id}"),
        (caseworker.id, "follow_up_due",
         f"follow_up_due:Case:{case.id}:{tomorrow.id}:{caseworker.id}"),
    ]  # fmt: skip
    assert {(n.subject_type, n.subject_id) for n in sent} == {("Case", case.id)}
    assert sent[1].message == tasks.FOLLOW_UP_DUE_SOON
    assert sent[1].params == {"name": case.person.full_name, "case": case.id, "due": "13/11/2025"}
    assert sent[1].link == f"/cases/{case.id}?tab=follow_ups"
    assert all(n.emailed_at is not None for n in sent)
    assert len(sent_mail) == 2 and sent_mail[0]["To"] == "canbo.x@example.vn"


def test_a_backlog_is_marked_missed_in_the_tables_order_past_its_first_batches(ctx, monkeypatch):
    """Past ``BACKLOG`` follow-ups, the first run after a backlog goes on in the order of
    ids: the same follow-ups become missed as by due day, and a second run has none left."""
    monkeypatch.setattr(tasks, "BATCH", 2)
    monkeypatch.setattr(tasks, "BACKLOG", 3)
    late, kept = [], []
    for number in range(4):
        case = make_case(ctx)
        # due days out of the ids' order, so the two orders differ
        late += [follow_up(case, TODAY - timedelta(days=30 - number)),
                 follow_up(case, TODAY - timedelta(days=9 + number))]  # fmt: skip
        kept += [
            follow_up(case, TODAY - timedelta(days=40), FollowUpStatus.DONE,
                      done_on=TODAY - timedelta(days=40)),
            follow_up(case, TODAY - timedelta(days=6)),  # within the grace
            follow_up(case, TODAY - timedelta(days=50), FollowUpStatus.CANCELLED),
        ]  # fmt: skip
    db.session.commit()
    statuses = {row.id: row.status for row in kept}

    assert tasks.mark_missed(TODAY - timedelta(days=7)) == 8
    assert tasks.mark_missed(TODAY - timedelta(days=7)) == 0
    db.session.expire_all()
    assert {row.status for row in late} == {FollowUpStatus.MISSED}
    assert all(row.closed_at is not None for row in late)
    assert {row.id: row.status for row in kept} == statuses


def test_reminders_by_the_hundred_are_told_once_each(ctx, monkeypatch):
    """A sweep's batch of notices goes to PostgreSQL by COPY (from ``COPY_FROM`` at once):
    the same notices, with their parameters and e-mail status, and none told twice."""
    monkeypatch.setattr("reintegration.notifications.services.COPY_FROM", 2)
    caseworker = user(ctx.caseworker_x)
    caseworker.email = "canbo.x@example.vn"
    other = UserFactory(role=Role.CASEWORKER, communes=[ctx.commune_x], username="canbo.x2")
    cases = [make_case(ctx) for _ in range(3)] + [make_case(ctx, caseworker=None)]
    rows = [follow_up(case, TODAY + timedelta(days=1)) for case in cases]
    db.session.commit()

    assert tasks.sweep_follow_ups(TODAY)["due_reminders"] == 5
    assert tasks.sweep_follow_ups(TODAY)["due_reminders"] == 0
    sent = notifications()
    expected = {(caseworker.id, row.case_id, row.id) for row in rows} | {
        (other.id, cases[3].id, rows[3].id)
    }
    assert {(n.user_id, n.subject_id, int(n.dedupe_key.split(":")[3])) for n in sent} == expected
    first = next(n for n in sent if n.subject_id == cases[0].id)
    assert first.params == {
        "name": cases[0].person.full_name, "case": cases[0].id, "due": "13/11/2025",
    }  # fmt: skip
    assert first.message == tasks.FOLLOW_UP_DUE_SOON and first.kind == "follow_up_due"
    assert {n.email_status.value for n in sent if n.user_id == caseworker.id} == {"pending"}
    assert {n.email_status.value for n in sent if n.user_id == other.id} == {"in_app"}
    # Keys already used are skipped by the database, a new one in the same batch is added.
    again = [
        {"user_id": n.user_id, "kind": n.kind, "message": n.message, "params": n.params,
         "link": n.link, "subject_type": n.subject_type, "subject_id": n.subject_id,
         "dedupe_key": key}
        for n in sent
        for key in (n.dedupe_key, n.dedupe_key + "-again")
        if n.user_id == other.id or key == n.dedupe_key
    ]  # fmt: skip
    assert insert_notices(again) == 1
    db.session.commit()
    assert len(notifications()) == 6


def test_on_friday_the_monday_follow_ups_are_reminded(ctx):
    case = make_case(ctx)
    monday = follow_up(case, date(2025, 11, 17))
    follow_up(case, date(2025, 11, 18))
    db.session.commit()
    assert tasks.sweep_follow_ups(FRIDAY)["due_reminders"] == 1
    assert notifications()[0].dedupe_key.startswith(f"follow_up_due:Case:{case.id}:{monday.id}:")
    # Saturday and Sunday's sweeps find Monday's reminder sent already.
    assert tasks.sweep_follow_ups(FRIDAY + timedelta(days=1))["due_reminders"] == 0
    assert tasks.sweep_follow_ups(FRIDAY + timedelta(days=2))["due_reminders"] == 0


def test_without_a_caseworker_the_communes_caseworkers_are_reminded(ctx):
    case = make_case(ctx, caseworker=None)
    other = UserFactory(role=Role.CASEWORKER, communes=[ctx.commune_x], username="canbo.x2")
    UserFactory(role=Role.CASEWORKER, communes=[ctx.commune_x], active=False)
    follow_up(case, TODAY + timedelta(days=1))
    db.session.commit()
    tasks.sweep_follow_ups(TODAY)
    assert sorted(n.user_id for n in notifications()) == sorted(
        [user(ctx.caseworker_x).id, other.id]
    )


def test_closed_cases_get_no_reminders(ctx):
    case = make_case(ctx, status=CaseStatus.CLOSED)
    before_closing = follow_up(case, TODAY - timedelta(days=9))
    follow_up(case, TODAY - timedelta(days=2))
    db.session.commit()
    result = tasks.sweep_follow_ups(TODAY)
    assert result["missed"] == 1 and result["overdue_reminders"] == 0
    db.session.expire_all()
    assert before_closing.status == FollowUpStatus.MISSED  # a fact for the reports
    assert notifications() == []


def test_silent_cases_are_escalated_to_the_province_officers_once(ctx):
    officer = user(ctx.officer)
    UserFactory(role=Role.PROVINCE_OFFICER, province_code=46)  # Huế: not told
    silent = make_case(ctx, received_on=TODAY - timedelta(days=75))
    follow_up(silent, TODAY - timedelta(days=61), FollowUpStatus.DONE,
              done_on=TODAY - timedelta(days=61))  # fmt: skip
    visited = make_case(ctx, received_on=TODAY - timedelta(days=75))
    follow_up(visited, TODAY - timedelta(days=10), FollowUpStatus.DONE,
              done_on=TODAY - timedelta(days=10))  # fmt: skip
    make_case(ctx, received_on=TODAY - timedelta(days=30))  # received lately: not silent
    make_case(ctx, received_on=TODAY - timedelta(days=90), status=CaseStatus.CLOSED)
    db.session.commit()

    assert tasks.escalate_silent_cases(TODAY) == 1
    assert tasks.escalate_silent_cases(TODAY) == 0
    assert tasks.escalate_silent_cases(TODAY + timedelta(days=20)) == 0  # same period
    (notice,) = notifications()
    assert (notice.user_id, notice.kind, notice.link) == (
        officer.id, "case_silent", f"/cases/{silent.id}",
    )  # fmt: skip
    assert notice.params["days"] == 61
    assert notice.params["since"] == (TODAY - timedelta(days=61)).strftime("%d/%m/%Y")
    # Silent twice as long: told again (and the other two cases have gone quiet meanwhile).
    assert tasks.escalate_silent_cases(TODAY + timedelta(days=59)) == 3
    assert [n.params["days"] for n in notifications() if n.params["case"] == silent.id] == [61, 120]


def test_a_recent_contact_is_something_recorded(ctx):
    from reintegration.casework.models import Contact, ContactKind

    case = make_case(ctx, received_on=TODAY - timedelta(days=90))
    db.session.add(
        Contact(case_id=case.id, kind=ContactKind.PHONE_CALL, contact_on=TODAY - timedelta(days=5),
                participants="Anh An", what_happened="Gọi điện hỏi thăm",
                author_id=user(ctx.caseworker_x).id)
    )  # fmt: skip
    db.session.commit()
    assert tasks.escalate_silent_cases(TODAY) == 0
    assert tasks.escalate_silent_cases(TODAY + timedelta(days=56)) == 1


def test_the_rolling_horizon_is_topped_up(ctx, app):
    case = make_case(ctx, received_on=date(2025, 9, 1))
    generate_follow_ups(case, today=date(2025, 9, 1))  # rows to 03/09/2026
    untouched = make_case(ctx, status=CaseStatus.NOTIFIED, received_on=None)
    never_scheduled = make_case(ctx, received_on=date(2025, 9, 1))
    db.session.commit()

    # Four months on, the rows still reach more than half a year ahead: nothing to do.
    assert tasks.extend_follow_up_schedules(date(2026, 1, 1)) == {"cases": 1, "follow_ups": 6}
    # (only the case that had no schedule at all got one, from today)
    assert [r.due_on for r in generate_follow_ups(never_scheduled, today=date(2026, 1, 1))] == []
    # Seven months on they reach less than six months ahead: topped up to a year ahead.
    assert tasks.extend_follow_up_schedules(date(2026, 4, 1)) == {"cases": 1, "follow_ups": 2}
    assert tasks.extend_follow_up_schedules(date(2026, 4, 1)) == {"cases": 0, "follow_ups": 0}
    dues = db.session.scalars(
        select(FollowUp.due_on).where(FollowUp.case_id == case.id).order_by(FollowUp.due_on)
    ).all()
    assert dues[-2:] == [date(2026, 12, 1), date(2027, 3, 1)]
    assert (
        db.session.scalar(
            select(func.count()).select_from(FollowUp).where(FollowUp.case_id == untouched.id)
        )
        == 0
    )
