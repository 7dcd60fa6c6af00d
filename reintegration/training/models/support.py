"""The support a province grants trainees (Decree 49/2020 Art. 11: provincial People's
Committees set the levels): rows added with the date they take effect, never edited, so a
course keeps the level in force when it started."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.accounts.models import Role, User
from reintegration.core.enums import enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.training.models.enums import SupportKind


class SupportRate(db.Model):
    __tablename__ = "training_support_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"))
    kind: Mapped[SupportKind] = mapped_column(enum_column(SupportKind))
    # Đồng for meals and travel, percent for the fee reduction.
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    effective_from: Mapped[date] = mapped_column()
    legal_basis: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("province_code", "kind", "effective_from"),)

    @staticmethod
    def can_set(user: User, province_code: int | None) -> bool:
        """Administrators set the levels of any province (they keep reference data); a
        province officer those of their own province, which its People's Committee decides."""
        if user.role == Role.ADMIN:
            return True
        return user.role == Role.PROVINCE_OFFICER and user.province_code == province_code
