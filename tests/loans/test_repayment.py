"""The repayment schedule from the bank's decision, payments from the group's book, arrears
(overdue instalments) as a query, and the alert when an instalment is 30 days late."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.models import LoanStatus
from reintegration.loans.services.repayment import (
    arrears_of,
    is_overdue,
    outstanding_total,
    record_payment,
)
from reintegration.loans.services.schedule import compute_schedule
from reintegration.loans.tasks import alert_late_instalments
from reintegration.notifications.models import Notification
from reintegration.notifications.services import render_message
from tests.loans.conftest import TODAY, advance, new_application, user


def test_equal_principal_with_interest_on_the_balance():
    rows = compute_schedule(12_000_000, 12, Decimal("6.6"), date(2026, 1, 31))
    assert [r.principal for r in rows] == [1_000_000] * 12
    # 6.6% a year = 0.55% a month on what is still owed.
    assert [r.interest for r in rows] == [
        66_000,
        60_500,
        55_000,
        49_500,
        44_000,
        38_500,
        33_000,
        27_500,
        22_000,
        16_500,
        11_000,
        5_500,
    ]
    assert [r.balance_after for r in rows][-1] == 0
    # Monthly, and 31 January + 1 month is the last day of February.
    assert [r.due_on for r in rows[:3]] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_the_last_instalment_takes_the_rounding():
    rows = compute_schedule(10_000_000, 3, Decimal("6.6"), date(2026, 1, 10))
    assert [r.principal for r in rows] == [3_333_333, 3_333_333, 3_333_334]
    assert sum(r.principal for r in rows) == 10_000_000
    assert [r.interest for r in rows] == [55_000, 36_667, 18_333]


def test_disbursement_stores_the_schedule_of_the_bank_decision(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(application, loan_people, "disburse")  # approved for 12 months at 6.6%
    instalments = application.instalments
    assert len(instalments) == 12
    assert instalments[0].due_on == date(2026, 4, 2)
    assert (instalments[0].principal, instalments[0].interest) == (1_000_000, 66_000)
    assert outstanding_total(application) == 12_000_000 + 429_000


def test_payments_start_and_finish_the_repayment(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=2_400_000)
    advance(application, loan_people, "disburse")  # 12 instalments of 200.000 ₫ principal
    caseworker = user(loan_people.hanoi.caseworker_x)
    first = application.instalments[0]
    today = date(2027, 6, 30)
    record_payment(application, first, 100_000, date(2026, 4, 2), caseworker, today=today)
    assert application.status == LoanStatus.REPAYING
    assert first.remaining == first.amount_due - 100_000
    for instalment in application.instalments:
        record_payment(
            application, instalment, instalment.remaining, instalment.due_on, caseworker,
            book_reference="Sổ tổ, trang 12", today=today,
        )  # fmt: skip
    assert outstanding_total(application) == 0
    assert application.status == LoanStatus.REPAID
    assert [t.action for t in application.transitions][-2:] == ["start_repayment", "repaid"]
    assert application.instalments[-1].payments[0].book_reference == "Sổ tổ, trang 12"


def test_a_payment_larger_than_the_instalment_is_refused(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(application, loan_people, "disburse")
    first = application.instalments[0]
    with pytest.raises(DomainError) as refused:
        record_payment(
            application, first, first.amount_due + 1, TODAY, user(loan_people.hanoi.caseworker_x),
            today=TODAY,
        )  # fmt: skip
    assert refused.value.field == "amount"


def test_payments_only_on_a_disbursed_loan(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(application, loan_people, "disburse")
    instalment = application.instalments[0]
    application.status = LoanStatus.APPROVED
    with pytest.raises(DomainError) as refused:
        record_payment(application, instalment, 1, TODAY, user(loan_people.hanoi.caseworker_x))
    assert refused.value.code == "wrong_state"


def test_arrears_are_computed_from_the_instalments_and_payments(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(
        application, loan_people, "disburse"
    )  # first due 02/04/2026, then the 2nd of each month
    caseworker = user(loan_people.hanoi.caseworker_x)
    first, second = application.instalments[:2]
    on_day = date(2026, 6, 10)
    record_payment(application, first, first.amount_due, first.due_on, caseworker, today=on_day)
    record_payment(application, second, 400_000, second.due_on, caseworker, today=on_day)
    on = date(2026, 6, 10)  # the 2nd (part paid) and the 3rd (due 02/06) are in arrears
    arrears = arrears_of(application, on)
    assert [(a.instalment.number, a.unpaid, a.days_late) for a in arrears] == [
        (2, second.amount_due - 400_000, 39),
        (3, application.instalments[2].amount_due, 8),
    ]
    # Overdue interest: 130% of 6.6% a year on the unpaid principal, by the day.
    unpaid_principal = Decimal(second.amount_due - 400_000)  # payments cover interest first
    expected = unpaid_principal * Decimal("0.066") * Decimal("1.3") * 39 / 365
    assert arrears[0].overdue_interest == int(expected.quantize(Decimal(1)))
    assert is_overdue(application, on)
    # Overdue from the day after the due date (the rule's 1 day), not on the day itself.
    assert not is_overdue(application, second.due_on)
    assert is_overdue(application, second.due_on + timedelta(days=1))


def test_the_late_alert_goes_to_the_caseworker_and_the_organisation(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(application, loan_people, "disburse")
    db.session.commit()
    first_due = application.instalments[0].due_on  # 02/04/2026
    assert alert_late_instalments(first_due + timedelta(days=29)) == 0
    sent = alert_late_instalments(first_due + timedelta(days=30))
    notices = db.session.scalars(
        select(Notification)
        .where(Notification.kind == "loan_instalment_late")
        .order_by(Notification.id)
    ).all()
    assert sent == 2
    assert {n.user.username for n in notices} == {
        loan_people.hanoi.caseworker_x,
        loan_people.womens_reviewer,
    }
    assert {n.kind for n in notices} == {"loan_instalment_late"}
    assert notices[0].params["number"] == 1 and notices[0].params["days"] == 30
    assert notices[0].link == f"/loans/{application.id}"
    assert "02/04/2026" in render_message(notices[0])
    # Safe to run twice: no second notice for the same instalment.
    assert alert_late_instalments(first_due + timedelta(days=31)) == 0


def test_paid_instalments_raise_no_alert(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=12_000_000)
    advance(application, loan_people, "disburse")
    first = application.instalments[0]
    record_payment(
        application, first, first.amount_due, first.due_on, user(loan_people.hanoi.caseworker_x),
        today=first.due_on,
    )  # fmt: skip
    db.session.commit()
    assert alert_late_instalments(first.due_on + timedelta(days=30)) == 0
