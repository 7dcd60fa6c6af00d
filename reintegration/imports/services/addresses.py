"""Placing a row in today's commune from the residence the list gives: one cell written as
the papers write it ("Thôn 3, xã Yên Thái, huyện Yên Mô, tỉnh Ninh Bình"), or commune,
district and province columns. Both are read by ``geo.addresses``: old units go through the
official conversion table, names are matched with their diacritics as written. A split
commune, a name that fits several, or one that fits none, is left for a person to choose
among candidates in the importer's area. Addresses repeat down a list: each is resolved
once.
"""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from reintegration.geo.addresses import (
    ConversionStatus,
    Reason,
    ResolvedAddress,
    parse_columns,
    problem_message,
    province_codes,
    resolve,
    same_place,
)
from reintegration.geo.services import address_book, convert_legacy_address, find_commune

_CODE = re.compile(r"\d+", re.ASCII)


def _typed(district: str | None) -> str | None:
    """A district column's value with a type word, so that it is read as a district ("Yên
    Mô" is also a commune of today); any type word it has is kept ("Quận 1", "TP Phủ Lý")."""
    if not district or parse_columns(None, district).parts[0].kind:
        return district
    return f"huyện {district}"


@dataclass(frozen=True)
class Placement:
    status: ConversionStatus
    commune_code: int | None = None
    candidates: list[int] = field(default_factory=list)
    converted: bool = False  # from the old units
    outside_area: bool = False  # found, but not in the importer's area
    # Today's province the address is in, when it tells (also outside the area): where a
    # row of another province belongs.
    province_code: int | None = None
    street: str | None = None  # house, street, hamlet read off a one-cell residence
    problem: str | None = None  # why it is placed nowhere (translated), when no one chooses


class AddressResolver:
    def __init__(self, area: set[int], province_code: int | None = None):
        """``province_code``: the importer's province, where an address that names no
        province is looked for first."""
        self.area = area
        self.province_code = province_code
        self.book = address_book()
        self._placed: dict[tuple, Placement] = {}

    def place(self, province: str | None, district: str | None, commune: str | None) -> Placement:
        """From a list's commune, district and province columns."""
        key = ("columns", province, district, commune)
        if key not in self._placed:
            if commune and _CODE.fullmatch(commune.strip()):
                self._placed[key] = self._by_code(province, district, commune)
            else:
                parsed = parse_columns(commune, district, province)
                self._placed[key] = self._within_area(self._resolve(parsed))
        return self._placed[key]

    def place_written(
        self, residence: str, province: str | None = None, district: str | None = None
    ) -> Placement:
        """From a residence written in one cell, with the list's province and district
        columns when it has them: a residence that names neither is read in them; one
        that names another is not placed (the row says which two disagree)."""
        key = ("written", residence, province, district)
        if key not in self._placed:
            self._placed[key] = self._written(residence, province, district)
        return self._placed[key]

    def _written(self, residence: str, province: str | None, district: str | None) -> Placement:
        address = self._resolve(residence)
        if not province and not district:
            return self._within_area(address)
        provinces = province_codes(province, self.book) if province else None
        if province and provinces is None:
            return Placement(
                ConversionStatus.NOT_FOUND, street=address.street,
                problem=_("No province is named “%(name)s”.", name=province),
            )  # fmt: skip
        if district and address.district and not same_place(address.district, district):
            return self._disagree(address, address.district, district, province=False)
        if province and address.province:
            if self._outside(address, provinces):
                return self._disagree(address, address.province, province)
            return self._within_area(address)
        # The residence names no province: read it where the columns say.
        text = ", ".join(
            t for t in (residence, None if address.district else _typed(district)) if t
        )
        hint = next(iter(provinces)) if provinces and len(provinces) == 1 else None
        read = resolve(text, self.book, province_hint=hint or self.province_code)
        if provinces and self._outside(read, provinces):
            found = read.province_code or next(iter(self._provinces_of(read)), None)
            return self._disagree(read, self._province_name(found) or residence, province)
        return self._within_area(read)

    def _provinces_of(self, address: ResolvedAddress) -> set[int]:
        codes = [address.commune_code] if address.found else list(address.candidates)
        found = {self.book.commune_province.get(code) for code in codes} - {None}
        return found or ({address.province_code} if address.province_code else set())

    def _outside(self, address: ResolvedAddress, provinces: set[int] | None) -> bool:
        found = self._provinces_of(address)
        return bool(provinces and found and not found & provinces)

    def _province_name(self, code: int | None) -> str | None:
        return next((u.name for u in self.book.provinces if u.code == code), None)

    @staticmethod
    def _disagree(
        address: ResolvedAddress, written: str, column: str, province: bool = True
    ) -> Placement:
        if province:
            problem = _(
                "The residence says “%(written)s” but the province column says"
                " “%(column)s”: correct one of them.",
                written=written,
                column=column,
            )
        else:
            problem = _(
                "The residence says “%(written)s” but the district column says"
                " “%(column)s”: correct one of them.",
                written=written,
                column=column,
            )
        return Placement(ConversionStatus.NOT_FOUND, street=address.street, problem=problem)

    def _resolve(self, address) -> ResolvedAddress:
        return resolve(address, self.book, province_hint=self.province_code)

    def _within_area(self, address: ResolvedAddress) -> Placement:
        codes = [address.commune_code] if address.found else list(address.candidates)
        inside = [code for code in codes if code in self.area]
        common = {
            "converted": address.legacy, "province_code": address.province_code,
            "street": address.street,
        }  # fmt: skip
        if codes and not inside:
            return Placement(address.status, candidates=codes, outside_area=True, **common)
        if address.found:
            return Placement(address.status, inside[0], **common)
        return Placement(
            address.status, candidates=inside, problem=problem_message(address), **common
        )

    def _by_code(self, province, district, commune) -> Placement:
        """A commune column holding an official code (of today, else an old one)."""
        if not district:
            today = find_commune(commune, province)
            if len(today) == 1:
                return self._coded(commune, ConversionStatus.CONVERTED, [today[0].code], False)
        conversion = convert_legacy_address(province, district, commune)
        if conversion.status == ConversionStatus.CONVERTED:
            return self._coded(commune, conversion.status, [conversion.commune.code], True)
        return self._coded(
            commune, conversion.status, [c.code for c in conversion.candidates], True
        )

    def _coded(
        self, commune: str, status: ConversionStatus, codes: list[int], converted: bool
    ) -> Placement:
        provinces = {self.book.commune_province.get(code) for code in codes}
        province = provinces.pop() if len(provinces) == 1 else None
        address = ResolvedAddress(
            commune, None, status, reason=Reason.COMMUNE, commune=commune,
            commune_code=codes[0] if status == ConversionStatus.CONVERTED else None,
            candidates=() if status == ConversionStatus.CONVERTED else tuple(codes),
            province_code=province, legacy=converted,
        )  # fmt: skip
        return self._within_area(address)
