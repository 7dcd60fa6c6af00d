"""Logging in: Vietnamese page, same answer for unknown names, throttling, CSRF, sessions."""

import re

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from tests.factories import DEFAULT_PASSWORD

THROTTLED = "Quá nhiều lần đăng nhập không thành công"


@pytest.fixture
def caseworker(make_user):
    return make_user(role=Role.CASEWORKER, username="canbo")


def test_login_page_is_vietnamese(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page


def test_login_then_home_shows_role(client, auth, caseworker):
    response = auth.login("canbo")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Cán bộ phụ trách xã" in home


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "people/"]
)
def test_login_with_next_stays_on_site(client, auth, caseworker, target):
    response = auth.login("canbo", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_login_with_next_goes_to_the_page_asked_for(client, auth, caseworker):
    response = auth.login("canbo", query_string={"next": "/people/?q=an"})
    assert response.headers["Location"] == "/people/?q=an"


def test_pages_need_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def visible_text(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))


def test_unknown_user_and_wrong_password_look_the_same(client, auth, caseworker):
    wrong_password = auth.login("canbo", "not-the-password")
    unknown_user = auth.login("nobody-here", "not-the-password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu." in visible_text(wrong_password)
    assert visible_text(wrong_password) == visible_text(unknown_user)


def test_failed_login_is_audited(app, auth, caseworker):
    auth.login("canbo", "not-the-password")
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).one()
        assert event.detail == {"username": "canbo"}
        assert event.ip_address == "127.0.0.1"


def test_disabled_account_cannot_log_in(client, auth, make_user):
    make_user(username="gone", active=False)
    response = auth.login("gone")
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_account_throttled_after_repeated_failures(client, auth, caseworker):
    for _ in range(5):
        assert auth.login("canbo", "wrong-password").status_code == 200
    blocked = auth.login("canbo", DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert THROTTLED in blocked.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not logged in, even with the right password


def test_throttle_is_per_account(client, auth, caseworker, make_user):
    make_user(username="other")
    for _ in range(5):
        auth.login("canbo", "wrong-password")
    assert auth.login("other").status_code == 302


def test_unknown_account_is_throttled_the_same_way(client, auth):
    for _ in range(5):
        auth.login("does-not-exist", "wrong-password")
    blocked = auth.login("does-not-exist", "wrong-password")
    assert blocked.status_code == 429
    assert THROTTLED in blocked.get_data(as_text=True)


def test_successful_logins_are_not_counted(client, auth, caseworker):
    for _ in range(7):
        assert auth.login("canbo").status_code == 302
        auth.logout()


def test_address_throttled_across_accounts(client, auth, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ADDRESS", "3 per 15 minutes")
    for name in ("a1", "a2", "a3"):
        assert auth.login(name, "wrong-password").status_code == 200
    assert auth.login("a4", "wrong-password").status_code == 429


def test_form_without_csrf_token_is_refused(client, app, caseworker, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    refused = client.post("/login", data={"username": "canbo", "password": DEFAULT_PASSWORD})
    assert refused.status_code == 400
    assert "Biểu mẫu đã hết hạn" in refused.get_data(as_text=True)

    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = client.post(
        "/login",
        data={"username": "canbo", "password": DEFAULT_PASSWORD, "csrf_token": token},
    )
    assert accepted.status_code == 302


def test_logout_needs_post(client, auth, caseworker):
    auth.login("canbo")
    assert client.get("/logout").status_code == 405
    assert auth.logout().status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_ends_other_sessions(app, auth, caseworker):
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"username": "canbo", "password": DEFAULT_PASSWORD})
    assert elsewhere.get("/").status_code == 200

    auth.login("canbo")
    response = auth.client.post(
        "/account/password",
        data={
            "current_password": DEFAULT_PASSWORD,
            "password": "a-new-long-password",
            "confirm": "a-new-long-password",
        },
    )
    assert response.status_code == 302
    assert auth.client.get("/").status_code == 200  # this session goes on
    assert elsewhere.get("/").status_code == 302  # the other one is logged out
    auth.logout()
    assert auth.login("canbo", "a-new-long-password").status_code == 302


def test_password_change_refuses_short_password(auth, caseworker):
    auth.login("canbo")
    response = auth.client.post(
        "/account/password",
        data={"current_password": DEFAULT_PASSWORD, "password": "short", "confirm": "short"},
    )
    assert response.status_code == 422
    assert "ít nhất 12 ký tự" in response.get_data(as_text=True)
