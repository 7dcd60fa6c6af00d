"""ID numbers: the 12-digit citizen ID (căn cước) and the old 9-digit ID card.

A 12-digit number says where and when its holder was born (Circular 59/2021/TT-BCA Art. 4):

- digits 1–3: the code of the pre-2025 province where the birth was registered (001 Hà Nội …
  096 Cà Mau);
- digit 4: century and sex: 0/1 born 1900–1999 man/woman, 2/3 2000–2099, 4/5 2100–2199,
  6/7 2200–2299, 8/9 2300–2399;
- digits 5–6: the last two digits of the birth year; digits 7–12: a random number.

A number that disagrees with the recorded birth year or sex is a data error to show, not to
hide: the checks return every problem found, each with a message naming the expected value.
Numbers are checked as given; pass them through ``normalise_id_number`` first.
"""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

from reintegration.geo.services import legacy_province_codes

CITIZEN_ID_LENGTH = 12
OLD_ID_LENGTH = 9
MALE, FEMALE = "male", "female"
FIRST_CENTURY = 1900  # digits 0 and 1
LAST_YEAR = 2399  # digits 8 and 9 end here

_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class IdProblem:
    code: str  # "length", "digits", "province", "century_sex", "birth_year"
    message: str  # translated, for the user


def normalise_id_number(raw: str) -> str:
    """The number without the spaces, dots and dashes people write in it."""
    return _SEPARATORS.sub("", raw or "")


def check_citizen_id(number: str, *, birth_year: int | None, sex: str | None) -> list[IdProblem]:
    """The problems of a 12-digit citizen ID number, against the recorded birth year and sex
    ("male", "female"); either may be None, and is then not checked. Empty when all agree."""
    problems = _format_problems(number, CITIZEN_ID_LENGTH)
    if problems:
        return problems
    code = number[:3]
    if int(code) not in legacy_province_codes():
        problems.append(
            IdProblem(
                "province",
                _("The first three digits, %(code)s, are not the code of a province.", code=code),
            )
        )
    century_problem = _check_century_sex(int(number[3]), birth_year, sex)
    if century_problem is not None:
        problems.append(century_problem)
    if birth_year is not None:
        expected = f"{birth_year % 100:02d}"
        if number[4:6] != expected:
            problems.append(
                IdProblem(
                    "birth_year",
                    _(
                        "Digits 5 and 6 are %(found)s but the record says born in %(year)d:"
                        " they should be %(expected)s.",
                        found=number[4:6],
                        year=birth_year,
                        expected=expected,
                    ),
                )
            )
    return problems


def check_old_id_number(number: str) -> list[IdProblem]:
    """The problems of an old ID card number (chứng minh nhân dân): exactly 9 digits."""
    return _format_problems(number, OLD_ID_LENGTH)


def _format_problems(number: str, length: int) -> list[IdProblem]:
    problems = []
    if len(number) != length:
        if length == CITIZEN_ID_LENGTH:
            message = _("A citizen ID number has 12 digits, not %(n)d.", n=len(number))
        else:
            message = _("An old ID card number has 9 digits, not %(n)d.", n=len(number))
        problems.append(IdProblem("length", message))
    if number and not _DIGITS.fullmatch(number):
        others = "".join(dict.fromkeys(ch for ch in number if not "0" <= ch <= "9"))
        message = _("An ID number has only digits; this one also has %(chars)s.", chars=others)
        problems.append(IdProblem("digits", message))
    return problems


def _digit_meaning(digit: int) -> str:
    """What the 4th digit says: "a woman born 2000–2099"."""
    start = FIRST_CENTURY + 100 * (digit // 2)
    if digit % 2 == 0:
        return _("a man born %(start)d–%(end)d", start=start, end=start + 99)
    return _("a woman born %(start)d–%(end)d", start=start, end=start + 99)


def _record(birth_year: int | None, sex: str | None) -> str:
    """What the record says: "a man born in 1985", "a person born in 1985", "a woman"."""
    if birth_year is None:
        return _("a man") if sex == MALE else _("a woman")
    if sex == MALE:
        return _("a man born in %(year)d", year=birth_year)
    if sex == FEMALE:
        return _("a woman born in %(year)d", year=birth_year)
    return _("a person born in %(year)d", year=birth_year)


def _check_century_sex(digit: int, birth_year: int | None, sex: str | None) -> IdProblem | None:
    if sex not in (MALE, FEMALE):
        sex = None
    if birth_year is not None and not FIRST_CENTURY <= birth_year <= LAST_YEAR:
        birth_year = None  # no digit stands for that century: only the sex can be checked
    if birth_year is None and sex is None:
        return None
    century_digit = None if birth_year is None else 2 * ((birth_year - FIRST_CENTURY) // 100)
    century_ok = century_digit is None or digit - digit % 2 == century_digit
    sex_ok = sex is None or (digit % 2 == 0) == (sex == MALE)
    if century_ok and sex_ok:
        return None
    found = {"digit": digit, "meaning": _digit_meaning(digit), "record": _record(birth_year, sex)}
    if century_digit is not None and sex is not None:
        expected = century_digit + (0 if sex == MALE else 1)
        message = _(
            "The 4th digit is %(digit)d (%(meaning)s) but the record says %(record)s:"
            " it should be %(expected)d.",
            expected=expected,
            **found,
        )
    elif century_digit is not None:
        message = _(
            "The 4th digit is %(digit)d (%(meaning)s) but the record says %(record)s:"
            " it should be %(first)d or %(second)d.",
            first=century_digit,
            second=century_digit + 1,
            **found,
        )
    elif sex == MALE:
        message = _(
            "The 4th digit is %(digit)d (%(meaning)s) but the record says %(record)s:"
            " it should be an even digit.",
            **found,
        )
    else:
        message = _(
            "The 4th digit is %(digit)d (%(meaning)s) but the record says %(record)s:"
            " it should be an odd digit.",
            **found,
        )
    return IdProblem("century_sex", message)
