"""Assessments of a case's needs: one at intake, then reviews, each scoring every need.

The score runs from 0 to 3, a scale a caseworker can apply the same way in every commune:
0 no need, 1 a small need the person handles, 2 a need that calls for support,
3 an urgent need (act now). Every need is scored at every assessment, so two assessments
compare need by need.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.people.models import Need

SCORES = (0, 1, 2, 3)


def score_labels() -> dict[int, object]:
    return {
        0: _l("0 — no need"),
        1: _l("1 — small need, handled by the person"),
        2: _l("2 — needs support"),
        3: _l("3 — urgent"),
    }


class AssessmentKind(LabelledEnum):
    INTAKE = "intake"
    REVIEW = "review"

    @classmethod
    def _labels(cls):
        return {cls.INTAKE: _l("Intake assessment"), cls.REVIEW: _l("Review")}


class Assessment(db.Model):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[AssessmentKind] = mapped_column(enum_column(AssessmentKind))
    assessed_on: Mapped[date] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    assessor: Mapped[User] = relationship()
    scores: Mapped[list["NeedScore"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedScore.need"
    )

    __table_args__ = (
        Index("ix_assessments_case_id_assessed_on", "case_id", "assessed_on"),
        # One intake assessment per case; every later one is a review.
        Index(
            "uq_assessments_one_intake",
            "case_id",
            unique=True,
            sqlite_where=text("kind = 'intake'"),
            postgresql_where=text("kind = 'intake'"),
        ),
    )

    def score_of(self, need: Need) -> int | None:
        return next((s.score for s in self.scores if s.need == need), None)


class NeedScore(db.Model):
    """One need's score in one assessment."""

    __tablename__ = "need_scores"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[Need] = mapped_column(enum_column(Need), primary_key=True)
    score: Mapped[int] = mapped_column()

    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 3", name="score_range"),)
