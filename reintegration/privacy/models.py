"""Privacy records: what retention anonymised, and when (one row per person anonymised: its
presence makes the job skip the person the next time); and the personal-data breaches the
administrators record."""

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum
from reintegration.core.models import TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db


class Anonymisation(db.Model):
    __tablename__ = "anonymisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    anonymised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The day the person's last case was closed, and the retention period then in force.
    last_closed_on: Mapped[date] = mapped_column()
    retention_months: Mapped[int] = mapped_column()
    # How many rows of each table were anonymised or removed: {"contacts": 4, ...}.
    cleared: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class BreachDataCategory(LabelledEnum):
    """What kind of personal data a breach touched (what the authority's notice asks)."""

    IDENTITY = "identity"
    CONTACT = "contact"
    CRIMINAL_RECORD = "criminal_record"
    CASE_NOTES = "case_notes"
    LOANS = "loans"
    TRAINING_EMPLOYMENT = "training_employment"
    ACCOUNTS = "accounts"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            cls.IDENTITY: _l("Identity (names, ID numbers, dates of birth)"),
            cls.CONTACT: _l("Addresses and contact details"),
            cls.CRIMINAL_RECORD: _l("Offences, sentences and releases (sensitive)"),
            cls.CASE_NOTES: _l("Case notes, contacts and assessments"),
            cls.LOANS: _l("Loan files and repayments"),
            cls.TRAINING_EMPLOYMENT: _l("Training and employment"),
            cls.ACCOUNTS: _l("Staff accounts and passwords"),
            cls.OTHER: _l("Other data"),
        }


class DataBreach(TimestampMixin, db.Model):
    """A personal-data breach an administrator recorded (Law 91/2025): when it was found,
    what data and whose (as counts, categories and case numbers: the administrator does
    not read person files), what was done, and the notice to the authority, due within
    the configured hours of the discovery (``notify_by``, kept with the record)."""

    __tablename__ = "data_breaches"

    id: Mapped[int] = mapped_column(primary_key=True)
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    notify_by: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    description: Mapped[str] = mapped_column(Text)
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    people_affected: Mapped[int | None] = mapped_column()  # None: not known yet
    case_numbers: Mapped[list[int]] = mapped_column(JSON, default=list)
    actions_taken: Mapped[str] = mapped_column(Text)
    authority_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    authority_reference: Mapped[str | None] = mapped_column(String(100))
    late_reason: Mapped[str | None] = mapped_column(Text)  # notified after notify_by
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}

    recorded_by: Mapped[User | None] = relationship()

    @property
    def categories(self) -> list[BreachDataCategory]:
        return [BreachDataCategory(value) for value in self.data_categories or []]

    def hours_left(self, now: datetime) -> float:
        """Hours until the notice is due (negative once past)."""
        return (self.notify_by - now).total_seconds() / 3600

    @property
    def notified_in_time(self) -> bool | None:
        if self.authority_notified_at is None:
            return None
        return self.authority_notified_at <= self.notify_by
