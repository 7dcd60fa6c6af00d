"""Configuration: safe defaults, and production refuses to start without a real secret."""

import pytest

from reintegration import create_app
from reintegration.config import ConfigurationError

PG_URL = "postgresql+psycopg://user:pw@127.0.0.1/none"


@pytest.fixture
def production_env(monkeypatch):
    monkeypatch.delenv("REINTEGRATION_SECRET_KEY", raising=False)
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", PG_URL)


def test_production_refuses_missing_secret_key(production_env):
    with pytest.raises(ConfigurationError, match="REINTEGRATION_SECRET_KEY is missing"):
        create_app("production")


def test_production_refuses_short_secret_key(production_env, monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SECRET_KEY", "short")
    with pytest.raises(ConfigurationError, match="at least 32 characters"):
        create_app("production")


def test_production_starts_with_a_real_secret(production_env, monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SECRET_KEY", "k" * 48)
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"] == PG_URL


def test_production_refuses_sqlite(monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("REINTEGRATION_DATABASE_URL", raising=False)
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        create_app("production")


def test_plain_postgres_url_uses_psycopg3(monkeypatch):
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", "postgresql://u:p@localhost/db")
    app = create_app({"MODE": "development"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@localhost/db"


def test_development_default_is_sqlite_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("REINTEGRATION_DATABASE_URL", raising=False)
    app = create_app({"MODE": "development", "INSTANCE_PATH": str(tmp_path / "instance")})
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/instance/reintegration.db"
    )
    assert (tmp_path / "instance").is_dir()


def test_unknown_mode_is_refused():
    with pytest.raises(ConfigurationError, match="is not a mode"):
        create_app("staging")


def test_import_limits_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REINTEGRATION_IMPORT_MAX_ROWS", "20000")
    monkeypatch.setenv("REINTEGRATION_IMPORT_MAX_UNPACKED_MB", "50")
    app = create_app({"MODE": "development", "INSTANCE_PATH": str(tmp_path / "instance")})
    assert app.config["IMPORT_MAX_ROWS"] == 20_000
    assert app.config["IMPORT_MAX_UNPACKED_BYTES"] == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("variable", "value"),
    [("IMPORT_MAX_ROWS", "0"), ("IMPORT_MAX_ROWS", "100k"), ("IMPORT_MAX_UNPACKED_MB", "-5")],
)
def test_import_limits_that_would_refuse_every_list_stop_the_start(monkeypatch, variable, value):
    monkeypatch.setenv(f"REINTEGRATION_{variable}", value)
    with pytest.raises(ConfigurationError, match=f"REINTEGRATION_{variable}=.* 1 or more"):
        create_app({"MODE": "development"})


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("SMTP_PORT", "25a", "whole number of 1 or more and at most 65535"),
        ("SMTP_PORT", "70000", "at most 65535"),
        ("MAX_UPLOAD_BYTES", "10MB", "whole number of 1 or more"),
        ("MAX_UPLOAD_BYTES", "0", "whole number of 1 or more"),
        ("FOLLOW_UP_GRACE_DAYS", "a week", "whole number of 0 or more"),
        ("FOLLOW_UP_GRACE_DAYS", "-1", "whole number of 0 or more"),
        ("SILENCE_ESCALATION_DAYS", "0", "whole number of 1 or more"),
        ("EXPUNGEMENT_NOTICE_DAYS", "thirty", "whole number of 0 or more"),
        ("SCHEDULER_LOCK_RETRY_SECONDS", "soon", "number of seconds above 0"),
        ("SCHEDULER_LOCK_CHECK_SECONDS", "0", "number of seconds above 0"),
        ("SCHEDULER_LOCK_CHECK_SECONDS", "nan", "number of seconds above 0"),
        ("REPORT_PERIODS", "month,week", "one or more of month, quarter, year"),
        ("REPORT_PERIODS", " , ", "one or more of month, quarter, year"),
        ("LOGIN_LIMIT_PER_ACCOUNT", "five a minute", "not a rate limit"),
    ],
)
def test_a_bad_setting_stops_the_start_not_the_nightly_job(monkeypatch, variable, value, says):
    """Each setting is converted and checked when the app is built: a typo in the
    environment is said at start, not at 06:00 in the scheduler."""
    monkeypatch.setenv(f"REINTEGRATION_{variable}", value)
    with pytest.raises(ConfigurationError, match=f"REINTEGRATION_{variable}=.*{says}"):
        create_app({"MODE": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_settings_arrive_converted(monkeypatch):
    for variable, value in {
        "MAX_UPLOAD_BYTES": "2048",
        "FOLLOW_UP_GRACE_DAYS": "0",
        "SILENCE_ESCALATION_DAYS": "30",
        "SCHEDULER_LOCK_RETRY_SECONDS": "0.5",
        "REPORT_PERIODS": " Month, year,month ",
        "LOGIN_LIMIT_PER_ACCOUNT": "3 per minute",
    }.items():
        monkeypatch.setenv(f"REINTEGRATION_{variable}", value)
    app = create_app({"MODE": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["MAX_UPLOAD_BYTES"] == 2048
    assert app.config["FOLLOW_UP_GRACE_DAYS"] == 0
    assert app.config["SILENCE_ESCALATION_DAYS"] == 30
    assert app.config["SCHEDULER_LOCK_RETRY_SECONDS"] == 0.5
    assert app.config["REPORT_PERIODS"] == ["month", "year"]
    assert app.config["LOGIN_LIMIT_PER_ACCOUNT"] == "3 per minute"
