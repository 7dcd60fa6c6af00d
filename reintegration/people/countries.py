"""Nationality as a country: its ISO 3166-1 alpha-2 code ("VN"), named in the reader's
language from the CLDR data Babel ships (Vietnamese first). Free text from old papers and
imported lists ("Việt Nam", "Vietnamese", "VN", "Lào") is read into a code."""

from functools import lru_cache

from babel import Locale
from flask_babel import get_locale

from reintegration.core.text import fold

VIET_NAM = "VN"
# Not a country: a nationality the papers do not give, or a stateless person.
UNKNOWN = "ZZ"
# What papers and lists write that is not a country's name (demonyms, old spellings).
ALIASES = {
    "vietnamese": "VN", "viet": "VN", "vn": "VN", "vie": "VN", "vnm": "VN",
    "chinese": "CN", "trung hoa": "CN", "lao": "LA", "laos": "LA", "laotian": "LA",
    "cambodian": "KH", "khmer": "KH", "cam pu chia": "KH", "thai": "TH", "korean": "KR",
    "han quoc": "KR", "taiwanese": "TW", "dai loan": "TW", "japanese": "JP",
    "american": "US", "my": "US", "hoa ky": "US", "nga": "RU", "russian": "RU",
    "khong quoc tich": UNKNOWN, "stateless": UNKNOWN,
}  # fmt: skip


@lru_cache(maxsize=8)
def _names(language: str) -> dict[str, str]:
    """code → name of every country (two-letter codes only; regions like "001" left out)."""
    territories = Locale.parse(language).territories
    return {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}


def country_name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    language = language or str(get_locale() or "vi")
    return _names(language).get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Việt Nam first, then every country by its name."""
    language = language or str(get_locale() or "vi")
    names = _names(language)
    others = sorted(
        ((code, name) for code, name in names.items() if code != VIET_NAM),
        key=lambda item: fold(item[1]),
    )
    return [(VIET_NAM, names[VIET_NAM]), *others]


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    found = {fold(name): code for code, name in _names("en").items()}
    found.update({fold(name): code for code, name in _names("vi").items()})
    found.update(ALIASES)
    return found


def code_for(text: str | None) -> str | None:
    """The country a free text names ("Việt Nam", "Vietnamese", "vn", "LA"), else None."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if len(value) == 2 and value.upper() in _names("en"):
        return value.upper()
    return _lookup().get(fold(value))


def nationality_code(text: str | None) -> str:
    """What a list or a form's free text gives: Việt Nam when empty, the country it names,
    else ``UNKNOWN`` (the row is kept; the nationality is corrected on the person's file)."""
    if text is None or not text.strip():
        return VIET_NAM
    return code_for(text) or UNKNOWN
