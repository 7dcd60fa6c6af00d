"""Links built in one place: the same path inside a request and in the scheduler, and a
whole address for e-mails from the configured server name and scheme, checked at start."""

import pytest

from reintegration import create_app
from reintegration.config import ConfigurationError
from reintegration.core.links import external_url, path_for


def test_a_path_is_the_same_inside_a_request_and_outside_one(app):
    with app.test_request_context("/somewhere/else"):
        inside = path_for("people.case_file", case_id=7, tab="follow_ups")
    with app.app_context():
        outside = path_for("people.case_file", case_id=7, tab="follow_ups")
    assert inside == outside == "/cases/7?tab=follow_ups"


def test_a_whole_address_needs_the_server_name(app, monkeypatch):
    with app.app_context():
        assert external_url("/loans/7") is None
    monkeypatch.setitem(app.config, "SERVER_NAME", "taihoanhap.ninhbinh.gov.vn")
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    with app.app_context():
        assert external_url(path_for("loans.application", application_id=7)) == (
            "https://taihoanhap.ninhbinh.gov.vn/loans/7"
        )


def test_the_settings_are_read_and_cleaned_from_the_environment(monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SERVER_NAME", " TaiHoaNhap.NinhBinh.gov.vn:8443 ")
    monkeypatch.setenv("REINTEGRATION_URL_SCHEME", "HTTPS")
    monkeypatch.setenv("REINTEGRATION_SMTP_PORT", "2525")
    app = create_app({"MODE": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SERVER_NAME"] == "taihoanhap.ninhbinh.gov.vn:8443"
    assert app.config["PREFERRED_URL_SCHEME"] == "https"
    assert app.config["SMTP_PORT"] == 2525


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SERVER_NAME", "https://taihoanhap.vn"),
        ("SERVER_NAME", "taihoanhap.vn/app"),
        ("SERVER_NAME", "tai hoa nhap.vn"),
        ("SERVER_NAME", "taihoanhap.vn:99999"),
        ("SERVER_NAME", "taihoanhap.vn:0"),
        ("SERVER_NAME", "<script>.vn"),
        ("URL_SCHEME", "ftp"),
        ("URL_SCHEME", "https://"),
        ("SMTP_PORT", "twenty-five"),
    ],
)
def test_a_bad_value_stops_the_start_and_says_which(monkeypatch, name, value):
    monkeypatch.setenv(f"REINTEGRATION_{name}", value)
    with pytest.raises(ConfigurationError, match=f"REINTEGRATION_{name}"):
        create_app({"MODE": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_with_e_mail_needs_the_server_name(monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1/none")
    monkeypatch.setenv("REINTEGRATION_SMTP_HOST", "smtp.ninhbinh.gov.vn")
    with pytest.raises(ConfigurationError, match="REINTEGRATION_SERVER_NAME is needed"):
        create_app("production")
    monkeypatch.setenv("REINTEGRATION_SERVER_NAME", "taihoanhap.ninhbinh.gov.vn")
    app = create_app("production")
    assert app.config["PREFERRED_URL_SCHEME"] == "https"
