"""Settings from the environment (REINTEGRATION_*), one class per mode.

The mode comes from REINTEGRATION_ENV: development (the default), testing or production.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

from limits import parse_many

PREFIX = "REINTEGRATION_"
DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


# 'self' only: no inline script or style anywhere (JavaScript lives in static/js; data for a
# script travels in data-* attributes or <script type="application/json">, which is never
# run). Bootstrap's icons are data: images.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class ConfigurationError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


# REINTEGRATION_<name> in the environment → the Flask setting it overrides; read when the
# app is created, so a changed environment needs no re-import.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "LOGIN_LIMIT_PER_ACCOUNT": "LOGIN_LIMIT_PER_ACCOUNT",
    "LOGIN_LIMIT_PER_ADDRESS": "LOGIN_LIMIT_PER_ADDRESS",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "SMTP_HOST": "SMTP_HOST",
    "SMTP_PORT": "SMTP_PORT",
    "MAIL_FROM": "MAIL_FROM",
    "UPLOAD_FOLDER": "UPLOAD_FOLDER",
    "REPORT_PERIODS": "REPORT_PERIODS",
    "MAX_UPLOAD_BYTES": "MAX_UPLOAD_BYTES",
    "FOLLOW_UP_GRACE_DAYS": "FOLLOW_UP_GRACE_DAYS",
    "SILENCE_ESCALATION_DAYS": "SILENCE_ESCALATION_DAYS",
    "EXPUNGEMENT_NOTICE_DAYS": "EXPUNGEMENT_NOTICE_DAYS",
    "SCHEDULER_LOCK_RETRY_SECONDS": "SCHEDULER_LOCK_RETRY_SECONDS",
    "SCHEDULER_LOCK_FILE": "SCHEDULER_LOCK_FILE",
    "SCHEDULER_LOCK_CHECK_SECONDS": "SCHEDULER_LOCK_CHECK_SECONDS",
    "SCHEDULER_WATCH_SECONDS": "SCHEDULER_WATCH_SECONDS",
    "IDLE_TIMEOUT_MINUTES": "IDLE_TIMEOUT_MINUTES",
    "HSTS_SECONDS": "HSTS_SECONDS",
    "CLOSED_CASE_RETENTION_MONTHS": "CLOSED_CASE_RETENTION_MONTHS",
    "JOB_RUN_RETENTION_DAYS": "JOB_RUN_RETENTION_DAYS",
    "BACKUP_FOLDER": "BACKUP_FOLDER",
    "BREACH_NOTIFICATION_HOURS": "BREACH_NOTIFICATION_HOURS",
    "BREACH_REMINDER_HOURS": "BREACH_REMINDER_HOURS",
    "POSTGRES_BIN_DIR": "POSTGRES_BIN_DIR",
    "SERVER_NAME": "SERVER_NAME",
    "URL_SCHEME": "PREFERRED_URL_SCHEME",
    "IMPORT_MAX_ROWS": "IMPORT_MAX_ROWS",
    "IMPORT_MAX_UNPACKED_MB": "IMPORT_MAX_UNPACKED_BYTES",
}
# Settings given as whole numbers in the environment.
INTEGER_SETTINGS = (
    "IDLE_TIMEOUT_MINUTES",
    "HSTS_SECONDS",
    "CLOSED_CASE_RETENTION_MONTHS",
    "JOB_RUN_RETENTION_DAYS",
    "BREACH_NOTIFICATION_HOURS",
    "BREACH_REMINDER_HOURS",
    "SMTP_PORT",
    "IMPORT_MAX_ROWS",
    "IMPORT_MAX_UNPACKED_BYTES",
    "MAX_UPLOAD_BYTES",
    "FOLLOW_UP_GRACE_DAYS",
    "SILENCE_ESCALATION_DAYS",
    "EXPUNGEMENT_NOTICE_DAYS",
)
# Settings given as numbers of seconds, fractions allowed (the tests wait 0.2 s), above 0.
SECONDS_SETTINGS = ("SCHEDULER_LOCK_RETRY_SECONDS", "SCHEDULER_LOCK_CHECK_SECONDS")
# Of the whole numbers, the ones that must be 1 or more: 0 would refuse every list or
# document, or tell the province of every open case each night.
POSITIVE_SETTINGS = (
    "IMPORT_MAX_ROWS",
    "IMPORT_MAX_UNPACKED_BYTES",
    "MAX_UPLOAD_BYTES",
    "SILENCE_ESCALATION_DAYS",
    "SMTP_PORT",
)
# Settings with a largest value.
LARGEST_VALUES = {"SMTP_PORT": 65535}
# Given in megabytes in the environment, kept in bytes.
MEGABYTE_SETTINGS = ("IMPORT_MAX_UNPACKED_BYTES",)
URL_SCHEMES = ("http", "https")
# The periods the scheduler can build reports for (reports/periods.py, PeriodKind).
REPORT_PERIOD_NAMES = ("month", "quarter", "year")
# Login throttles, in Flask-Limiter's words ("5 per 15 minutes").
RATE_LIMIT_SETTINGS = ("LOGIN_LIMIT_PER_ACCOUNT", "LOGIN_LIMIT_PER_ADDRESS")
# A host name or IPv4 address, and a port: what readers type to reach the site.
SERVER_NAME_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?")


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever the URL's scheme spells."""
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


class BaseConfig:
    MODE = "base"
    SECRET_KEY = DEV_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = ""  # empty: SQLite under instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")

    WTF_CSRF_TIME_LIMIT = None  # a caseworker may keep a form open all afternoon

    # Login throttling (Flask-Limiter syntax). Counted only on failed attempts.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    # memory:// is per process; with several gunicorn workers or hosts set a shared store
    # such as redis://host:6379 so the counts are shared.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False

    # Cookies: never readable by scripts; Lax (not Strict) so that a link to the app in a
    # notification e-mail opens the page signed in. Secure in production (below).
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    # A page session unused this long is logged out (0: never). API tokens have their own
    # expiry. See reintegration/core/security.py, which also sets the headers below.
    IDLE_TIMEOUT_MINUTES = 30
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
    HSTS_SECONDS = 0  # Strict-Transport-Security, sent only when above 0

    PAGE_SIZE = 25

    # Retention (Decree 13/2023, Law 91/2025): a person whose cases all closed this many
    # months ago is anonymised by the nightly job privacy.anonymise_expired_cases (0: never).
    CLOSED_CASE_RETENTION_MONTHS = 60
    # A personal-data breach is notified to the authority within this many hours of its
    # discovery (Law 91/2025); administrators are reminded this many hours before it ends.
    BREACH_NOTIFICATION_HOURS = 72
    BREACH_REMINDER_HOURS = 24
    # The scheduler's record of finished runs is kept this many days (0: for ever); the
    # minute jobs alone write 1,440 a day. Each job's latest run is always kept.
    JOB_RUN_RETENTION_DAYS = 90
    # Where `flask backup create` writes without --to (empty: instance/backups).
    BACKUP_FOLDER = ""
    # The folder of pg_dump and pg_restore (empty: the PATH), e.g. /usr/lib/postgresql/15/bin
    POSTGRES_BIN_DIR = ""

    # E-mail is optional: without an SMTP host, notifications stay in-app only.
    SMTP_HOST = ""
    SMTP_PORT = 25
    MAIL_FROM = "tai-hoa-nhap@localhost"
    # The address readers reach the site at, for links built outside a request (the
    # scheduler's e-mails): host[:port] and the scheme. Without a server name, e-mails
    # carry no link (the inbox has it). See reintegration/core/links.py.
    SERVER_NAME = None
    PREFERRED_URL_SCHEME = "http"

    # Loan documents: outside static/, served only after a scope check. Empty: instance/uploads.
    UPLOAD_FOLDER = ""
    MAX_UPLOAD_BYTES = 10 * 1024 * 1024

    # Release lists (imports): at most this many rows of people a list, and a workbook's
    # XML at most this large once unzipped (REINTEGRATION_IMPORT_MAX_UNPACKED_MB). A list
    # over either is refused at upload; the worker's memory grows with the rows read.
    IMPORT_MAX_ROWS = 100_000
    IMPORT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

    # The periods the scheduler builds reports for (the Ministry's: monthly, quarterly, annual).
    REPORT_PERIODS = ["month", "quarter", "year"]
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # oversized requests are cut off before parsing

    # Follow-ups (the intervals themselves are data: the follow-up rules). Generated this
    # many months ahead and topped up daily; one left undone this many days after its due
    # day is recorded as missed.
    FOLLOW_UP_HORIZON_MONTHS = 12
    FOLLOW_UP_GRACE_DAYS = 7
    # The province officers hear of an open case with nothing recorded for this many days.
    SILENCE_ESCALATION_DAYS = 60
    # The caseworker hears of a record about to be expunged this many days before the day.
    EXPUNGEMENT_NOTICE_DAYS = 30

    # The scheduler (`flask scheduler run`): a second copy waits for the first one's lock
    # and tries again this often. On SQLite the lock is a file (empty: instance/scheduler.lock).
    SCHEDULER_LOCK_RETRY_SECONDS = 30
    SCHEDULER_LOCK_FILE = ""
    # How often the running scheduler checks that it still holds the lock; one that lost
    # it (PostgreSQL restarted) stops its jobs and waits to take it again.
    SCHEDULER_LOCK_CHECK_SECONDS = 60
    # How often the scheduler asks whether work waits for a job that is watched (an
    # uploaded or confirmed list): the job starts within this, not at its next minute.
    SCHEDULER_WATCH_SECONDS = 1
    # A job that could not start on time (the process was busy or paused) still runs this
    # many seconds late; a daily job missed while the scheduler was stopped is caught up at
    # start (see reintegration/scheduling).
    SCHEDULER_MISFIRE_GRACE_SECONDS = 3600


class DevelopmentConfig(BaseConfig):
    MODE = "development"
    DEBUG = False


class TestingConfig(BaseConfig):
    MODE = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-any-real-use-000"  # noqa: S105
    # Forms are posted without tokens in most tests; tests of CSRF itself switch it back on.
    WTF_CSRF_ENABLED = False
    # Password hashing at full cost would make the suite slow; the algorithm stays the same.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # noqa: S105 (a method name, not a secret)


class ProductionConfig(BaseConfig):
    MODE = "production"
    # "__Host-": browsers take the cookie only when it is Secure, for the whole site
    # (Path=/) and from this host alone (no Domain), so no sibling subdomain can set it.
    SESSION_COOKIE_NAME = "__Host-session"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS_SECONDS = 365 * 24 * 3600  # served over HTTPS only (TLS ends at the reverse proxy)
    PREFERRED_URL_SCHEME = "https"


MODES = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def settings_from_environment() -> dict[str, str]:
    settings = {
        setting: os.environ[PREFIX + name]
        for name, setting in ENVIRONMENT_SETTINGS.items()
        if os.environ.get(PREFIX + name)
    }
    for name in INTEGER_SETTINGS:
        if name in settings:
            settings[name] = _whole_number(name, settings[name], name in POSITIVE_SETTINGS)
    for name in SECONDS_SETTINGS:
        if name in settings:
            settings[name] = _seconds(name, settings[name])
    for name in MEGABYTE_SETTINGS:
        if name in settings:
            settings[name] *= 1024 * 1024
    if "REPORT_PERIODS" in settings:
        settings["REPORT_PERIODS"] = _report_periods(settings["REPORT_PERIODS"])
    for name in RATE_LIMIT_SETTINGS:
        if name in settings:
            settings[name] = _rate_limit(name, settings[name])
    if "SQLALCHEMY_DATABASE_URI" in settings:
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
            settings["SQLALCHEMY_DATABASE_URI"]
        )
    if "SERVER_NAME" in settings:
        settings["SERVER_NAME"] = _server_name(settings["SERVER_NAME"])
    if "PREFERRED_URL_SCHEME" in settings:
        settings["PREFERRED_URL_SCHEME"] = _url_scheme(settings["PREFERRED_URL_SCHEME"])
    return settings


def _server_name(value: str) -> str:
    """ "reintegration.ninhbinh.gov.vn" or "10.0.0.5:8080": no scheme, no path."""
    value = value.strip().lower()
    port = value.rpartition(":")[2] if ":" in value else None
    if not SERVER_NAME_PATTERN.fullmatch(value) or (port is not None and not 0 < int(port) < 65536):
        raise ConfigurationError(
            f"{PREFIX}SERVER_NAME={value!r} is not a host name with an optional port: write "
            "it as readers reach the site, without http:// or a path, e.g. "
            "taihoanhap.ninhbinh.gov.vn or 10.0.0.5:8080."
        )
    return value


def _url_scheme(value: str) -> str:
    scheme = value.strip().lower()
    if scheme not in URL_SCHEMES:
        raise ConfigurationError(
            f"{PREFIX}URL_SCHEME={value!r} is not a scheme; use one of: {', '.join(URL_SCHEMES)}."
        )
    return scheme


def _variable(setting: str) -> str:
    """The environment variable that sets a Flask setting."""
    return PREFIX + next((k for k, v in ENVIRONMENT_SETTINGS.items() if v == setting), setting)


def _whole_number(name: str, value: str, positive: bool = False) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    least = 1 if positive else 0
    largest = LARGEST_VALUES.get(name)
    if number < least or (largest is not None and number > largest):
        upto = f" and at most {largest}" if largest is not None else ""
        raise ConfigurationError(
            f"{_variable(name)}={value!r} is not a whole number of {least} or more{upto}."
        ) from None
    return number


def _seconds(name: str, value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise ConfigurationError(f"{_variable(name)}={value!r} is not a number of seconds above 0.")
    return seconds


def _report_periods(value: str) -> list[str]:
    """ "month,quarter,year" → ["month", "quarter", "year"]; at least one, each known."""
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in REPORT_PERIOD_NAMES]
    if unknown or not names:
        raise ConfigurationError(
            f"{PREFIX}REPORT_PERIODS={value!r} is not a list of periods: write one or more of "
            f"{', '.join(REPORT_PERIOD_NAMES)}, separated by commas."
        )
    return list(dict.fromkeys(names))


def _rate_limit(name: str, value: str) -> str:
    try:
        parse_many(value)
    except ValueError:
        raise ConfigurationError(
            f"{_variable(name)}={value!r} is not a rate limit: write it as "
            "'5 per 15 minutes' (several joined by ';')."
        ) from None
    return value


def config_for(mode: str | None) -> type[BaseConfig]:
    mode = mode or os.environ.get(PREFIX + "ENV") or "development"
    try:
        return MODES[mode]
    except KeyError:
        raise ConfigurationError(
            f"{PREFIX}ENV={mode!r} is not a mode; use one of: {', '.join(MODES)}."
        ) from None


def default_sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "reintegration.db")


def check_production_settings(settings) -> None:
    """Refuse to start in production with settings that would be unsafe."""
    key = settings.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"{PREFIX}SECRET_KEY is missing or too short: in production it must be a random "
            f"value of at least {MIN_SECRET_KEY_LENGTH} characters (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`). "
            "Without it anyone could forge a session."
        )
    if settings.get("SMTP_HOST") and not settings.get("SERVER_NAME"):
        raise ConfigurationError(
            f"{PREFIX}SERVER_NAME is needed when e-mail is on ({PREFIX}SMTP_HOST): the "
            "scheduler builds the links in the e-mails with it (e.g. taihoanhap.ninhbinh.gov.vn)."
        )
    if not settings.get("SQLALCHEMY_DATABASE_URI", "").startswith("postgresql"):
        raise ConfigurationError(
            f"{PREFIX}DATABASE_URL must point at PostgreSQL in production "
            "(postgresql+psycopg://user:password@host/dbname)."
        )
