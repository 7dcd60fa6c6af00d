"""The e-mail outbox: each notification e-mailed once, in its reader's language, with the
attachment its domain makes at send time; a failure is tried again on the next run."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.notifications.services import (
    Attachment,
    notify,
    register_attachment,
    send_pending_emails,
)

REGISTERED = "%(name)s is registered."  # a msgid of the catalogue
NOTE = "test_note"
made_for: list[tuple[int, int]] = []
broken = {"now": False}


def make_note(ref: int, user: User) -> Attachment | None:
    if broken["now"]:
        raise OSError("the document could not be made")
    made_for.append((ref, user.id))
    return None if ref == 0 else Attachment(f"ghi-chu-{ref}.txt", "text/plain", b"noi dung")


register_attachment(NOTE, make_note)


@pytest.fixture
def outbox(app, monkeypatch) -> list:
    sent: list = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setitem(app.config, "SMTP_HOST", "smtp.example.vn")
    monkeypatch.setattr("reintegration.notifications.services.smtplib.SMTP", FakeSMTP)
    made_for.clear()
    broken["now"] = False
    return sent


def queue(app, make_user, *, ref: int | None = 7, locale: str = "vi", key: str = "k") -> int:
    username = make_user(email=f"{key}@example.vn", locale=locale)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        notify(user, "test", REGISTERED, params={"name": "Nguyễn Văn An"}, dedupe_key=key,
               attachment=None if ref is None else (NOTE, ref))  # fmt: skip
        db.session.commit()
        return user.id


def test_sent_once_with_its_attachment_in_vietnamese(app, make_user, outbox):
    user_id = queue(app, make_user)
    with app.app_context():
        assert send_pending_emails() == 1
        assert send_pending_emails() == 0
    (mail,) = outbox
    assert mail["Subject"] == "Tái hòa nhập cộng đồng: Đã tiếp nhận Nguyễn Văn An."
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "ghi-chu-7.txt"
    assert attachment.get_content_type() == "text/plain"
    assert made_for == [(7, user_id)]  # made once, for its reader


def test_the_readers_language_and_no_attachment_when_none_is_made(app, make_user, outbox):
    queue(app, make_user, ref=0, locale="en", key="en")
    queue(app, make_user, ref=None, key="plain")
    with app.app_context():
        assert send_pending_emails() == 2
    english, plain = outbox
    assert english["Subject"] == "Community reintegration: Nguyễn Văn An is registered."
    assert not list(english.iter_attachments()) and not list(plain.iter_attachments())


def test_a_failure_is_tried_again_next_run(app, make_user, outbox):
    queue(app, make_user)
    broken["now"] = True
    with app.app_context():
        assert send_pending_emails() == 0
        assert db.session.scalar(select(Notification.emailed_at)) is None
        broken["now"] = False
        assert send_pending_emails() == 1
    assert len(outbox) == 1


def test_an_unknown_attachment_is_refused_when_queued(app_ctx, make_user):
    user = db.session.scalar(select(User).where(User.username == make_user()))
    with pytest.raises(ValueError, match="no attachment of kind"):
        notify(user, "test", REGISTERED, params={"name": "An"}, attachment=("nothing", 1))
