"""Language choice and the formats users expect: dd/mm/yyyy, 100.000.000 ₫."""

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import get_group_symbol, get_minus_sign_symbol
from flask import Flask, current_app, has_request_context, session
from flask_babel import format_datetime, format_decimal, get_locale
from flask_login import current_user

DATE_PATTERN = "dd/MM/yyyy"
DATETIME_PATTERN = "dd/MM/yyyy HH:mm"
CURRENCY_SIGN = "₫"
NBSP = "\u00a0"


def N_(msgid: str) -> str:
    """Mark a message for the catalogue without translating it now: it is stored (a
    notification, say) and translated when shown, in the reader's language."""
    return msgid


def select_locale() -> str:
    """The signed-in user's saved language, else the one chosen this session, else Vietnamese
    (also for commands and scheduled jobs, which run outside a request)."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("locale")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def format_day(value: date | datetime | str | None) -> str:
    """dd/mm/yyyy in every language; an instant is shown on its local (Vietnam) day; a
    day kept as ISO text (in JSON: an import row's data) is read first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        return format_datetime(value, DATE_PATTERN)
    return value.strftime("%d/%m/%Y")


def format_instant(value: datetime | None) -> str:
    """An instant stored in UTC, shown in Vietnam's time as dd/mm/yyyy HH:mm."""
    return "" if value is None else format_datetime(value, DATETIME_PATTERN)


@cache
def _whole_number_symbols(locale: Locale) -> tuple[str, str] | None:
    """The group separator and minus sign of ``locale`` when its numbers group by threes
    (Vietnamese and English do), else None."""
    if locale.decimal_formats[None].grouping != (3, 3):
        return None
    return get_group_symbol(locale), get_minus_sign_symbol(locale)


class WholeNumbers:
    """Whole numbers and sums in đồng written as ``format_number`` and ``format_money``
    write them, with the reader's language looked up once: a page that writes hundreds (a
    dashboard's reports) keeps one, where each call of those looks the language up again
    (a few µs each). Babel's general pattern is not run for each number either (21 µs a
    call); the text is the same."""

    def __init__(self) -> None:
        locale = get_locale()
        self._symbols = _whole_number_symbols(locale) if locale is not None else None

    def number(self, value: int) -> str:
        if self._symbols is None:
            return format_decimal(value)
        group, minus = self._symbols
        text = f"{abs(value):,}".replace(",", group)
        return minus + text if value < 0 else text

    def money(self, value: int) -> str:
        return f"{self.number(value)}{NBSP}{CURRENCY_SIGN}"


def format_number(value: int | float | Decimal | None) -> str:
    if value is None:
        return ""
    if type(value) is int:
        return WholeNumbers().number(value)
    return format_decimal(value)


def format_money(value: int | Decimal | None) -> str:
    """Đồng have no minor unit: 100000000 → "100.000.000 ₫" (grouping by the user's language)."""
    if value is None:
        return ""
    return WholeNumbers().money(int(Decimal(value).quantize(Decimal(1))))


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        day=format_day,
        instant=format_instant,
        number=format_number,
        money=format_money,
    )
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
