"""Sending and reading notifications. Sending is idempotent by key; e-mail goes out only
when SMTP is configured, and never decides whether the in-app notice exists."""

import logging
import smtplib
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


def notify(
    user: User,
    kind: str,
    message: str,
    *,
    params: dict | None = None,
    link: str | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Queue a notification for ``user``. ``message`` is an English msgid with
    %(name)s placeholders, marked with ``core.i18n.N_`` so the extractor finds it.

    With a ``dedupe_key`` that was used before, nothing is sent and None is returned.
    """
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
    configured (REINTEGRATION_SMTP_HOST). Returns how many were sent; commits per message
    so a failure halfway loses nothing and sends nothing twice."""
    host = current_app.config.get("SMTP_HOST")
    if not host:
        return 0
    pending = db.session.scalars(
        select(Notification)
        .join(Notification.user)
        .where(Notification.emailed_at.is_(None), User.email.is_not(None), User.active.is_(True))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    sent = 0
    port = int(current_app.config.get("SMTP_PORT") or 25)
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        for notification in pending:
            with force_locale(notification.user.locale):
                email = EmailMessage()
                email["Subject"] = _(
                    "Community reintegration: %(text)s", text=render_message(notification)[:80]
                )
                email["From"] = current_app.config["MAIL_FROM"]
                email["To"] = notification.user.email
                email.set_content(render_message(notification))
            smtp.send_message(email)
            notification.emailed_at = now_utc()
            db.session.commit()
            sent += 1
    return sent
