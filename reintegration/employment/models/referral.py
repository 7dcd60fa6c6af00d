"""A referral of a person to an opening: referred → interviewed → hired | not hired; a hire
may end in a lost job. A hire schedules retention checks (``RetentionCheck``) as follow-ups
in the casework schedule."""

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.casework.models import FollowUp
from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.employment.models.enums import JobLossReason, ReferralStatus
from reintegration.employment.models.opening import Opening
from reintegration.extensions import db
from reintegration.people.models import Case


class Referral(TimestampMixin, db.Model):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(
        enum_column(ReferralStatus), default=ReferralStatus.REFERRED
    )
    referred_on: Mapped[date] = mapped_column()
    score: Mapped[int | None] = mapped_column()  # the match score when referred
    interviewed_on: Mapped[date | None] = mapped_column()
    hired_on: Mapped[date | None] = mapped_column()  # the first day of work
    not_hired_on: Mapped[date | None] = mapped_column()
    not_hired_reason: Mapped[str | None] = mapped_column(Text)
    ended_on: Mapped[date | None] = mapped_column()
    end_reason: Mapped[JobLossReason | None] = mapped_column(enum_column(JobLossReason))
    end_note: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    opening: Mapped[Opening] = relationship()
    case: Mapped[Case] = relationship()
    created_by: Mapped[User | None] = relationship()
    retention_checks: Mapped[list["RetentionCheck"]] = relationship(
        order_by="RetentionCheck.months"
    )

    __table_args__ = (
        # One live referral per case to an opening.
        Index(
            "uq_referrals_live",
            "case_id",
            "opening_id",
            unique=True,
            sqlite_where=text("status IN ('referred', 'interviewed', 'hired')"),
            postgresql_where=text("status IN ('referred', 'interviewed', 'hired')"),
        ),
        Index("ix_referrals_opening_status", "opening_id", "status"),
    )


class RetentionCheck(db.Model):
    """Links a hire to the follow-up that asks "still employed after N months?"."""

    __tablename__ = "retention_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id"), unique=True)
    months: Mapped[int] = mapped_column()

    follow_up: Mapped[FollowUp] = relationship()
