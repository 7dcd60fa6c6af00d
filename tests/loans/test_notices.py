"""Each step of a loan application tells the one who acts next, and only them, once."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.loans.services import workflow
from reintegration.loans.services.notices import tell_next
from reintegration.notifications.models import Notification
from tests.factories import UserFactory
from tests.loans.conftest import TODAY, advance, new_application, user


def told(since: int = 0) -> list[tuple[str, str]]:
    """(reader, kind) of each notice after id ``since``."""
    notices = db.session.scalars(
        select(Notification).where(Notification.id > since).order_by(Notification.id)
    )
    return [(n.user.username, n.kind) for n in notices]


def last_id() -> int:
    return db.session.scalar(select(Notification.id).order_by(Notification.id.desc())) or 0


def test_submitted_again_and_again_reaches_the_organisations_reviewers_in_the_province(
    app_ctx, loan_people
):
    UserFactory(role=Role.CASEWORKER, communes=[loan_people.hanoi.commune_x], username="canbo.x2")
    application = new_application(loan_people)
    transition = workflow.submit(application, user(loan_people.hanoi.caseworker_x), today=TODAY)
    assert told() == [(loan_people.womens_reviewer, "loan_submitted")]
    (notice,) = db.session.scalars(select(Notification))
    assert (notice.subject_type, notice.subject_id) == ("LoanApplication", application.id)
    assert notice.link == f"/loans/{application.id}"
    assert notice.params["name"] == loan_people.person_name
    # The same step told again tells nobody twice.
    assert tell_next(application, transition, user(loan_people.hanoi.caseworker_x)) == 0

    reviewer = user(loan_people.womens_reviewer)
    workflow.take_under_review(application, reviewer)
    before = last_id()
    workflow.return_for_changes(application, reviewer, "Thiếu giấy xác nhận hộ khẩu")
    assert told(before) == [(loan_people.hanoi.caseworker_x, "loan_returned")]
    (returned,) = db.session.scalars(select(Notification).where(Notification.id > before))
    assert returned.params["comment"] == "Thiếu giấy xác nhận hộ khẩu"
    before = last_id()
    workflow.resubmit(application, user(loan_people.hanoi.caseworker_x), today=TODAY)
    assert told(before) == [(loan_people.womens_reviewer, "loan_submitted")]


def test_rejected_tells_the_caseworker(app_ctx, loan_people):
    application = advance(new_application(loan_people), loan_people, "take")
    before = last_id()
    workflow.reject(application, user(loan_people.womens_reviewer), "Không đủ điều kiện")
    assert told(before) == [(loan_people.hanoi.caseworker_x, "loan_rejected")]


def test_endorsed_tells_the_caseworker_and_the_communes_caseworkers_who_certify(
    app_ctx, loan_people
):
    UserFactory(role=Role.CASEWORKER, communes=[loan_people.hanoi.commune_x], username="canbo.x2")
    application = advance(new_application(loan_people), loan_people, "take")
    before = last_id()
    workflow.endorse(application, user(loan_people.womens_reviewer), today=TODAY)
    assert sorted(told(before)) == [
        ("canbo.x", "loan_endorsed"), ("canbo.x2", "loan_endorsed")
    ]  # fmt: skip


def test_the_bank_steps_recorded_by_someone_else_tell_the_caseworker(app_ctx, loan_people):
    application = advance(new_application(loan_people), loan_people, "endorse")
    officer = user(loan_people.hanoi.officer)
    before = last_id()
    workflow.certify(application, officer, TODAY, "12/UBND", today=TODAY)
    workflow.send_to_bank(application, officer, TODAY, today=TODAY)
    workflow.record_approval(application, officer, amount=40_000_000, term_months=12,
                             annual_rate=Decimal("6.6"), decided_on=TODAY, today=TODAY)  # fmt: skip
    workflow.record_disbursement(application, officer, TODAY, today=TODAY)
    assert told(before) == [
        (loan_people.hanoi.caseworker_x, "loan_certified"),
        (loan_people.hanoi.caseworker_x, "loan_approved"),
        (loan_people.hanoi.caseworker_x, "loan_disbursed"),
    ]
    approved = db.session.scalars(
        select(Notification).where(Notification.kind == "loan_approved")
    ).one()
    assert approved.params["amount"] == "40.000.000\xa0₫"


def test_a_step_the_caseworker_records_tells_nobody(app_ctx, loan_people):
    application = advance(new_application(loan_people), loan_people, "endorse")
    caseworker = user(loan_people.hanoi.caseworker_x)
    before = last_id()
    workflow.certify(application, caseworker, TODAY, "12/UBND", today=TODAY)
    workflow.send_to_bank(application, caseworker, TODAY, today=TODAY)
    assert told(before) == []


def test_declined_tells_the_caseworker(app_ctx, loan_people):
    application = advance(new_application(loan_people), loan_people, "send")
    before = last_id()
    workflow.record_decline(application, user(loan_people.hanoi.officer), "Hết nguồn vốn",
                            date(2026, 3, 2), today=date(2026, 3, 2))  # fmt: skip
    assert told(before) == [(loan_people.hanoi.caseworker_x, "loan_declined")]
