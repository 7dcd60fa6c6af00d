"""Vietnamese first: formats, the language switch remembered per user."""

from datetime import UTC, date, datetime

from flask_babel import force_locale

from reintegration.accounts.models import User
from reintegration.core.i18n import format_day, format_instant, format_money, format_number
from reintegration.extensions import db


def test_money_is_grouped_with_dots_and_dong_sign(request_ctx):
    assert format_money(100_000_000) == "100.000.000\u00a0₫"
    assert format_money(0) == "0\u00a0₫"
    with force_locale("en"):
        assert format_money(4_000_000) == "4,000,000\u00a0₫"


def test_numbers_follow_the_language(request_ctx):
    assert format_number(21976) == "21.976"
    with force_locale("en"):
        assert format_number(21976) == "21,976"


def test_dates_are_day_month_year(request_ctx):
    assert format_day(date(2025, 9, 1)) == "01/09/2025"
    with force_locale("en"):
        assert format_day(date(2025, 9, 1)) == "01/09/2025"


def test_instants_are_shown_in_vietnam_time(request_ctx):
    # 20:30 UTC on 31 August is 03:30 on 1 September in Vietnam (UTC+7).
    instant = datetime(2025, 8, 31, 20, 30, tzinfo=UTC)
    assert format_instant(instant) == "01/09/2025 03:30"
    assert format_day(instant) == "01/09/2025"


def test_language_switch_for_anonymous_visitor(client):
    response = client.post("/language", data={"locale": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Username" in page


def test_language_is_remembered_per_user(app, client, auth, make_user):
    username = make_user()
    auth.login(username)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert "Hello," in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.query(User).filter_by(username=username).one().locale == "en"

    fresh = app.test_client()  # a new browser: the account's choice comes back at login
    fresh.post("/login", data={"username": username, "password": "correct-horse-battery"})
    assert "Hello," in fresh.get("/").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    client.post("/language", data={"locale": "fr", "next": "/login"})
    assert '<html lang="vi">' in client.get("/login").get_data(as_text=True)


def test_language_switch_does_not_redirect_off_site(client):
    response = client.post("/language", data={"locale": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_whole_numbers_and_money_group_by_thousands_in_each_language(request_ctx):
    from decimal import Decimal

    assert format_number(-1_234_567) == "-1.234.567"
    assert format_number(999) == "999"
    assert format_number(2.5) == "2,5"
    assert format_money(Decimal("1234567.6")) == "1.234.568\u00a0₫"
    with force_locale("en"):
        assert format_number(-1_234_567) == "-1,234,567"
        assert format_number(10**12) == "1,000,000,000,000"
        assert format_money(Decimal("999.4")) == "999\u00a0₫"
