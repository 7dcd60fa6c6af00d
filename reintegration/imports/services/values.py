"""Turning the cells of a list into values: dates as Vietnamese write them (the formats of
the project's DayField) and as Excel produces them (date cells, serial numbers, ISO text),
sex, release type, sentences as release papers write them ("3 năm 6 tháng", "Chung
thân"), ID numbers whose leading zeros Excel dropped."""

import enum
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from reintegration.core.forms import DAY_FORMATS
from reintegration.core.text import fold, nfc
from reintegration.people.models import ReleaseType, SentenceKind, Sex

EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = range(1, 110_000)  # 1900 to about 2200
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_YEAR = re.compile(r"\d{4}")
_DAY_IN_WORDS = re.compile(
    r"(?:ngay )?(\d{1,2}) ?(?:thang|[/.-]) ?(\d{1,2}) ?(?:nam|[/.-]) ?(\d{4}) ?\.?", re.ASCII
)
_MONTH_AND_YEAR = re.compile(r"(?:t|thang )?(\d{1,2}) ?(?:[/.-]|nam) ?(\d{4})", re.ASCII)
_SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_SHORT_YEAR_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})")
_ID_SEPARATORS = re.compile(r"[\s.\-]+")
_WORDS = re.compile(r"[a-z]+")
_NUMBER = re.compile(r"\d+(\.\d+)?")
# "3 năm", "06 tháng", "15 ngày", "3n6t", "2 years": a number and its unit (folded).
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(nam|thang|ngay|years?|months?|days?|n|t)(?![a-z])")
# What may stand around the parts: "tù", "và", "phạt", punctuation.
_LEFT_OVER = re.compile(r"\b(tu|va|phat|giam|co|thoi|han|prison|and)\b|[^a-z0-9]")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
DIGIT_WORDS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
NUMBER_WORDS = {*DIGIT_WORDS, "mười", "mươi"}
UNIT_WORDS = {"năm", "tháng", "ngày"}
_NEGATIVE = re.compile(r"-\s*\d")
MAX_SENTENCE_MONTHS = 600
# Terms no number of months says (folded words), and a suspended one ("án treo").
WHOLE_TERMS = (
    (("tu hinh", "death"), SentenceKind.DEATH_COMMUTED),
    (("chung than", "life"), SentenceKind.LIFE),
)
_SUSPENDED = re.compile(r"\b(cho huong an treo|an treo|treo|suspended)\b")

SEX_WORDS = {
    "nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "trai": Sex.MALE,
    "nam gioi": Sex.MALE, "gioi tinh nam": Sex.MALE,
    "nu": Sex.FEMALE, "female": Sex.FEMALE, "f": Sex.FEMALE, "gai": Sex.FEMALE,
    "nu gioi": Sex.FEMALE, "gioi tinh nu": Sex.FEMALE,
}  # fmt: skip
RELEASE_WORDS = (
    ("dac xa", ReleaseType.AMNESTY),
    ("amnesty", ReleaseType.AMNESTY),
    ("truoc thoi han", ReleaseType.CONDITIONAL_EARLY_RELEASE),
    ("conditional", ReleaseType.CONDITIONAL_EARLY_RELEASE),
    ("chap hanh xong", ReleaseType.SENTENCE_COMPLETED),
    ("het an", ReleaseType.SENTENCE_COMPLETED),
    ("completed", ReleaseType.SENTENCE_COMPLETED),
)


class BadValue(ValueError):
    """``str(error)`` is the translated reason."""


def text(cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        return cell.strftime("%d/%m/%Y")
    value = nfc(str(cell))
    return value or None


def day(cell) -> date | None:
    """dd/mm/yyyy (and the DayField's other formats), a date cell, an Excel serial number."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if int(cell) in EXCEL_SERIALS:
            return EXCEL_EPOCH + timedelta(days=int(cell))
        raise BadValue(_("“%(value)s” is not a date (dd/mm/yyyy).", value=cell))
    found = _written_day(str(cell).strip())
    if found is None:
        raise BadValue(_("“%(value)s” is not a date (dd/mm/yyyy).", value=cell))
    return found


@functools.lru_cache(maxsize=4096)
def _written_day(written: str) -> date | None:
    """A date as text; a list repeats its dates (release, arrival) down every row."""
    raw = _TIME_PART.sub("", written)
    slashed = _SLASHED_DAY.fullmatch(raw)
    if slashed:  # dd/mm/yyyy, as nearly every list writes it: read without strptime
        try:
            return date(*(int(part) for part in reversed(slashed.groups())))
        except ValueError:
            pass  # no such day: the formats below say so alike
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    if raw.isdigit() and int(raw) in EXCEL_SERIALS and len(raw) == 5:
        return EXCEL_EPOCH + timedelta(days=int(raw))
    return _short_year_day(raw) or _day_in_words(raw)


def _day_in_words(raw: str) -> date | None:
    """ "ngày 15 tháng 3 năm 1985", as papers write a day in a sentence; "15 / 03 / 1985"
    spaced out; a full stop after."""
    found = _DAY_IN_WORDS.fullmatch(fold(raw))
    if found is None:
        return None
    try:
        return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None


def _short_year_day(raw: str) -> date | None:
    """ "01/9/26": a two-digit year is the latest such year not after this one (26 → 2026,
    85 → 1985): every day a list gives (birth, release, arrival) is in the past or near."""
    found = _SHORT_YEAR_DAY.fullmatch(raw)
    if found is None:
        return None
    day_number, month, short = (int(part) for part in found.groups())
    this_year = date.today().year
    year = this_year - (this_year - short) % 100
    try:
        return date(year, month, day_number)
    except ValueError:
        return None


def birth(cell) -> tuple[date | None, int | None]:
    """A date of birth, or only a year (old papers often give no more)."""
    if cell is None or cell == "":
        return None, None
    raw = str(int(cell)) if isinstance(cell, int | float) and not isinstance(cell, bool) else None
    if raw and len(raw) == 4:
        return None, int(raw)
    if isinstance(cell, str) and _YEAR.fullmatch(cell.strip()):
        return None, int(cell.strip())
    try:
        found = day(cell)
    except BadValue:
        month = _MONTH_AND_YEAR.fullmatch(fold(cell)) if isinstance(cell, str) else None
        if month and 1 <= int(month[1]) <= 12:  # "03/1985", "T3/1985", "tháng 3/1985"
            return None, int(month[2])
        raise
    return found, found.year if found else None


def year(cell) -> int | None:
    if cell is None or cell == "":
        return None
    raw = str(int(cell)) if isinstance(cell, int | float) and not isinstance(cell, bool) else None
    raw = raw or str(cell).strip()
    if _YEAR.fullmatch(raw):
        return int(raw)
    raise BadValue(_("“%(value)s” is not a year.", value=cell))


def sex(cell) -> Sex | None:
    if cell is None or cell == "":
        return None
    found = SEX_WORDS.get(fold(str(cell)))
    if found is None:
        raise BadValue(_("“%(value)s” is not a sex: write Nam or Nữ.", value=cell))
    return found


def release_type(cell) -> ReleaseType | None:
    if cell is None or cell == "":
        return None
    folded = fold(str(cell))
    for words, kind in RELEASE_WORDS:
        if words in folded:
            return kind
    raise BadValue(
        _(
            "“%(value)s” is not a release type: write đặc xá, chấp hành xong án phạt tù or"
            " tha tù trước thời hạn có điều kiện.",
            value=cell,
        )
    )


class Unit(enum.Enum):
    """What a bare number in a duration column counts, from the column's heading."""

    MONTHS = "months"
    YEARS = "years"
    UNSAID = "unsaid"


def unit_of(heading: str | None) -> Unit:
    """ "Mức án (tháng)", "Số tháng tù" count months; "Mức án (năm)" years."""
    words = set(_WORDS.findall(fold(heading)))
    if words & {"thang", "month", "months"}:
        return Unit.MONTHS
    if words & {"nam", "year", "years"}:
        return Unit.YEARS
    return Unit.UNSAID


@dataclass(frozen=True)
class Sentence:
    months: int | None = None
    kind: SentenceKind | None = None


# A list writes its few sentences ("15 năm", "Chung thân") down thousands of rows: each is
# read once (typed: a cell of True is not the number 1; one that cannot be read is not
# remembered, so its message is always in the reader's language).
@functools.lru_cache(maxsize=4096, typed=True)
def sentence(cell, unit: Unit = Unit.UNSAID, *, whole_terms: bool = True) -> Sentence:
    """A term as papers write it: "15 năm", "3 năm 6 tháng", "2 năm 06 tháng", "36 tháng",
    "18 tháng tù", "Tù chung thân", "1,5 năm", "3N6T", "2 năm tù cho hưởng án treo"; a
    bare number counts what the heading says. Days ("2 năm 3 tháng 15 ngày") are below a
    month: left out. ``whole_terms``: life, a commuted death sentence and a suspended
    term may be written (a sentence, not the time served)."""
    if cell is None or cell == "":
        return Sentence()
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _bare(float(cell), unit)
    written = nfc(str(cell)).lower()
    # A note in brackets says what the term was or became ("03 (ba) năm", "3 năm (đã giảm
    # 6 tháng)"): the term is what is written outside it.
    written = _BRACKETED.sub(" ", written).strip() or written
    folded = fold(_number_words_as_digits(written)).replace(",", ".")
    if not folded:
        return Sentence()
    for words, kind in WHOLE_TERMS:
        if any(word in folded for word in words):
            if not whole_terms:
                raise BadValue(_unread_sentence())
            return Sentence(kind=kind)
    suspended = _SUSPENDED.search(folded) is not None
    if suspended:
        if not whole_terms:
            raise BadValue(_unread_sentence())
        folded = _SUSPENDED.sub(" ", folded)
    if _NUMBER.fullmatch(folded.strip()):
        term = _bare(float(folded), unit)
    else:
        parts = _DURATION_PART.findall(folded)
        rest = _DURATION_PART.sub(" ", folded)
        if not parts or _LEFT_OVER.sub("", rest) or _NEGATIVE.search(folded):
            raise BadValue(_unread_sentence())
        total = 0.0
        for number, word in parts:
            if word.startswith(("ng", "d")):
                continue  # days
            total += float(number) * (12 if word.startswith(("n", "y")) else 1)
        term = _whole(total)
    if not whole_terms:
        return Sentence(term.months)
    return Sentence(term.months, SentenceKind.SUSPENDED if suspended else SentenceKind.PRISON)


def _number_words_as_digits(written: str) -> str:
    """Numbers written in words before their unit, as some papers do: "mười năm" → "10
    năm", "năm năm sáu tháng" → "5 năm 6 tháng", "hai mươi lăm năm" → "25 năm"."""
    words = [word.strip("().,;:") for word in written.split()]
    out: list[str] = []
    i = 0
    while i < len(words):
        run_end = i
        while run_end < len(words) and words[run_end] in NUMBER_WORDS:
            run_end += 1
        for unit_at in range(min(run_end, len(words) - 1), i, -1):
            number = _number_of(words[i:unit_at])
            if words[unit_at] in UNIT_WORDS and number is not None:
                out.append(str(number))
                i = unit_at
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _number_of(words: list[str]) -> int | None:
    """1 to 99 in words: "ba", "mười", "mười lăm", "hai mươi", "hai mươi mốt"."""
    tens, rest = 0, words
    if words and words[0] == "mười":
        tens, rest = 1, words[1:]
    elif len(words) >= 2 and words[1] == "mươi":
        tens, rest = DIGIT_WORDS.get(words[0]), words[2:]
    if tens is None or len(rest) > 1 or (not tens and not rest):
        return None
    ones = DIGIT_WORDS.get(rest[0]) if rest else 0
    return None if ones is None else tens * 10 + ones


def _bare(number: float, unit: Unit) -> Sentence:
    if unit == Unit.UNSAID:
        raise BadValue(
            _(
                "A number alone: years or months? Write “năm” or “tháng” after it, or say it"
                " in the column's heading. It is left empty."
            )
        )
    return _whole(number * (12 if unit == Unit.YEARS else 1))


def _whole(months: float) -> Sentence:
    if months < 0 or months > MAX_SENTENCE_MONTHS or not float(months).is_integer():
        raise BadValue(_unread_sentence())
    return Sentence(int(months), SentenceKind.PRISON)


def _unread_sentence() -> str:
    return _(
        "This term could not be read (write it as 15 năm, 3 năm 6 tháng, 36 tháng or Chung"
        " thân): it is left empty."
    )


def id_number(cell, length: int) -> str | None:
    """As written. A number the spreadsheet stored as a number lost its leading zeros,
    which a citizen ID always has (province codes are 001–096): they are put back. Digits
    grouped by spaces, dots or dashes are joined; other text is kept as typed, so a short
    number is reported as the user wrote it."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raw = str(int(cell))
        return raw.zfill(length) if len(raw) < length else raw
    written = str(cell).strip()
    digits = id_digits(written)
    if not digits.isdigit():
        return written
    return digits.zfill(length) if zeros_dropped(digits, length) else digits


def id_digits(written: str) -> str:
    """The digits of "037 190 004 567", "037.190.004.567", and Excel's text mark
    "'035078007890", joined."""
    return _ID_SEPARATORS.sub("", written.strip().removeprefix("'"))


def zeros_dropped(digits: str, length: int) -> bool:
    """A citizen ID written as text whose leading zeros a spreadsheet dropped before: a CSV
    saved from a sheet where the column held numbers, a number pasted as text. A 12-digit
    ID begins with its province's code, 001–096, so 10 or 11 digits not beginning with 0
    can only be one with its zeros lost (a digit mistyped elsewhere keeps the first 0).
    The old 9-digit cards have no such rule: theirs are left as written."""
    return length == 12 and len(digits) in (10, 11) and digits[0] != "0"
