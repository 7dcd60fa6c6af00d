"""The follow-up schedule as data: how often a case is followed up, month by month.

A rule says: from month ``from_month`` until month ``until_month`` (open-ended when empty)
after the schedule starts, follow the person up every ``every`` weeks or months, by a
``kind`` of follow-up. Months count from the day the person was received at the commune,
else from the release date.

A *rule set* is the rules of one province (``province_code``; empty = the national
defaults) for one classification (``classification``; empty = any classification). A case
uses its province's own rules when the province has any, else the national defaults; within
them, the rules of its classification when there are some, else those for any
classification. (Rules of a classification replace the general ones; they are not merged.)

National defaults, seeded by the migrations (Decree 49/2020 leaves the frequency to the
commune; these are house defaults each province may replace with its own):
- any classification: every week in month 1, every month to month 6, every 3 months after;
- A (stable): every month to month 3, every 3 months after;
- B (law-abiding but struggling): every 2 weeks to month 3, every month after;
- C (at risk of reoffending): every week to month 3, every 2 weeks to month 6, every
  month after;
- D (detained again or in rehabilitation): no home visits (``RuleBook.rules_for`` drops
  them for class D whatever the set says), until the class changes;
- every set: a classification review every 6 months (kind ``classification_review``).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.casework.models.follow_up import FollowUpKind
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.people.models import Classification


class IntervalUnit(LabelledEnum):
    WEEK = "week"
    MONTH = "month"

    @classmethod
    def _labels(cls):
        return {cls.WEEK: _l("week(s)"), cls.MONTH: _l("month(s)")}


class FollowUpRule(TimestampMixin, db.Model):
    __tablename__ = "follow_up_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Empty: the national default.
    province_code: Mapped[int | None] = mapped_column(ForeignKey("provinces.code"), index=True)
    # Empty: any classification without rules of its own.
    classification: Mapped[Classification | None] = mapped_column(enum_column(Classification))
    from_month: Mapped[int] = mapped_column(default=0)
    # Empty: until the case closes.
    until_month: Mapped[int | None] = mapped_column()
    every: Mapped[int] = mapped_column()
    unit: Mapped[IntervalUnit] = mapped_column(enum_column(IntervalUnit))
    kind: Mapped[FollowUpKind] = mapped_column(
        enum_column(FollowUpKind), default=FollowUpKind.HOME_VISIT
    )

    province: Mapped[Province | None] = relationship()

    __table_args__ = (
        CheckConstraint("every >= 1", name="every_positive"),
        CheckConstraint("from_month >= 0", name="from_month_not_negative"),
        CheckConstraint("until_month IS NULL OR until_month > from_month", name="until_after_from"),
    )

    @property
    def interval_days(self) -> int:
        """The longest the interval can be, in days (a month counts as 31)."""
        return self.every * (7 if self.unit == IntervalUnit.WEEK else 31)

    def __repr__(self) -> str:
        return (
            f"<FollowUpRule {self.province_code or 'national'} "
            f"{self.classification or 'any'} m{self.from_month}-{self.until_month or ''} "
            f"every {self.every} {self.unit}>"
        )
