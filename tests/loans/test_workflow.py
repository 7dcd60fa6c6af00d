"""The workflow: every allowed transition, each audited with who and when; a step from the
wrong status is refused with a message saying why."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanStatus, LoanTransition
from reintegration.loans.services import workflow
from tests.loans.conftest import TODAY, advance, new_application, user


def statuses(application: LoanApplication) -> list[tuple[str, str | None, str]]:
    return [
        (t.action, t.from_status.value if t.from_status else None, t.to_status.value)
        for t in db.session.scalars(
            select(LoanTransition)
            .where(LoanTransition.application_id == application.id)
            .order_by(LoanTransition.id)
        )
    ]


def test_the_whole_way_from_draft_to_disbursed(app_ctx, loan_people):
    application = new_application(loan_people)
    assert application.status == LoanStatus.DRAFT
    advance(application, loan_people, "disburse")
    assert application.status == LoanStatus.DISBURSED
    assert statuses(application) == [
        ("create", None, "draft"),
        ("submit", "draft", "submitted"),
        ("take", "submitted", "under_review"),
        ("endorse", "under_review", "endorsed"),
        ("certify", "endorsed", "certified"),
        ("send", "certified", "sent_to_bank"),
        ("approve", "sent_to_bank", "approved"),
        ("disburse", "approved", "disbursed"),
    ]
    transitions = application.transitions
    who = {t.action: t.actor.username for t in transitions}
    assert who["take"] == who["endorse"] == loan_people.womens_reviewer
    assert who["submit"] == who["certify"] == who["disburse"] == loan_people.hanoi.caseworker_x
    assert all(t.at is not None for t in transitions)
    assert application.rules_date == TODAY
    assert (application.approved_amount, application.approved_term_months) == (50_000_000, 12)
    assert application.approved_annual_rate == Decimal("6.6")
    audited = db.session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.object_type == "LoanApplication",
            AuditEvent.object_id == str(application.id),
        )
    ).all()
    for action in ("submit", "take", "endorse", "certify", "send", "approve", "disburse"):
        assert f"loan_{action}" in audited


def test_returned_for_changes_then_resubmitted(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "take")
    reviewer = user(loan_people.womens_reviewer)
    workflow.return_for_changes(application, reviewer, "Bổ sung giấy xác nhận hộ khẩu")
    assert application.status == LoanStatus.RETURNED
    assert application.transitions[-1].comment == "Bổ sung giấy xác nhận hộ khẩu"
    caseworker = user(loan_people.hanoi.caseworker_x)
    workflow.resubmit(application, caseworker, today=TODAY)
    assert application.status == LoanStatus.SUBMITTED
    assert application.rules_date == TODAY  # the rules stay those of the first submission
    assert application.review_due_on is not None


def test_rejected_with_a_reason(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "take")
    with pytest.raises(DomainError) as refused:
        workflow.reject(application, user(loan_people.womens_reviewer), "  ")
    assert refused.value.field == "comment"
    workflow.reject(application, user(loan_people.womens_reviewer), "Đã có khoản vay cùng mục đích")
    assert application.status == LoanStatus.REJECTED
    assert application.transitions[-1].comment == "Đã có khoản vay cùng mục đích"


def test_declined_by_the_bank(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "send")
    workflow.record_decline(
        application, user(loan_people.hanoi.caseworker_x), "Hết nguồn vốn", TODAY, today=TODAY
    )
    assert application.status == LoanStatus.DECLINED
    assert application.bank_decided_on == TODAY


@pytest.mark.parametrize(
    ("step", "call"),
    [
        ("take", lambda a, cw, rv: workflow.take_under_review(a, rv)),
        ("endorse", lambda a, cw, rv: workflow.endorse(a, rv, today=TODAY)),
        ("certify", lambda a, cw, rv: workflow.certify(a, cw, TODAY, today=TODAY)),
        ("send", lambda a, cw, rv: workflow.send_to_bank(a, cw, TODAY, today=TODAY)),
        ("disburse", lambda a, cw, rv: workflow.record_disbursement(a, cw, TODAY, today=TODAY)),
        ("resubmit", lambda a, cw, rv: workflow.resubmit(a, cw, today=TODAY)),
    ],
)
def test_a_step_from_the_wrong_status_is_refused(app_ctx, loan_people, step, call):
    application = new_application(loan_people)  # a draft
    caseworker, reviewer = user(loan_people.hanoi.caseworker_x), user(loan_people.womens_reviewer)
    with pytest.raises(DomainError) as refused:
        call(application, caseworker, reviewer)
    assert refused.value.code == "wrong_state"
    assert application.status == LoanStatus.DRAFT
    assert statuses(application) == [("create", None, "draft")]


def test_the_refusal_names_the_current_and_the_needed_status(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "submit")
    with pytest.raises(DomainError) as refused:
        workflow.certify(application, user(loan_people.hanoi.caseworker_x), TODAY, today=TODAY)
    assert LoanStatus.SUBMITTED.label in refused.value.message
    assert LoanStatus.ENDORSED.label in refused.value.message


def test_submitting_twice_is_refused(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "submit")
    with pytest.raises(DomainError) as refused:
        workflow.submit(application, user(loan_people.hanoi.caseworker_x), today=TODAY)
    assert refused.value.code == "wrong_state"


def test_only_a_reviewer_of_the_organisation_reviews(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "submit")
    for username in (
        loan_people.farmers_reviewer,
        loan_people.hue_reviewer,
        loan_people.hanoi.caseworker_x,
    ):
        with pytest.raises(DomainError) as refused:
            workflow.take_under_review(application, user(username))
        assert refused.value.code == "forbidden"
    assert application.status == LoanStatus.SUBMITTED


def test_the_caseworker_of_another_commune_cannot_certify(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "endorse")
    with pytest.raises(DomainError) as refused:
        workflow.certify(application, user(loan_people.hanoi.caseworker_y), TODAY, today=TODAY)
    assert refused.value.code == "forbidden"


def test_submission_is_refused_while_a_rule_is_not_met(app_ctx, loan_people):
    application = new_application(loan_people, outstanding_vbsp_debt=True)
    with pytest.raises(DomainError) as refused:
        workflow.submit(application, user(loan_people.hanoi.caseworker_x), today=TODAY)
    assert refused.value.code == "not_eligible"
    assert application.status == LoanStatus.DRAFT
    assert application.rules_date is None


def test_submission_opens_a_review_deadline_in_working_days(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "submit")
    # Monday 2 March 2026 + 10 working days = Monday 16 March 2026.
    assert application.review_due_on.isoformat() == "2026-03-16"


def test_bank_approval_within_the_rules(app_ctx, loan_people):
    application = new_application(loan_people)
    advance(application, loan_people, "send")
    caseworker = user(loan_people.hanoi.caseworker_x)
    with pytest.raises(DomainError) as too_much:
        workflow.record_approval(
            application, caseworker, amount=150_000_000, term_months=12,
            annual_rate=Decimal("6.6"), decided_on=TODAY, today=TODAY,
        )  # fmt: skip
    assert too_much.value.field == "amount"
    with pytest.raises(DomainError) as too_long:
        workflow.record_approval(
            application, caseworker, amount=50_000_000, term_months=121,
            annual_rate=Decimal("6.6"), decided_on=TODAY, today=TODAY,
        )  # fmt: skip
    assert too_long.value.field == "term_months"
    assert application.status == LoanStatus.SENT_TO_BANK
