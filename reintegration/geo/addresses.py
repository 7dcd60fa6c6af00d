"""Reading a residence written as one text, as release papers and lists write it.

"Thôn 3, xã Yên Thái, huyện Yên Mô, tỉnh Ninh Bình", "Số 12 Lê Lợi, P. Hai Bà Trưng, TP. Phủ
Lý, Hà Nam", "Phường 3 - Quận 5 - TP.HCM", "xa truc hung huyen truc ninh nam dinh": the
parts are cut at commas, semicolons, dashes and the unit type words, each part keeps the type
its word names (written out, abbreviated or left out), and ``resolve`` finds the units in an
``AddressBook``: the old ones (commune, district, province) through the official conversion
table, or the new ones (commune, province). What comes before the units (house, street,
hamlet, group) is the street address.

Pure: no database here. ``geo.services.address_book()`` builds the book from the unit tables.

Names are matched with the diacritics as written first; only when nothing matches so are
they folded, and then a candidate whose marks contradict those written is dropped, so "Trực
Hùng" never offers "Trực Hưng" while "Truc Hung" offers both.
"""

import dataclasses
import difflib
import enum
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from flask_babel import gettext

from reintegration.core.text import fold, has_unusable_characters, text_problem

T = TypeVar("T")


class ConversionStatus(enum.StrEnum):
    CONVERTED = "converted"  # one commune of today (found as such, or converted)
    SPLIT = "split"  # the old commune went partly into several new ones: a person chooses
    AMBIGUOUS = "ambiguous"  # the name fits several communes
    NOT_FOUND = "not_found"


class Reason(enum.StrEnum):
    """Why an address was not placed in one commune."""

    NO_COMMUNE = "no_commune"  # the text names no commune
    PROVINCE = "province"  # the province named is not known
    DISTRICT = "district"  # the district named is not in the province
    COMMUNE = "commune"  # no commune of that name where the text says
    NO_CONVERSION = "no_conversion"  # the old commune is not in the conversion table
    TOO_LONG = "too_long"  # longer than any address (MAX_LENGTH): not read
    CHARACTERS = "characters"  # control or direction-reversing characters: not read


# An address is a line or two; a longer text is not read (and a hostile one costs nothing).
MAX_LENGTH = 500
# What the book remembers of what lists wrote (places, misspellings) before starting over.
_REMEMBERED = 50_000


class Level(enum.StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"
    CITY = "city"  # "Thành phố": a province-level city or a district-level one
    PROVINCE = "province"
    STREET = "street"  # house number, street, hamlet, group


# Type words: (the words as written with diacritics, the official type they name, level).
_TYPE_WORDS: tuple[tuple[str, str, Level], ...] = (
    ("thị trấn", "thị trấn", Level.COMMUNE),
    ("đặc khu", "đặc khu", Level.COMMUNE),
    ("phường", "phường", Level.COMMUNE),
    ("xã", "xã", Level.COMMUNE),
    ("thị xã", "thị xã", Level.DISTRICT),
    ("huyện đảo", "huyện", Level.DISTRICT),  # an island district: "Huyện đảo Lý Sơn"
    ("huyện", "huyện", Level.DISTRICT),
    ("quận", "quận", Level.DISTRICT),
    ("thành phố", "thành phố", Level.CITY),
    ("thủ đô", "thành phố", Level.CITY),
    ("tỉnh", "tỉnh", Level.PROVINCE),
)
# Abbreviations, followed by a dot ("TP.", "P.3") or, for the marked ones, by a space too.
_ABBREVIATIONS: dict[str, tuple[str, Level, bool]] = {
    "x": ("xã", Level.COMMUNE, False),
    "p": ("phường", Level.COMMUNE, False),
    "f": ("phường", Level.COMMUNE, False),
    "tt": ("thị trấn", Level.COMMUNE, True),
    "h": ("huyện", Level.DISTRICT, False),
    "q": ("quận", Level.DISTRICT, False),
    "tx": ("thị xã", Level.DISTRICT, True),
    "tp": ("thành phố", Level.CITY, True),
    "t.p": ("thành phố", Level.CITY, True),
    "t": ("tỉnh", Level.PROVINCE, False),
}
# Words a street address begins with: houses, streets, hamlets, groups.
_STREET_WORDS_WRITTEN = frozenset(
    word
    for word in (
        "số", "số nhà", "sn", "nhà", "đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "hèm",
        "thôn", "xóm", "ấp", "bản", "buôn", "làng", "sóc", "phum", "plei", "đội", "cụm",
        "tổ", "tổ dân phố", "tdp", "khu phố", "kp", "khu", "khóm", "khối", "tiểu khu",
        "lô", "căn hộ", "chung cư", "km", "quốc lộ", "ql", "tỉnh lộ",
    )
)  # fmt: skip
_STREET_WORDS = frozenset(fold(word) for word in _STREET_WORDS_WRITTEN)
_COUNTRY = frozenset({"viet nam", "vietnam", "vn", "nuoc chxhcn viet nam"})
# Province names as people shorten them (folded, without the type word).
_PROVINCE_ALIASES = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "tp hcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "thua thien hue": "hue",
    "tt hue": "hue",
    "hn": "ha noi",
    "tphn": "ha noi",
    "brvt": "ba ria vung tau",
}

_TONES = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}
_SHAPES = {"\u0302", "\u0306", "\u031b"}  # â ê ô, ă, ơ ư
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`´]")
_NOTES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DASH = re.compile("-")
_BLANKS = re.compile("[ \t\u00a0]+")
_SEPARATORS = re.compile(r"[,;\n\r|]+")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
_NOT_A_WORD = re.compile(r"[^\w]+")
_ABBREVIATION = re.compile(r"^(t\.p|tp|tx|tt|x|p|f|h|q|t)\.\s*(?=\w)", re.IGNORECASE)
# A one-letter abbreviation without its dot, then a space: "x truc hung h truc ninh t nam
# dinh". No Vietnamese word is one of these consonants alone.
_BARE_LETTER = re.compile(r"^([xphqtf]) (?=\w)", re.IGNORECASE)
# The first word of a type word (written out, folded or abbreviated): the pieces are cut
# only where one may begin.
_MAY_BEGIN_TYPE_WORD = re.compile(
    r"(?i)^(?:xã|xa|phường|phuong|thị|thi|đặc|dac|huyện|huyen|quận|quan|thành|thanh|thủ|thu"
    r"|tỉnh|tinh|tp|tx|tt|t\.p|[xphqtf]|(?:t\.p|tp|tx|tt|x|p|f|h|q|t)\..*|[pqf]\d.*)$"
)
_TYPES_BY_WORD = {
    **{word: (kind, level) for word, kind, level in _TYPE_WORDS},
    **{fold(word): (kind, level) for word, kind, level in _TYPE_WORDS},
}
# A type word written out, then neither a letter nor a digit.
_WRITTEN_TYPE = re.compile(
    "(" + "|".join(word for word, _, _ in _TYPE_WORDS) + r")(?=\W)", re.IGNORECASE
)
_FOLDED_TYPE = re.compile(
    "(" + "|".join(fold(word) for word, _, _ in _TYPE_WORDS) + r")(?=\W)", re.IGNORECASE
)
_SPACED_ABBREVIATION = re.compile(r"(t\.p|tp|tx|tt)(?=[^\w.])", re.IGNORECASE)
_NUMBERED = re.compile(r"^([pqf])(?=\d+\b)", re.IGNORECASE)  # P3, Q10, F12


# Parsing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of the text: "huyện Yên Mô" → kind "huyện", name "Yên Mô"."""

    text: str
    name: str
    level: Level | None = None  # None: no type word
    kind: str | None = None  # the official type its word names ("huyện", "thành phố"…)
    # The type word may be the start of a name (written without diacritics: "quan son" is
    # Huyện Quan Sơn as well as Quận Sơn): matching tries the whole text too.
    certain: bool = True
    joins_next: bool = False  # cut at a dash: may be one name with the next ("Bà Rịa - Vũng Tàu")


@dataclass(frozen=True)
class ParsedAddress:
    written: str  # the text as given
    parts: tuple[Part, ...]


def clean(text: str) -> str:
    """NFC, no invisible characters, one kind of dash and apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    return _BLANKS.sub(" ", text).strip()


def parse_address(written: str, names: frozenset[str] = frozenset()) -> ParsedAddress:
    """The text cut into its parts, in the order written; notes in brackets ("(cũ)",
    "(nay là xã Bình Minh)") left out."""
    parts: list[Part] = []
    for segment in _SEPARATORS.split(_NOTES.sub(" ", clean(written))):
        parts += _segment_parts(segment.strip(), names)
    return ParsedAddress(written, tuple(parts))


@functools.lru_cache(maxsize=65536)
def _segment_parts(segment: str, names: frozenset[str]) -> tuple[Part, ...]:
    """The parts of the text between two separators (lists repeat them row after row)."""
    parts: list[Part] = []
    pieces = _dash_pieces(segment)
    for index, piece in enumerate(pieces):
        cut = list(_piece_parts(piece, names))
        if cut and index < len(pieces) - 1:
            cut[-1] = _with(cut[-1], joins_next=True)
        parts += cut
    return tuple(p for p in parts if p.name or p.text)


@functools.lru_cache(maxsize=65536)
def _piece_parts(piece: str, names: frozenset[str]) -> tuple[Part, ...]:
    """The parts of a piece between dashes ("Huyện Kim Sơn" recurs in segments that differ
    by their house or hamlet)."""
    return tuple(_part(text) for text in _type_word_pieces(piece, names))


def _with(part: Part, **changes) -> Part:
    return Part(**{**part.__dict__, **changes})


def _dash_pieces(segment: str) -> list[str]:
    """Cut at a dash with a space beside it, or one before a type word ("Xã A-Huyện B");
    not inside a number ("12-14") or a name ("Phan Rang-Tháp Chàm")."""
    pieces, start = [], 0
    for match in _DASH.finditer(segment):
        before, after = segment[: match.start()], segment[match.end() :]
        spaced = before.endswith(" ") or after.startswith(" ")
        found = None if spaced else _type_word(after.strip())
        if spaced or (found is not None and found[1] != Level.STREET):
            pieces.append(segment[start : match.start()])
            start = match.end()
    pieces.append(segment[start:])
    return [piece.strip(" .-") for piece in pieces if piece.strip(" .-")]


@functools.lru_cache(maxsize=65536)
def _type_word(text: str) -> tuple[str, Level, str, bool, int] | None:
    """The type word ``text`` begins with: (kind, level, rest, certain, length of the word)."""
    numbered = _NUMBERED.match(text)
    if numbered:
        kind, level, _ = _ABBREVIATIONS[numbered.group(1).casefold()]
        return kind, level, text[1:], True, 1
    abbreviation = _ABBREVIATION.match(text)
    if abbreviation:
        kind, level, _ = _ABBREVIATIONS[abbreviation.group(1).casefold()]
        return kind, level, text[abbreviation.end() :], True, abbreviation.end()
    letter = _BARE_LETTER.match(text)
    if letter:
        kind, level, _ = _ABBREVIATIONS[letter.group(1).casefold()]
        return kind, level, text[letter.end() :], True, letter.end()
    written = _WRITTEN_TYPE.match(text)
    if written:
        kind, level = _TYPES_BY_WORD[written.group(1).casefold()]
        return kind, level, text[written.end() :].strip(), True, written.end()
    if text.isascii() or fold(text) == text.casefold():  # no diacritics: "xa", "huyen"
        folded = _FOLDED_TYPE.match(text)
        if folded:
            kind, level = _TYPES_BY_WORD[folded.group(1).casefold()]
            return kind, level, text[folded.end() :].strip(), False, folded.end()
    spaced = _SPACED_ABBREVIATION.match(text)
    if spaced:
        kind, level, _ = _ABBREVIATIONS[spaced.group(1).casefold()]
        return kind, level, text[spaced.end() :].strip(), True, spaced.end()
    words = fold(" ".join(text.split(" ", 4)[:4])).split(" ")
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[:size]) in _STREET_WORDS:
            # Certain with a number ("Thôn 3"); a few units are named so ("Bản Lầu").
            return "street", Level.STREET, text, words[size][:1].isdigit(), 0
    if text[:1].isdigit():
        return "street", Level.STREET, text, True, 0
    return None


def _starts_with_word(text: str, word: str) -> bool:
    return text.startswith(word) and len(text) > len(word) and not text[len(word)].isalnum()


@functools.lru_cache(maxsize=65536)
def _part(text: str) -> Part:
    text = text.strip(" .-")
    found = _type_word(text)
    if found is None:
        return Part(text, text)
    kind, level, rest, certain, _ = found
    return Part(text, rest.strip(" .-") or text, level, kind, certain)


def _type_word_pieces(piece: str, names: frozenset[str] = frozenset()) -> list[str]:
    """A piece written without separators cut before each type word inside it:
    "Xã Cồn Thoi Huyện Kim Sơn" → "Xã Cồn Thoi", "Huyện Kim Sơn".

    A type word written without diacritics ("quan", "xa", "tinh") may be a word of a name
    ("Nho Quan", "Đinh Xá", "Sơn Tịnh"): it cuts only a piece written wholly without
    diacritics, and not where, with the words before it, it continues a unit's name
    (``names``: the beginnings of the units' names, as ``name_key`` writes them).
    """
    tokens = piece.split(" ")
    starts = [0]
    name_from = 0  # where the name of the part being read begins (after its type word)
    previous_was_type = False
    folded = None  # written without diacritics: seen only when a type word is uncertain
    index = 0
    while index < len(tokens):
        if not _MAY_BEGIN_TYPE_WORD.match(tokens[index]):
            previous_was_type = False
            index += 1
            continue
        rest = " ".join(tokens[index:])
        found = _type_word(rest)
        if found is not None and found[1] != Level.STREET and found[4] and previous_was_type:
            # The first word of the name after a type word: "huyện Quan Sơn".
            previous_was_type = False
            index += 1
            continue
        if found is not None and found[1] != Level.STREET and found[4]:
            word = rest[: found[4]].rstrip()
            words = len(word.split()) or 1
            letter = len(tokens[index]) == 1  # "h": a name's letter too ("Ia H Drai")?
            if not found[3] or letter:
                if folded is None:
                    folded = piece.isascii() or fold(piece) == piece.casefold()
                continued = name_key(" ".join(tokens[name_from : index + 1]))
                if (not folded and not letter) or (index > name_from and continued in names):
                    previous_was_type = False
                    index += 1
                    continue
            if index > 0 and rest[found[4] :].strip():
                starts.append(index)
            # "huyện" then its name; "P3", "TP.HCM" hold their name.
            previous_was_type = len(" ".join(tokens[index : index + words])) == len(word)
            index += words
            name_from = index
            continue
        previous_was_type = False
        index += 1
    starts.append(len(tokens))
    return [" ".join(tokens[a:b]) for a, b in itertools.pairwise(starts) if a < b]


# The book of units ------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    code: int
    name: str  # official, with its type: "Xã Trực Hùng"
    parent: int | None = None  # province (new commune, old district), district (old commune)
    province: int | None = None  # the province, for old communes

    @functools.cached_property
    def kind(self) -> str:
        return official_type(self.name)[0]

    @functools.cached_property
    def bare(self) -> str:
        return official_type(self.name)[1]


_OFFICIAL_TYPES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận")
_OFFICIAL_TYPES += ("tỉnh", "xã")
_OFFICIAL_TYPE = re.compile(f"({'|'.join(_OFFICIAL_TYPES)}) ", re.IGNORECASE)


def official_type(name: str) -> tuple[str, str]:
    """ "Phường Phương Liên" → ("phường", "Phương Liên"): taken off before folding, where
    "Phường" and the name "Phương" still differ."""
    found = _OFFICIAL_TYPE.match(name)
    if found is None:
        return "", name
    return found.group(1).casefold(), name[found.end() :]


def place_name(name: str) -> str:
    """A unit's name as the place line of a form writes it: "Tỉnh Ninh Bình" → "Ninh Bình"
    ("Ninh Bình, ngày …"); a numbered ward keeps its type ("Phường 3")."""
    bare = official_type(name.strip())[1].strip()
    return name.strip() if not bare or bare.isdigit() else bare


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """What names are looked up by: folded, numbers without leading zeros, dashes and
    apostrophes away ("P.03" and "Phường 3", "Ea H'Leo" and "Ea Hleo" alike)."""
    key = _APOSTROPHES.sub("", fold(clean(name)))
    key = _NOT_A_WORD.sub(" ", key.replace("_", " "))
    return _LEADING_ZEROS.sub("", " ".join(key.split()))


class _Index:
    def __init__(self, units: Iterable[Unit]):
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            self.by_key[name_key(unit.bare)].append(unit)

    def find(self, name: str, within: set[int] | None, by: str = "parent") -> list[Unit]:
        units = self.by_key.get(name_key(name), [])
        if within is not None:
            units = [u for u in units if getattr(u, by) in within]
        return units


@dataclass
class AddressBook:
    """The units, old and new, and the official conversion table, indexed by name."""

    provinces: list[Unit]
    communes: list[Unit]  # parent: province
    legacy_provinces: list[Unit]
    legacy_districts: list[Unit]  # parent: province
    legacy_communes: list[Unit]  # parent: district, province: province
    # Old commune code → [(new commune code, partly merged)].
    conversions: dict[int, list[tuple[int, bool]]]
    # Old province code → the new province codes it went into.
    legacy_province_into: dict[int, set[int]]
    _indexes: dict[str, _Index] = field(default_factory=dict, repr=False)
    scopes: dict = field(default_factory=dict, repr=False)  # what parts name provinces
    units_read: dict = field(default_factory=dict, repr=False)  # parts → their units
    _places: dict = field(default_factory=dict, repr=False)
    _close: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for name in ("provinces", "communes", "legacy_provinces", "legacy_districts"):
            self._indexes[name] = _Index(getattr(self, name))
        self._indexes["legacy_communes"] = _Index(self.legacy_communes)
        self.commune_province = {unit.code: unit.parent for unit in self.communes}
        self._names = {key for index in self._indexes.values() for key in index.by_key}
        self.names = self._names | set(_PROVINCE_ALIASES)
        # Every name's first words ("nho", "nho quan"): where a folded type word is a name's.
        self.name_beginnings = frozenset(
            " ".join(words[:size])
            for words in (key.split(" ") for key in self._names)
            for size in range(2, len(words) + 1)
        )

    def index(self, name: str) -> _Index:
        return self._indexes[name]

    def close_to(self, where: tuple, key: str) -> tuple[int, ...]:
        """Today's communes of the communes named like ``key`` in a place: old communes
        of districts (``("districts", codes)``), or old and new communes of provinces
        (``("provinces", old codes, new codes)``). A list repeats its places and its
        misspellings: both are kept."""
        if (where, key) not in self._close:
            if len(self._close) > _REMEMBERED:
                self._close.clear()
            if where not in self._places:
                self._places[where] = self._named_in(where)
            names = self._places[where]
            close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.8)
            self._close[where, key] = tuple(sorted({code for k in close for code in names[k]}))
        return self._close[where, key]

    def _named_in(self, where: tuple) -> dict[str, set[int]]:
        """Name key → today's communes, for the communes of a place."""
        if where[0] == "districts":
            olds = [u for u in self.legacy_communes if u.parent in where[1]]
            news: list[Unit] = []
        else:
            olds = [u for u in self.legacy_communes if u.province in where[1]]
            news = [u for u in self.communes if u.parent in where[2]]
        names: dict[str, set[int]] = defaultdict(set)
        for unit in olds:
            names[name_key(unit.bare)].update(new for new, _ in self.conversions.get(unit.code, []))
        for unit in news:
            names[name_key(unit.bare)].add(unit.code)
        return names

    def is_name(self, text: str) -> bool:
        return name_key(_part(text).name) in self._names


# Resolving ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedAddress:
    written: str  # the text as given, kept beside the result
    street: str | None  # house, street, hamlet: what comes before the units
    status: ConversionStatus
    commune_code: int | None = None  # today's commune (CONVERTED)
    candidates: tuple[int, ...] = ()  # today's communes to choose among
    province_code: int | None = None  # today's province, when the text tells it
    legacy: bool = False  # written in the units before July 2025
    legacy_commune_code: int | None = None
    reason: Reason | None = None  # why not CONVERTED, when not for a choice
    commune: str | None = None  # the parts read as the units, as written
    district: str | None = None
    province: str | None = None

    @property
    def found(self) -> bool:
        return self.status == ConversionStatus.CONVERTED


@dataclass(frozen=True)
class _Reading:
    """One way of reading the parts: which is the commune, which the district."""

    result: ResolvedAddress
    rank: int  # lower is better


def resolve(
    address: str | ParsedAddress, book: AddressBook, *, province_hint: int | None = None
) -> ResolvedAddress:
    """The commune of today an address names, or why not, with its street part.

    ``province_hint`` (a province of today) is where to look first when the text names no
    province, as in a list of one province's people.
    """
    if isinstance(address, str):
        if len(address) > MAX_LENGTH:
            return ResolvedAddress(address, None, ConversionStatus.NOT_FOUND,
                                   reason=Reason.TOO_LONG)  # fmt: skip
        if has_unusable_characters(address):
            return ResolvedAddress(address, None, ConversionStatus.NOT_FOUND,
                                   reason=Reason.CHARACTERS)  # fmt: skip
        now = _now_note(address)
        if now is not None:
            return _with_now_note(address, *now, book, province_hint)
    if not isinstance(address, str):
        return _resolve(address, book, province_hint)
    text = _COUNTRY_AT_END.sub("", address) or address
    found = _resolve(text, book, province_hint)
    if found.status == ConversionStatus.NOT_FOUND:
        found = _by_names(text, book, province_hint) or found
    elif found.province is None:
        # No province read: the names may tell one the cuts missed ("… Bà Rịa - Vũng Tàu").
        by_names = _by_names(text, book, province_hint)
        if by_names is not None and by_names.province is not None:
            found = by_names
    return found if found.written is address else dataclasses.replace(found, written=address)


# The country after the province without a separator: "… Tỉnh Ninh Bình Việt Nam".
_COUNTRY_AT_END = re.compile(
    r"[\s,;.-]*\b(?:nước )?(?:chxhcn )?(?:việt nam|viet nam|vietnam)[\s.,;]*$", re.I
)


def _resolve(
    address: str | ParsedAddress, book: AddressBook, province_hint: int | None
) -> ResolvedAddress:
    parsed = parse_address(address, book.name_beginnings) if isinstance(address, str) else address
    parts = _joined(list(parsed.parts), book)
    while parts and (name_key(parts[-1].text) in _COUNTRY or not parts[-1].name):
        parts.pop()
    while parts and name_key(parts[0].text) in _COUNTRY:
        parts.pop(0)
    if _written_backwards(parts, book):
        parts.reverse()
    if not parts:
        return ResolvedAddress(parsed.written, None, ConversionStatus.NOT_FOUND,
                               reason=Reason.NO_COMMUNE)  # fmt: skip
    # What comes before the first part typed as a commune can only be the street: the
    # units after it are read once for every house and hamlet of the list that names them.
    first = next((i for i, p in enumerate(parts) if p.certain and p.level == Level.COMMUNE), 0)
    if first and all(p.level in (None, Level.STREET) for p in parts[:first]):
        key = (tuple(parts[first:]), province_hint)
        if key not in book.units_read:
            if len(book.units_read) > _REMEMBERED:
                book.units_read.clear()
            book.units_read[key] = _units(parts[first:], book, province_hint)
        units = book.units_read[key]
        street = ", ".join(filter(None, [_street(parts[:first]), units.street]))
        return dataclasses.replace(units, written=parsed.written, street=street or None)
    return dataclasses.replace(_units(parts, book, province_hint), written=parsed.written)


# "…, nay là xã Đồng Thái": the writer names the commune of today beside the old one.
_NOW = re.compile(r"\b(?:hiện )?nay (?:là|thuộc|la|thuoc)\b:?|\(\s*mới\s*:?|\bmới là\b", re.I)


def _now_note(text: str) -> tuple[str, str] | None:
    """(the address as it was, the commune of today the writer adds), when a note says
    "nay là" (in brackets or not)."""
    for note in _NOTES.finditer(text):
        if _NOW.search(note.group()):
            now = _NOW.split(note.group()[1:-1], maxsplit=1)[-1]
            return text[: note.start()] + " " + text[note.end() :], now
    found = _NOW.search(text)
    if found is None:
        return None
    return text[: found.start()], text[found.end() :]


def _with_now_note(
    written: str, before: str, now: str, book: AddressBook, province_hint: int | None
) -> ResolvedAddress:
    """The old address read, then the commune of today the note names, in the old one's
    province: the note chooses among a split commune's communes; a note that contradicts
    the address makes it ambiguous, never a guess."""
    old = resolve(before, book, province_hint=province_hint)
    hint = old.province_code or province_hint
    new = resolve(now, book, province_hint=hint) if now.strip(" ,.;:-()") else old
    old_codes = {old.commune_code} if old.found else set(old.candidates)
    street = old.street or new.street
    if not new.found:
        chosen = sorted(old_codes & set(new.candidates))
        if len(chosen) != 1:
            return dataclasses.replace(old, written=written)
        new = dataclasses.replace(
            new, status=ConversionStatus.CONVERTED, commune_code=chosen[0], candidates=()
        )
    if not old_codes or new.commune_code in old_codes or old.status == ConversionStatus.NOT_FOUND:
        return dataclasses.replace(
            new, written=written, street=street, legacy=old.legacy,
            legacy_commune_code=old.legacy_commune_code,
        )  # fmt: skip
    return dataclasses.replace(
        new, written=written, street=street, status=ConversionStatus.AMBIGUOUS,
        commune_code=None, candidates=tuple(sorted(old_codes | {new.commune_code})),
    )  # fmt: skip


# Reading by the names from the right end -------------------------------------------------

# The type words that may stand before a unit's name, folded, by the level they name.
_TYPE_WORDS_BEFORE: dict[str, frozenset[Level]] = defaultdict(frozenset)
for _word, _, _level in _TYPE_WORDS:
    for _form in (fold(_word),):
        _TYPE_WORDS_BEFORE[_form] |= {_level}
for _word, (_, _level, _) in _ABBREVIATIONS.items():
    for _form in (_word, _word + "."):
        _TYPE_WORDS_BEFORE[_form] |= {_level}
_LONGEST_NAME = 6  # words: "Phường Văn Miếu - Quốc Tử Giám" is the longest there is
_ATTACHED = re.compile(r"^(t\.p|tp|tx|tt|x|p|f|h|q|t)\.(\w.*)$|^([pqf])(\d+)$", re.I)


def _tokens(text: str) -> list[tuple[str, int]]:
    """The words of the text, each with the number of the piece between separators it
    is in; abbreviations taken off the names they are stuck to ("P.Bến", "Q1")."""
    tokens = []
    for number, segment in enumerate(_SEPARATORS.split(_NOTES.sub(" ", clean(text)))):
        for word in segment.replace("-", " - ").split():
            attached = _ATTACHED.match(word)
            if attached:
                tokens += [(w, number) for w in attached.groups() if w]
            elif word.strip(".-"):
                tokens.append((word.strip("."), number))
    return tokens


def _by_names(written: str, book: AddressBook, province_hint: int | None) -> ResolvedAddress | None:
    """The units read from the right end by the names the official tables know: the
    province (or the one hinted), then an old district in it, then a commune in that;
    what is left is the street. For texts the type words and separators do not cut
    ("12 Lê Lợi Trực Hùng Trực Ninh Nam Định"). The readings that name the most units,
    typed alike where type words stand before them, win; when they place the address in
    different communes it is ambiguous. None when no reading places it."""
    tokens = _tokens(written)
    while tokens and name_key(tokens[-1][0]) in _COUNTRY | {""}:
        tokens.pop()
    readings = []
    for province, end in _names_before(tokens, len(tokens), Level.PROVINCE, book, None):
        if province is None and province_hint is None:
            continue
        scope = _province_scope(province[0], book) if province else _Scope.of(book, province_hint)
        for district, d_end in _names_before(tokens, end, Level.DISTRICT, book, scope):
            for commune, c_end in _names_before(tokens, d_end, Level.COMMUNE, book, scope,
                                                district):  # fmt: skip
                if commune is None or _names_a_commune(tokens[:c_end]):
                    continue  # a reading that passes over a commune the text names
                units = [p for p in (commune, district, province) if p is not None]
                if len(units) < 2 and not commune[1]:
                    continue  # one untyped name alone is as likely a street's ("Hàng Bông")
                street = _street_of(tokens[:c_end])
                parts = [p for p, _ in ([street] if street else []) + units]
                readings.append(((len(units), sum(typed for _, typed in units)), parts))
    if not readings:
        return None
    best = max(score for score, _ in readings)
    results = [_units(parts, book, province_hint) for score, parts in readings if score == best]
    results = [r for r in results if r.status != ConversionStatus.NOT_FOUND]
    if not results:
        return None
    kinds = {(r.status, r.commune_code, r.candidates) for r in results}
    first = dataclasses.replace(results[0], written=written)
    if len(kinds) == 1:
        return first
    codes = {code for r in results for code in ([r.commune_code] if r.found else r.candidates)}
    provinces = {r.province_code for r in results}
    return dataclasses.replace(
        first, status=ConversionStatus.AMBIGUOUS, commune_code=None,
        candidates=tuple(sorted(codes)), province_code=provinces.pop() if len(provinces) == 1
        else None, street=None, legacy_commune_code=None,
    )  # fmt: skip


# Words repeat down a list (and syllables across names): folded once.
_folded = functools.lru_cache(maxsize=65536)(fold)


def _names_a_commune(tokens: list[tuple[str, int]]) -> bool:
    words = [_folded(word) for word, _ in tokens]
    pairs = [" ".join(pair) for pair in itertools.pairwise(words)]
    return any(Level.COMMUNE in _TYPE_WORDS_BEFORE.get(w, ()) for w in words + pairs)


def _street_of(tokens: list[tuple[str, int]]) -> tuple[Part, bool] | None:
    if not tokens:
        return None
    pieces: dict[int, list[str]] = defaultdict(list)
    for word, number in tokens:
        pieces[number].append(word)
    text = ", ".join(" ".join(words).strip(" -") for words in pieces.values()).strip(" ,-")
    return (Part(text, text, Level.STREET, "street"), False) if text else None


def _names_before(
    tokens: list[tuple[str, int]],
    end: int,
    level: Level,
    book: AddressBook,
    scope: "_Scope | None",
    district: tuple[Part, bool] | None = None,
) -> Iterable[tuple[tuple[Part, bool] | None, int]]:
    """The units of ``level`` whose names end the words before ``end`` (with the type
    word before them, if any: a type word of another level rules the name out), as
    (the part, whether typed) and where it begins; and none, where a level may be left out
    (the province, the district)."""
    if level != Level.COMMUNE:
        yield None, end
    for size in range(1, min(_LONGEST_NAME, end) + 1):
        start = end - size
        if tokens[start][1] != tokens[end - 1][1] or tokens[start][0] == "-":
            break  # a name does not run over a separator
        # The name's key word by word: the words' keys are remembered, the spans' are not.
        if " ".join(filter(None, (name_key(w) for w, _ in tokens[start:end]))) not in book.names:
            continue
        name = " ".join(word for word, _ in tokens[start:end])
        before, typed = _type_before(tokens, start)
        if (
            typed is not None
            and level not in typed
            and not (Level.CITY in typed and level in (Level.DISTRICT, Level.PROVINCE))
        ):
            continue
        if typed is None and name_key(name).replace(" ", "").isdigit():
            continue  # a number is a ward's or a district's only after its type word
        if level == Level.COMMUNE and typed is None and _is_street_word(tokens, before):
            continue  # "thôn Yên Thái": a hamlet's name
        part = Part(" ".join(w for w, _ in tokens[before:end]), name, level, None, True)
        if _names_unit(part, level, book, scope, district):
            yield (part, typed is not None), before
    return


def _is_street_word(tokens: list[tuple[str, int]], end: int) -> bool:
    """Whether the word before ``end`` is one a street or hamlet begins with ("thôn",
    "duong"), as written: "Dương" is not "Đường"."""
    if not end:
        return False
    word = tokens[end - 1][0].casefold()
    if _folded(word) != word:
        return word in _STREET_WORDS_WRITTEN
    return word in _STREET_WORDS


def _type_before(tokens: list[tuple[str, int]], start: int) -> tuple[int, frozenset | None]:
    """Where the type word before ``start`` begins (in the same piece), and the levels
    it may name."""
    for size in (2, 1):
        begin = start - size
        if begin < 0 or {n for _, n in tokens[begin : start + 1]} != {tokens[start][1]}:
            continue
        word = " ".join(_folded(w) for w, _ in tokens[begin:start])
        if word in _TYPE_WORDS_BEFORE:
            return begin, _TYPE_WORDS_BEFORE[word]
    return start, None


def _names_unit(
    part: Part, level: Level, book: AddressBook, scope: "_Scope | None",
    district: tuple[Part, bool] | None,
) -> bool:  # fmt: skip
    if level == Level.PROVINCE:
        return _province_scope(part, book) is not None
    if scope is None:
        return False
    if level == Level.DISTRICT:
        return bool(_find(part, book.index("legacy_districts"), scope.old, Level.DISTRICT))
    if district is not None:
        districts = _find(district[0], book.index("legacy_districts"), scope.old, Level.DISTRICT)
        codes = {d.code for d in districts}
        return bool(_find(part, book.index("legacy_communes"), codes, Level.COMMUNE))
    return bool(
        _find(part, book.index("communes"), scope.new, Level.COMMUNE)
        or _find(part, book.index("legacy_communes"), scope.old, Level.COMMUNE, "province")
    )


def _units(parts: list[Part], book: AddressBook, province_hint: int | None) -> ResolvedAddress:
    """The units the parts name (``written`` is not the whole text yet)."""
    written = ", ".join(part.text for part in parts)
    parts = _province_cut_off(parts, book)
    scope = _province_scope(parts[-1], book)
    if scope is not None:
        return _best(written, parts[:-1], scope, book)
    if parts[-1].level == Level.PROVINCE and parts[-1].certain:
        return ResolvedAddress(
            written, _street(parts[:-1]), ConversionStatus.NOT_FOUND,
            reason=Reason.PROVINCE, province=parts[-1].text,
        )  # fmt: skip
    if province_hint is not None:
        found = _best(written, parts, _Scope.of(book, province_hint), book)
        if found.status != ConversionStatus.NOT_FOUND:
            return found
    return _best(written, parts, _Scope(None, None), book)


def _written_backwards(parts: list[Part], book: AddressBook) -> bool:
    """Province first, commune last: "Tỉnh Ninh Bình, Huyện Kim Sơn, Xã Cồn Thoi"."""
    return (
        len(parts) > 1
        and parts[-1].certain
        and parts[-1].level == Level.COMMUNE
        and _province_scope(parts[0], book) is not None
        and _province_scope(parts[-1], book) is None
    )


_STATUS_ORDER = {
    ConversionStatus.CONVERTED: 0,
    ConversionStatus.SPLIT: 1,
    ConversionStatus.AMBIGUOUS: 2,
    ConversionStatus.NOT_FOUND: 3,
}


def _best(written: str, rest: list[Part], scope: "_Scope", book: AddressBook) -> ResolvedAddress:
    readings = [r for r in _readings(written, rest, scope, book) if r is not None]
    if not readings:
        return ResolvedAddress(
            written, _street(rest), ConversionStatus.NOT_FOUND, reason=Reason.NO_COMMUNE,
            province_code=scope.single_new(), province=scope.text,
        )  # fmt: skip

    def order(reading: _Reading) -> tuple:
        status = reading.result.status
        return (status == ConversionStatus.NOT_FOUND, reading.rank, _STATUS_ORDER[status])

    return min(readings, key=order).result


def _province_cut_off(parts: list[Part], book: AddressBook) -> list[Part]:
    """A province written at the end of the last part without a separator
    ("huyen truc ninh nam dinh") made a part of its own."""
    last = parts[-1]
    if _province_scope(last, book) is not None or book.is_name(last.text):
        return parts
    words = last.text.split(" ")
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = _part(" ".join(words[-size:]))
        key = name_key(tail.name)
        if (size > 1 or key in _PROVINCE_ALIASES) and _province_scope(tail, book) is not None:
            head = words[:-size]
            for type_size in (2, 1):  # its type word goes with it: "... thanh pho ho chi minh"
                if len(head) > type_size and fold(" ".join(head[-type_size:])) in _CITY_WORDS:
                    tail = _part(" ".join(head[-type_size:] + words[-size:]))
                    head = head[:-type_size]
                    break
            return [*parts[:-1], _part(" ".join(head)), tail]
    return parts


_CITY_WORDS = frozenset({"thanh pho", "tinh", "tp", "thu do", "t.p"})


def _joined(parts: list[Part], book: AddressBook) -> list[Part]:
    """Parts cut at a dash put back together where together they name a unit."""
    joined: list[Part] = []
    for part in parts:
        if joined and joined[-1].joins_next and (part.level is None or not part.certain):
            together = f"{joined[-1].text} - {part.text}"
            if book.is_name(together):
                joined[-1] = _with(_part(together), joins_next=part.joins_next)
                continue
        joined.append(part)
    return joined


@dataclass
class _Scope:
    """Where the units are looked for: the provinces, new and old, the text names."""

    new: set[int] | None  # None: everywhere
    old: set[int] | None
    old_first: bool = False  # the province is named by an old name only ("Nam Định")
    text: str | None = None

    @classmethod
    def of(cls, book: AddressBook, province: int) -> "_Scope":
        """A province of today, with the old provinces that went into it."""
        old = {code for code, into in book.legacy_province_into.items() if province in into}
        return cls({province}, old)

    def single_new(self) -> int | None:
        return next(iter(self.new)) if self.new is not None and len(self.new) == 1 else None


def _province_scope(part: Part, book: AddressBook) -> "_Scope | None":
    """The provinces a part names, if it names one (held by the book: lists repeat them)."""
    if part not in book.scopes:
        if len(book.scopes) > _REMEMBERED:
            book.scopes.clear()
        book.scopes[part] = _read_province(part, book)
    return book.scopes[part]


def _read_province(part: Part, book: AddressBook) -> "_Scope | None":
    if name_key(part.text) in _PROVINCE_ALIASES:  # "TT Huế", "TPHCM"
        names = [part.text]
    elif part.level not in (None, Level.PROVINCE, Level.CITY) and part.certain:
        return None
    else:
        names = [part.name] if part.certain or part.level is None else [part.name, part.text]
    for name in names:
        key = name_key(name)
        key = _PROVINCE_ALIASES.get(key, key)
        new = {u.code for u in _marked(name, book.index("provinces").by_key.get(key, []))}
        old = {u.code for u in _marked(name, book.index("legacy_provinces").by_key.get(key, []))}
        if new or old:
            into = {code for o in old for code in book.legacy_province_into.get(o, ())}
            old_of_new = {c for c, codes in book.legacy_province_into.items() if codes & new}
            return _Scope(new | into, old | old_of_new, old_first=not new, text=part.text)
    return None


def _readings(
    written: str, rest: list[Part], scope: _Scope, book: AddressBook
) -> Iterable[_Reading | None]:
    """Every way of reading the parts before the province, ranked."""
    if not rest:
        return
    last = rest[-1]
    # Old units with their district: [..., commune, district].
    if _may_be(last, Level.DISTRICT):
        districts = _find(last, book.index("legacy_districts"), scope.old, Level.DISTRICT)
        if districts:
            commune = rest[-2] if len(rest) > 1 else None
            yield _old(written, rest[:-2], commune, districts, scope, book, last, rank=0)
        elif zones := _island_zones(last, scope, book):
            yield _Reading(
                ResolvedAddress(
                    written, _street(rest[:-1]), ConversionStatus.CONVERTED, zones[0].code,
                    province_code=zones[0].parent, legacy=True, district=last.text,
                    province=scope.text,
                ),
                rank=3,
            )  # fmt: skip
        elif last.level in (Level.DISTRICT, Level.CITY) and last.certain:
            yield _Reading(
                ResolvedAddress(
                    written, _street(rest[:-1]), ConversionStatus.NOT_FOUND,
                    province_code=scope.single_new(), reason=Reason.DISTRICT,
                    district=last.text, province=scope.text,
                    candidates=_in_an_unknown_district(rest, scope, book),
                ),
                rank=9,
            )  # fmt: skip
    if not _may_be(last, Level.COMMUNE) or any(_typed_commune(p) for p in rest[:-1]):
        return  # a reading that would pass over a commune the text names ("TT Me, Gia Viễn")
    # New units: [..., commune]; old ones without the district.
    # Found alike, a commune of today is preferred, unless the province has an old name.
    new_rank, old_rank = (2, 1) if scope.old_first else (1, 2)
    communes = _find(last, book.index("communes"), scope.new, Level.COMMUNE)
    if communes:
        yield _Reading(_new(written, rest[:-1], last, communes, scope), rank=new_rank)
    old = _find(last, book.index("legacy_communes"), scope.old, Level.COMMUNE, "province")
    if old:
        yield _Reading(_converted(written, rest[:-1], last, old, book, scope, None), old_rank)
    if last.level == Level.COMMUNE or (len(rest) == 1 and last.level is None):
        yield _Reading(_close(written, rest[:-1], last, scope, book, None), rank=8)


def _island_zones(district: Part, scope: _Scope, book: AddressBook) -> list[Unit]:
    """The special zone (đặc khu) of today an old island district became, when the official
    table of the units before July 2025 names the district with no commune (Côn Đảo, Bạch
    Long Vĩ, Cồn Cỏ, Lý Sơn had none then; the communes papers older than that name, such as
    Lý Sơn's "xã An Vĩnh", are in no table): the district is its zone, whatever commune the
    text names before it. One zone, or none."""
    if district.certain and district.level not in (Level.DISTRICT, None):
        return []
    zones = [
        unit
        for unit in book.index("communes").find(district.name, scope.new)
        if unit.kind == "đặc khu"
    ]
    return zones if len(zones) == 1 else []


def _in_an_unknown_district(rest: list[Part], scope: _Scope, book: AddressBook) -> tuple:
    """The communes of today the old commune named before a district the province does not
    have would go to: papers older than the table name districts merged or renamed since
    ("Thành phố Ninh Bình", part of Thành phố Hoa Lư from 2025). Offered to a person, never
    chosen: the district may as well be mistyped."""
    commune = rest[-2] if len(rest) > 1 else None
    if commune is None or not _may_be(commune, Level.COMMUNE):
        return ()
    old = _find(commune, book.index("legacy_communes"), scope.old, Level.COMMUNE, "province")
    return tuple(sorted({new for unit in old for new, _ in book.conversions.get(unit.code, [])}))


def _typed_commune(part: Part) -> bool:
    return part.certain and part.level == Level.COMMUNE


def _may_be(part: Part, level: Level) -> bool:
    return not part.certain or _same_level(part.level, level)


def _same_level(written: Level | None, level: Level) -> bool:
    if written is None or written == level:
        return True
    return written == Level.CITY and level in (Level.DISTRICT, Level.PROVINCE)


def _find(
    part: Part, index: _Index, within: set[int] | None, level: Level, by: str = "parent"
) -> list[Unit]:
    """The units of ``level`` a part names: by its name after the type word, and when
    that word may be the start of a name, by its whole text; narrowed to the type
    written, then by the diacritics written."""
    names = []
    if _same_level(part.level, level):
        names.append(part.name)
    if not part.certain and part.text not in names:
        names.append(part.text)
    for name in names:
        units = index.find(name, within, by)
        if part.kind and name is part.name:
            same_kind = [u for u in units if u.kind == part.kind]
            units = same_kind or units
        if units:
            return _marked(name, units)
    return []


def _marked(name: str, units: list[Unit]) -> list[Unit]:
    return as_written(name, units, lambda unit: unit.bare)


def as_written(name: str, found: list[T], bare: Callable[[T], str]) -> list[T]:
    """Of units whose names fold alike, those whose diacritics are as ``name`` writes
    them; else those its diacritics do not contradict; else all (its marks are wrong for
    every one). ``bare``: a unit's official name without its type."""
    written = _marks(name)
    exact = [unit for unit in found if _marks(bare(unit)) == written]
    if exact:
        return exact
    fitting = [unit for unit in found if _fits(written, _marks(bare(unit)))]
    return fitting or found


def written_name(text: str) -> str:
    """A unit's name as typed, without the type word it may begin with ("TP. Hà Nội")."""
    return _part(clean(text)).name


_Marks = tuple[tuple[tuple[str | None, ...], int | None], ...]


@functools.lru_cache(maxsize=65536)
def _marks(name: str) -> _Marks:
    """The diacritics of each word of a name: its letters' shape marks (â ă ơ đ…) and its
    tone, wherever on the word it is written ("Hoà" and "Hòa" alike)."""
    words = []
    for word in name_key_words(name):
        shapes: list[str | None] = []
        tone = None
        for char in unicodedata.normalize("NFD", word):
            if char in _TONES:
                tone = _TONES[char]
            elif char in _SHAPES:
                shapes[-1] = char
            elif unicodedata.category(char) != "Mn":
                shapes.append("đ" if char in "đĐ" else None)
        words.append((tuple(shapes), tone))
    return tuple(words)


def name_key_words(name: str) -> list[str]:
    """The words of a name as written (case folded), cut as ``name_key`` cuts them."""
    text = _APOSTROPHES.sub("", clean(name).casefold())
    text = _NOT_A_WORD.sub(" ", text.replace("_", " "))
    return [_LEADING_ZEROS.sub("", word) for word in text.split()]


def _fits(written: _Marks, official: _Marks) -> bool:
    if len(written) != len(official):
        return False
    for (shapes, tone), (official_shapes, official_tone) in zip(written, official, strict=True):
        if tone is not None and tone != official_tone:
            return False
        if len(shapes) != len(official_shapes):
            return False
        if any(s is not None and s != o for s, o in zip(shapes, official_shapes, strict=True)):
            return False
    return True


def _street(parts: Sequence[Part]) -> str | None:
    """The parts before the first one typed as a unit: house, street, hamlet."""
    street = []
    for part in parts:
        if part.certain and part.level not in (None, Level.STREET):
            break
        street.append(part.text)
    return ", ".join(street) or None


def _new(
    written: str, before: list[Part], part: Part, communes: list[Unit], scope: _Scope
) -> ResolvedAddress:
    codes = _codes(communes)
    provinces = {u.parent for u in communes}
    province = next(iter(provinces)) if len(provinces) == 1 else scope.single_new()
    if len(codes) == 1:
        return ResolvedAddress(
            written, _street(before), ConversionStatus.CONVERTED, codes[0],
            province_code=province, commune=part.text, province=scope.text,
        )  # fmt: skip
    return ResolvedAddress(
        written, _street(before), ConversionStatus.AMBIGUOUS, candidates=tuple(codes),
        province_code=province, commune=part.text, province=scope.text,
    )  # fmt: skip


def _old(
    written: str,
    before: list[Part],
    part: Part | None,
    districts: list[Unit],
    scope: _Scope,
    book: AddressBook,
    district: Part,
    rank: int,
) -> _Reading | None:
    if part is None or not _may_be(part, Level.COMMUNE):
        street = _street([*before, part] if part is not None else before)
        into = _new_provinces_of({d.parent for d in districts}, book)
        return _Reading(
            ResolvedAddress(
                written, street, ConversionStatus.NOT_FOUND, province_code=into, legacy=True,
                reason=Reason.NO_COMMUNE, district=district.text, province=scope.text,
            ),
            rank=7,
        )  # fmt: skip
    codes = {d.code for d in districts}
    old = _find(part, book.index("legacy_communes"), codes, Level.COMMUNE)
    if not old:
        return _Reading(_close(written, before, part, scope, book, districts, district), rank=6)
    return _Reading(_converted(written, before, part, old, book, scope, district), rank)


def _converted(
    written: str,
    before: list[Part],
    part: Part,
    old: list[Unit],
    book: AddressBook,
    scope: _Scope,
    district: Part | None,
) -> ResolvedAddress:
    """Old communes through the conversion table: one new commune, a split, or several."""
    outcomes = {u.code: book.conversions.get(u.code, []) for u in old}
    new_codes = sorted({new for rows in outcomes.values() for new, _ in rows})
    provinces = {book.commune_province.get(code) for code in new_codes}
    province = next(iter(provinces)) if len(provinces) == 1 else scope.single_new()
    common = {
        "street": _street(before), "province_code": province, "legacy": True,
        "commune": part.text, "district": district.text if district else None,
        "province": scope.text,
    }  # fmt: skip
    if not new_codes:
        return ResolvedAddress(
            written, status=ConversionStatus.NOT_FOUND, reason=Reason.NO_CONVERSION,
            legacy_commune_code=old[0].code if len(old) == 1 else None, **common,
        )  # fmt: skip
    whole = all(len(rows) == 1 and not rows[0][1] for rows in outcomes.values())
    if whole and len(new_codes) == 1:
        return ResolvedAddress(
            written, status=ConversionStatus.CONVERTED, commune_code=new_codes[0],
            legacy_commune_code=old[0].code if len(old) == 1 else None, **common,
        )  # fmt: skip
    status = ConversionStatus.SPLIT if len(old) == 1 else ConversionStatus.AMBIGUOUS
    return ResolvedAddress(
        written, status=status, candidates=tuple(new_codes),
        legacy_commune_code=old[0].code if len(old) == 1 else None, **common,
    )  # fmt: skip


def _close(
    written: str,
    before: list[Part],
    part: Part,
    scope: _Scope,
    book: AddressBook,
    districts: list[Unit] | None,
    district: Part | None = None,
) -> ResolvedAddress:
    """NOT_FOUND, offering today's communes of the communes named alike where the text
    says (old ones of the district, or old and new ones of the province)."""
    if districts:
        where = ("districts", frozenset(d.code for d in districts))
        into = _new_provinces_of({d.parent for d in districts}, book)
    else:
        where = ("provinces", frozenset(scope.old or ()), frozenset(scope.new or ()))
        into = scope.single_new()
    candidates = book.close_to(where, name_key(part.name))
    return ResolvedAddress(
        written, _street(before), ConversionStatus.NOT_FOUND, candidates=candidates,
        province_code=into, legacy=bool(districts), reason=Reason.COMMUNE, commune=part.text,
        district=district.text if district else None, province=scope.text,
    )  # fmt: skip


def _new_provinces_of(old_provinces: set[int | None], book: AddressBook) -> int | None:
    into = {code for old in old_provinces for code in book.legacy_province_into.get(old, ())}
    return next(iter(into)) if len(into) == 1 else None


def _codes(units: Iterable[Unit]) -> list[int]:
    return sorted({unit.code for unit in units})


def parse_columns(
    commune: str | None, district: str | None = None, province: str | None = None
) -> ParsedAddress:
    """An address given in separate cells (a list's commune, district and province
    columns): each part read as its column says unless its own type word says otherwise
    ("1" in the district column is Quận 1)."""
    parts = []
    for text, level in ((commune, Level.COMMUNE), (district, Level.DISTRICT),
                        (province, Level.PROVINCE)):  # fmt: skip
        text = clean(text or "")
        if not text:
            continue
        part = _part(text)
        if part.level in (None, Level.STREET) or not _same_level(part.level, level):
            part = Part(text, text, level)
        parts.append(part)
    return ParsedAddress(", ".join(p.text for p in parts), tuple(parts))


def province_codes(text: str, book: AddressBook) -> set[int] | None:
    """Today's provinces a province's name names ("Nam Định", "TP HCM", "Tỉnh Ninh Bình",
    as a list's province column writes it); None when it names none."""
    parts = parse_columns(None, None, text).parts
    scope = _province_scope(parts[-1], book) if parts else None
    return set(scope.new) if scope is not None and scope.new is not None else None


def same_place(written: str, other: str) -> bool:
    """Whether two names of a unit, types left out, are the same name as written ("Huyện
    Kim Sơn" and "kim son"); diacritics written on both must agree."""
    a, b = written_name(written), written_name(other)
    return name_key(a) == name_key(b) and (
        _fits(_marks(a), _marks(b)) or _fits(_marks(b), _marks(a))
    )


def problem_message(address: ResolvedAddress) -> str | None:
    """Why an address is not placed in a commune, for the person who wrote it; None when
    it is, or when a person chooses among its candidates."""
    if address.found or address.candidates:
        return None
    if address.reason == Reason.TOO_LONG:
        return gettext(
            "An address is at most %(count)d characters long: this text is not read as one.",
            count=MAX_LENGTH,
        )
    if address.reason == Reason.CHARACTERS:
        return text_problem(address.written)
    if address.reason == Reason.PROVINCE:
        return gettext("No province is named “%(name)s”.", name=address.province)
    if address.reason == Reason.DISTRICT:
        return gettext(
            "No district (before July 2025) is named “%(name)s” in “%(province)s”.",
            name=address.district,
            province=address.province or "—",
        )
    if address.reason == Reason.NO_CONVERSION:
        return gettext(
            "The official conversion table does not give the commune of today for “%(name)s”.",
            name=address.commune,
        )
    if address.reason == Reason.COMMUNE and address.commune:
        place = address.district or address.province
        if place:
            return gettext(
                "No commune is named “%(name)s” in “%(place)s”.", name=address.commune, place=place
            )
        return gettext("No commune is named “%(name)s”.", name=address.commune)
    return gettext(
        "No commune, ward or special zone can be read in “%(address)s”: write it as on the"
        " papers, e.g. “Thôn 3, xã Yên Thái, huyện Yên Mô, tỉnh Ninh Bình”.",
        address=address.written,
    )
