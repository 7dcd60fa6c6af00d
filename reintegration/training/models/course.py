"""A course: a trade taught at a level, in a commune, between two dates, for so many seats,
at a cost, with the support the province grants."""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.training.models.enums import CourseLevel, FeeSupport
from reintegration.training.models.provider import TrainingProvider, keeps_catalogue
from reintegration.training.models.trade import Trade


class Course(TimestampMixin, db.Model):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("training_providers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    trade_code: Mapped[str] = mapped_column(ForeignKey("trades.code"), index=True)
    level: Mapped[CourseLevel] = mapped_column(enum_column(CourseLevel))
    # Where it is taught; its province is copied so lists filter without a join.
    commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"))
    starts_on: Mapped[date] = mapped_column()
    ends_on: Mapped[date] = mapped_column()
    seats: Mapped[int] = mapped_column()
    cost: Mapped[int] = mapped_column(BigInteger, default=0)  # đồng, the whole course
    fee_support: Mapped[FeeSupport] = mapped_column(
        enum_column(FeeSupport), default=FeeSupport.NONE
    )
    meals_support: Mapped[bool] = mapped_column(default=False)
    travel_support: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    provider: Mapped[TrainingProvider] = relationship()
    trade: Mapped[Trade] = relationship()
    commune: Mapped[Commune] = relationship()

    __table_args__ = (
        CheckConstraint("seats >= 0", name="seats_not_negative"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        Index("ix_courses_province_starts_on", "province_code", "starts_on"),
    )

    def can_keep(self, user: User) -> bool:
        return keeps_catalogue(user, self.province_code)

    def __repr__(self) -> str:
        return f"<Course {self.id} {self.trade_code} {self.starts_on}>"
