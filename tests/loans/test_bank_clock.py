"""The bank's decision has a clock: due within the working days of the rules from the day
the certified file went to the bank, shown on the application, reminded to the caseworker
once on the day and once when late, and counted in the reports."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.loans.models import LoanApplication
from reintegration.loans.services import workflow
from reintegration.loans.tasks import remind_bank_decisions
from reintegration.notifications.models import Notification
from reintegration.notifications.services import render_message
from reintegration.reports import definitions as d
from reintegration.reports.periods import Period, PeriodKind
from reintegration.scheduling.jobs import JOBS_BY_ID
from tests.loans.conftest import advance, new_application, user

# Wednesday 29 April 2026; 30/04 and 01/05 are holidays, then a weekend: 3 working days
# later is Wednesday 6 May (Monday 4, Tuesday 5, Wednesday 6).
SENT = date(2026, 4, 29)
DUE = date(2026, 5, 6)
MAY = Period(PeriodKind.MONTH, date(2026, 5, 1), date(2026, 5, 31))


def sent_to_bank(loan_people) -> LoanApplication:
    application = advance(new_application(loan_people), loan_people, "send", today=SENT)
    db.session.commit()
    return application


def notices() -> list[Notification]:
    """The bank-clock reminders (the steps of the application tell people too)."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.kind.startswith("loan_bank_decision"))
            .order_by(Notification.id)
        )
    )


def test_the_deadline_counts_working_days(app_ctx, loan_people):
    assert sent_to_bank(loan_people).bank_due_on == DUE


def test_the_caseworker_is_reminded_once_when_due_and_once_when_late(app_ctx, loan_people):
    application = sent_to_bank(loan_people)
    assert remind_bank_decisions(DUE - timedelta(days=1)) == 0
    assert remind_bank_decisions(DUE) == 1
    assert remind_bank_decisions(DUE) == 0  # safe to run twice
    assert remind_bank_decisions(DUE + timedelta(days=1)) == 1
    assert remind_bank_decisions(DUE + timedelta(days=2)) == 0
    due, late = notices()
    assert {due.user.username, late.user.username} == {loan_people.hanoi.caseworker_x}
    assert (due.kind, late.kind) == ("loan_bank_decision_due", "loan_bank_decision_late")
    assert due.link == late.link == f"/loans/{application.id}"
    assert "06/05/2026" in render_message(late)


def test_a_decision_ends_the_reminders(app_ctx, loan_people):
    application = sent_to_bank(loan_people)
    workflow.record_decline(
        application, user(loan_people.hanoi.caseworker_x), "Hết nguồn vốn", DUE, today=DUE
    )
    db.session.commit()
    assert remind_bank_decisions(DUE + timedelta(days=3)) == 0
    assert notices() == []


def test_the_job_has_its_fixed_id():
    job = JOBS_BY_ID["loans.remind_bank_decisions"]
    assert job.func == "reintegration.loans.tasks:remind_bank_decisions" and job.daily


def test_the_application_page_shows_the_deadline(app, client, auth, loan_people, monkeypatch):
    with app.app_context():
        application_id = sent_to_bank(loan_people).id
    auth.login(loan_people.hanoi.caseworker_x)
    monkeypatch.setattr("reintegration.loans.views.applications.today_local", lambda: DUE)
    page = client.get(f"/loans/{application_id}").get_data(as_text=True)
    assert 'data-testid="bank-due" data-late="false"' in page and "06/05/2026" in page
    monkeypatch.setattr(
        "reintegration.loans.views.applications.today_local", lambda: DUE + timedelta(days=1)
    )
    page = client.get(f"/loans/{application_id}").get_data(as_text=True)
    assert 'data-testid="bank-due" data-late="true"' in page


def test_the_reports_count_decisions_in_time_late_and_waiting(app_ctx, loan_people):
    x = loan_people.hanoi.commune_x
    application = sent_to_bank(loan_people)
    waiting = d.compute(db.session, MAY, DUE + timedelta(days=1))
    assert waiting["loans_bank_waiting_late"].get(x) == 1
    assert waiting["loans_sent_to_bank"].get(x, 0) == 0  # sent in April
    on_the_day = d.compute(db.session, MAY, DUE)
    assert on_the_day["loans_bank_waiting_late"].get(x, 0) == 0  # not late yet
    workflow.record_approval(
        application, user(loan_people.hanoi.caseworker_x), amount=application.amount_requested,
        term_months=12, annual_rate=Decimal("6.6"), decided_on=DUE + timedelta(days=2),
        today=DUE + timedelta(days=2),
    )  # fmt: skip
    decided = d.compute(db.session, MAY, date(2026, 6, 1))
    assert decided["loans_bank_late"].get(x) == 1
    assert decided["loans_bank_in_time"].get(x, 0) == 0
    assert decided["loans_bank_waiting_late"].get(x, 0) == 0
    april = d.compute(db.session, Period(PeriodKind.MONTH, date(2026, 4, 1), date(2026, 4, 30)),
                      date(2026, 6, 1))  # fmt: skip
    assert april["loans_sent_to_bank"].get(x) == 1
