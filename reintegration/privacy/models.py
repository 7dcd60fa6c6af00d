"""What retention anonymised, and when: one row per person anonymised (its presence makes
the job skip the person the next time)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.core.models import UTCDateTime, utcnow
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
