"""ID numbers: the 12-digit citizen ID checked against the birth record, the old 9-digit card."""

import csv
from pathlib import Path

import pytest

from reintegration.people.identity import (
    IdProblem,
    check_citizen_id,
    check_old_id_number,
    normalise_id_number,
)

LEGACY_PROVINCES = (
    Path(__file__).resolve().parents[2]
    / "reintegration"
    / "geo"
    / "data"
    / "legacy_provinces_pre2025.csv"
)

HA_NOI_MAN_1985 = "001085012345"
HCM_WOMAN_2003 = "079303001234"


def codes(problems: list[IdProblem]) -> list[str]:
    return [problem.code for problem in problems]


def legacy_codes() -> set[int]:
    with LEGACY_PROVINCES.open(encoding="utf-8", newline="") as file:
        return {int(row["legacy_province_code"]) for row in csv.DictReader(file)}


def test_normalise_removes_spaces_dots_and_dashes():
    assert normalise_id_number(" 001 085.012-345 ") == HA_NOI_MAN_1985
    assert normalise_id_number("079–303–001234") == HCM_WOMAN_2003
    assert normalise_id_number("") == ""


def test_good_numbers_have_no_problem(request_ctx):
    assert check_citizen_id(HA_NOI_MAN_1985, birth_year=1985, sex="male") == []
    assert check_citizen_id(HCM_WOMAN_2003, birth_year=2003, sex="female") == []
    assert check_citizen_id(HCM_WOMAN_2003, birth_year=None, sex=None) == []


def test_problems_are_frozen(request_ctx):
    problem = check_citizen_id("00108501234", birth_year=None, sex=None)[0]
    with pytest.raises(AttributeError):
        problem.code = "other"


@pytest.mark.parametrize("number", ["00108501234", "0010850123456", ""])
def test_wrong_length(request_ctx, number):
    problems = check_citizen_id(number, birth_year=1985, sex="male")
    assert codes(problems) == ["length"]
    assert "12" in problems[0].message
    assert str(len(number)) in problems[0].message


def test_non_digits(request_ctx):
    problems = check_citizen_id("00108501234X", birth_year=1985, sex="male")
    assert codes(problems) == ["digits"]
    assert "X" in problems[0].message
    assert codes(check_citizen_id("001 085 012345", birth_year=None, sex=None)) == [
        "length",
        "digits",
    ]


@pytest.mark.parametrize("code", ["003", "099", "000"])
def test_unknown_province_code(request_ctx, code):
    assert int(code) not in legacy_codes()
    problems = check_citizen_id(code + "085012345", birth_year=1985, sex="male")
    assert codes(problems) == ["province"]
    assert code in problems[0].message


def test_every_legacy_province_code_is_accepted(request_ctx):
    for code in legacy_codes():
        number = f"{code:03d}085012345"
        assert check_citizen_id(number, birth_year=1985, sex="male") == [], number


def test_wrong_century_digit_for_the_birth_year(request_ctx):
    # A man born in 2003 has 2 as his 4th digit, not 0.
    problems = check_citizen_id("079003001234", birth_year=2003, sex="male")
    assert codes(problems) == ["century_sex"]
    message = problems[0].message
    assert "4" in message and "0" in message  # the digit and its value
    assert "2003" in message
    assert message.rstrip(".").endswith("2")  # the expected digit


def test_wrong_sex_digit(request_ctx):
    # A woman born in 2003 has 3; the record says a man born in 2003, who would have 2.
    problems = check_citizen_id(HCM_WOMAN_2003, birth_year=2003, sex="male")
    assert codes(problems) == ["century_sex"]
    assert problems[0].message.rstrip(".").endswith("2")
    # The example of the brief: a woman of the 2000s recorded as a man born in 1985.
    problems = check_citizen_id("001385012345", birth_year=1985, sex="male")
    assert codes(problems) == ["century_sex"]
    assert "3" in problems[0].message and "1985" in problems[0].message
    assert problems[0].message.rstrip(".").endswith("0")


def test_sex_unknown_checks_only_the_century(request_ctx):
    assert check_citizen_id("001185012345", birth_year=1985, sex=None) == []
    problems = check_citizen_id("001285012345", birth_year=1985, sex=None)
    assert codes(problems) == ["century_sex"]
    assert "0" in problems[0].message and "1" in problems[0].message


def test_birth_year_unknown_checks_only_the_sex(request_ctx):
    assert check_citizen_id("001485012345", birth_year=None, sex="male") == []
    problems = check_citizen_id(HA_NOI_MAN_1985, birth_year=None, sex="female")
    assert codes(problems) == ["century_sex"]
    assert problems[0].message


def test_wrong_birth_year_digits(request_ctx):
    problems = check_citizen_id(HA_NOI_MAN_1985, birth_year=1986, sex="male")
    assert codes(problems) == ["birth_year"]
    message = problems[0].message
    assert "85" in message and "1986" in message and "86" in message


def test_all_problems_are_reported_together(request_ctx):
    problems = check_citizen_id("003385012345", birth_year=2004, sex="male")
    assert codes(problems) == ["province", "century_sex", "birth_year"]
    assert all(isinstance(p.message, str) and p.message for p in problems)


def test_old_nine_digit_number(request_ctx):
    assert check_old_id_number("012345678") == []
    assert codes(check_old_id_number("01234567")) == ["length"]
    assert "9" in check_old_id_number("01234567")[0].message
    assert codes(check_old_id_number("01234567A")) == ["digits"]
    assert codes(check_old_id_number("0123456789")) == ["length"]
