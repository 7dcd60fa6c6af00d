"""The working-day calendar's data: the administrators' changes to the holidays the
``holidays`` package computes, and the years whose changes they have confirmed."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db

NAME_MAX_LENGTH = 200


class HolidayChange(LabelledEnum):
    ADDED = "added"
    REMOVED = "removed"

    @classmethod
    def _labels(cls):
        return {
            cls.ADDED: _l("Day off added"),
            cls.REMOVED: _l("Holiday removed: a working day"),
        }


class PublicHoliday(TimestampMixin, db.Model):
    """A change an administrator made to the law's holidays (computed by the ``holidays``
    package): a weekday off ``ADDED`` (the government's yearly swap, a compensatory day the
    package does not know, a one-off day off), or a day of the package ``REMOVED`` (a
    correction: that day is worked)."""

    __tablename__ = "public_holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    # In Vietnamese: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)"; for a removal, why.
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    change: Mapped[HolidayChange] = mapped_column(
        enum_column(HolidayChange), default=HolidayChange.ADDED, server_default="added"
    )

    def __repr__(self) -> str:
        return f"<PublicHoliday {self.change} {self.day.isoformat()} {self.name}>"


class HolidayYear(db.Model):
    """A year whose swaps an administrator has checked against the government's notice."""

    __tablename__ = "holiday_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    confirmed_by: Mapped[User | None] = relationship()
