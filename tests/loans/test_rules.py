"""Loan rules are data with the day they take effect; an application keeps the rules of
the day it was submitted."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.models import LoanRule, RuleKey
from reintegration.loans.services.eligibility import CheckStatus, check_eligibility
from reintegration.loans.services.rules import RulesMissing, add_rule, rules_on
from tests.factories import UserFactory
from tests.loans.conftest import TODAY, advance, new_application


def test_decision_22_is_seeded(app_ctx):
    rules = rules_on(date(2023, 10, 10))
    assert rules.training_ceiling_per_month == 4_000_000
    assert rules.individual_ceiling == 100_000_000
    assert rules.business_project_ceiling == 2_000_000_000
    assert rules.business_ceiling_per_worker == 100_000_000
    assert rules.business_min_eligible_share == Decimal(10)
    assert rules.interest_rate == Decimal("6.6")
    assert rules.overdue_interest_share == Decimal(130)
    assert rules.max_term_months == 120
    assert rules.security_threshold == 100_000_000
    assert rules.max_years_since_completion == 5
    assert rules.review_working_days == 10
    assert rules.late_alert_days == 30
    assert rules.training_repayment_months == 12
    assert rules.bank_decision_working_days == 3
    assert rules.overdue_after_days == 1


def test_no_rules_before_the_decision(app_ctx):
    with pytest.raises(RulesMissing):
        rules_on(date(2023, 10, 9))


def test_rules_on_picks_the_row_in_force(app_ctx):
    admin = UserFactory(role=Role.ADMIN)
    add_rule(RuleKey.INTEREST_RATE, Decimal("7.2"), date(2027, 1, 1), "Thông báo NHCSXH", admin)
    assert rules_on(date(2026, 12, 31)).interest_rate == Decimal("6.6")
    assert rules_on(date(2027, 1, 1)).interest_rate == Decimal("7.2")
    assert rules_on(date(2027, 1, 1)).individual_ceiling == 100_000_000  # others unchanged


def test_a_later_ceiling_does_not_change_an_application_decided_before(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=100_000_000)
    advance(application, loan_people, "approve")  # submitted and decided under Decision 22/2023
    admin = UserFactory(role=Role.ADMIN)
    add_rule(
        RuleKey.INDIVIDUAL_CEILING, Decimal(80_000_000), date(2026, 6, 1), "QĐ giả định", admin
    )
    later = date(2026, 7, 1)
    assert check_eligibility(application, later).status_of("ceiling") == CheckStatus.MET
    assert check_eligibility(application, later).rules.day == TODAY
    # A new draft on the same day is judged by the new ceiling.
    draft = new_application(loan_people, amount_requested=100_000_000)
    assert check_eligibility(draft, later).status_of("ceiling") == CheckStatus.NOT_MET


def test_a_new_value_cannot_reach_back_over_judged_applications(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "submit")  # judged under the rules of TODAY
    admin = UserFactory(role=Role.ADMIN)
    with pytest.raises(DomainError) as refused:
        add_rule(RuleKey.INDIVIDUAL_CEILING, Decimal(80_000_000), TODAY, "QĐ giả định", admin)
    assert refused.value.field == "effective_from"
    add_rule(RuleKey.INDIVIDUAL_CEILING, Decimal(80_000_000), date(2026, 3, 3), "QĐ", admin)


def test_rule_values_are_checked(app_ctx):
    admin = UserFactory(role=Role.ADMIN)
    for key, value in [
        (RuleKey.INDIVIDUAL_CEILING, Decimal("100.5")),
        (RuleKey.INTEREST_RATE, Decimal(0)),
    ]:
        with pytest.raises(DomainError):
            add_rule(key, value, date(2030, 1, 1), "QĐ", admin)
    with pytest.raises(DomainError):
        add_rule(RuleKey.INTEREST_RATE, Decimal(7), date(2023, 10, 10), "QĐ", admin)


def test_admin_page_lists_and_adds_rules(app, client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN, username="quantri"))
    page = client.get("/admin/loan-rules/")
    assert page.status_code == 200
    assert page.get_data(as_text=True).count('data-testid="rule-row"') == 15
    refused = client.post(
        "/admin/loan-rules/",
        data={
            "key": "interest_rate",
            "value": "sáu phẩy chín",
            "effective_from": "01/01/2030",
            "legal_basis": "Thông báo lãi suất số 12",
        },
    )
    assert refused.status_code == 422
    assert 'value="sáu phẩy chín"' in refused.get_data(as_text=True)
    assert "Thông báo lãi suất số 12" in refused.get_data(as_text=True)
    response = client.post(
        "/admin/loan-rules/",
        data={
            "key": "interest_rate",
            "value": "6,9",
            "effective_from": "01/01/2030",
            "legal_basis": "Thông báo lãi suất của NHCSXH",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(LoanRule).where(LoanRule.effective_from == date(2030, 1, 1)))
        assert (row.key, row.value) == (RuleKey.INTEREST_RATE, Decimal("6.9"))
        assert (
            db.session.scalar(
                select(AuditEvent.username).where(AuditEvent.action == "loan_rule_added")
            )
            == "quantri"
        )


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.PROVINCE_OFFICER, Role.UNION_REVIEWER])
def test_only_administrators_reach_the_rules(client, auth, make_user, role):
    auth.login(make_user(role=role))
    assert client.get("/admin/loan-rules/").status_code == 403
