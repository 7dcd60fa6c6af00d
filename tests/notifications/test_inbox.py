"""The inbox: unread counts, idempotent sending, messages in the reader's language."""

from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.extensions import db
from reintegration.notifications.models import Notification, Subject
from reintegration.notifications.services import notify

# Any msgid of the catalogue with parameters will do.
REGISTERED = "%(name)s is registered."


def send(app, username: str, key: str = "k1", link: str | None = "/people/") -> None:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.username == username)).one()
        notify([user], "follow_up_due", REGISTERED, subject=Subject("Case", 1), step=key,
               params={"name": "Nguyễn Văn An"}, link=link)  # fmt: skip
        db.session.commit()


def test_same_step_sends_once(app, make_user):
    username = make_user()
    send(app, username)
    send(app, username)
    with app.app_context():
        assert len(db.session.scalars(select(Notification)).all()) == 1


def test_unread_count_and_opening(app, client, auth, make_user):
    username = make_user()
    send(app, username, key="a")
    send(app, username, key="b", link=None)
    auth.login(username)
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count('data-testid="notification"') == 2
    assert '<span class="badge text-bg-warning">2' in page
    with app.app_context():
        first = db.session.scalars(select(Notification).where(Notification.link.is_not(None))).one()
    opened = client.post(f"/notifications/{first.id}/open")
    assert opened.headers["Location"] == "/people/"
    assert '<span class="badge text-bg-warning">1' in client.get("/").get_data(as_text=True)
    client.post("/notifications/read")
    assert "text-bg-warning" not in client.get("/").get_data(as_text=True)


def test_nobody_opens_someone_elses_notification(app, client, auth, make_user):
    owner = make_user()
    send(app, owner)
    auth.login(make_user())
    with app.app_context():
        notification_id = db.session.scalars(select(Notification.id)).one()
    assert client.post(f"/notifications/{notification_id}/open").status_code == 404


def test_message_is_shown_in_the_readers_language(app, client, auth, make_user):
    username = make_user(locale="en")
    send(app, username)
    auth.login(username)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Nguyễn Văn An is registered." in page
    client.post("/language", data={"locale": "vi", "next": "/"})
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Đã tiếp nhận Nguyễn Văn An." in page
