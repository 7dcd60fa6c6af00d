"""The case plan: goals with an owner and a target date ("ID card re-issued", "enrolled in
a welding course", "loan file submitted"), and the progress notes on each.

"Past its target date" is not stored: it is ``status == OPEN and target_on < today``.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.people.models import Need


class GoalStatus(LabelledEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls):
        return {
            cls.OPEN: _l("In progress"),
            cls.ACHIEVED: _l("Achieved"),
            cls.DROPPED: _l("Dropped"),
        }


class Goal(TimestampMixin, db.Model):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    title: Mapped[str] = mapped_column(String(200))
    need: Mapped[Need | None] = mapped_column(enum_column(Need))
    # Who carries it: a user of the system, or anyone named in words ("the person",
    # "Women's Union", "the Employment Service Centre").
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    owner_text: Mapped[str | None] = mapped_column(String(120))
    target_on: Mapped[date] = mapped_column()
    status: Mapped[GoalStatus] = mapped_column(enum_column(GoalStatus), default=GoalStatus.OPEN)
    closed_on: Mapped[date | None] = mapped_column()
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    progress: Mapped[list["GoalProgress"]] = relationship(
        back_populates="goal", order_by="GoalProgress.created_at.desc()"
    )
    case: Mapped["Case"] = relationship()  # noqa: F821

    __table_args__ = (
        Index("ix_goals_case_id", "case_id"),
        # "My work today" reads open goals by target date.
        Index("ix_goals_status_target_on", "status", "target_on"),
    )

    @property
    def owner_label(self) -> str:
        if self.owner is not None:
            return self.owner.full_name
        return self.owner_text or ""

    def is_late(self, today: date) -> bool:
        return self.status == GoalStatus.OPEN and self.target_on < today


class GoalProgress(db.Model):
    """A dated note on a goal; ``status`` is set when the note changed the goal's status."""

    __tablename__ = "goal_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[GoalStatus | None] = mapped_column(enum_column(GoalStatus))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="progress")
    author: Mapped[User] = relationship()
