"""A notification for one user, stored so it shows in the inbox until read."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


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
    # Makes sending idempotent: a job run twice finds the key and sends nothing more.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What the e-mail carries, made when it is sent (so it shows what the reader may see
    # then): a kind registered with ``services.register_attachment`` and the id it is
    # made from, e.g. ("report_pdf", snapshot id).
    attachment_kind: Mapped[str | None] = mapped_column(String(40))
    attachment_ref: Mapped[int | None] = mapped_column()

    user: Mapped[User] = relationship()

    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
