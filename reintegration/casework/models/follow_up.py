"""A scheduled follow-up of a case: a row with its due date, kind, status and outcome.

"Overdue" is not stored: it is ``status == DUE and due_on < today``, a query. The daily
sweep only records MISSED for follow-ups left undone past their grace period, and sends
reminders; it is never the only keeper of a fact.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin, UTCDateTime
from reintegration.extensions import db


class FollowUpKind(LabelledEnum):
    HOME_VISIT = "home_visit"
    PHONE_CALL = "phone_call"
    OFFICE_VISIT = "office_visit"
    RETENTION_CHECK = "retention_check"  # after a hire: still employed at 1, 3, 6 months
    CLASSIFICATION_REVIEW = "classification_review"  # the class is reviewed (A–D)

    @classmethod
    def _labels(cls):
        return {
            cls.HOME_VISIT: _l("Home visit"),
            cls.PHONE_CALL: _l("Phone call"),
            cls.OFFICE_VISIT: _l("Office visit"),
            cls.RETENTION_CHECK: _l("Job retention check"),
            cls.CLASSIFICATION_REVIEW: _l("Classification review"),
        }


class FollowUpStatus(LabelledEnum):
    DUE = "due"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {
            cls.DUE: _l("Due"),
            cls.DONE: _l("Done"),
            cls.MISSED: _l("Missed"),
            cls.CANCELLED: _l("Cancelled"),
        }


class FollowUp(TimestampMixin, db.Model):
    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    due_on: Mapped[date] = mapped_column()
    kind: Mapped[FollowUpKind] = mapped_column(enum_column(FollowUpKind))
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_column(FollowUpStatus), default=FollowUpStatus.DUE
    )
    # True for rows made by the schedule rules (rescheduled when the classification
    # changes); False for ones a person or another domain (job retention) added.
    generated: Mapped[bool] = mapped_column(default=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column()
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The contact that answered it, when a recorded contact completed it.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    note: Mapped[str | None] = mapped_column(String(300))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    done_by: Mapped[User | None] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821

    __table_args__ = (
        # The sweep and "my work today" read open follow-ups by due date; the reports
        # count a period's follow-ups per case from the index alone (done_on, case_id).
        Index("ix_follow_ups_status_due_on", "status", "due_on", "done_on", "case_id"),
        Index("ix_follow_ups_case_id_due_on", "case_id", "due_on"),
    )

    def is_overdue(self, today: date) -> bool:
        return self.status == FollowUpStatus.DUE and self.due_on < today
