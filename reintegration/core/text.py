"""Text folding for Vietnamese: what search and name matching compare."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """One Unicode normal form for everything stored (NFC), with spaces tidied."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower case, no diacritics, "đ" as "d", single spaces.

    "NGUYỄN văn an", "Nguyen Van An" and a decomposed "Nguyễn Văn An" all fold to
    "nguyen van an".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()
