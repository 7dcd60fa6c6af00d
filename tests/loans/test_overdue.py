"""One definition of "overdue" (loans.services.overdue): the application page, the list and
the committees' report say the same of the same loan, and follow the loan rule together."""

from datetime import date, timedelta
from decimal import Decimal

from reintegration.accounts.models import Role
from reintegration.core.clock import add_months, today_local
from reintegration.extensions import db
from reintegration.loans.models import RuleKey
from reintegration.loans.services.overdue import overdue_after_days
from reintegration.loans.services.rules import add_rule
from reintegration.reports import definitions as d
from reintegration.reports.periods import Period, PeriodKind
from tests.factories import UserFactory
from tests.loans.conftest import advance, new_application


def report_for(today: date) -> dict:
    """This month's report as the scheduler would build it today."""
    month = Period(PeriodKind.MONTH, today.replace(day=1), today)
    return d.compute(db.session, month, today)


def page_says(client, application_id: int) -> tuple[bool, int]:
    page = client.get(f"/loans/{application_id}").get_data(as_text=True)
    listed = client.get("/loans/").get_data(as_text=True)
    badge = 'data-testid="overdue-badge"' in page
    assert badge == ('data-testid="overdue-badge"' in listed)
    return badge, page.count('data-testid="arrear-row"')


def test_the_page_and_the_report_agree(app, client, auth, loan_people):
    today = today_local()
    disbursed_on = add_months(today, -2) - timedelta(days=5)  # two instalments fell due
    with app.app_context():
        application = advance(
            new_application(loan_people, amount_requested=12_000_000), loan_people, "disburse",
            today=disbursed_on,
        )  # fmt: skip
        unpaid = sum(i.amount_due for i in application.instalments[:2])
        application_id = application.id
        db.session.commit()
    auth.login(loan_people.hanoi.caseworker_x)
    assert page_says(client, application_id) == (True, 2)
    with app.app_context():
        report = report_for(today)
        x = loan_people.hanoi.commune_x
        assert (report["loans_overdue"].get(x), report["amount_overdue"].get(x)) == (1, unpaid)
        # The rule changes: an instalment is overdue only 90 days after its due date.
        admin = UserFactory(role=Role.ADMIN)
        add_rule(RuleKey.OVERDUE_AFTER_DAYS, Decimal(90), disbursed_on + timedelta(days=1),
                 "Quy định giả định", admin)  # fmt: skip
        db.session.commit()
        assert overdue_after_days(today) == 90
        report = report_for(today)
        assert report["loans_overdue"].get(x, 0) == 0
        assert report["amount_overdue"].get(x, 0) == 0
    assert page_says(client, application_id) == (False, 0)


def test_an_instalment_is_overdue_from_the_day_after_its_due_date(app_ctx, loan_people):
    disbursed_on = date(2026, 3, 2)
    application = advance(new_application(loan_people), loan_people, "disburse", today=disbursed_on)
    first_due = application.instalments[0].due_on  # 02/04/2026
    x = loan_people.hanoi.commune_x
    assert report_for(first_due)["loans_overdue"].get(x, 0) == 0
    assert report_for(first_due + timedelta(days=1))["loans_overdue"].get(x) == 1


def test_rules_entered_after_a_period_still_define_it(app_ctx):
    """A report of a period before any rule row uses the first one."""
    assert overdue_after_days(date(2020, 1, 1)) == 1
