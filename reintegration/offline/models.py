"""Entries recorded on a phone without a connection and accepted when it synced.

Each entry is kept with its idempotency key (unique: a replay after a lost answer finds it
and records nothing), the versions it was based on, the time of the visit as the caseworker
typed it (the phone's wall clock, Vietnam time) and the time it reached the server. An
entry for a case that is no longer the caseworker's is kept as handed over to the officer.
"""

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db

KEY_LENGTH = 64


class EntryKind(LabelledEnum):
    CONTACT = "contact"
    FOLLOW_UP_DONE = "follow_up_done"

    @classmethod
    def _labels(cls):
        return {cls.CONTACT: _l("Contact"), cls.FOLLOW_UP_DONE: _l("Follow-up done")}


class EntryStatus(LabelledEnum):
    ACCEPTED = "accepted"
    HANDED_OVER = "handed_over"

    @classmethod
    def _labels(cls):
        return {cls.ACCEPTED: _l("Recorded"), cls.HANDED_OVER: _l("Handed to the officer")}


class OfflineEntry(db.Model):
    __tablename__ = "offline_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[EntryKind] = mapped_column(enum_column(EntryKind))
    status: Mapped[EntryStatus] = mapped_column(enum_column(EntryStatus))
    # The visit's day and time as typed on the phone (wall clock, no time zone).
    visited_at: Mapped[datetime] = mapped_column(DateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The versions the phone had when the entry was made: {"case", "goals", "commune"}.
    based_on: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What was typed (kept for a handed-over entry, which records nothing on the case).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))
    # A handed-over entry waits for the officers of this province (the caseworker's).
    province_code: Mapped[int | None] = mapped_column(ForeignKey("provinces.code"))

    user: Mapped[User] = relationship()

    __table_args__ = (
        Index("ix_offline_entries_case_id", "case_id"),
        Index("ix_offline_entries_province_status", "province_code", "status"),
    )
