"""Sessions and accounts against a curious insider: logout ends the session on the server,
the idle timeout holds whatever headers are sent, wrong passwords cost the same for real
and unknown names, passwords are long and uncommon, and an administrator's reset is seen."""

import re

import pytest
from sqlalchemy import select

from reintegration import create_app
from reintegration.accounts import auth as account_auth
from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from tests.api.conftest import user_named
from tests.factories import DEFAULT_PASSWORD
from tests.security.test_sessions import go_quiet

NEW_PASSWORD = "river-lantern-quiet-stone"


@pytest.fixture
def caseworker(make_user) -> str:
    return make_user(role=Role.CASEWORKER, username="canbo.phien")


def session_cookie(client) -> str:
    return client.get_cookie("session").value


# --- logout ends the session on the server ---------------------------------------------------


def test_a_copied_cookie_no_longer_works_after_logout(app, auth, caseworker):
    auth.login(caseworker)
    copied = session_cookie(auth.client)
    assert auth.client.get("/people/").status_code == 200
    auth.logout()

    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/people/")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_logging_in_again_after_logout_works(auth, caseworker):
    auth.login(caseworker)
    auth.logout()
    assert auth.login(caseworker).status_code == 302
    assert auth.client.get("/people/").status_code == 200


# --- the idle timeout holds whatever headers are sent -----------------------------------------


@pytest.mark.parametrize("header", ["Bearer nonsense", "Basic dXNlcjpwYXNz", "anything"])
def test_an_authorization_header_does_not_skip_the_idle_timeout_on_pages(
    client, auth, caseworker, header
):
    auth.login(caseworker)
    go_quiet(client, 31)
    response = client.get("/people/", headers={"Authorization": header})
    assert response.status_code == 302
    assert response.location.startswith("/login")
    assert client.get("/people/").status_code == 302  # and the session is over


# --- equal time for real and unknown usernames -------------------------------------------------


def test_the_stand_in_hash_for_an_unknown_name_has_the_users_cost(
    app, client, caseworker, monkeypatch
):
    """Timing is not asserted (speed lives in bench/): what makes it equal is that the
    hash checked for an unknown name has the same method and parameters as a user's."""
    checked = []
    real_check = account_auth.check_password_hash

    def recording_check(pwhash, password):
        checked.append(pwhash.split("$", 1)[0])
        return real_check(pwhash, password)

    monkeypatch.setattr(account_auth, "check_password_hash", recording_check)
    client.post("/login", data={"username": caseworker, "password": "wrong-password-here"})
    client.post("/login", data={"username": "nobody.at.all", "password": "wrong-password-here"})
    assert len(checked) == 2
    assert checked[0] == checked[1] == app.config["PASSWORD_HASH_METHOD"]


def test_in_production_the_stand_in_has_the_full_cost(monkeypatch):
    monkeypatch.delenv("REINTEGRATION_ENV", raising=False)
    app = create_app(
        {
            "MODE": "production",
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u:p@127.0.0.1:1/none",
        }
    )
    with app.app_context():
        stand_in = account_auth._stand_in_hash(account_auth.hash_method())
        real = account_auth.hash_password("some-password-of-a-user")
    assert stand_in.split("$")[0] == real.split("$")[0] == "scrypt:32768:8:1"


# --- passwords -------------------------------------------------------------------------------


def change(client, new: str, current: str = DEFAULT_PASSWORD):
    return client.post(
        "/account/password", data={"current_password": current, "password": new, "confirm": new}
    )


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("password123", "ít nhất 12 ký tự"),
        ("1234567890", "ít nhất 12 ký tự"),
        ("elevenchars", "ít nhất 12 ký tự"),
        ("password1234", "mật khẩu phổ biến"),
        ("qwertyuiop123", "mật khẩu phổ biến"),
        ("Password2025!!", "mật khẩu phổ biến"),  # a common word with digits added
        ("123456789012", "mật khẩu phổ biến"),
        (DEFAULT_PASSWORD, "mật khẩu hiện tại"),
    ],
)
def test_weak_or_reused_passwords_are_refused(app, auth, caseworker, password, why):
    auth.login(caseworker)
    response = change(auth.client, password)
    assert response.status_code == 422
    assert why in response.get_data(as_text=True)
    with app.app_context():
        assert user_named(caseworker).must_change_password is False
    auth.logout()
    assert auth.login(caseworker).status_code == 302  # the old password still works


def test_a_long_uncommon_password_is_taken(auth, caseworker):
    auth.login(caseworker)
    assert change(auth.client, NEW_PASSWORD).status_code == 302
    auth.logout()
    assert auth.login(caseworker, NEW_PASSWORD).status_code == 302


def test_the_shipped_list_is_the_one_described():
    from reintegration.accounts import passwords

    assert len(passwords.common_passwords()) == 19_640
    assert (passwords.COMMON_PASSWORDS_FILE.parent / "README.md").exists()


# --- an administrator's reset ----------------------------------------------------------------


TEMPORARY = "temporary-pass-4821"


def admin_resets(app, make_user, username: str, password: str = TEMPORARY):
    admin = make_user(role=Role.ADMIN, username="quantri")
    client = app.test_client()
    client.post("/login", data={"username": admin, "password": DEFAULT_PASSWORD})
    with app.app_context():
        user = user_named(username)
        user_id, communes = user.id, [str(c.code) for c in user.communes]
        data = {
            "full_name": user.full_name,
            "role": user.role.value,
            "province_code": str(user.province_code),
            "commune_codes": communes,
            "active": "y",
            "password": password,
        }
    return client.post(f"/admin/users/{user_id}", data=data)


def test_an_admin_reset_is_audited_notified_and_forces_a_new_password(
    app, auth, make_user, caseworker
):
    assert admin_resets(app, make_user, caseworker).status_code == 302
    with app.app_context():
        user = user_named(caseworker)
        assert user.must_change_password
        reset = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "password_reset"))
        assert (reset.username, reset.role, reset.object_id) == ("quantri", "admin", str(user.id))
        assert (
            db.session.scalar(select(AuditEvent).where(AuditEvent.action == "password_changed"))
            is None
        )
        notice = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
        assert notice.kind == "password_reset"
        assert notice.params["admin"] == user_named("quantri").full_name

    # The user (or the administrator who knows the temporary password) logs in...
    assert auth.login(caseworker, "temporary-pass-4821").status_code == 302
    for path in ("/people/", "/", "/notifications/"):
        response = auth.client.get(path)
        assert response.status_code == 302
        assert response.location == "/account/password"
    page = auth.client.get("/account/password").get_data(as_text=True)
    assert "đã được quản trị viên đặt lại" in page

    # ...and nothing but choosing a new one is possible; then work goes on.
    assert change(auth.client, NEW_PASSWORD, current="temporary-pass-4821").status_code == 302
    assert auth.client.get("/people/").status_code == 200
    with app.app_context():
        assert user_named(caseworker).must_change_password is False


def test_the_api_refuses_a_session_whose_password_must_change(app, auth, make_user, caseworker):
    admin_resets(app, make_user, caseworker)
    auth.login(caseworker, "temporary-pass-4821")
    assert auth.client.get("/api/v1/me").status_code == 403


def test_an_admin_still_reads_no_person_file(app, make_user, caseworker):
    from tests.factories import CaseFactory

    admin_resets(app, make_user, caseworker)
    with app.app_context():
        case = CaseFactory()
        db.session.commit()
        case_id = case.id
    client = app.test_client()
    client.post("/login", data={"username": "quantri", "password": DEFAULT_PASSWORD})
    assert client.get(f"/cases/{case_id}").status_code == 403
    assert client.get("/people/").status_code == 403


# --- cookies and CSRF -------------------------------------------------------------------------


def csrf_in(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    return found.group(1)


def test_the_csrf_token_changes_at_login(app, client, caseworker, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    before = csrf_in(client.get("/login").get_data(as_text=True))
    with client.session_transaction() as session:
        raw_before = session["csrf_token"]
    client.post(
        "/login", data={"username": caseworker, "password": DEFAULT_PASSWORD, "csrf_token": before}
    )
    with client.session_transaction() as session:
        assert session.get("csrf_token") != raw_before
    # The token of the login page no longer passes a form.
    response = client.post("/account/password", data={"csrf_token": before})
    assert response.status_code == 400


def test_production_names_the_session_cookie_with_the_host_prefix(monkeypatch):
    monkeypatch.delenv("REINTEGRATION_ENV", raising=False)
    app = create_app(
        {
            "MODE": "production",
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u:p@127.0.0.1:1/none",
        }
    )
    client = app.test_client()
    response = client.get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


# --- no-store on what a signed-in user reads ---------------------------------------------------


def test_pages_with_a_person_s_data_are_not_stored(app, auth, caseworker, api_as):
    from tests.factories import CaseFactory

    with app.app_context():
        case = CaseFactory(commune_code=user_named(caseworker).communes[0].code)
        db.session.commit()
        case_id, person_id = case.id, case.person_id
    auth.login(caseworker)
    for path in (
        f"/cases/{case_id}",
        f"/cases/{case_id}?tab=release",
        f"/cases/{case_id}/person",
        "/people/?q=nguyen",
        "/",
    ):
        response = auth.client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    api = api_as(caseworker)
    assert api.get(f"/api/v1/people/{person_id}").headers["Cache-Control"] == "no-store"
    # Public pages and static files keep their usual caching.
    static = auth.client.get("/static/css/app.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")
