"""The periods after which a criminal record is expunged (Penal Code 2015, amended 2017,
Arts. 70 and 71): data with the day each took effect, never numbers in the code.

The migration seeds the periods of the amended code; a new law adds rows from its own day
(rows are only added, so the day a sentence ended always finds the periods then in force).
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class ExpungementBand(LabelledEnum):
    """The bands of Art. 70(2) (automatic) and Art. 71(2) (by a court)."""

    NON_CUSTODIAL = "non_custodial"  # warning, fine, non-custodial reform, suspended sentence
    PRISON_UP_TO_5 = "prison_up_to_5"  # prison up to 5 years
    PRISON_5_TO_15 = "prison_5_to_15"  # over 5 and up to 15 years
    PRISON_OVER_15 = "prison_over_15"  # over 15 years, life, a commuted death sentence

    @classmethod
    def _labels(cls):
        return {
            cls.NON_CUSTODIAL: _l(
                "warning, fine, non-custodial reform or suspended prison sentence"
            ),
            cls.PRISON_UP_TO_5: _l("prison up to 5 years"),
            cls.PRISON_5_TO_15: _l("prison over 5 and up to 15 years"),
            cls.PRISON_OVER_15: _l("prison over 15 years, life or a commuted death sentence"),
        }


class ExpungementPeriod(db.Model):
    __tablename__ = "expungement_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    band: Mapped[ExpungementBand] = mapped_column(enum_column(ExpungementBand))
    # True: the court's periods (Art. 71), for offences expunged only by a court.
    by_court: Mapped[bool] = mapped_column(default=False)
    months: Mapped[int] = mapped_column()
    effective_from: Mapped[date] = mapped_column()
    legal_basis: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        UniqueConstraint("band", "by_court", "effective_from"),
        CheckConstraint("months > 0", name="months_positive"),
    )

    def __repr__(self) -> str:
        court = " court" if self.by_court else ""
        return f"<ExpungementPeriod {self.band}{court} {self.months}m from {self.effective_from}>"
