"""Text folding for Vietnamese: what search and name matching compare; and what no stored
text may hold."""

import re
import unicodedata

from flask_babel import gettext

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


# Characters no text typed or sent may hold: the control characters (NUL and the rest of
# C0 but tab and line breaks, DEL and C1), which PostgreSQL refuses or a page cannot show,
# and the bidirectional overrides and isolates, which make text read otherwise than it is
# stored ("Nguyễn " + U+202E + "nA" shows as "Nguyễn An"): the Trojan Source trick.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIRECTION_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def has_unusable_characters(text: str) -> bool:
    return bool(_CONTROL.search(text) or _DIRECTION_OVERRIDES.search(text))


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored as typed (translated), or None."""
    if _CONTROL.search(text):
        return gettext(
            "This text holds a control character (such as NUL) that cannot be stored: "
            "type it again without it."
        )
    if _DIRECTION_OVERRIDES.search(text):
        return gettext(
            "This text holds an invisible character that reverses the direction of the "
            "text: type it again without it."
        )
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a person's name (translated), or None: a name is written in
    letters, and holds no invisible characters (zero-width spaces and joiners, soft
    hyphens) that would make two equal-looking names differ."""
    from flask_babel import gettext

    if any(unicodedata.category(ch) == "Cf" for ch in name):
        return gettext(
            "The name holds invisible characters (such as a zero-width space): type it "
            "again in letters."
        )
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return gettext("Type the name in letters.")
    return None
