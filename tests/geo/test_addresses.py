"""Reading a residence written as one text: the table of addresses as papers write them.

The expected communes are not the parser's answers: the rows are hand-picked units of
reintegration/geo/data/*.csv, written out in the ways lists and papers write them (type
words in full, abbreviated or left out; commas, dashes, semicolons or nothing between the
parts; any case; with or without diacritics; decomposed Unicode), and what each must give
is read off the official conversion table. The hard cases at the end are written by hand.
"""

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pytest

from reintegration.core.text import fold
from reintegration.geo.addresses import ConversionStatus, Reason, parse_address, resolve
from reintegration.geo.loading import DATA_DIR
from reintegration.geo.services import address_book


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


LEGACY = {int(r["commune_code"]): r for r in _read("legacy_units_pre2025.csv")}
UNITS = {int(r["commune_code"]): r for r in _read("units_2025.csv")}
CONVERSIONS: dict[int, list[tuple[int, bool]]] = defaultdict(list)
for _row in _read("commune_conversion_2025.csv"):
    CONVERSIONS[int(_row["legacy_commune_code"])].append(
        (int(_row["new_commune_code"]), _row["partly_merged"] == "1")
    )
INTO = {int(r["legacy_province_code"]): r["new_province_codes"] for r in _read(
    "legacy_provinces_pre2025.csv")}  # fmt: skip

# Old communes (code in the old units list), picked to cover: whole and split conversions,
# numbered wards, thị trấn, thị xã and city districts, names with apostrophes, hyphens and
# the old tone placement ("Hoà", "Thuỷ"), provinces merged into another.
OLD_COMMUNES = (
    14689,  # Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình
    14749,  # Xã Yên Thái, Huyện Yên Mô, Tỉnh Ninh Bình
    14083,  # Xã Trực Hùng, Huyện Trực Ninh, Tỉnh Nam Định
    14050,  # Xã Trực Hưng, same district
    406,  # Xã Tân Minh, Huyện Sóc Sơn, Thành phố Hà Nội
    17962,  # Xã Hùng Tiến, Huyện Nam Đàn, Tỉnh Nghệ An
    7909,  # Phường Thanh Miếu, Thành phố Việt Trì, Tỉnh Phú Thọ
    2539,  # Xã Trung Yên, Huyện Sơn Dương, Tỉnh Tuyên Quang
    4675,  # Xã Thanh Lương, Thị xã Nghĩa Lộ, Tỉnh Yên Bái
    27064,  # Phường 8, Quận Phú Nhuận, Thành phố Hồ Chí Minh
    27133,  # Phường 11, Quận 3, Thành phố Hồ Chí Minh
    1954,  # Thị trấn Vân Tùng, Huyện Ngân Sơn, Tỉnh Bắc Kạn
    23656,  # Xã Lơ Ku, Huyện KBang, Tỉnh Gia Lai
    24274,  # Xã Ea H'đinh, Huyện Cư M'gar, Tỉnh Đắk Lắk
    26557,  # Phường Long Toàn, Thành phố Bà Rịa, Tỉnh Bà Rịa - Vũng Tàu
    19813,  # Phường Thuỷ Xuân, Quận Thuận Hóa, Thành phố Huế
    8746,  # Phường Xuân Hoà, Thành phố Phúc Yên, Tỉnh Vĩnh Phúc
    22945,  # Phường Lạc Đạo, Thành phố Phan Thiết, Tỉnh Bình Thuận
    12052,  # Thị trấn Yên Mỹ, Huyện Yên Mỹ, Tỉnh Hưng Yên
    736,  # Xã Xà Phìn, Huyện Đồng Văn, Tỉnh Hà Giang
    13420,  # Xã Khả Phong, Thị xã Kim Bảng, Tỉnh Hà Nam
    22741,  # Phường Phước Mỹ, Thành phố Phan Rang - Tháp Chàm, Tỉnh Ninh Thuận
    7,  # Phường Cống Vị, Quận Ba Đình (split)
    640,  # Thị trấn Văn Điển, Huyện Thanh Trì (split in three)
    27439,  # Phường Bình Hưng Hoà A, Quận Bình Tân (split)
)
# Communes of today (code), in their province.
NEW_COMMUNES = (
    14638,  # Xã Kim Sơn, Tỉnh Ninh Bình (also the name of an old district there)
    26743,  # Phường Bến Thành, Thành phố Hồ Chí Minh (also an old ward of Quận 1)
    20137,  # Xã Chân Mây - Lăng Cô, Thành phố Huế
    226,  # Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội
    24280,  # Xã Cư M’gar, Tỉnh Đắk Lắk
    6994,  # Đặc khu Vân Đồn, Tỉnh Quảng Ninh
    691,  # Phường Hà Giang 2, Tỉnh Tuyên Quang
    20101,  # Xã A Lưới 4, Thành phố Huế
    2788,  # Xã Bản Lầu, Tỉnh Lào Cai ("Bản" also begins hamlets' names)
)

TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
ABBREVIATIONS = {"Thành phố": "TP.", "Thị trấn": "TT.", "Thị xã": "TX.", "Phường": "P.",
                 "Huyện": "H.", "Quận": "Q.", "Tỉnh": "T.", "Xã": "X.",
                 "Đặc khu": "Đặc khu"}  # fmt: skip


def split_type(name: str) -> tuple[str, str]:
    for kind in TYPES:
        if name.startswith(kind + " "):
            return kind, name[len(kind) + 1 :]
    return "", name


def lower_type(name: str) -> str:
    kind, bare = split_type(name)
    return f"{kind.lower()} {bare}"


def abbreviated(name: str) -> str:
    kind, bare = split_type(name)
    if bare.isdigit():  # "Phường 8" → "P.08", "Quận 3" → "Q.03"
        return f"{ABBREVIATIONS[kind]}{bare.zfill(2)}"
    return f"{ABBREVIATIONS[kind]} {bare}"


def dotless(name: str) -> str:
    """ "Xã Trực Hùng" → "x Trực Hùng", "Thị xã Nghĩa Lộ" → "TX Nghĩa Lộ"."""
    kind, rest = split_type(name)
    if kind == "Đặc khu":
        return name
    short = ABBREVIATIONS[kind].rstrip(".")
    return f"{short if len(short) > 1 else short.lower()} {rest}"


def bare(name: str) -> str:
    kind, rest = split_type(name)
    if rest.isdigit():  # nobody writes a ward's number alone: "P8", "Q3"
        return f"{kind[0]}{rest}"
    return rest


@dataclass(frozen=True)
class Case:
    written: str
    status: ConversionStatus
    commune: int | None = None
    candidates: tuple[int, ...] = ()
    street: str | None = None
    province: int | None = None
    hint: int | None = None
    reason: Reason | None = None
    any_street: bool = False  # hostile text: what is kept as its street does not matter

    def __str__(self) -> str:
        return self.written


def old_expected(code: int, folded: bool) -> tuple[ConversionStatus, int | None, tuple]:
    """From the conversion table; written without diacritics, the old communes of the
    same district named alike are candidates too."""
    row = LEGACY[code]
    olds = [code]
    if folded:
        olds += [
            other
            for other, r in LEGACY.items()
            if other != code
            and r["district_code"] == row["district_code"]
            and fold(split_type(r["commune_name"])[1]) == fold(split_type(row["commune_name"])[1])
        ]
    rows = [conversion for old in olds for conversion in CONVERSIONS[old]]
    news = tuple(sorted({new for new, _ in rows}))
    if len(olds) == 1 and len(rows) == 1 and not rows[0][1]:
        return ConversionStatus.CONVERTED, news[0], ()
    status = ConversionStatus.SPLIT if len(olds) == 1 else ConversionStatus.AMBIGUOUS
    return status, None, news


def old_cases() -> list[Case]:
    cases = []
    for code in OLD_COMMUNES:
        row = LEGACY[code]
        c, d, p = row["commune_name"], row["district_name"], row["province_name"]
        into = INTO[int(row["province_code"])]
        province = int(into) if " " not in into else None
        written = [
            (f"{c}, {d}, {p}", None, False),
            (f"Thôn 3, {lower_type(c)}, {lower_type(d)}, {lower_type(p)}", "Thôn 3", False),
            (f"{abbreviated(c)}, {abbreviated(d)}, {abbreviated(p)}", None, False),
            (f"{bare(c)}, {bare(d)}, {bare(p)}", None, False),
            (f"Số 12 Lê Lợi - {c} - {d} - {p}", "Số 12 Lê Lợi", False),
            (f"{c.upper()}; {d.upper()}; {p.upper()}", None, False),
            (f"xom 2, {fold(lower_type(c))}, {fold(lower_type(d))}, {fold(p)}", "xom 2", True),
            (unicodedata.normalize("NFD", f"{c} {d} {p}"), None, False),
            # Abbreviations without their dots, then nothing but the names.
            (f"Xóm 5, {dotless(c)}; {dotless(d)}; {dotless(p)}", "Xóm 5", False),
            (f"{dotless(c)} {dotless(d)} {dotless(p)}".upper(), None, False),
            (f"12 Lê Lợi {bare(c)} {bare(d)} {bare(p)}", "12 Lê Lợi", False),
            (fold(f"thon 3 {bare(c)} {bare(d)} {bare(p)}"), "thon 3", True),
        ]
        for text, street, folded in written:
            status, commune, candidates = old_expected(code, folded)
            cases.append(Case(text, status, commune, candidates, street, province))
    return cases


def new_cases() -> list[Case]:
    cases = []
    for code in NEW_COMMUNES:
        row = UNITS[code]
        c, p, province = row["commune_name"], row["province_name"], int(row["province_code"])
        alike = tuple(sorted(
            other for other, r in UNITS.items()
            if r["province_code"] == row["province_code"]
            and fold(split_type(r["commune_name"])[1]) == fold(split_type(c)[1])
        ))  # fmt: skip
        folded = (ConversionStatus.AMBIGUOUS, None, alike) if len(alike) > 1 else (
            ConversionStatus.CONVERTED, code, ())  # fmt: skip
        found = (ConversionStatus.CONVERTED, code, ())
        for text, street, expected in [
            (f"{c}, {p}", None, found),
            (f"Tổ 5, {lower_type(c)}, {lower_type(p)}", "Tổ 5", found),
            (f"{abbreviated(c)}, {abbreviated(p)}", None, found),
            (f"{bare(c)}, {bare(p)}", None, found),
            (f"Số 7 - {c} - {p}", "Số 7", found),
            (f"{fold(c)}, {fold(p)}", None, folded),
        ]:
            cases.append(Case(text, expected[0], expected[1], expected[2], street, province))
    return cases


C = ConversionStatus
HARD_CASES = [
    # The issue's own examples.
    Case("Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình", C.CONVERTED, 14623, province=37),
    Case("Thôn 3, xã Yên Thái, huyện Yên Mô, tỉnh Ninh Bình", C.CONVERTED, 14746,
         street="Thôn 3", province=37),
    # Phường Hai Bà Trưng of Phủ Lý is not in the last old list: the place is read, the
    # commune is not found, nobody guesses.
    Case("Số 12 Lê Lợi, P. Hai Bà Trưng, TP. Phủ Lý, Hà Nam", C.NOT_FOUND,
         street="Số 12 Lê Lợi", province=37, reason=Reason.COMMUNE),
    # Trực Hùng and Trực Hưng: told apart by any diacritic written.
    Case("Xã Trực Hùng, Huyện Trực Ninh, Tỉnh Nam Định", C.CONVERTED, 14077, province=37),
    Case("Xã Trực Hưng, Huyện Trực Ninh, Tỉnh Nam Định", C.CONVERTED, 14053, province=37),
    Case("Truc Hùng, Trực Ninh, Nam Định", C.CONVERTED, 14077, province=37),
    Case("Trực Hưng, H. Truc Ninh, Nam Dinh", C.CONVERTED, 14053, province=37),
    Case("xa truc hung, huyen truc ninh, nam dinh", C.AMBIGUOUS, candidates=(14053, 14077),
         province=37),
    Case("Xóm 2, Trực Hùng, Trực Ninh, Nam Định, Việt Nam", C.CONVERTED, 14077,
         street="Xóm 2", province=37),
    # Hồ Chí Minh City as people write it; numbered wards and districts.
    Case("Phường 4, Quận 5, TP HCM", C.CONVERTED, 27301, province=79),
    Case("P.04, Q.5, TP.HCM", C.CONVERTED, 27301, province=79),
    Case("F4 Q5 TPHCM", C.CONVERTED, 27301, province=79),
    Case("P4 - Q5 - Thành phố Hồ Chí Minh", C.CONVERTED, 27301, province=79),
    Case("12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh", C.CONVERTED, 26743,
         street="12 Lê Lợi", province=79),
    Case("Phường 1, TP Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu", C.CONVERTED, 26506, province=79),
    # No separators at all.
    Case("xa con thoi huyen kim son tinh ninh binh", C.CONVERTED, 14623, province=37),
    Case("XÃ CỒN THOI HUYỆN KIM SƠN TỈNH NINH BÌNH", C.CONVERTED, 14623, province=37),
    Case("xa trung xuan huyen quan son tinh thanh hoa", C.CONVERTED, 15001, province=38),
    Case("Xã Cồn Thoi-Huyện Kim Sơn-Tỉnh Ninh Bình", C.CONVERTED, 14623, province=37),
    # Written without diacritics nor separators, type words inside names ("Sơn Tịnh",
    # "Tam Quan Nam"), the city's type word before its name.
    Case("xom 148 xa tinh phong huyen son tinh tinh quang ngai", C.CONVERTED, 21181,
         street="xom 148", province=51),
    Case("thon 231 phuong 1 quan tan binh thanh pho ho chi minh", C.CONVERTED, 26977,
         street="thon 231", province=79),
    Case("Xóm 5 - P. Tam Quan Nam - TX. Hoài Nhơn - T. Bình Định", C.CONVERTED, 21664,
         street="Xóm 5"),
    # A type word that is also the start of a name: Huyện Quan Sơn is not a "Quận".
    Case("Xã Trung Xuân, Huyện Quan Sơn, Tỉnh Thanh Hóa", C.CONVERTED, 15001, province=38),
    Case("huyen quan son tinh thanh hoa", C.NOT_FOUND, province=38, reason=Reason.NO_COMMUNE),
    # Old and new tone placement, old province names, apostrophes written otherwise.
    Case("Phường Xuân Hòa, TP Phúc Yên, Vĩnh Phúc", C.CONVERTED, 8746, province=25),
    Case("Phường Thủy Xuân, Q. Thuận Hoá, Thừa Thiên Huế", C.CONVERTED, 19813, province=46),
    Case("Xã Ea H’đinh, huyện Cư Mgar, Đắk Lắk", C.CONVERTED, 24280, province=66),
    Case("Phường Phước Mỹ, TP Phan Rang-Tháp Chàm, Ninh Thuận", C.CONVERTED, 22741,
         province=56),
    # A district named for the unit it was, or left out.
    Case("Thị trấn Yên Thịnh, Yên Mô, Ninh Bình", C.CONVERTED, 14701, province=37),
    Case("TT. Yên Thịnh, H. Yên Mô, T. Ninh Bình", C.CONVERTED, 14701, province=37),
    Case("Thôn 3, Yên Mô, Ninh Bình", C.CONVERTED, 14701, street="Thôn 3", province=37),
    Case("Cồn Thoi, Kim Sơn, Ninh Bình", C.CONVERTED, 14623, province=37),
    Case("Xã Trực Hùng, Nam Định", C.CONVERTED, 14077, province=37),
    # Split communes ask a person.
    Case("Phường Quang Trung, Quận Đống Đa, Hà Nội", C.SPLIT, candidates=(229, 235),
         province=1),
    # Old Phường Văn Miếu - Quốc Tử Giám (181) went partly into 190 and 226.
    Case("Tổ 5, P. Văn Miếu - Quốc Tử Giám, Q. Đống Đa, TP. Hà Nội", C.SPLIT,
         candidates=(190, 226), street="Tổ 5", province=1),
    # No province written: a list's own province is where to look first.
    Case("Thôn Đông, Xã Yên Thái, Huyện Yên Mô", C.CONVERTED, 14746, street="Thôn Đông",
         province=37),
    Case("Xã Yên Thái", C.CONVERTED, 14746, province=37, hint=37),
    Case("Cồn Thoi", C.CONVERTED, 14623, province=37, hint=37),
    # Invisible characters, stray spaces and dots, Windows line breaks.
    Case("Xã\u200b Cồn  Thoi ,\r\nHuyện Kim Sơn. ,Tỉnh Ninh Bình.", C.CONVERTED, 14623,
         province=37),
    # What cannot be read says why.
    Case("", C.NOT_FOUND, reason=Reason.NO_COMMUNE),
    Case("Tỉnh Ninh Bình", C.NOT_FOUND, province=37, reason=Reason.NO_COMMUNE),
    Case("Xã Không Có, Huyện Kim Sơn, Ninh Bình", C.NOT_FOUND, province=37,
         reason=Reason.COMMUNE),
    # A district the province does not have: the commune it would hold is offered, for a
    # person to choose (a district merged or renamed since the paper, or mistyped).
    Case("Xã Cồn Thoi, Huyện Không Có, Ninh Bình", C.NOT_FOUND, province=37,
         candidates=(14623,), reason=Reason.DISTRICT),
    Case("Phường Đông Thành, Thành phố Ninh Bình, Ninh Bình", C.NOT_FOUND, province=37,
         candidates=(14329,), reason=Reason.DISTRICT),
    Case("Phường Đông Thành, TP Ninh Bình, Tỉnh Ninh Bình", C.NOT_FOUND, province=37,
         candidates=(14329,), reason=Reason.DISTRICT),
    Case("Xã Không Có, Huyện Không Có, Ninh Bình", C.NOT_FOUND, province=37,
         reason=Reason.DISTRICT),
    Case("Xã Cồn Thoi, Tỉnh Không Có", C.NOT_FOUND, reason=Reason.PROVINCE),
    # Province first; notes in brackets; a house number with a slash.
    Case("Việt Nam, Tỉnh Ninh Bình, Huyện Kim Sơn, Xã Cồn Thoi", C.CONVERTED, 14623,
         province=37),
    Case("Xã Yên Thái (cũ), huyện Yên Mô, tỉnh Ninh Bình (cũ)", C.CONVERTED, 14746,
         province=37),
    Case("Số 12/3 Trần Phú, phường 4, quận 5, thành phố Hồ Chí Minh", C.CONVERTED, 27301,
         street="Số 12/3 Trần Phú", province=79),
    # A city of a city (TP. Thủ Đức), a group of houses, a special zone.
    Case("Khu phố 3, Phường Linh Trung, TP. Thủ Đức, TPHCM", C.CONVERTED, 26800,
         street="Khu phố 3", province=79),
    Case("Tổ dân phố 5, Phường Trung Hưng, TX. Sơn Tây, Hà Nội", C.SPLIT,
         candidates=(9574, 9604), street="Tổ dân phố 5", province=1),
    Case("Phú Quốc, Kiên Giang", C.CONVERTED, 31078, province=91),
    # Island districts the old table names with no commune: the special zone they became,
    # whatever commune older papers name before them (Lý Sơn's communes ended in 2020).
    Case("Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu", C.CONVERTED, 26732, province=79),
    Case("Khu 5, huyện Côn Đảo, Bà Rịa Vũng Tàu", C.CONVERTED, 26732, street="Khu 5",
         province=79),
    Case("Huyện Bạch Long Vĩ, TP Hải Phòng", C.CONVERTED, 11948, province=31),
    Case("Thôn Đông, xã An Vĩnh, huyện Lý Sơn, tỉnh Quảng Ngãi", C.CONVERTED, 21548,
         street="Thôn Đông", province=51),
    Case("huyen con co, quang tri", C.CONVERTED, 19742, province=44),
    Case("Huyện đảo Lý Sơn, Quảng Ngãi", C.CONVERTED, 21548, province=51),
    Case("huyen dao con co, quang tri", C.CONVERTED, 19742, province=44),
    # An island district that had communes is no commune by itself.
    Case("Huyện Phú Quốc, Kiên Giang", C.NOT_FOUND, province=91, reason=Reason.NO_COMMUNE),
    # Abbreviations without their dots among separators; one stuck to its name; all in
    # capitals; stray spaces, dots and commas.
    Case("xom 5, x. truc hung; h truc ninh; t nam dinh", C.AMBIGUOUS,
         candidates=(14053, 14077), street="xom 5", province=37),
    Case("x truc hung h truc ninh t nam dinh", C.AMBIGUOUS, candidates=(14053, 14077),
         province=37),
    Case("X TRỰC HÙNG H TRỰC NINH T NAM ĐỊNH", C.CONVERTED, 14077, province=37),
    Case("P.Bến Nghé, Q.1, Tp.HCM", C.CONVERTED, 26740, province=79),
    Case("12 Lê Lợi, Bến Nghé, Q1, HCM", C.CONVERTED, 26740, street="12 Lê Lợi", province=79),
    Case("p ben nghe q 1 tp hcm", C.CONVERTED, 26740, province=79),
    Case("Tp. Hồ Chí Minh, Q.1, P.Bến Nghé", C.CONVERTED, 26740, province=79),
    Case("Xã Yên Sơn, TX Tam Điệp, Ninh Bình", C.CONVERTED, 14371, province=37),
    Case("TT Yên Thịnh, H Yên Mô, T Ninh Bình", C.CONVERTED, 14701, province=37),
    Case("  XÃ  CỒN THOI ,, HUYỆN KIM SƠN .. TỈNH NINH BÌNH ., ", C.CONVERTED, 14623,
         province=37),
    Case("Thôn 3 - Xã Yên Thái - Huyện Yên Mô - Ninh Bình", C.CONVERTED, 14746,
         street="Thôn 3", province=37),
    # Thị trấn Me was renamed before the last old list: a commune the text names is never
    # passed over for the district's name (Xã Gia Viễn of today).
    Case("TT Me, Gia Viễn, Ninh Bình", C.NOT_FOUND, province=37, reason=Reason.COMMUNE),
    Case("TT Me, H. Gia Viễn, Ninh Bình", C.NOT_FOUND, province=37, reason=Reason.COMMUNE),
    # No separators and no type words: the names read from the right end.
    Case("số 12 lê lợi p hai bà trưng tp phủ lý hà nam", C.NOT_FOUND, street="số 12 lê lợi",
         province=37, reason=Reason.COMMUNE),
    Case("thon 3 xa yen thai huyen yen mo ninh binh", C.CONVERTED, 14746, street="thon 3",
         province=37),
    Case("thon 3 yen thai yen mo ninh binh", C.CONVERTED, 14746, street="thon 3",
         province=37),
    Case("Thôn 3 xã Yên Thái Yên Mô Ninh Bình", C.CONVERTED, 14746, street="Thôn 3",
         province=37),
    Case("Thôn 3 Yên Thái Yên Mô", C.CONVERTED, 14746, street="Thôn 3", province=37, hint=37),
    Case("Cồn Thoi Kim Sơn Ninh Bình", C.CONVERTED, 14623, province=37),
    Case("12 Le Loi Truc Hung Truc Ninh Nam Dinh", C.AMBIGUOUS, candidates=(14053, 14077),
         street="12 Le Loi", province=37),
    Case("12 Lê Lợi Trực Hưng Trực Ninh Nam Định", C.CONVERTED, 14053, street="12 Lê Lợi",
         province=37),
    Case("Thôn 3 Xã Yên Thái Huyện Yên Mô Tỉnh Ninh Bình Việt Nam", C.CONVERTED, 14746,
         street="Thôn 3", province=37),
    Case("X.Yên Thái,H.Yên Mô,T.Ninh Bình", C.CONVERTED, 14746, province=37),
    Case("TX TAM ĐIỆP, NINH BÌNH, P TRUNG SƠN", C.CONVERTED, 14365, province=37),
    Case("KP3 P.Linh Trung TP.Thủ Đức TP.HCM", C.CONVERTED, 26800, street="KP3", province=79),
    # "Sơn Dương" is not "Sơn, đường …": a street word counts as written.
    Case("Trung Yên Sơn Dương Tuyên Quang", C.CONVERTED, 2545, province=8),
    # The name after a hamlet's word is the hamlet's: Kim Sơn is then the commune.
    Case("xóm Cồn Thoi Kim Sơn Ninh Bình", C.CONVERTED, 14638, street="xóm Cồn Thoi",
         province=37),
    # The old province's name across a dash, with the street before it unseparated.
    Case("12 Lê Lợi Long Toàn Bà Rịa Bà Rịa - Vũng Tàu", C.CONVERTED, 26560,
         street="12 Lê Lợi", province=79),
    Case("Cồn Thoi Kim Sơn", C.NOT_FOUND, reason=Reason.COMMUNE),  # no province: no guess
    # One untyped name after a street is a street's name as often as a ward's.
    Case("Số 5 ngõ 12 Hàng Bông", C.NOT_FOUND, street="Số 5 ngõ 12 Hàng Bông", hint=1,
         reason=Reason.NO_COMMUNE),
    Case("Số 5 ngõ 12 Hàng Bông Hoàn Kiếm", C.SPLIT, candidates=(70, 82),
         street="Số 5 ngõ 12", province=1, hint=1),
    # "nay là": the writer names the commune of today; it chooses among a split's.
    Case("Phường Cống Vị, Quận Ba Đình, Hà Nội (nay là phường Ngọc Hà)", C.CONVERTED, 8,
         province=1),
    Case("Phường Cống Vị (nay là P. Giảng Võ), Q. Ba Đình, Hà Nội", C.CONVERTED, 25,
         province=1),
    Case("Xã Cồn Thoi nay là xã Bình Minh, Ninh Bình", C.CONVERTED, 14623, province=37),
    Case("Thôn 3, Xã Yên Thái, Huyện Yên Mô, Ninh Bình, nay là Xã Đồng Thái", C.CONVERTED,
         14746, street="Thôn 3", province=37),
    # A note that contradicts the address: both are offered.
    Case("Thôn 3, Xã Yên Thái, Huyện Yên Mô, Ninh Bình (nay là xã Bình Minh)", C.AMBIGUOUS,
         candidates=(14623, 14746), street="Thôn 3", province=37),
    # Hostile text: read quickly and placed nowhere.
    Case("Xã Cồn Thoi\x00, Huyện Kim Sơn, Ninh Bình", C.NOT_FOUND, reason=Reason.CHARACTERS),
    Case("Xã Cồn Thoi, \u202eHuyện Kim Sơn, Ninh Bình", C.NOT_FOUND,
         reason=Reason.CHARACTERS),
    Case("Xã Cồn Thoi\x1b[2J, Ninh Bình", C.NOT_FOUND, reason=Reason.CHARACTERS),
    Case("'; DROP TABLE people; --", C.NOT_FOUND, any_street=True),
    Case("Robert'); DROP TABLE communes;--, Ninh Bình", C.NOT_FOUND, province=37,
         any_street=True),
    Case("x" * 600, C.NOT_FOUND, reason=Reason.TOO_LONG),
    Case("Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình; " * 12, C.NOT_FOUND,
         reason=Reason.TOO_LONG),
    Case("xa " * 160, C.NOT_FOUND, any_street=True),
    Case("- , ; " * 80, C.NOT_FOUND, reason=Reason.NO_COMMUNE),
]  # fmt: skip

TABLE = old_cases() + new_cases() + HARD_CASES


def test_the_table_is_large_enough():
    assert len(TABLE) >= 150


@pytest.fixture(scope="module")
def book(app):
    with app.app_context():
        return address_book()


@pytest.mark.parametrize("case", TABLE, ids=str)
def test_address(book, case: Case):
    result = resolve(case.written, book, province_hint=case.hint)
    got = (result.status, result.commune_code, tuple(sorted(result.candidates)))
    assert got == (case.status, case.commune, case.candidates)
    assert result.street == case.street or case.any_street
    assert result.written == case.written  # the original kept beside the result
    if case.province is not None:
        assert result.province_code == case.province
    if case.reason is not None:
        assert result.reason == case.reason


def test_the_text_is_cut_into_its_parts_without_the_book():
    parsed = parse_address("Số 12 Lê Lợi, P. Hai Bà Trưng, TP. Phủ Lý, Hà Nam")
    assert [(p.kind, p.name) for p in parsed.parts] == [
        ("street", "Số 12 Lê Lợi"),
        ("phường", "Hai Bà Trưng"),
        ("thành phố", "Phủ Lý"),
        (None, "Hà Nam"),
    ]


def test_flask_geo_read_address_shows_how_a_text_is_read(runner):
    result = runner.invoke(
        args=["geo", "read-address", "Thôn 3, xã Yên Thái, huyện Yên Mô, tỉnh Ninh Bình"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "converted: 14746 Xã Đồng Thái", "street: Thôn 3", "province: 37",
    ]  # fmt: skip
    split = runner.invoke(args=["geo", "read-address", "Phường Cống Vị, Quận Ba Đình, Hà Nội"])
    assert split.output.splitlines()[0] == "split: 8 Phường Ngọc Hà; 25 Phường Giảng Võ"
