"""The columns a release list may have, and matching its headings to them: in Vietnamese
or English, without diacritics or case, ignoring punctuation and a note in brackets
("Ngày sinh (dd/mm/yyyy)")."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from reintegration.core.text import fold

IGNORE = "ignore"


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy string
    headings: tuple[str, ...]  # folded, punctuation as spaces


COLUMNS: tuple[Column, ...] = (
    Column("full_name", _l("Full name"), (
        "ho va ten", "ho ten", "ho va ten pham nhan", "ho ten pham nhan", "ten",
        "full name", "name",
    )),
    Column("other_names", _l("Other names"), ("ten goi khac", "ten khac", "bi danh",
                                              "other names", "alias")),
    Column("birth_date", _l("Date of birth"), (
        "ngay sinh", "ngay thang nam sinh", "sinh ngay", "date of birth", "birth date", "dob",
    )),
    Column("birth_year", _l("Year of birth"), ("nam sinh", "year of birth", "birth year")),
    Column("sex", _l("Sex"), ("gioi tinh", "sex", "gender")),
    # "Năm sinh" over two columns, "Nam" and "Nữ", as official lists write it: the birth is
    # written in the column of the person's sex (headings over two rows, ``reading``).
    Column("birth_male", _l("Date or year of birth, in the column for men"), (
        "nam sinh nam", "ngay sinh nam", "ngay thang nam sinh nam", "sinh nam",
    )),
    Column("birth_female", _l("Date or year of birth, in the column for women"), (
        "nam sinh nu", "ngay sinh nu", "ngay thang nam sinh nu", "sinh nu",
    )),
    # "Giới tính" over "Nam" and "Nữ": a mark (x) in the column of the person's sex.
    Column("sex_male", _l("Sex: marked in the column for men"), ("gioi tinh nam",)),
    Column("sex_female", _l("Sex: marked in the column for women"), ("gioi tinh nu",)),
    Column("id_number", _l("Citizen ID number"), (
        "so dinh danh ca nhan", "so dinh danh", "so can cuoc", "so can cuoc cong dan",
        "can cuoc", "can cuoc cong dan", "cccd", "so cccd", "citizen id", "citizen id number",
        "id number", "personal id", "so cccd cmnd", "cccd cmnd", "so cmnd cccd", "cmnd cccd",
        "so cmnd can cuoc", "so cccd cmt", "so cmt cccd",
    )),
    Column("old_id_number", _l("Old ID card number (9 digits)"), (
        "so cmnd", "cmnd", "chung minh nhan dan", "so chung minh nhan dan", "old id",
        "old id number", "id card number",
    )),
    Column("nationality", _l("Nationality"), ("quoc tich", "nationality")),
    Column("ethnicity", _l("Ethnicity"), ("dan toc", "ethnicity")),
    Column("phone", _l("Phone"), ("so dien thoai", "dien thoai", "sdt", "phone",
                                  "phone number")),
    Column("residence_address", _l("Address (house, street, village)"), (
        "so nha", "thon xom", "so nha duong pho", "thon xom to dan pho", "street address",
        "house", "street",
    )),
    # The whole residence in one cell, as the release papers write it.
    Column("residence", _l("Residence in one cell (village, commune, district, province)"), (
        "noi cu tru", "dia chi", "dia chi cu tru", "dia chi thuong tru", "noi thuong tru",
        "noi dktt", "noi dang ky thuong tru", "dktt", "hktt", "ho khau thuong tru",
        "noi o", "noi o hien nay", "noi o hien tai", "cho o", "cho o hien nay", "tru quan",
        "que quan noi cu tru", "que quan noi thuong tru", "que quan dia chi",
        "noi cu tru sau khi ra trai", "noi ve cu tru", "noi cu tru khi ra trai",
        "residence", "address", "home address", "permanent residence",
    )),
    Column("province", _l("Province"), ("tinh", "tinh thanh pho", "tinh tp", "thanh pho",
                                        "province", "city")),
    Column("district", _l("District (before July 2025)"), ("huyen", "quan huyen",
                                                          "huyen quan", "district")),
    Column("commune", _l("Commune"), (
        "xa", "xa phuong", "phuong xa", "xa phuong thi tran", "xa phuong dac khu", "commune",
        "ward", "commune ward", "ma xa", "commune code",
    )),
    Column("release_type", _l("Release type"), ("hinh thuc", "hinh thuc tha", "dien tha",
                                                "release type")),
    Column("release_date", _l("Release date"), (
        "ngay ra trai", "ngay tha", "ngay duoc tha", "ngay chap hanh xong", "release date",
        "released on", "ngay ra tu", "ngay tha tu", "ngay duoc dac xa", "ngay dac xa",
        "ngay chap hanh xong an", "ngay chap hanh xong an phat tu", "ngay ra khoi trai",
        "ngay het an", "ngay tra tu do", "ngay ra trai giam",
    )),
    Column("amnesty_decision", _l("Amnesty decision"), (
        "quyet dinh dac xa", "so quyet dinh", "so quyet dinh dac xa", "amnesty decision",
    )),
    Column("certificate_number", _l("Certificate number"), (
        "so giay chung nhan", "so gcn", "giay chung nhan", "certificate number", "certificate",
        "so gcn dac xa", "gcn dac xa", "so giay chung nhan dac xa", "giay chung nhan dac xa",
        "so giay chung nhan chap hanh xong an phat tu", "so giay chung nhan chap hanh xong",
        "so gcn chap hanh xong", "so giay cn", "so giay cn dac xa", "giay chung nhan so",
        "gcn so", "so gcn ra trai", "certificate no",
    )),
    Column("detention_facility", _l("Detention facility"), (
        "trai giam", "noi chap hanh an", "co so giam giu", "detention facility", "prison",
        "noi chap hanh an phat tu", "trai giam noi chap hanh an", "ten trai giam",
        "don vi chap hanh an", "co so giam giu phat tu", "trai tam giam", "noi giam giu",
        "noi ra trai",
    )),
    Column("offence", _l("Offence (as on the release paper)"), (
        "toi danh", "toi", "toi pham", "ten toi danh", "pham toi", "toi danh bi ket an",
        "offence", "offense", "crime", "conviction",
    )),
    Column("sentence_months", _l("Sentence"), (
        "muc an", "muc an thang", "an phat", "so thang tu", "sentence", "sentence months",
        "muc an nam", "muc an tu", "muc hinh phat", "hinh phat", "an tu", "thoi han tu",
        "muc an phat tu", "an phat tu", "muc an bi tuyen", "sentence years",
    )),
    Column("served_months", _l("Time served"), (
        "da chap hanh", "thoi gian da chap hanh", "so thang da chap hanh", "served months",
        "months served", "thoi gian da chap hanh an", "da chap hanh duoc", "time served",
    )),
    Column("family_contact", _l("Family contact"), (
        "nguoi than", "lien he gia dinh", "than nhan", "family contact", "next of kin",
    )),
    Column("received_on", _l("Received at the commune on"), (
        "ngay tiep nhan", "ngay den", "received on",
    )),
    Column("intake_notes", _l("Notes"), ("ghi chu", "notes", "note")),
    Column(IGNORE, _l("Row number (ignored)"), ("stt", "tt", "so thu tu", "no", "so tt")),
)  # fmt: skip

BY_KEY = {column.key: column for column in COLUMNS}
_BY_HEADING = {heading: column.key for column in COLUMNS for heading in column.headings}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_PUNCTUATION = re.compile(r"[^0-9a-z#]+")


def _normal(heading: str) -> str:
    return _PUNCTUATION.sub(" ", fold(heading)).strip()


def match_heading(heading: str) -> str | None:
    """The column key a heading names, or None. A heading that only begins with a known
    one of two words or more takes its column: lists add their own words ("Nơi ĐKTT
    trước khi bị bắt", "Số CCCD/CMND", "Giới tính (Nam/Nữ)")."""
    if not heading or not heading.strip():
        return None
    texts = [_normal(heading), _normal(_BRACKETS.sub(" ", heading))]
    for text in texts:
        key = _BY_HEADING.get(text)
        if key is not None:
            return key
    for text in texts:
        words = text.split()
        for length in range(len(words) - 1, 1, -1):
            key = _BY_HEADING.get(" ".join(words[:length]))
            if key is not None:
                return key
    return None


def count_known(headings: list[str]) -> int:
    return sum(1 for heading in headings if match_heading(heading) not in (None, IGNORE))


def auto_mapping(headings: list[str]) -> list[str | None]:
    """A key per column (None: not recognised); a key named twice keeps its first column."""
    mapping: list[str | None] = []
    seen: set[str] = set()
    for heading in headings:
        key = match_heading(heading)
        if key is None and not heading.strip():
            key = IGNORE
        if key is not None and key != IGNORE and key in seen:
            key = None
        if key not in (None, IGNORE):
            seen.add(key)
        mapping.append(key)
    return mapping


def mapping_problems(mapping: list[str | None], *, release_date_default: bool) -> list[str]:
    """Why this mapping cannot be used yet: columns not matched, required ones missing."""
    problems = []
    if any(key is None for key in mapping):
        problems.append(_("Some columns were not recognised: say what each holds, or ignore it."))
    chosen = [key for key in mapping if key not in (None, IGNORE)]
    if len(chosen) != len(set(chosen)):
        problems.append(_("Two columns are matched to the same field."))
    by_sex = {"birth_male", "birth_female"} <= set(chosen)
    marked = {"sex_male", "sex_female"} <= set(chosen)
    required = ["full_name"] if by_sex or marked else ["full_name", "sex"]
    if not release_date_default:
        required.append("release_date")
    missing = [str(BY_KEY[key].label) for key in required if key not in chosen]
    if "commune" not in chosen and "residence" not in chosen:
        missing.append(_("Commune (or the whole residence in one cell)"))
    if "birth_date" not in chosen and "birth_year" not in chosen and not by_sex:
        missing.append(str(BY_KEY["birth_date"].label))
    if missing:
        problems.append(_("The list needs these columns: %(names)s.", names=", ".join(missing)))
    return problems
