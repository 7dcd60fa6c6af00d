"""The loan rules in force: one row per setting and date it took effect.

Rows are only ever added: an application keeps the date its rules were taken from
(``LoanApplication.rules_date``), so a later row never changes how it was judged.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.loans.models.enums import RuleKey


class LoanRule(db.Model):
    __tablename__ = "loan_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[RuleKey] = mapped_column(enum_column(RuleKey))
    # Money in đồng, percentages as percent (6.6 for 6.6%), durations in their unit.
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    effective_from: Mapped[date] = mapped_column()
    legal_basis: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    created_by: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("key", "effective_from"),)

    def __repr__(self) -> str:
        return f"<LoanRule {self.key} {self.value} from {self.effective_from}>"
