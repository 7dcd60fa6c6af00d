"""Administrative units. Codes are the official statistics codes.

Two separate sets of tables: the units in force since 1 July 2025 (province → commune) and the
pre-2025 units (province → district → commune) that old papers still name, joined by the
official conversion table.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.models import NameInVietnameseOrder
from reintegration.extensions import db


class Province(db.Model):
    __tablename__ = "provinces"

    code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)

    communes: Mapped[list["Commune"]] = relationship(
        back_populates="province", order_by="Commune.name"
    )

    def __repr__(self) -> str:
        return f"<Province {self.code} {self.name}>"


class Commune(NameInVietnameseOrder, db.Model):
    __tablename__ = "communes"

    code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)

    province: Mapped[Province] = relationship(back_populates="communes")

    @property
    def full_name(self) -> str:
        return f"{self.name}, {self.province.name}"

    def __repr__(self) -> str:
        return f"<Commune {self.code} {self.name}>"


class LegacyProvince(db.Model):
    """A pre-2025 province; its code is the first three digits of a citizen ID number."""

    __tablename__ = "legacy_provinces"

    code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)
    # The new province(s) it went into, space-separated codes as in the official data.
    new_province_codes: Mapped[str] = mapped_column(String(40))


class LegacyDistrict(db.Model):
    __tablename__ = "legacy_districts"

    code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    province_code: Mapped[int] = mapped_column(ForeignKey("legacy_provinces.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)


class LegacyCommune(db.Model):
    __tablename__ = "legacy_communes"

    code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    district_code: Mapped[int] = mapped_column(ForeignKey("legacy_districts.code"), index=True)
    province_code: Mapped[int] = mapped_column(ForeignKey("legacy_provinces.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)

    district: Mapped[LegacyDistrict] = relationship()
    province: Mapped[LegacyProvince] = relationship()


class CommuneConversion(db.Model):
    """One row of the official conversion table: an old commune went (wholly or partly,
    when ``partly_merged``) into a new commune."""

    __tablename__ = "commune_conversions"

    # No foreign key: the official table names 11 old communes absent from the old units list.
    legacy_commune_code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    new_commune_code: Mapped[int] = mapped_column(
        ForeignKey("communes.code"), primary_key=True, autoincrement=False, index=True
    )
    partly_merged: Mapped[bool] = mapped_column(default=False)

    new_commune: Mapped[Commune] = relationship()
