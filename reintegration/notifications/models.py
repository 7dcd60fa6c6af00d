"""A notification for one user, stored so it shows in the inbox until read, and e-mailed
when the reader wants that kind by e-mail."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class EmailStatus(LabelledEnum):
    PENDING = "pending"  # to be e-mailed by the next run of the e-mail job
    SENT = "sent"  # handed to the mail server (or claimed by a run that was stopped)
    FAILED = "failed"  # given up, with the reason in ``email_error``
    IN_APP = "in_app"  # not e-mailed: no address, or the reader wants this kind in-app only

    @classmethod
    def _labels(cls):
        return {
            cls.PENDING: _l("To be e-mailed"),
            cls.SENT: _l("E-mailed"),
            cls.FAILED: _l("E-mail failed"),
            cls.IN_APP: _l("In the application only"),
        }


@dataclass(frozen=True)
class Subject:
    """What a notice is about: a model's class name and id, as the audit log names objects
    ("LoanApplication", 7). Who a notice names is found through it, never through its words
    or its link."""

    type: str
    id: int

    @classmethod
    def of(cls, obj: Any) -> "Subject":
        return cls(type(obj).__name__, obj.id)


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    # The message is stored as an English msgid and its parameters, and translated when
    # shown, so each reader sees it in their own language.
    message: Mapped[str] = mapped_column(String(500))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(300))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column()
    # kind, subject, step and reader (``services.dedupe_key``): a step told once is never
    # told again, however often the job or the transition runs.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    email_status: Mapped[EmailStatus] = mapped_column(
        enum_column(EmailStatus), default=EmailStatus.PENDING
    )
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    email_attempts: Mapped[int] = mapped_column(default=0)
    email_error: Mapped[str | None] = mapped_column(String(300))
    # What the e-mail carries, made when it is sent (so it shows what the reader may see
    # then): a kind registered with ``services.register_attachment`` at start-up and the id
    # it is made from, e.g. ("report_pdf", snapshot id).
    attachment_kind: Mapped[str | None] = mapped_column(String(40))
    attachment_ref: Mapped[int | None] = mapped_column()

    user: Mapped[User] = relationship()

    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_subject", "subject_type", "subject_id"),
        Index("ix_notifications_email_status", "email_status"),
    )

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def subject(self) -> Subject | None:
        if self.subject_type is None or self.subject_id is None:
            return None
        return Subject(self.subject_type, self.subject_id)


class NotificationPreference(db.Model):
    """A reader's choice for one kind of notice: by e-mail or not (the inbox always has
    it). No row: by e-mail, when the reader has an address."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    by_email: Mapped[bool] = mapped_column(default=True)
