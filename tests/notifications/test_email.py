"""The e-mail outbox: each notification e-mailed once, in its reader's language, with the
attachment its domain makes at send time and the link to the page; a send that fails is
tried again a few times, then recorded as failed with its reason, and never holds up the
others."""

import smtplib

import pytest
from sqlalchemy import select, update

from reintegration.accounts.models import User
from reintegration.extensions import db
from reintegration.notifications.models import EmailStatus, Notification, Subject
from reintegration.notifications.services import (
    MAX_EMAIL_ATTEMPTS,
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


class Server:
    """Stands for smtplib.SMTP; ``refuse`` names what the next sends raise."""

    def __init__(self):
        self.sent: list = []
        self.refuse: list[Exception] = []

    def __call__(self, host, port, timeout):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_message(self, message):
        if self.refuse:
            raise self.refuse.pop(0)
        self.sent.append(message)


@pytest.fixture
def server(app, monkeypatch) -> Server:
    fake = Server()
    register_attachment(app, NOTE, make_note)
    monkeypatch.setitem(app.config, "SMTP_HOST", "smtp.example.vn")
    monkeypatch.setattr("reintegration.notifications.services.smtplib.SMTP", fake)
    made_for.clear()
    broken["now"] = False
    return fake


def queue(app, make_user, *, ref: int | None = 7, locale: str = "vi", key: str = "k") -> int:
    username = make_user(email=f"{key}@example.vn", locale=locale)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        notify([user], "report_built", REGISTERED, subject=Subject("ReportSnapshot", 1),
               step=key, params={"name": "Nguyễn Văn An"}, link="/reports/1",
               attachment=None if ref is None else (NOTE, ref))  # fmt: skip
        db.session.commit()
        return user.id


def states() -> list[tuple[EmailStatus, int, str | None]]:
    return [
        (n.email_status, n.email_attempts, n.email_error)
        for n in db.session.scalars(select(Notification).order_by(Notification.id))
    ]


def test_sent_once_with_its_attachment_in_vietnamese(app, make_user, server):
    user_id = queue(app, make_user)
    with app.app_context():
        assert send_pending_emails() == 1
        assert send_pending_emails() == 0
        assert states() == [(EmailStatus.SENT, 0, None)]
    (mail,) = server.sent
    assert mail["Subject"] == "Tái hòa nhập cộng đồng: Đã tiếp nhận Nguyễn Văn An."
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "ghi-chu-7.txt"
    assert attachment.get_content_type() == "text/plain"
    assert made_for == [(7, user_id)]  # made once, for its reader


def test_the_readers_language_and_no_attachment_when_none_is_made(app, make_user, server):
    queue(app, make_user, ref=0, locale="en", key="en")
    queue(app, make_user, ref=None, key="plain")
    with app.app_context():
        assert send_pending_emails() == 2
    english, plain = server.sent
    assert english["Subject"] == "Community reintegration: Nguyễn Văn An is registered."
    assert not list(english.iter_attachments()) and not list(plain.iter_attachments())


def test_the_link_is_whole_with_the_configured_server_and_absent_without(
    app, make_user, server, monkeypatch
):
    queue(app, make_user, ref=None, key="without")
    with app.app_context():
        send_pending_emails()
    queue(app, make_user, ref=None, key="with")
    monkeypatch.setitem(app.config, "SERVER_NAME", "taihoanhap.ninhbinh.gov.vn")
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    with app.app_context():
        send_pending_emails()
    without, with_server = (mail.get_content() for mail in server.sent)
    assert "http" not in without
    assert "https://taihoanhap.ninhbinh.gov.vn/reports/1" in with_server


def test_a_document_that_cannot_be_made_is_left_out_and_the_mail_says_so(app, make_user, server):
    queue(app, make_user)
    broken["now"] = True
    with app.app_context():
        assert send_pending_emails() == 1
        assert send_pending_emails() == 0
    (mail,) = server.sent
    assert not list(mail.iter_attachments())
    assert "Không đính kèm được tài liệu" in mail.get_content()


def test_an_attachment_no_maker_knows_fails_with_its_reason_and_holds_up_nobody(
    app, make_user, server
):
    queue(app, make_user, key="old")
    queue(app, make_user, ref=None, key="new")
    with app.app_context():
        first = db.session.scalar(select(Notification.id).order_by(Notification.id))
        db.session.execute(
            update(Notification).where(Notification.id == first).values(attachment_kind="gone")
        )
        db.session.commit()
        assert send_pending_emails() == 1
        assert send_pending_emails() == 0
        (failed, sent) = states()
    assert failed == (EmailStatus.FAILED, 1, "no attachment of kind 'gone' is registered")
    assert sent == (EmailStatus.SENT, 0, None)
    assert [mail["To"] for mail in server.sent] == ["new@example.vn"]


def test_a_failing_server_is_tried_again_then_given_up(app, make_user, server):
    queue(app, make_user, ref=None)
    server.refuse = [smtplib.SMTPServerDisconnected("gone away")] * MAX_EMAIL_ATTEMPTS
    with app.app_context():
        assert send_pending_emails() == 0
        assert states() == [(EmailStatus.PENDING, 1, "SMTPServerDisconnected: gone away")]
        for _ in range(MAX_EMAIL_ATTEMPTS):
            assert send_pending_emails() == 0
        ((status, attempts, error),) = states()
    assert (status, attempts) == (EmailStatus.FAILED, MAX_EMAIL_ATTEMPTS)
    assert "gone away" in error
    assert server.sent == []


def test_a_refused_address_fails_at_once(app, make_user, server):
    queue(app, make_user, ref=None)
    server.refuse = [smtplib.SMTPRecipientsRefused({"k@example.vn": (550, b"no such user")})]
    with app.app_context():
        assert send_pending_emails() == 0
        assert send_pending_emails() == 0
        ((status, attempts, error),) = states()
    assert (status, attempts) == (EmailStatus.FAILED, 1)
    assert error.startswith("the mail server refused the address")


def test_a_reader_without_an_address_is_told_in_the_application_only(app, make_user, server):
    username = make_user(email=None)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        notify([user], "report_built", REGISTERED, subject=Subject("ReportSnapshot", 1),
               params={"name": "An"})  # fmt: skip
        db.session.commit()
        assert send_pending_emails() == 0
        assert states() == [(EmailStatus.IN_APP, 0, None)]


def test_an_unknown_attachment_is_refused_when_queued(app_ctx, make_user):
    user = db.session.scalar(select(User).where(User.username == make_user()))
    with pytest.raises(ValueError, match="no attachment of kind"):
        notify([user], "report_built", REGISTERED, subject=Subject("ReportSnapshot", 1),
               params={"name": "An"}, attachment=("nothing", 1))  # fmt: skip
