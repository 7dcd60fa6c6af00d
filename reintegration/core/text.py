"""Text folding for Vietnamese: what search and name matching compare; and what no stored
text may hold."""

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

from flask_babel import gettext

T = TypeVar("T")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """One Unicode normal form for everything stored (NFC), with spaces tidied (every run
    of white space one space: ``str.split`` cuts at the same characters as ``\\s``)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def name_case(name: str) -> str:
    """A name written all in capitals, as release lists write them, or all in small
    letters, written as names are: each word, and each part of it after an apostrophe or
    a hyphen, with a capital first ("NGUYỄN VĂN AN" → "Nguyễn Văn An", "H'HEN NIÊ" →
    "H'Hen Niê"). A name in mixed case is kept as typed (``nfc`` first)."""
    if name != name.upper() and name != name.lower():
        return name
    return _LETTER_RUN.sub(lambda run: run[0][0].upper() + run[0][1:].lower(), name)


# A list folds the same few texts row after row (its sexes, offences, sentences, the
# pieces of its addresses): each is folded once.
@functools.lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Lower case, no diacritics, "đ" as "d", single spaces.

    "NGUYỄN văn an", "Nguyen Van An" and a decomposed "Nguyễn Văn An" all fold to
    "nguyen van an".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


# Vietnamese order: a ă â b c d đ e ê … o ô ơ … u ư …, word by word as dictionaries sort
# ("ba", "ba ba", "bà", "bà con", "bác"), and within a word the tones after the letters
# (without, huyền, hỏi, ngã, sắc, nặng). A letter with a mark is written as its base letter
# and a sign above "z" ("ă" as "a{", "â" as "a|"), so it sorts after every word of the base
# letter and before the next letter, in plain code-point order: Python and both databases
# (C collation) sort the keys alike. A toned word's tones follow its letters after a "!",
# which sorts above the space between words and below every letter: they only decide
# between words of the same letters ("ba" < "ba ba" < "bà" < "bác"), wherever the tone mark
# sits ("hoà" and "hòa" are one word).
_LETTER_MARKS = {"\u0306": "{", "\u0302": "|", "\u031b": "}"}  # breve, circumflex, horn
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_TONE_MARK = "!"


@functools.lru_cache(maxsize=65536)
def vietnamese_key(text: str | None) -> str:
    """The sort key of ``text`` in Vietnamese order (ignoring case): sorting by it, or by
    the stored key in SQL, puts "Đức" after "Dũng" and "Ánh" after "Anh"."""
    if not text:
        return ""
    return " ".join(_word_key(word) for word in nfc(text).casefold().split(" "))


def _word_key(word: str) -> str:
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", word.replace("đ", "d\u0306")):
        if char in _TONES:
            tones.append(_TONES[char])
        elif char in _LETTER_MARKS:
            letters.append(_LETTER_MARKS[char])
        elif not unicodedata.combining(char):
            letters.append(char)
    return "".join(letters) + (_TONE_MARK + "".join(tones) if tones else "")


def in_vietnamese_order(
    items: Iterable[T], name: Callable[[T], str] = attrgetter("name")
) -> list[T]:
    """``items`` sorted by ``name`` in Vietnamese order: every drop-down and list of units
    (a database's ORDER BY name puts "Đ" after "Y")."""
    return sorted(items, key=lambda item: vietnamese_key(name(item)))


def name_key(full_name: str | None) -> str:
    """The sort key of a person's name: Vietnamese lists sort by the given name (the last
    word), then the family and middle names, in Vietnamese order ("Nguyễn Văn Đức" as
    "Đức Nguyễn Văn", after every "Dũng")."""
    words = nfc(full_name or "").split(" ")
    return vietnamese_key(" ".join(words[-1:] + words[:-1]))


def in_name_order(
    items: Iterable[T], name: Callable[[T], str] = attrgetter("full_name")
) -> list[T]:
    """``items`` (people, users) sorted by ``name_key`` of their ``name``, as the database
    sorts people by their stored key."""
    return sorted(items, key=lambda item: name_key(name(item)))


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

    # Format characters are never printable: a printable name (nearly all) is not scanned.
    if not name.isprintable() and any(unicodedata.category(ch) == "Cf" for ch in name):
        return gettext(
            "The name holds invisible characters (such as a zero-width space): type it "
            "again in letters."
        )
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return gettext("Type the name in letters.")
    return None
