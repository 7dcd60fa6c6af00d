"""A person's place on a course: referred → enrolled → completed (with a certificate) or
dropped (with a reason). A placement holds a seat from referral until it is dropped."""

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.training.models.course import Course
from reintegration.training.models.enums import PlacementStatus


class Placement(TimestampMixin, db.Model):
    __tablename__ = "training_placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # Copied from the case: matching reads completed training by person, across cases.
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    status: Mapped[PlacementStatus] = mapped_column(
        enum_column(PlacementStatus), default=PlacementStatus.REFERRED
    )
    referred_on: Mapped[date] = mapped_column()
    enrolled_on: Mapped[date | None] = mapped_column()
    completed_on: Mapped[date | None] = mapped_column()
    certificate_number: Mapped[str | None] = mapped_column(String(60))
    dropped_on: Mapped[date | None] = mapped_column()
    drop_reason: Mapped[str | None] = mapped_column(Text)
    # Copied from the course at completion, so matching reads trade and level by person.
    trade_code: Mapped[str] = mapped_column(ForeignKey("trades.code"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship()
    course: Mapped[Course] = relationship()
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        # Matching: "has this person completed training in this trade?"
        Index("ix_training_placements_person_trade_status", "person_id", "trade_code", "status"),
        # Matching: a trade's trained people and their courses, from the index alone.
        Index(
            "ix_training_placements_trade_status_person_course",
            "trade_code",
            "status",
            "person_id",
            "course_id",
        ),
        # One live placement per case on a course.
        Index(
            "uq_training_placements_live",
            "case_id",
            "course_id",
            unique=True,
            sqlite_where=text("status != 'dropped'"),
            postgresql_where=text("status != 'dropped'"),
        ),
    )

    @property
    def holds_seat(self) -> bool:
        return self.status != PlacementStatus.DROPPED
