"""Turning the cells of a list into values: dates as Vietnamese write them (the formats of
the project's DayField) and as Excel produces them (date cells, serial numbers, ISO text),
sex, release type, whole months, ID numbers whose leading zeros Excel dropped."""

import functools
import re
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from reintegration.core.forms import DAY_FORMATS
from reintegration.core.text import fold, nfc
from reintegration.people.models import ReleaseType, Sex

EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = range(1, 110_000)  # 1900 to about 2200
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_YEAR = re.compile(r"\d{4}")
_DIGITS = re.compile(r"\d+")

SEX_WORDS = {
    "nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "trai": Sex.MALE,
    "nu": Sex.FEMALE, "female": Sex.FEMALE, "f": Sex.FEMALE, "gai": Sex.FEMALE,
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
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    if raw.isdigit() and int(raw) in EXCEL_SERIALS and len(raw) == 5:
        return EXCEL_EPOCH + timedelta(days=int(raw))
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
    found = day(cell)
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


def months(cell) -> int | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell)
    found = _DIGITS.fullmatch(str(cell).strip())
    if found is None:
        raise BadValue(_("“%(value)s” is not a whole number of months.", value=cell))
    return int(found.group())


def id_number(cell, length: int) -> str | None:
    """As written. A number the spreadsheet stored as a number lost its leading zeros,
    which a citizen ID always has (province codes are 001–096): they are put back. Text is
    kept as typed, so a short number is reported as the user wrote it."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raw = str(int(cell))
        return raw.zfill(length) if len(raw) < length else raw
    return str(cell).strip()
