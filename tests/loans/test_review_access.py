"""Union reviewers see the queue of their own organisation and province only, and of each
applicant only what the review needs: never the offence, the classification or the notes.
Reviews have a deadline; the scheduler reminds and escalates when it passes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanStatus
from reintegration.loans.tasks import remind_overdue_reviews
from reintegration.notifications.models import Notification
from tests.loans.conftest import SECRET_NOTE, advance, new_application


@pytest.fixture
def routed(app, loan_people) -> dict[str, int]:
    """Two submitted applications of the same person: one to the Women's Union, one to the
    Farmers' Union; and a draft to the Women's Union."""
    with app.app_context():
        today = today_local()
        womens = advance(new_application(loan_people), loan_people, "submit", today=today)
        farmers = new_application(loan_people, organisation=Organisation.FARMERS_UNION)
        from reintegration.loans.services import workflow
        from tests.loans.conftest import user

        workflow.submit(farmers, user(loan_people.hanoi.caseworker_x), today=today)
        draft = new_application(loan_people)
        db.session.commit()
        return {"womens": womens.id, "farmers": farmers.id, "draft": draft.id}


def test_queue_shows_only_the_reviewers_organisation_and_province(
    client, auth, loan_people, routed
):
    auth.login(loan_people.womens_reviewer)
    page = client.get("/loans/review").get_data(as_text=True)
    assert f'data-id="{routed["womens"]}"' in page
    assert f'data-id="{routed["farmers"]}"' not in page
    assert f'data-id="{routed["draft"]}"' not in page  # never submitted
    auth.logout()
    auth.login(loan_people.farmers_reviewer)
    page = client.get("/loans/review").get_data(as_text=True)
    assert f'data-id="{routed["farmers"]}"' in page
    assert f'data-id="{routed["womens"]}"' not in page
    auth.logout()
    auth.login(loan_people.hue_reviewer)  # Women's Union, but in Huế
    page = client.get("/loans/review?show=all").get_data(as_text=True)
    assert 'data-testid="queue-row"' not in page


def test_womens_union_cannot_open_a_farmers_union_application(client, auth, loan_people, routed):
    auth.login(loan_people.womens_reviewer)
    other = routed["farmers"]
    assert client.get(f"/loans/{other}").status_code == 404
    assert client.get(f"/loans/{other}/summary.pdf").status_code == 404
    assert client.post(f"/loans/{other}/take").status_code == 404
    assert client.get(f"/loans/{routed['draft']}").status_code == 404
    assert client.get(f"/loans/{routed['womens']}").status_code == 200


def test_reviewers_never_reach_a_case_page(client, auth, loan_people, routed):
    auth.login(loan_people.womens_reviewer)
    for path in (
        f"/cases/{loan_people.case_id}",
        f"/cases/{loan_people.case_id}?tab=release",
        f"/cases/{loan_people.case_id}/person",
        "/people/",
        "/loans/",
        f"/loans/new?case={loan_people.case_id}",
        f"/loans/{routed['womens']}/edit",
    ):
        assert client.get(path).status_code == 403, path


def test_reviewer_page_shows_what_the_review_needs_and_nothing_more(
    client, auth, loan_people, routed
):
    auth.login(loan_people.womens_reviewer)
    page = client.get(f"/loans/{routed['womens']}").get_data(as_text=True)
    for needed in (
        loan_people.person_name,
        "Phường Ba Đình",  # the commune
        "Nguyễn Văn Bảy",  # the household
        'data-testid="amount-requested">50.000.000\u00a0₫',
        'data-testid="eligibility-overall"',
        'id="documents"',
    ):
        assert needed in page, needed
    for secret in (SECRET_NOTE, "Trại giam Ninh Khánh", "offence", 'href="/cases/'):
        assert secret not in page, secret
    assert "Classification" not in page and "Phân loại" not in page
    assert 'data-action="take"' in page  # the step the reviewer can take


def test_every_read_by_a_reviewer_is_audited(app, client, auth, loan_people, routed):
    auth.login(loan_people.womens_reviewer)
    client.get(f"/loans/{routed['womens']}")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "loan_viewed"))
        assert (event.username, event.object_id) == (
            loan_people.womens_reviewer,
            str(routed["womens"]),
        )


def test_reviewer_takes_returns_and_caseworker_resubmits_through_the_pages(
    app, client, auth, loan_people, routed
):
    application_id = routed["womens"]
    auth.login(loan_people.womens_reviewer)
    assert client.post(f"/loans/{application_id}/take").status_code == 302
    refused = client.post(f"/loans/{application_id}/return", data={"return-comment": ""})
    assert refused.status_code == 422
    returned = client.post(
        f"/loans/{application_id}/return", data={"return-comment": "Thiếu bản sao giấy chứng nhận"}
    )
    assert returned.status_code == 302
    # The caseworker's steps are not the reviewer's.
    assert client.post(f"/loans/{application_id}/resubmit").status_code == 403
    auth.logout()
    auth.login(loan_people.hanoi.caseworker_x)
    page = client.get(f"/loans/{application_id}").get_data(as_text=True)
    assert 'data-testid="return-comments"' in page
    assert "Thiếu bản sao giấy chứng nhận" in page
    assert client.post(f"/loans/{application_id}/take").status_code == 403
    assert client.post(f"/loans/{application_id}/resubmit").status_code == 302
    with app.app_context():
        assert db.session.get(LoanApplication, application_id).status == LoanStatus.SUBMITTED


def test_a_wrong_step_through_the_page_is_refused_with_a_message(
    app, client, auth, loan_people, routed
):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.post(
        f"/loans/{routed['womens']}/certify",
        data={"certify-on": today_local().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="alert alert-danger"' in page
    with app.app_context():
        assert db.session.get(LoanApplication, routed["womens"]).status == LoanStatus.SUBMITTED


def test_review_deadline_reminds_then_escalates(app, loan_people, routed, make_user):
    officer = loan_people.hanoi.officer
    make_user(role=Role.UNION_REVIEWER, username="hoi.phunu.2")  # a second Women's reviewer
    with app.app_context():
        application = db.session.get(LoanApplication, routed["womens"])
        due = application.review_due_on
        assert remind_overdue_reviews(due - timedelta(days=1)) == 0
        # On the day: each organisation's reviewers in Hà Nội are reminded (two of the
        # Women's Union, one of the Farmers' Union: both applications fall due that day).
        assert remind_overdue_reviews(due) == 3
        assert remind_overdue_reviews(due) == 0  # safe to run twice
        # Once passed: the province officer and the caseworker are told, for each application.
        assert remind_overdue_reviews(due + timedelta(days=1)) == 2 * 2
        notices = db.session.scalars(select(Notification)).all()
        by_kind = {}
        for notice in notices:
            by_kind.setdefault(notice.kind, set()).add(notice.user.username)
        assert by_kind["loan_review_due"] >= {loan_people.womens_reviewer, "hoi.phunu.2"}
        assert loan_people.farmers_reviewer in by_kind["loan_review_due"]
        assert by_kind["loan_review_escalated"] == {officer, loan_people.hanoi.caseworker_x}
        assert loan_people.hue_reviewer not in by_kind["loan_review_due"]
