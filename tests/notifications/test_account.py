"""The account page: each user chooses, per kind of notice their role receives, whether it
also comes by e-mail; the inbox always has it."""

import re

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.notifications.models import EmailStatus, Notification, Subject
from reintegration.notifications.services import notify


def test_a_kind_chosen_in_app_only_is_not_e_mailed_and_still_in_the_inbox(
    app, client, auth, make_user
):
    username = make_user(role=Role.UNION_REVIEWER, email="hoi@example.vn")
    auth.login(username)
    page = client.get("/account").get_data(as_text=True)
    kinds = set(re.findall(r'data-kind="([a-z_]+)"', page))
    assert kinds == {"loan_submitted", "loan_review_due", "loan_instalment_late"}
    assert "Có hồ sơ đề nghị vay vốn gửi đến để thẩm định" in page
    response = client.post("/account", data={"by_email": ["loan_review_due"]})
    assert response.status_code == 302
    # A kind outside the role's is not a choice.
    assert client.post("/account", data={"by_email": ["report_built"]}).status_code == 422
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        for kind in ("loan_submitted", "loan_review_due"):
            notify([user], kind, "%(name)s is registered.", subject=Subject("LoanApplication", 1),
                   params={"name": "An"})  # fmt: skip
        db.session.commit()
        rows = db.session.execute(select(Notification.kind, Notification.email_status)).all()
        states = dict(rows)
        assert states == {
            "loan_submitted": EmailStatus.IN_APP, "loan_review_due": EmailStatus.PENDING
        }  # fmt: skip
        (event,) = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "notification_choices_changed")
        )
        assert event.detail == {"in_app_only": ["loan_instalment_late", "loan_submitted"]}
    inbox = client.get("/notifications/").get_data(as_text=True)
    assert inbox.count('data-testid="notification"') == 2


def test_a_password_reset_is_e_mailed_whatever_the_reader_chose(app, client, auth, make_user):
    username = make_user(role=Role.UNION_REVIEWER, email="hoi@example.vn")
    auth.login(username)
    page = client.get("/account").get_data(as_text=True)
    assert 'data-kind="password_reset"' not in page  # not a choice
    assert client.post("/account", data={"by_email": []}).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        for kind in ("loan_submitted", "password_reset"):
            notify([user], kind, "%(name)s is registered.", subject=Subject("User", user.id),
                   params={"name": "An"})  # fmt: skip
        db.session.commit()
        rows = db.session.execute(select(Notification.kind, Notification.email_status)).all()
        states = dict(rows)
        assert states == {
            "loan_submitted": EmailStatus.IN_APP, "password_reset": EmailStatus.PENDING
        }  # fmt: skip
