"""Sending and reading notifications. Sending is idempotent by key; e-mail goes out only
when SMTP is configured, and never decides whether the in-app notice exists.

The e-mail outbox is the notifications table itself: ``send_pending_emails`` claims each
notification (``emailed_at`` set where it was empty, committed) before sending it, so two
runs at once, or a run after a crash, never send one twice; a failed send gives the claim
back for the next run. An e-mail may carry an attachment made at send time by the domain
that asked for it (``register_attachment``): the notifications know a kind and an id, not
what a report is.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from reintegration.accounts.models import User
from reintegration.core.clock import now_utc
from reintegration.extensions import db
from reintegration.notifications.models import Notification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "maintype/subtype"
    content: bytes


# kind -> (id it is made from, recipient) -> the attachment, or None when the recipient may no
# longer have it (the e-mail then goes without).
AttachmentMaker = Callable[[int, User], Attachment | None]
_MAKERS: dict[str, AttachmentMaker] = {}


def register_attachment(kind: str, maker: AttachmentMaker) -> None:
    _MAKERS[kind] = maker


def notify(
    user: User,
    kind: str,
    message: str,
    *,
    params: dict | None = None,
    link: str | None = None,
    dedupe_key: str | None = None,
    attachment: tuple[str, int] | None = None,
) -> Notification | None:
    """Queue a notification for ``user``. ``message`` is an English msgid with
    %(name)s placeholders, marked with ``core.i18n.N_`` so the extractor finds it.
    ``attachment`` (a registered kind and an id) is made and attached to its e-mail.

    With a ``dedupe_key`` that was used before, nothing is sent and None is returned.
    """
    if attachment is not None and attachment[0] not in _MAKERS:
        raise ValueError(f"no attachment of kind {attachment[0]!r} is registered")
    if dedupe_key is not None and db.session.scalar(
        select(Notification.id).where(Notification.dedupe_key == dedupe_key)
    ):
        return None
    notification = Notification(
        user_id=user.id,
        kind=kind,
        message=message,
        params=params or {},
        link=link,
        dedupe_key=dedupe_key,
        attachment_kind=attachment[0] if attachment else None,
        attachment_ref=attachment[1] if attachment else None,
    )
    db.session.add(notification)
    db.session.flush()
    return notification


def render_message(notification: Notification) -> str:
    """The message in the current language (catalogue lookup of the stored msgid)."""
    return _(notification.message, **notification.params)


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def inbox_query(user: User):
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.read_at.is_not(None), Notification.created_at.desc())
    )


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) notification of ``user`` read."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=now_utc())).rowcount


def send_pending_emails(limit: int = 500) -> int:
    """E-mail the notifications not e-mailed yet, to users with an address, when SMTP is
    configured (REINTEGRATION_SMTP_HOST), each in its reader's language. Returns how many
    were sent. Each is claimed and committed before it is sent (see the module's note)."""
    host = current_app.config.get("SMTP_HOST")
    if not host:
        return 0
    pending = db.session.scalars(
        select(Notification.id)
        .join(Notification.user)
        .where(Notification.emailed_at.is_(None), User.email.is_not(None), User.active.is_(True))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    if not pending:
        return 0
    sent = 0
    port = int(current_app.config.get("SMTP_PORT") or 25)
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        for notification_id in pending:
            if not _claim(notification_id):
                continue  # another run took it
            notification = db.session.get(Notification, notification_id)
            try:
                smtp.send_message(_email(notification))
            except Exception:
                db.session.rollback()
                _release(notification_id)
                log.exception("e-mail for notification %s not sent", notification_id)
                continue
            db.session.commit()  # what making the attachment recorded (its audit event)
            sent += 1
    return sent


def _claim(notification_id: int) -> bool:
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.emailed_at.is_(None))
        .values(emailed_at=now_utc())
    ).rowcount
    db.session.commit()
    return claimed == 1


def _release(notification_id: int) -> None:
    db.session.execute(
        update(Notification).where(Notification.id == notification_id).values(emailed_at=None)
    )
    db.session.commit()


def _email(notification: Notification) -> EmailMessage:
    user = notification.user
    attachment = None
    if notification.attachment_kind is not None:
        maker = _MAKERS.get(notification.attachment_kind)
        if maker is None:
            raise LookupError(f"no attachment of kind {notification.attachment_kind!r}")
        attachment = maker(notification.attachment_ref, user)
    with force_locale(user.locale or "vi"):
        text = render_message(notification)
        email = EmailMessage()
        email["Subject"] = _("Community reintegration: %(text)s", text=text[:80])
        email["From"] = current_app.config["MAIL_FROM"]
        email["To"] = user.email
        body = [text]
        if attachment is not None:
            body.append(_("The document is attached: %(name)s", name=attachment.filename))
        email.set_content("\n\n".join(body))
    if attachment is not None:
        maintype, subtype = attachment.content_type.split("/", 1)
        email.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return email
