"""The history of an application: each move between statuses, who made it, when, and
the comments or reason given."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.loans.models.enums import LoanStatus


class LoanTransition(db.Model):
    __tablename__ = "loan_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("loan_applications.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[LoanStatus | None] = mapped_column(enum_column(LoanStatus))
    to_status: Mapped[LoanStatus] = mapped_column(enum_column(LoanStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    application: Mapped["LoanApplication"] = relationship(  # noqa: F821
        back_populates="transitions"
    )
    actor: Mapped[User | None] = relationship()
