"""Each eligibility rule of Decision 22/2023, met and not met, and the rules a person must
decide because the software cannot know them."""

from datetime import date

import pytest

from reintegration.accounts.models import Organisation
from reintegration.extensions import db
from reintegration.loans.models import BusinessKind, LoanPurpose
from reintegration.loans.services import applications as drafting
from reintegration.loans.services.eligibility import CheckStatus, check_eligibility
from reintegration.people.models import Case, ReleaseType
from tests.loans.conftest import TODAY, application_data, new_application, user

MET, NOT_MET, DECIDE = CheckStatus.MET, CheckStatus.NOT_MET, CheckStatus.NEEDS_DECISION


def status(application, code, today=TODAY) -> CheckStatus:
    return check_eligibility(application, today).status_of(code)


def test_a_complete_application_meets_every_rule(app_ctx, loan_people):
    eligibility = check_eligibility(new_application(loan_people), TODAY)
    assert eligibility.summary() == {
        "certificate": "met",
        "completion": "met",
        "form01": "met",
        "vbsp_debt": "met",
        "ceiling": "met",
        "term": "met",
        "security": "met",
    }
    assert eligibility.overall == MET
    assert all(check.explanation for check in eligibility.checks)


def test_certificate_missing(app_ctx, loan_people):
    application = new_application(loan_people)
    db.session.get(Case, loan_people.case_id).release.certificate_number = None
    assert status(application, "certificate") == NOT_MET


def test_certificate_after_a_conditional_release_needs_a_person(app_ctx, loan_people):
    application = new_application(loan_people)
    db.session.get(
        Case, loan_people.case_id
    ).release.release_type = ReleaseType.CONDITIONAL_EARLY_RELEASE
    assert status(application, "certificate") == DECIDE
    assert status(application, "completion") == DECIDE


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2030, 9, 1), MET),  # five years to the day
        (date(2030, 9, 2), NOT_MET),
    ],
)
def test_at_most_five_years_since_completion(app_ctx, loan_people, today, expected):
    application = new_application(loan_people)  # released on 01/09/2025
    assert status(application, "completion", today) == expected


def test_five_years_count_from_the_submission_day(app_ctx, loan_people):
    application = new_application(loan_people)
    application.rules_date = date(2030, 8, 30)  # submitted in time, judged later
    assert status(application, "completion", date(2031, 1, 5)) == MET


@pytest.mark.parametrize(("listed", "expected"), [(True, MET), (False, NOT_MET), (None, DECIDE)])
def test_on_the_commune_list_form_01(app_ctx, loan_people, listed, expected):
    assert status(new_application(loan_people, form01_listed=listed), "form01") == expected


@pytest.mark.parametrize(("debt", "expected"), [(False, MET), (True, NOT_MET), (None, DECIDE)])
def test_no_outstanding_debt_for_the_same_purpose(app_ctx, loan_people, debt, expected):
    assert status(new_application(loan_people, outstanding_vbsp_debt=debt), "vbsp_debt") == expected


@pytest.mark.parametrize(("amount", "expected"), [(100_000_000, MET), (100_000_001, NOT_MET)])
def test_production_ceiling_per_person(app_ctx, loan_people, amount, expected):
    assert status(new_application(loan_people, amount_requested=amount), "ceiling") == expected


@pytest.mark.parametrize(("amount", "expected"), [(24_000_000, MET), (24_000_001, NOT_MET)])
def test_training_ceiling_per_month_of_the_course(app_ctx, loan_people, amount, expected):
    application = new_application(
        loan_people,
        purpose=LoanPurpose.VOCATIONAL_TRAINING,
        course_months=6,
        amount_requested=amount,
    )
    assert status(application, "ceiling") == expected


@pytest.mark.parametrize(("term", "expected"), [(120, MET), (121, NOT_MET)])
def test_term_limit(app_ctx, loan_people, term, expected):
    assert status(new_application(loan_people, term_months=term), "term") == expected


def test_security_is_flagged_above_100_million(app_ctx, loan_people):
    application = new_application(loan_people, amount_requested=100_000_000)
    assert status(application, "security") == MET
    db.session.get(Case, loan_people.case_id)  # same case, another application
    above = drafting.create_business_application(
        loan_people.hanoi.commune_x,
        application_data(
            business_name="HTX Rau sạch Đông Anh",
            business_kind=BusinessKind.COOPERATIVE,
            total_workers=20,
            eligible_workers=2,
            amount_requested=150_000_000,
        ),
        user(loan_people.hanoi.caseworker_x),
    )
    assert status(above, "security") == DECIDE


def business(loan_people, **overrides):
    values = {
        "business_name": "Công ty TNHH Mây tre Phú Vinh",
        "business_kind": BusinessKind.SME,
        "total_workers": 30,
        "eligible_workers": 3,
        "amount_requested": 300_000_000,
        "organisation": Organisation.WOMENS_UNION,
    }
    values.update(overrides)
    return drafting.create_business_application(
        loan_people.hanoi.commune_x,
        application_data(**values),
        user(loan_people.hanoi.caseworker_x),
    )


@pytest.mark.parametrize(("eligible", "expected"), [(3, MET), (2, NOT_MET)])
def test_business_needs_ten_percent_eligible_workers(app_ctx, loan_people, eligible, expected):
    application = business(loan_people, eligible_workers=eligible, amount_requested=100_000_000)
    assert status(application, "workers") == expected


@pytest.mark.parametrize(
    ("eligible", "amount", "expected"),
    [
        (3, 300_000_000, MET),  # 100 million per eligible worker
        (3, 300_000_001, NOT_MET),
        (25, 2_000_000_000, MET),  # at most 2 billion a project
        (25, 2_000_000_001, NOT_MET),
    ],
)
def test_business_ceiling(app_ctx, loan_people, eligible, amount, expected):
    application = business(
        loan_people, total_workers=30, eligible_workers=eligible, amount_requested=amount
    )
    assert status(application, "ceiling") == expected


def test_a_business_does_not_borrow_for_training(app_ctx, loan_people):
    application = business(loan_people, purpose=LoanPurpose.VOCATIONAL_TRAINING, course_months=3)
    assert status(application, "purpose") == NOT_MET
    assert status(business(loan_people), "purpose") == MET


def test_overall_result_is_the_worst_check(app_ctx, loan_people):
    assert (
        check_eligibility(new_application(loan_people, form01_listed=None), TODAY).overall == DECIDE
    )
    assert (
        check_eligibility(
            new_application(loan_people, form01_listed=None, outstanding_vbsp_debt=True), TODAY
        ).overall
        == NOT_MET
    )
