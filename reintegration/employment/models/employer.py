"""An employer: a business that takes people referred by the committee."""

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.models import NameInVietnameseOrder, TimestampMixin
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province


class Employer(NameInVietnameseOrder, TimestampMixin, db.Model):
    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tax_code: Mapped[str] = mapped_column(String(14), unique=True)  # 10 digits, or 10-3
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)
    commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    address: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    accepts_records: Mapped[bool] = mapped_column(default=True)
    # The agreement signed with the People's Committee, when there is one.
    agreement_number: Mapped[str | None] = mapped_column(String(60))
    agreement_signed_on: Mapped[date | None] = mapped_column()
    active: Mapped[bool] = mapped_column(default=True)
    # Edits carry the version they started from (the people pattern): a stale save is refused.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    province: Mapped[Province] = relationship()
    commune: Mapped[Commune] = relationship()

    @property
    def has_agreement(self) -> bool:
        return bool(self.agreement_number)
