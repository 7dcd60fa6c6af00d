"""The offence group and the "against a child" mark read from an offence as a release
paper names it ("Tội danh": "Trộm cắp tài sản", "Mua bán trái phép chất ma túy"), by the
words of the Penal Code (2015). Job matching relies on these two: a name it does not know
gets no group (a caseworker sets it), never a guessed one."""

import functools

from reintegration.core.text import fold
from reintegration.people.models import OffenceGroup

# Folded words of the Code's offences, by group; the first group found wins, so the more
# particular words come first ("cuop giat" is property, "giet nguoi" life and health).
GROUP_WORDS: tuple[tuple[OffenceGroup, tuple[str, ...]], ...] = (
    (OffenceGroup.DRUGS, ("ma tuy", "chat gay nghien", "thuoc phien", "heroin", "drug")),
    (OffenceGroup.SEXUAL, (
        "hiep dam", "cuong dam", "dam o", "giao cau", "xam hai tinh duc", "mua ban dam",
        "chua mai dam", "moi gioi mai dam", "rape", "sexual",
    )),
    (OffenceGroup.CORRUPTION, (
        "tham o", "nhan hoi lo", "dua hoi lo", "lam dung chuc vu", "loi dung chuc vu",
        "lam quyen", "corruption", "bribe",
    )),
    (OffenceGroup.NATIONAL_SECURITY, (
        "phan boi to quoc", "lat do chinh quyen", "gian diep", "chong nha nuoc",
        "national security",
    )),
    (OffenceGroup.PROPERTY, (
        "trom cap", "cuop", "lua dao", "chiem doat", "cuong doat", "cong nhien",
        "huy hoai tai san", "lam hu hong tai san", "tieu thu tai san", "theft", "robbery",
        "fraud",
    )),
    (OffenceGroup.ECONOMIC, (
        "buon lau", "tron thue", "hang gia", "hang cam", "kinh doanh trai phep",
        "van chuyen trai phep hang hoa", "cho vay nang lai", "smuggling", "tax",
    )),
    (OffenceGroup.LIFE_AND_HEALTH, (
        "giet nguoi", "gay thuong tich", "gay ton hai cho suc khoe", "lam chet nguoi",
        "hanh ha", "nguoc dai", "lam nhuc", "bat giu", "giam nguoi trai phap luat",
        "mua ban nguoi", "murder", "assault",
    )),
    (OffenceGroup.PUBLIC_ORDER, (
        "danh bac", "to chuc danh bac", "gay roi trat tu", "giao thong", "vu khi",
        "chong nguoi thi hanh cong vu", "tang tru", "che tao", "gambling",
        "public order",
    )),
)  # fmt: skip
CHILD_WORDS = ("duoi 16 tuoi", "duoi 13 tuoi", "duoi 18 tuoi", "tre em", "child", "minor")


@functools.lru_cache(maxsize=4096)
def classify(offence: str | None) -> tuple[OffenceGroup | None, bool]:
    """The group of ``offence`` (None when no group's words are in it), and whether it
    names a child as its victim."""
    folded = fold(offence)
    if not folded:
        return None, False
    group = next(
        (group for group, words in GROUP_WORDS if any(word in folded for word in words)), None
    )
    return group, any(word in folded for word in CHILD_WORDS)
