"""The routes of Decision 22/2023 through the pages: a business borrows from the bank
directly (no group, no organisation: the commune certifies its plan, Form 02); a person
through the household, or in their own name when it has no other capable adult; training
terms are the course plus the bank's repayment time; the rate defaults to the rules' rate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanPurpose, LoanStatus
from reintegration.loans.services import workflow
from reintegration.loans.services.eligibility import CheckStatus, check_eligibility
from tests.loans.conftest import TODAY, advance, new_application, user
from tests.loans.test_pages import FORM, day, only_application, step_data

BUSINESS = {
    "purpose": "job_creation",
    "amount_requested": "300.000.000",
    "term_months": "60",
    "use_of_funds": "Mở rộng xưởng mây tre, nhận thêm 3 lao động",
    "outstanding_vbsp_debt": "no",
    "business_name": "HTX Mây tre đan Phú Vinh",
    "business_kind": "cooperative",
    "business_address": "Thôn Phú Vinh",
    "total_workers": "30",
    "eligible_workers": "3",
}


def new_business(client, loan_people, **overrides) -> int:
    data = {**BUSINESS, "commune_code": str(loan_people.hanoi.commune_x), **overrides}
    response = client.post("/loans/new-business", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_business_goes_from_draft_to_disbursement_without_a_group(app, client, auth, loan_people):
    today = day(today_local())
    auth.login(loan_people.hanoi.caseworker_x)
    application_id = new_business(client, loan_people, organisation="womens_union")
    base = f"/loans/{application_id}"
    page = client.get(base).get_data(as_text=True)
    assert 'data-testid="route"' in page
    assert 'data-action="certify"' in page and 'data-action="submit"' not in page
    # The organisation's route is not this application's.
    refused = client.post(f"{base}/submit")
    assert refused.status_code == 422
    assert "trực tiếp" in refused.get_data(as_text=True)  # "borrows from the bank directly"
    certify = step_data("certify", on=today, reference="15/UBND-XN")
    assert client.post(f"{base}/certify", data=certify).status_code == 302
    assert client.post(f"{base}/send", data=step_data("send", on=today)).status_code == 302
    approval = step_data("approve", on=today, amount="300.000.000", term_months="60", rate="")
    assert client.post(f"{base}/approve", data=approval).status_code == 302
    assert client.post(f"{base}/disburse", data=step_data("disburse", on=today)).status_code == 302
    with app.app_context():
        application = db.session.get(LoanApplication, application_id)
        assert application.status == LoanStatus.DISBURSED
        assert application.organisation is None and application.savings_group_name is None
        assert [t.action for t in application.transitions] == [
            "create", "certify", "send", "approve", "disburse",
        ]  # fmt: skip
        assert application.rules_date == application.submitted_on == today_local()
        assert application.approved_annual_rate == Decimal("6.6")  # the rules' rate
        assert len(application.instalments) == 60
    # No organisation ever saw it.
    auth.logout()
    auth.login(loan_people.womens_reviewer)
    assert f'data-id="{application_id}"' not in client.get("/loans/review?show=all").get_data(
        as_text=True
    )
    assert client.get(base).status_code == 404


def test_a_business_under_the_share_of_eligible_workers_is_not_certified(
    app, client, auth, loan_people
):
    auth.login(loan_people.hanoi.caseworker_x)
    application_id = new_business(client, loan_people, eligible_workers="2")  # 2 of 30: 6.7%
    refused = client.post(
        f"/loans/{application_id}/certify", data=step_data("certify", on=day(today_local()))
    )
    assert refused.status_code == 422
    with app.app_context():
        application = db.session.get(LoanApplication, application_id)
        assert application.status == LoanStatus.DRAFT
        assert application.rules_date is None and application.certified_on is None


def test_a_business_form_asks_for_no_group(client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    page = client.get("/loans/new-business").get_data(as_text=True)
    assert 'name="savings_group_name"' not in page and 'name="organisation"' not in page
    assert 'data-testid="direct-route"' in page


def test_a_person_borrows_in_their_own_name(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    alone = {**FORM, "household_head_name": "", "household_relationship": ""}
    refused = client.post(f"/loans/new?case={loan_people.case_id}", data=alone)
    assert refused.status_code == 422
    assert 'id="household_head_name-errors"' in refused.get_data(as_text=True)
    response = client.post(
        f"/loans/new?case={loan_people.case_id}", data={**alone, "in_own_name": "y"}
    )
    assert response.status_code == 302
    application = only_application(app)
    assert application.in_own_name and application.household_head_name is None
    assert client.post(f"/loans/{application.id}/submit").status_code == 302
    auth.logout()
    auth.login(loan_people.womens_reviewer)  # the organisation sees what was recorded
    page = client.get(f"/loans/{application.id}").get_data(as_text=True)
    assert 'data-testid="borrows-as" data-own-name="true"' in page
    assert "không còn thành viên nào khác" in page  # "no other capable adult"


def test_through_the_household_by_default(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    client.post(f"/loans/new?case={loan_people.case_id}", data=FORM)
    application = only_application(app)
    assert not application.in_own_name
    page = client.get(f"/loans/{application.id}").get_data(as_text=True)
    assert 'data-testid="borrows-as" data-own-name="false"' in page


@pytest.mark.parametrize(("term", "status"), [(15, CheckStatus.MET), (16, CheckStatus.NOT_MET)])
def test_a_training_term_is_the_course_plus_the_banks_repayment_time(
    app_ctx, loan_people, term, status
):
    application = new_application(
        loan_people,
        purpose=LoanPurpose.VOCATIONAL_TRAINING,
        course_months=3,
        amount_requested=12_000_000,
        term_months=term,
    )
    check = next(c for c in check_eligibility(application, TODAY).checks if c.code == "term")
    assert check.status == status
    assert "15" in check.title  # 3 months of course + 12 months to repay


def test_a_training_loan_over_its_term_is_refused(app, client, auth, loan_people):
    """The 120 months of a production loan are not a training loan's: a 3-month course
    with 120 months to repay is refused, and says why."""
    auth.login(loan_people.hanoi.caseworker_x)
    training = {**FORM, "purpose": "vocational_training", "course_months": "3",
                "amount_requested": "12.000.000", "term_months": "120"}  # fmt: skip
    client.post(f"/loans/new?case={loan_people.case_id}", data=training)
    application = only_application(app)
    refused = client.post(f"/loans/{application.id}/submit")
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "Thời hạn vay không quá 15 tháng" in text
    assert only_application(app).status == LoanStatus.DRAFT


def test_the_bank_cannot_approve_a_training_term_beyond_the_course(app_ctx, loan_people):
    application = new_application(
        loan_people, purpose=LoanPurpose.VOCATIONAL_TRAINING, course_months=6,
        amount_requested=24_000_000, term_months=18,
    )  # fmt: skip
    advance(application, loan_people, "send")
    with pytest.raises(DomainError) as refused:
        workflow.record_approval(
            application, user(loan_people.hanoi.caseworker_x), amount=24_000_000, term_months=19,
            decided_on=TODAY, today=TODAY,
        )  # fmt: skip
    assert refused.value.field == "term_months"
    assert "18" in refused.value.message


def test_the_rate_defaults_to_the_rules_and_another_needs_a_reason(app, client, auth, loan_people):
    with app.app_context():
        sent = advance(new_application(loan_people), loan_people, "send", today=today_local())
        base = f"/loans/{sent.id}"
        db.session.commit()
    auth.login(loan_people.hanoi.caseworker_x)
    page = client.get(base).get_data(as_text=True)
    assert 'name="approve-rate"' in page and 'value="6,6"' in page  # offered
    today = day(today_local())
    other = step_data("approve", on=today, amount="50.000.000", term_months="36", rate="7,2")
    refused = client.post(f"{base}/approve", data=other)
    assert refused.status_code == 422
    assert 'id="approve-rate_reason-errors"' in refused.get_data(as_text=True)
    assert only_application(app).status == LoanStatus.SENT_TO_BANK
    reason = "Khoản vay theo chương trình riêng của tỉnh"
    accepted = client.post(f"{base}/approve", data={**other, "approve-rate_reason": reason})
    assert accepted.status_code == 302
    application = only_application(app)
    assert (application.approved_annual_rate, application.rate_reason) == (Decimal("7.2"), reason)
    page = client.get(base).get_data(as_text=True)
    assert reason in page and 'data-testid="rate-reason"' in page
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "loan_approve"))
        assert event.detail["rate_reason"] == reason
        assert (event.detail["annual_rate"], event.detail["rules_rate"]) == ("7.2", "6.6")


def test_the_rules_rate_needs_no_reason_and_keeps_none(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "send")
    workflow.record_approval(
        application, user(loan_people.hanoi.caseworker_x), amount=50_000_000, term_months=36,
        annual_rate=Decimal("6.600"), rate_reason="  ", decided_on=TODAY, today=TODAY,
    )  # fmt: skip
    assert application.approved_annual_rate == Decimal("6.6")
    assert application.rate_reason is None


@pytest.mark.parametrize("rate", ["0", "-1", "100", "abc", "6,6,6"])
def test_a_nonsense_rate_is_refused(app, client, auth, loan_people, rate):
    with app.app_context():
        sent_id = advance(new_application(loan_people), loan_people, "send", today=today_local()).id
        db.session.commit()
    auth.login(loan_people.hanoi.caseworker_x)
    approval = step_data("approve", on=day(today_local()), amount="50.000.000",
                         term_months="36", rate=rate, rate_reason="Bank")  # fmt: skip
    assert client.post(f"/loans/{sent_id}/approve", data=approval).status_code == 422
    assert only_application(app).status == LoanStatus.SENT_TO_BANK


def test_a_business_draft_keeps_no_organisation_when_edited(app, client, auth, loan_people):
    auth.login(loan_people.hanoi.caseworker_x)
    application_id = new_business(client, loan_people)
    data = {**BUSINESS, "commune_code": str(loan_people.hanoi.commune_x), "term_months": "48",
            "organisation": "farmers_union", "savings_group_name": "Tổ Tây"}  # fmt: skip
    assert client.post(f"/loans/{application_id}/edit", data=data).status_code == 302
    application = only_application(app)
    assert application.term_months == 48 and application.organisation is None


def test_the_bank_deadline_is_not_earlier_than_the_sending(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "certify")
    with pytest.raises(DomainError):
        workflow.send_to_bank(
            application,
            user(loan_people.hanoi.caseworker_x),
            TODAY + timedelta(days=1),
            today=TODAY,
        )
    assert application.bank_due_on is None
