"""Page sessions end after a quiet spell; the user comes back where they were."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from reintegration.accounts import tokens
from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.core.security import LAST_SEEN
from reintegration.extensions import db
from tests.api.conftest import user_named
from tests.factories import DEFAULT_PASSWORD

VIETNAMESE_NOTICE = "Phiên làm việc đã kết thúc"


@pytest.fixture
def caseworker(make_user) -> str:
    return make_user(role=Role.CASEWORKER, username="canbo.nghi")


def go_quiet(client, minutes: float) -> None:
    """Pretend the last request was ``minutes`` ago."""
    with client.session_transaction() as session:
        session[LAST_SEEN] = int(time.time() - minutes * 60)


def test_a_session_within_the_timeout_goes_on(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 29)
    assert client.get("/people/").status_code == 200


def test_a_quiet_session_is_sent_to_login_with_its_page_kept(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 31)
    response = client.get("/people/?q=nguyen")
    assert response.status_code == 302
    location = urlsplit(response.location)
    assert location.path == "/login"
    assert parse_qs(location.query)["next"] == ["/people/?q=nguyen"]

    login_page = client.get(response.location).get_data(as_text=True)
    assert VIETNAMESE_NOTICE in login_page
    assert "30 phút" in login_page
    assert client.get("/people/").status_code == 302  # logged out, not just redirected once

    back = auth.login(caseworker, query_string={"next": "/people/?q=nguyen"})
    assert back.location == "/people/?q=nguyen"


def test_a_form_sent_after_the_timeout_brings_the_user_back_to_it(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 45)
    response = client.post(
        "/people/new",
        data={"full_name": "Nguyễn Văn Chờ"},
        headers={"Referer": "http://localhost/people/new"},
    )
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.location).query)["next"] == ["/people/new"]
    page = client.get(response.location).get_data(as_text=True)
    assert "chưa được lưu" in page  # what they sent was not saved: they are told


def test_the_referrer_of_another_site_is_not_followed(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 45)
    response = client.post("/people/new", headers={"Referer": "https://evil.example/people/new"})
    assert "next" not in parse_qs(urlsplit(response.location).query)


def test_activity_keeps_the_session_alive(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 20)
    assert client.get("/").status_code == 200
    go_quiet(client, 0)  # what the request above recorded, made explicit
    with client.session_transaction() as session:
        assert time.time() - session[LAST_SEEN] < 60
    assert client.get("/people/").status_code == 200


def test_the_timeout_is_a_setting(app, client, auth, caseworker, monkeypatch):
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 5)
    auth.login(caseworker)
    go_quiet(client, 6)
    assert client.get("/people/").status_code == 302
    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 0)  # 0: no timeout
    auth.login(caseworker)
    go_quiet(client, 600)
    assert client.get("/people/").status_code == 200


def test_the_api_answers_401_to_a_quiet_session(client, auth, caseworker):
    auth.login(caseworker)
    go_quiet(client, 31)
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json["errors"][0]["code"] == "unauthenticated"


def test_api_tokens_are_not_subject_to_the_page_timeout(app, client, make_user):
    username = make_user(role=Role.PROVINCE_OFFICER)
    with app.app_context():
        user = user_named(username)
        clear = tokens.issue_token(user, "script", 30, actor=user).clear
        db.session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def change_password(auth) -> None:
    """The logged-in user changes their password through the form."""
    new = "another-long-password"
    data = {"current_password": DEFAULT_PASSWORD, "password": new, "confirm": new}
    response = auth.client.post("/account/password", data=data)
    assert response.status_code == 302


def test_a_password_change_ends_the_other_sessions(app, auth, caseworker):
    """Checked in tests/accounts/test_login.py; here, that the idle clock does not bring an
    ended session back."""
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"username": caseworker, "password": DEFAULT_PASSWORD})
    auth.login(caseworker)
    change_password(auth)
    go_quiet(elsewhere, 1)
    assert elsewhere.get("/people/").status_code == 302
    assert auth.client.get("/people/").status_code == 200


def test_a_password_change_ends_the_api_tokens(app, client, auth, caseworker):
    """Whoever knew the old password may have made a token with it."""
    with app.app_context():
        user = user_named(caseworker)
        clear = tokens.issue_token(user, "script", 30, actor=user).clear
        db.session.commit()
        user_id = user.id
    bearer = {"Authorization": f"Bearer {clear}"}
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    auth.login(caseworker)
    change_password(auth)
    assert client.get("/api/v1/me", headers=bearer).status_code == 401
    with app.app_context():
        token = db.session.scalar(db.select(tokens.ApiToken))
        assert token.revoked_at is not None
        assert token.revoked_by_id == user_id
        changed = db.session.scalar(
            db.select(AuditEvent).where(AuditEvent.action == "password_changed")
        )
        assert changed.detail == {"api_tokens_ended": 1}
