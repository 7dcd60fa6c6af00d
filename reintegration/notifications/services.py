"""Sending and reading notifications: the one service every domain tells people through.

A domain calls ``notify`` with the readers, a kind (``kinds.KINDS``), a subject (what the
notice is about), the step it reports, an English msgid and its parameters, and the path
of the page to open (``core.links.path_for``, which works in the scheduler too). Each
reader gets the notice at most once per kind, subject and step (``dedupe_key``): a job or
transition run twice tells nobody twice. The sweeps hand ``insert_notices`` thousands of
rows at once; the database skips the keys it has (ON CONFLICT DO NOTHING).

E-mail goes out only when SMTP is configured and the reader wants that kind by e-mail; it
never decides whether the in-app notice exists. The outbox is the notifications table:
``send_pending_emails`` claims each notice (committed) before sending it, so two runs at
once, or a run after a crash, never send one twice. A failed send is tried again by later
runs, at most ``MAX_EMAIL_ATTEMPTS`` times, then recorded as failed with its reason; an
address the server refuses fails at once. An e-mail may carry an attachment made at send
time by the domain that asked for it, through a maker registered at start-up
(``register_attachment``, called by ``create_app``): the notifications know a kind and an
id, not what a report is. A document that cannot be made is left out and the e-mail says
so; a kind no maker was registered for fails the e-mail with that reason.
"""

import json
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from psycopg import sql as psycopg_sql
from sqlalchemy import ColumnElement, String, cast, func, literal, select, text, update
from sqlalchemy import column as column_clause
from sqlalchemy import table as table_clause
from sqlalchemy.dialects import postgresql, sqlite

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.links import external_url
from reintegration.extensions import db
from reintegration.notifications.kinds import KINDS_BY_CODE, kinds_for
from reintegration.notifications.models import (
    EmailStatus,
    Notification,
    NotificationPreference,
    Subject,
)

log = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5
# From this many notices at once (a sweep's batch), PostgreSQL gets them by COPY.
COPY_FROM = 200
ERROR_MAX = 300


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "maintype/subtype"
    content: bytes


# kind -> (id it is made from, recipient) -> the attachment, or None when the recipient may no
# longer have it (the e-mail then goes without).
AttachmentMaker = Callable[[int, User], Attachment | None]
_EXTENSION = "notification_attachments"


def register_attachment(app: Flask, kind: str, maker: AttachmentMaker) -> None:
    """Called at start-up (``create_app``): every process that sends e-mail has every maker,
    whatever it imported before."""
    app.extensions.setdefault(_EXTENSION, {})[kind] = maker


def _makers() -> dict[str, AttachmentMaker]:
    return current_app.extensions.get(_EXTENSION, {})


def dedupe_key(kind: str, subject: Subject, step: str, user_id: int) -> str:
    return f"{kind}:{subject.type}:{subject.id}:{step}:{user_id}"


def dedupe_key_sql(
    kind: str | ColumnElement, subject_type: str, subject_id, step, user_id
) -> ColumnElement:
    """``dedupe_key`` as an SQL expression of columns (``kind`` may be one too): a sweep
    asks the database which readers were told already instead of building their notices
    again."""
    head = (
        literal(f"{kind}:{subject_type}:")
        if isinstance(kind, str)
        else kind + literal(f":{subject_type}:")
    )
    return head + cast(subject_id, String) + ":" + cast(step, String) + ":" + cast(user_id, String)


def _check_kind(kind: str) -> None:
    if kind not in KINDS_BY_CODE:
        raise ValueError(f"{kind!r} is not a kind of notice (see notifications/kinds.py)")


def notify(
    recipients: Iterable[User],
    kind: str,
    message: str,
    *,
    subject: Subject,
    step: str = "",
    params: dict[str, Any] | None = None,
    link: str | None = None,
    attachment: tuple[str, int] | None = None,
    actor: User | None = None,
) -> int:
    """Tell each active user of ``recipients`` (but ``actor``, who knows what they did)
    that ``step`` happened to ``subject``. ``message`` is an English msgid with %(name)s
    placeholders, marked with ``core.i18n.N_`` so the extractor finds it; ``link`` a path on
    this site (``core.links.path_for``). ``attachment`` (a registered kind and an id) is made
    and attached to the e-mail. Returns how many notices were added: none for a reader
    told of this step before."""
    _check_kind(kind)
    if attachment is not None and attachment[0] not in _makers():
        raise ValueError(f"no attachment of kind {attachment[0]!r} is registered")
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if not user.active or user.id in seen or (actor is not None and user.id == actor.id):
            continue
        seen.add(user.id)
        rows.append({
            "user_id": user.id, "kind": kind, "message": message, "params": params or {},
            "link": link, "subject_type": subject.type, "subject_id": subject.id,
            "dedupe_key": dedupe_key(kind, subject, step, user.id),
            "attachment_kind": attachment[0] if attachment else None,
            "attachment_ref": attachment[1] if attachment else None,
        })  # fmt: skip
    return insert_notices(rows)


def insert_notices(rows: list[dict[str, Any]]) -> int:
    """The bulk form of ``notify`` (each row its ``user_id``, ``kind``, ``message``,
    ``params``, ``link``, ``subject_type``, ``subject_id`` and ``dedupe_key``): a row whose
    key was used before is skipped by the database itself. Returns how many were added."""
    if not rows:
        return 0
    for kind in {row["kind"] for row in rows}:
        _check_kind(kind)
    by_email = _wants_email({row["user_id"] for row in rows}, {row["kind"] for row in rows})
    postgres = db.engine.dialect.name == "postgresql"
    dialect_insert = postgresql.insert if postgres else sqlite.insert
    table = Notification.__table__
    now = now_utc()
    values = [
        {
            "created_at": now, "read_at": None, "emailed_at": None, "email_attempts": 0,
            "email_error": None, "attachment_kind": None, "attachment_ref": None,
            **row,
            "email_status": (
                EmailStatus.PENDING if (row["user_id"], row["kind"]) in by_email
                else EmailStatus.IN_APP
            ).value,
        }
        for row in rows
    ]  # fmt: skip
    if postgres and len(values) >= COPY_FROM:
        return _copy_notices(values)
    stmt = (
        dialect_insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.dedupe_key])
        .returning(table.c.id)
    )
    return len(db.session.execute(stmt, values).all())


def _copy_notices(values: list[dict[str, Any]]) -> int:
    """PostgreSQL: ``values`` copied into a temporary table, then one INSERT … SELECT … ON
    CONFLICT DO NOTHING. A sweep's reminders went 1,000 to a multi-row VALUES statement of
    17,000 parameters, each parsed and planned anew: 15 of the 78 s of a first sweep at a
    million people."""
    columns = list(values[0])
    connection = db.session.connection()
    connection.execute(
        text("CREATE TEMPORARY TABLE notices_in AS SELECT * FROM notifications WITH NO DATA")
    )
    copy_in = psycopg_sql.SQL("COPY {} ({}) FROM STDIN").format(
        psycopg_sql.Identifier("notices_in"),
        psycopg_sql.SQL(", ").join(psycopg_sql.Identifier(column) for column in columns),
    )
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(copy_in) as copy:
        for row in values:
            copy.write_row([_copied(row[column]) for column in columns])
    copied = table_clause("notices_in", *(column_clause(name) for name in columns))
    notifications = Notification.__table__
    stmt = (
        postgresql.insert(notifications)
        .from_select(columns, select(*copied.c))
        .on_conflict_do_nothing(index_elements=[notifications.c.dedupe_key])
        .returning(notifications.c.id)
    )
    added = len(connection.execute(stmt).all())
    connection.execute(text("DROP TABLE notices_in"))
    return added


def _copied(value: Any) -> Any:
    """A notice's value as COPY takes it: its parameters as JSON text."""
    return json.dumps(value) if isinstance(value, dict) else value


def _wants_email(user_ids: set[int], kinds: set[str]) -> set[tuple[int, str]]:
    """(reader, kind) of ``user_ids`` × ``kinds`` to e-mail: readers with an address who
    did not choose that kind in-app only."""
    with_address = db.session.scalars(
        select(User.id).where(User.id.in_(user_ids), User.email.is_not(None))
    ).all()
    in_app_only = set(
        db.session.execute(
            select(NotificationPreference.user_id, NotificationPreference.kind).where(
                NotificationPreference.user_id.in_(with_address),
                NotificationPreference.kind.in_(kinds),
                NotificationPreference.by_email.is_(False),
            )
        ).all()
    )
    return {(user, kind) for user in with_address for kind in kinds} - in_app_only


def email_choices(user: User) -> dict[str, bool]:
    """Each kind ``user`` may receive → whether it comes by e-mail too."""
    chosen = dict(
        db.session.execute(
            select(NotificationPreference.kind, NotificationPreference.by_email).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {kind.code: chosen.get(kind.code, True) for kind in kinds_for(user.role)}


def choose_email(user: User, by_email: set[str]) -> None:
    """``user`` wants the kinds in ``by_email`` by e-mail, the others in-app only (the
    inbox has them all). Audited."""
    choices = email_choices(user)
    for code in choices:
        wanted = code in by_email
        preference = db.session.get(NotificationPreference, (user.id, code))
        if preference is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=code, by_email=wanted))
        else:
            preference.by_email = wanted
    db.session.flush()
    audit.record(
        "notification_choices_changed",
        user,
        user=user,
        detail={"in_app_only": sorted(code for code in choices if code not in by_email)},
    )


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


# --- e-mail ---------------------------------------------------------------------------------


class EmailFailed(Exception):
    """This e-mail can never be sent; the message says why."""


def send_pending_emails(limit: int = 500) -> int:
    """E-mail the notices waiting for it, to active users with an address, when SMTP is
    configured (REINTEGRATION_SMTP_HOST), each in its reader's language. Returns how many
    were sent. Each is claimed and committed before it is sent (see the module's note)."""
    host = current_app.config.get("SMTP_HOST")
    if not host:
        return 0
    pending = db.session.scalars(
        select(Notification.id)
        .join(Notification.user)
        .where(
            Notification.email_status == EmailStatus.PENDING,
            User.email.is_not(None),
            User.active.is_(True),
        )
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    if not pending:
        return 0
    sent = 0
    with smtplib.SMTP(host, current_app.config["SMTP_PORT"], timeout=30) as smtp:
        for notification_id in pending:
            if not _claim(notification_id):
                continue  # another run took it
            if _send_one(smtp, db.session.get(Notification, notification_id)):
                sent += 1
    return sent


def _send_one(smtp: smtplib.SMTP, notification: Notification) -> bool:
    notification_id = notification.id
    try:
        email = _email(notification)
        smtp.send_message(email)
    except EmailFailed as error:
        db.session.rollback()
        _give_back(notification_id, str(error), final=True)
    except smtplib.SMTPRecipientsRefused as error:
        db.session.rollback()
        _give_back(notification_id, f"the mail server refused the address: {error}", final=True)
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        log.exception("e-mail for notification %s not sent", notification_id)
        _give_back(notification_id, f"{type(error).__name__}: {error}", final=False)
    else:
        db.session.commit()  # what making the attachment recorded (its audit event)
        return True
    return False


def _claim(notification_id: int) -> bool:
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.email_status == EmailStatus.PENDING)
        .values(email_status=EmailStatus.SENT, emailed_at=now_utc())
    ).rowcount
    db.session.commit()
    return claimed == 1


def _give_back(notification_id: int, reason: str, *, final: bool) -> None:
    """A send that failed: tried again by a later run, unless it never can succeed or has
    been tried ``MAX_EMAIL_ATTEMPTS`` times; then failed, with the reason."""
    notification = db.session.get(Notification, notification_id)
    notification.email_attempts += 1
    notification.email_error = reason[:ERROR_MAX]
    notification.emailed_at = None
    if final or notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
        notification.email_status = EmailStatus.FAILED
        log.warning("e-mail for notification %s failed for good: %s", notification_id, reason)
    else:
        notification.email_status = EmailStatus.PENDING
    db.session.commit()


def _attachment(notification: Notification) -> tuple[Attachment | None, bool]:
    """The e-mail's attachment, and whether one was due but could not be made."""
    if notification.attachment_kind is None:
        return None, False
    maker = _makers().get(notification.attachment_kind)
    if maker is None:
        raise EmailFailed(f"no attachment of kind {notification.attachment_kind!r} is registered")
    try:
        return maker(notification.attachment_ref, notification.user), False
    except Exception:
        db.session.rollback()  # what the maker wrote goes with it (the claim is committed)
        log.exception("the attachment of notification %s could not be made", notification.id)
        return None, True


def _email(notification: Notification) -> EmailMessage:
    user = notification.user
    attachment, missing = _attachment(notification)
    link = external_url(notification.link) if notification.link else None
    with force_locale(user.locale or "vi"):
        text = render_message(notification)
        email = EmailMessage()
        email["Subject"] = _("Community reintegration: %(text)s", text=text[:80])
        email["From"] = current_app.config["MAIL_FROM"]
        email["To"] = user.email
        body = [text]
        if link:
            body.append(_("Open it: %(link)s", link=link))
        if attachment is not None:
            body.append(_("The document is attached: %(name)s", name=attachment.filename))
        elif missing:
            body.append(_("The document could not be attached: open it in the application."))
        email.set_content("\n\n".join(body))
    if attachment is not None:
        maintype, subtype = attachment.content_type.split("/", 1)
        email.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return email
