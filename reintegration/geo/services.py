"""Administrative units: loading the official lists, finding units by code or name, and
converting a pre-July-2025 address (province, district, commune) to the commune of today.

A unit may be named by its code (an int or a string of digits) or by its name, with or
without diacritics, in any case, with or without its type ("Tỉnh", "Thành phố", "TP.",
"Quận", "Huyện", "Thị xã", "Xã", "Phường", "Thị trấn", "Đặc khu"…).
"""

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import g
from sqlalchemy import Select, or_, select

from reintegration.core.text import fold
from reintegration.extensions import db
from reintegration.geo.addresses import (
    AddressBook,
    ConversionStatus,
    ResolvedAddress,
    Unit,
    as_written,
    official_type,
    resolve,
    written_name,
)
from reintegration.geo.loading import REFERENCE_TABLES, load_units, unit_counts
from reintegration.geo.models import (
    Commune,
    CommuneConversion,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    Province,
)

__all__ = [
    "REFERENCE_TABLES",
    "Conversion",
    "ConversionStatus",
    "address_book",
    "convert_legacy_address",
    "find_commune",
    "legacy_province",
    "legacy_province_codes",
    "load_units",
    "read_address",
    "unit_counts",
]

UnitRef = int | str | None


@dataclass(frozen=True)
class Conversion:
    status: ConversionStatus
    commune: Commune | None = None
    # The new communes a person chooses among (SPLIT, AMBIGUOUS) or may have meant (NOT_FOUND).
    candidates: list[Commune] = field(default_factory=list)
    legacy: LegacyCommune | None = None


def legacy_province(code: int) -> LegacyProvince | None:
    """The pre-2025 province with this code (the first three digits of an ID number)."""
    return db.session.get(LegacyProvince, code)


def legacy_province_codes() -> frozenset[int]:
    """The codes of the pre-2025 provinces (the official table's 63), read once per
    application context: a list checks the ID number of every row against them."""
    codes = g.get("legacy_province_codes")
    if not codes:
        codes = frozenset(db.session.scalars(select(LegacyProvince.code)))
        g.legacy_province_codes = codes
    return codes


def find_commune(name_or_code: UnitRef, province: UnitRef = None) -> list[Commune]:
    """The communes in force today that ``name_or_code`` names, within ``province`` if given."""
    stmt = select(Commune)
    if not _blank(province):
        provinces = _resolve(Province, province, select(Province))
        if not provinces:
            return []
        stmt = stmt.where(Commune.province_code.in_([p.code for p in provinces]))
    if _blank(name_or_code):
        return []
    return _by_name(_resolve(Commune, name_or_code, stmt))


def convert_legacy_address(
    province: UnitRef = None, district: UnitRef = None, commune: UnitRef = None
) -> Conversion:
    """The new commune for an old address, by the official conversion table.

    Province and district, when given, narrow the search for the old commune; a province or
    district that matches nothing gives NOT_FOUND. For NOT_FOUND the candidates are the new
    communes of the old communes of the province whose name is close to the one given.
    """
    stmt = select(LegacyCommune)
    provinces: list[LegacyProvince] = []
    if not _blank(province):
        provinces = _resolve(LegacyProvince, province, select(LegacyProvince))
        if not provinces:
            return Conversion(ConversionStatus.NOT_FOUND)
        stmt = stmt.where(LegacyCommune.province_code.in_([p.code for p in provinces]))
    if not _blank(district):
        district_stmt = select(LegacyDistrict)
        if provinces:
            codes = [p.code for p in provinces]
            district_stmt = district_stmt.where(LegacyDistrict.province_code.in_(codes))
        districts = _resolve(LegacyDistrict, district, district_stmt)
        if not districts:
            return _not_found(commune, provinces)
        stmt = stmt.where(LegacyCommune.district_code.in_([d.code for d in districts]))
    if _blank(commune):
        return Conversion(ConversionStatus.NOT_FOUND)

    matches = _resolve(LegacyCommune, commune, stmt)
    if len(matches) > 1:
        conversions = _conversions_of([m.code for m in matches])
        new = [row.new_commune for m in matches for row in conversions[m.code]]
        return Conversion(ConversionStatus.AMBIGUOUS, candidates=_by_name(new))
    if matches:
        return _converted(matches[0].code, matches[0], provinces)
    code = _code(commune)
    if code is not None and db.session.get(LegacyCommune, code) is None:
        # The conversion table names a few old communes missing from the old units list.
        return _converted(code, None, provinces)
    return _not_found(commune, provinces)


def _converted(
    code: int, legacy: LegacyCommune | None, provinces: list[LegacyProvince]
) -> Conversion:
    rows = _conversions_of([code])[code]
    if not rows:
        name = legacy.name if legacy is not None else None
        return _not_found(name, provinces or ([legacy.province] if legacy else []), legacy)
    if len(rows) == 1 and not rows[0].partly_merged:
        return Conversion(ConversionStatus.CONVERTED, commune=rows[0].new_commune, legacy=legacy)
    candidates = _by_name(row.new_commune for row in rows)
    return Conversion(ConversionStatus.SPLIT, candidates=candidates, legacy=legacy)


def _not_found(
    name: UnitRef, provinces: list[LegacyProvince], legacy: LegacyCommune | None = None
) -> Conversion:
    """NOT_FOUND, offering the new communes of old communes of the province named alike."""
    if _blank(name) or _code(name) is not None or not provinces:
        return Conversion(ConversionStatus.NOT_FOUND, legacy=legacy)
    olds = db.session.scalars(
        select(LegacyCommune).where(LegacyCommune.province_code.in_([p.code for p in provinces]))
    ).all()
    by_bare: dict[str, list[LegacyCommune]] = defaultdict(list)
    for old in olds:
        if legacy is None or old.code != legacy.code:
            by_bare[_bare_name(old.name)].append(old)
    close = difflib.get_close_matches(_typed_bare(str(name)), list(by_bare), n=5, cutoff=0.8)
    codes = [old.code for bare in close for old in by_bare[bare]]
    conversions = _conversions_of(codes)
    new = [row.new_commune for code in codes for row in conversions[code]]
    return Conversion(ConversionStatus.NOT_FOUND, candidates=_by_name(new), legacy=legacy)


def _conversions_of(legacy_codes: list[int]) -> dict[int, list[CommuneConversion]]:
    found: dict[int, list[CommuneConversion]] = defaultdict(list)
    if legacy_codes:
        rows = db.session.scalars(
            select(CommuneConversion).where(CommuneConversion.legacy_commune_code.in_(legacy_codes))
        )
        for row in rows:
            found[row.legacy_commune_code].append(row)
    return found


def _by_name(communes: Iterable[Commune]) -> list[Commune]:
    """Without repeats, in alphabetical order of the folded name."""
    unique = {c.code: c for c in communes}
    return sorted(unique.values(), key=lambda c: (c.name_folded, c.code))


# Matching names -------------------------------------------------------------------------

# The same, folded as people type them, with the usual abbreviations ("TP.", "Q.1", "P3").
_TYPED_PREFIX = re.compile(
    r"^(?:(?:thanh pho|thi tran|thi xa|dac khu|phuong|huyen|quan|tinh|xa|tp|tx|tt)\s+"
    r"|(?:tp|tx|tt|q|h|x|p)\.\s*"
    r"|[qp](?=\d))"
)
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
_ALIASES = {"hcm": "ho chi minh", "tphcm": "ho chi minh"}


def _blank(ref: UnitRef) -> bool:
    return ref is None or (isinstance(ref, str) and not ref.strip())


def _code(ref: UnitRef) -> int | None:
    if isinstance(ref, int) and not isinstance(ref, bool):
        return ref
    if isinstance(ref, str) and re.fullmatch(r"\d+", ref.strip(), re.ASCII):
        return int(ref)
    return None


def _bare_name(official: str) -> str:
    """An official name folded without its type: "Phường Phương Liên" → "phuong lien"."""
    return fold(official_type(official)[1])


def _typed_bare(text: str) -> str:
    """What someone typed, folded, with a leading type word taken off: "TP. Hà Nội" → "ha noi"."""
    bare = _LEADING_ZEROS.sub("", _TYPED_PREFIX.sub("", fold(text), count=1))
    return _ALIASES.get(bare, bare)


def _resolve(model: type, ref: UnitRef, stmt: Select) -> list:
    """The rows of ``stmt`` (over ``model``) that ``ref`` names, by code or by name.

    A string of digits is tried as a code, then as a name ("1" may mean "Quận 1").
    """
    code = _code(ref)
    if code is not None:
        row = db.session.scalar(stmt.where(model.code == code))
        if row is not None:
            return [row]
        if not isinstance(ref, str):
            return []
    return _match_name(model, str(ref), stmt)


def _match_name(model: type, text: str, stmt: Select) -> list:
    """Rows named ``text``: the best of three ever looser readings that finds any.

    1. the whole name as typed ("xa tan minh" = "Xã Tân Minh");
    2. the name as typed, without the official type ("quan son" = "Huyện Quan Sơn");
    3. the name without what looks like a type in what was typed ("tp ha noi" = "Hà Nội").
    """
    typed = fold(text)
    bare = _typed_bare(text)
    # A name without its type is the end of the folded official name: narrow in SQL by that.
    conditions = []
    for form in {typed, bare}:
        if form:
            conditions += [model.name_folded == form]
            conditions += [model.name_folded.endswith(" " + form, autoescape=True)]
    if not conditions:
        return []
    rows = db.session.scalars(stmt.where(or_(*conditions))).all()
    readings = (
        lambda row: row.name_folded == typed,
        lambda row: _bare_name(row.name) == typed,
        lambda row: _bare_name(row.name) == bare,
    )
    for reading in readings:
        found = [row for row in rows if reading(row)]
        if found:
            # "Trực Hùng" is not "Trực Hưng": told apart by the diacritics typed, if any.
            return as_written(written_name(text), found, lambda row: official_type(row.name)[1])
    return []


_books: dict[tuple, AddressBook] = {}


def read_address(text: str, province_hint: int | None = None) -> ResolvedAddress:
    """A residence written as one text, placed in its commune of today (``geo.addresses``)."""
    return resolve(text, address_book(), province_hint=province_hint)


def address_book() -> AddressBook:
    """The units, old and new, and the conversion table, for reading addresses
    (``geo.addresses.resolve``). About 25,000 rows: read once per process and database,
    and again when the tables' sizes change (``flask geo load``)."""
    key = (db.engine.url.render_as_string(), tuple(unit_counts().items()))
    if key not in _books:
        _books.clear()
        _books[key] = _read_address_book()
    return _books[key]


def _read_address_book() -> AddressBook:
    rows = db.session.execute
    return AddressBook(
        provinces=[Unit(r.code, r.name) for r in rows(select(Province.code, Province.name))],
        communes=[
            Unit(r.code, r.name, r.province_code)
            for r in rows(select(Commune.code, Commune.name, Commune.province_code))
        ],
        legacy_provinces=[
            Unit(r.code, r.name) for r in rows(select(LegacyProvince.code, LegacyProvince.name))
        ],
        legacy_districts=[
            Unit(r.code, r.name, r.province_code)
            for r in rows(
                select(LegacyDistrict.code, LegacyDistrict.name, LegacyDistrict.province_code)
            )
        ],
        legacy_communes=[
            Unit(r.code, r.name, r.district_code, r.province_code)
            for r in rows(
                select(
                    LegacyCommune.code,
                    LegacyCommune.name,
                    LegacyCommune.district_code,
                    LegacyCommune.province_code,
                )
            )
        ],
        conversions=_conversion_table(),
        legacy_province_into={
            r.code: {int(code) for code in r.new_province_codes.split()}
            for r in rows(select(LegacyProvince.code, LegacyProvince.new_province_codes))
        },
    )


def _conversion_table() -> dict[int, list[tuple[int, bool]]]:
    table: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    columns = (
        CommuneConversion.legacy_commune_code,
        CommuneConversion.new_commune_code,
        CommuneConversion.partly_merged,
    )
    for old, new, partly in db.session.execute(select(*columns)):
        table[old].append((new, bool(partly)))
    return dict(table)
