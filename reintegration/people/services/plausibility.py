"""Data that cannot be true, refused with a clear message rather than stored: a birth in
the future, a release before the birth or years ahead, a person received before the
notice of arrival or before the release, a phone number that is not one, a name with no
letters or with invisible characters.

Each check returns every problem it finds (a release list reports all of a row's at once);
the forms, the API and the importer reach them through the services."""

import re
from datetime import date, timedelta

from flask_babel import gettext as _

from reintegration.core.exceptions import DomainError
from reintegration.core.text import name_problem
from reintegration.people.services.data import PersonData, ReleaseData

# The prison notifies the commune before the release: a release is registered ahead of its
# day, but never more than this far ahead ("2099" is a typing error).
RELEASE_NOTICE_DAYS = 366
# A phone number as written: digits with spaces, dots, dashes or brackets between them, a
# "+" before the country code; 8 to 15 digits (E.164 allows 15).
PHONE = re.compile(r"\+?[0-9][0-9 .()\-]*")
PHONE_DIGITS = (8, 15)


def person_problems(data: PersonData, today: date) -> list[DomainError]:
    errors = [
        DomainError(problem, field=name)
        for name in ("full_name", "other_names")
        if (value := getattr(data, name)) and (problem := name_problem(value))
    ]
    if data.birth_year > today.year or (data.birth_date is not None and data.birth_date > today):
        errors.append(DomainError(_("The birth cannot be in the future."), field="birth_year"))
    if data.phone and not is_phone_number(data.phone):
        errors.append(
            DomainError(
                _("Type a phone number in digits, e.g. 0912 345 678 or +84 912 345 678."),
                field="phone",
            )
        )
    return errors


def is_phone_number(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return bool(PHONE.fullmatch(text.strip())) and PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]


def release_problems(data: ReleaseData, birth_year: int, today: date) -> list[DomainError]:
    errors = []
    if data.release_date.year < birth_year:
        errors.append(
            DomainError(_("The release cannot be before the person's birth."), field="release_date")
        )
    if data.release_date > today + timedelta(days=RELEASE_NOTICE_DAYS):
        errors.append(
            DomainError(
                _("A release more than a year ahead cannot be right: check the year."),
                field="release_date",
            )
        )
    return errors


def case_date_problems(
    notified_on: date | None, received_on: date | None, release_date: date | None, today: date
) -> list[DomainError]:
    errors = []
    if notified_on is not None and notified_on > today:
        errors.append(
            DomainError(
                _("The notice of arrival cannot be dated in the future."), field="notified_on"
            )
        )
    if received_on is None:
        return errors
    if received_on > today:
        errors.append(
            DomainError(_("The person cannot be received in the future."), field="received_on")
        )
    elif notified_on is not None and received_on < notified_on:
        errors.append(
            DomainError(
                _("The person cannot be received before the notice of arrival."),
                field="received_on",
            )
        )
    elif release_date is not None and received_on < release_date:
        errors.append(
            DomainError(
                _("The person cannot report to the commune before being released."),
                field="received_on",
            )
        )
    return errors


def refuse(errors: list[DomainError]) -> None:
    """Raise the first problem found, for the pages (one message at a time on its field)."""
    if errors:
        raise errors[0]
