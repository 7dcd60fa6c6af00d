"""Placing a row in today's commune from the address the papers give.

A district means the address is written in the pre-July-2025 units: it goes through the
official conversion table. Without one, the commune is looked for among today's units
first (lists made since July 2025), then among the old ones. A split commune, a name that
fits several, or one that fits none, is left for a person to choose among candidates; the
candidates are those in the importer's area. Addresses repeat down a list: each is
resolved once.
"""

from dataclasses import dataclass, field

from reintegration.core.text import fold
from reintegration.geo.services import ConversionStatus, convert_legacy_address, find_commune


@dataclass(frozen=True)
class Placement:
    status: ConversionStatus
    commune_code: int | None = None
    candidates: list[int] = field(default_factory=list)
    converted: bool = False  # from the old units
    outside_area: bool = False  # found, but not in the importer's area


class AddressResolver:
    def __init__(self, area: set[int]):
        self.area = area
        self._cache: dict[tuple[str, str, str], Placement] = {}
        self._as_written: dict[tuple, Placement] = {}  # the same, before folding

    def place(self, province: str | None, district: str | None, commune: str | None) -> Placement:
        written = (province, district, commune)
        if written not in self._as_written:
            key = (fold(province), fold(district), fold(commune))
            if key not in self._cache:
                self._cache[key] = self._place(province, district, commune)
            self._as_written[written] = self._cache[key]
        return self._as_written[written]

    def _place(self, province, district, commune) -> Placement:
        if not district:
            today = find_commune(commune, province)
            if len(today) == 1:
                return self._within_area(ConversionStatus.CONVERTED, [today[0].code], False)
            if len(today) > 1:
                return self._within_area(ConversionStatus.AMBIGUOUS, [c.code for c in today], False)
        conversion = convert_legacy_address(province, district, commune)
        if conversion.status == ConversionStatus.CONVERTED:
            return self._within_area(conversion.status, [conversion.commune.code], True)
        return self._within_area(conversion.status, [c.code for c in conversion.candidates], True)

    def _within_area(
        self, status: ConversionStatus, codes: list[int], converted: bool
    ) -> Placement:
        inside = [code for code in codes if code in self.area]
        if codes and not inside:
            return Placement(status, candidates=codes, converted=converted, outside_area=True)
        if status == ConversionStatus.CONVERTED:
            return Placement(status, inside[0], converted=converted)
        return Placement(status, candidates=inside, converted=converted)
