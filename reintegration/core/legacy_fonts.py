"""Vietnamese typed with the old 8-bit fonts, back to Unicode.

Before Unicode, offices typed Vietnamese with font-encoded text: the bytes are Latin-1
characters, and only the font (".VnTime", "VNI-Times") drew them as Vietnamese letters.
Opened without those fonts, "Nguyễn Văn An" reads "NguyÔn V¨n An" (TCVN3, also called ABC)
or "Nguyeãn Vaên An" (VNI). Excel keeps such cells as the characters of the code page the
computer used: Latin-1 on most, Windows-1258 on Vietnamese Windows, so both are read back
to the bytes here.

- **TCVN3 (ABC)**: one byte a letter, TCVN 5712:1993 "VN3", the subset of the standard
  without the capitals carrying tone marks (those are typed with the capitals fonts,
  ".VnTimeH", whose lowercase codes draw capitals: a word typed in capitals comes back in
  capitals here). The table is the upper half of the standard as the GNU C library's
  converter (``iconv -f TCVN5712-1``) maps it, its capitals with tones and its combining
  marks left out; a test checks it against that converter.
- **VNI (VNI Windows)**: a base letter followed by a byte for its marks ("a" + "ù" is "á",
  "a" + "á" is "ấ"), plus single bytes for đ, ơ, ư and the i's with tones: the layout of the
  VNI fonts, as Vietnamese keyboard programs (Unikey, xvnkb) convert it.

``detect`` decides for a column: it converts only when the text becomes far more plausible
Vietnamese (counted by syllables, ``is_syllable``) than it is as written, so proper Unicode
("Nguyễn Văn Ân", "Đặng Thị Ôn") is never touched.
"""

import re
import unicodedata
from collections.abc import Iterable

TCVN3 = "TCVN3"
VNI = "VNI"
ENCODINGS = (TCVN3, VNI)

# TCVN 5712:1993 VN3, byte → letter (bytes 0xA1–0xFF; below that the bytes are ASCII).
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
TCVN3_TABLE = {chr(byte): letter for byte, letter in _TCVN3_BYTES.items()}

# VNI: the byte after a vowel that carries its marks (lower case; the capital fonts use
# the capital of the same letter).
_VNI_TONES = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã",
                   "\u0323": "ä"}  # fmt: skip
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# Letters written with a single byte: the i's with a tone, y with a dot below, đ, ơ, ư.
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ",
               "ơ": "ô", "ư": "ö"}  # fmt: skip
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _vni_spelling(letter: str) -> str | None:
    """How VNI writes one lowercase Vietnamese letter (None: as in ASCII)."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _TONES), "")
    if "\u031b" in marks:  # horn: ơ, ư with a tone
        return _VNI_SINGLE[unicodedata.normalize("NFC", base + "\u031b")] + _VNI_TONES[tone]
    if "\u0302" in marks:
        return base + _VNI_CIRCUMFLEX[tone]
    if "\u0306" in marks:
        return base + _VNI_BREVE[tone]
    return base + _VNI_TONES[tone] if tone else None


_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VNI_TABLE: dict[str, str] = {}
for _letter in _VIETNAMESE_LOWER:
    _spelling = _vni_spelling(_letter)
    VNI_TABLE[_spelling] = _letter
    VNI_TABLE[_spelling.upper()] = _letter.upper()
del _letter, _spelling
_VNI_LONGEST = max(len(key) for key in VNI_TABLE)


def _byte_view() -> dict[str, str]:
    """Character → the Latin-1 character of its byte, for characters of the two code pages
    Excel may have used (Latin-1 first; Windows-1258 where it differs)."""
    view = {chr(byte): chr(byte) for byte in range(0xA0, 0x100)}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode("cp1258")
        except UnicodeDecodeError:
            continue
        view.setdefault(char, chr(byte))
    return view


_BYTE_VIEW = _byte_view()


def _as_bytes(text: str) -> str | None:
    """The text as the font's bytes (one Latin-1 character a byte), None when it holds a
    character no 8-bit code page gives (it is Unicode already)."""
    out = []
    for char in text:
        if char < "\x80":
            out.append(char)
            continue
        byte = _BYTE_VIEW.get(char)
        if byte is None:
            return None
        out.append(byte)
    return "".join(out)


def _words(text: str) -> list[str]:
    return _WORD_SPLIT.split(text)


_WORD_SPLIT = re.compile(r"[\s,.;:()\[\]/\\\"'!?0-9+*=<>_-]+")


def _tcvn3(raw: str) -> str:
    converted = "".join(TCVN3_TABLE.get(char, char) for char in raw)
    # Capitals typed with a ".VnTimeH" font come back as small letters among capitals.
    return " ".join(_capitalise_caps(word) for word in converted.split(" "))


def _capitalise_caps(word: str) -> str:
    """A word of two or more plain capitals around converted letters ("NGUYễN") was typed
    in a capitals font: "NGUYỄN"."""
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
        return word.upper()
    return word


def _vni(raw: str) -> str:
    out = []
    position = 0
    while position < len(raw):
        for length in range(_VNI_LONGEST, 0, -1):
            piece = raw[position : position + length]
            if len(piece) == length and piece in VNI_TABLE:
                out.append(VNI_TABLE[piece])
                position += length
                break
        else:
            out.append(raw[position])
            position += 1
    return "".join(out)


_CONVERTERS = {TCVN3: _tcvn3, VNI: _vni}


def convert(text: str, encoding: str) -> str:
    """The text read with the old font's encoding, in Unicode NFC; unchanged when it holds
    characters no 8-bit font gives."""
    raw = _as_bytes(text)
    if raw is None:
        return text
    return unicodedata.normalize("NFC", _CONVERTERS[encoding](raw))


# The syllables of Vietnamese: an initial consonant, then a rhyme (tones aside).
_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
_RHYME = (
    r"(?:a(?:i|o|u|y|c|ch|m|n|ng|nh|p|t)?|ă(?:c|m|n|ng|p|t)|â(?:c|m|n|ng|p|t|u|y)"
    r"|e(?:o|c|ch|m|n|ng|p|t)?|ê(?:u|ch|m|n|nh|p|t)?"
    r"|i(?:a|u|ch|m|n|nh|p|t)?|iê(?:c|m|n|ng|p|t|u)"
    r"|o(?:a|ă|e|i|o|c|m|n|ng|p|t|ong|oc)?|oa(?:c|ch|i|m|n|ng|nh|o|p|t|y)|oă(?:c|m|n|ng|t)"
    r"|oe(?:n|o|t)|ô(?:i|c|m|n|ng|p|t)?|ơ(?:i|m|n|p|t)?"
    r"|u(?:a|ê|i|y|c|m|n|ng|p|t|ơ)?|uâ(?:n|ng|t|y)|uê(?:ch|n|nh|u)"
    r"|uy(?:a|ch|n|nh|p|t|u)|uyê(?:n|t)|uô(?:c|i|m|n|ng|t)"
    r"|ư(?:a|i|u|c|m|n|ng|t)?|ươ(?:c|i|m|n|ng|p|t|u)|y(?:ch|nh|n|p|t|u)?|yê(?:m|n|ng|t|u))"
)
_SYLLABLE = re.compile(_INITIAL + _RHYME)


def is_syllable(word: str) -> bool:
    """A word that could be one Vietnamese syllable: its letters, at most one tone, and a
    case a person writes (lower, Capitalised or CAPITALS)."""
    if not word or not (word.islower() or word.isupper() or word[1:].islower()):
        return False
    parts = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for char in parts if char in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def _marked_words(text: str) -> list[str]:
    """The words a conversion could change: those with a character beyond ASCII."""
    return [word for word in _words(text) if word and not word.isascii()]


def _syllables(words: Iterable[str]) -> int:
    return sum(1 for word in words if is_syllable(word))


# A column is converted when its marked words are at least this much more often syllables
# converted than as written, and most of them are syllables once converted.
MIN_GAIN = 0.5
MIN_SHARE_AFTER = 0.8


def detect(texts: Iterable[str]) -> str | None:
    """The old encoding a column's texts were typed in, or None when they read better (or
    no worse) as they are."""
    words: list[str] = []
    for text in texts:
        if isinstance(text, str) and not text.isascii() and _as_bytes(text) is not None:
            words.extend(_marked_words(text))
    if not words:
        return None
    as_written = _syllables(words)
    best, best_count = None, as_written
    for encoding in ENCODINGS:
        count = _syllables(_marked_words(" ".join(convert(w, encoding) for w in words)))
        if count > best_count:
            best, best_count = encoding, count
    if best is None:
        return None
    gain = (best_count - as_written) / len(words)
    if gain >= MIN_GAIN and best_count >= MIN_SHARE_AFTER * len(words):
        return best
    return None


def repair(text: str, encoding: str) -> str | None:
    """One cell of a column found to be in ``encoding``: its Unicode text when converting
    makes more of its words Vietnamese, else None (a cell typed in Unicode among the old
    ones, a foreign name, a number)."""
    if text.isascii():
        return None
    converted = convert(text, encoding)
    if converted == text:
        return None
    if _syllables(_marked_words(converted)) > _syllables(_marked_words(text)):
        return converted
    return None
