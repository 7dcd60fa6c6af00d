"""Public holidays: data kept by the administrators, never dates written in code."""

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.core.models import TimestampMixin
from reintegration.extensions import db

NAME_MAX_LENGTH = 200


class PublicHoliday(TimestampMixin, db.Model):
    """A weekday off work: a holiday of the Labour Code (2019, Art. 112), a compensatory day,
    or a day swapped by the government's yearly notice."""

    __tablename__ = "public_holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))  # in Vietnamese: "Tết Nguyên đán"

    def __repr__(self) -> str:
        return f"<PublicHoliday {self.day.isoformat()} {self.name}>"
