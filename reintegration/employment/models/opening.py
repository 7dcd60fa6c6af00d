"""A job opening: a trade, the skills and training level it asks, the wage, seats, where,
when, and the hard restrictions it sets."""

from datetime import date

from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.employment.models.employer import Employer
from reintegration.employment.models.enums import OpeningStatus, Restriction
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.training.models import CourseLevel, Trade

opening_skills = Table(
    "opening_skills",
    db.metadata,
    Column("opening_id", ForeignKey("openings.id", ondelete="CASCADE"), primary_key=True),
    Column("trade_code", ForeignKey("trades.code"), primary_key=True),
)


class Opening(TimestampMixin, db.Model):
    __tablename__ = "openings"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    trade_code: Mapped[str] = mapped_column(ForeignKey("trades.code"))
    level_required: Mapped[CourseLevel | None] = mapped_column(enum_column(CourseLevel))
    wage: Mapped[int | None] = mapped_column(BigInteger)  # đồng a month
    seats: Mapped[int] = mapped_column()
    commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"))
    starts_on: Mapped[date] = mapped_column()  # the day work can start
    closes_on: Mapped[date | None] = mapped_column()  # last day to refer people
    status: Mapped[OpeningStatus] = mapped_column(
        enum_column(OpeningStatus), default=OpeningStatus.OPEN
    )
    no_work_with_children: Mapped[bool] = mapped_column(default=False)
    no_cash_handling: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(Text)

    employer: Mapped[Employer] = relationship()
    trade: Mapped[Trade] = relationship()
    commune: Mapped[Commune] = relationship()
    skills: Mapped[list[Trade]] = relationship(secondary=opening_skills, order_by=Trade.sort_order)

    __table_args__ = (Index("ix_openings_province_status", "province_code", "status"),)

    @property
    def restrictions(self) -> list[Restriction]:
        return [r for r in Restriction if getattr(self, r.value)]

    @property
    def trade_codes(self) -> set[str]:
        """The trade and the skills asked, as codes."""
        return {self.trade_code, *(s.code for s in self.skills)}
