"""Personal API tokens: created on the user's page and shown once, stored hashed, refused
once expired or revoked or when the account is disabled; creation and revocation audited."""

import re

from sqlalchemy import select

from reintegration.accounts import services as accounts
from reintegration.accounts import tokens
from reintegration.accounts.models import ApiToken, Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from tests.api.conftest import user_named

TOKEN = re.compile(r"rtk_[A-Za-z0-9_-]{43}")


def create_on_page(client, name="Ứng dụng điện thoại", days="90"):
    response = client.post("/account/api-tokens", data={"name": name, "lifetime_days": days})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page, TOKEN.search(page).group(0)


def test_token_is_shown_once_and_stored_hashed(app, client, auth, make_user):
    username = make_user(role=Role.CASEWORKER)
    auth.login(username)
    page, clear = create_on_page(client)
    assert 'data-testid="clear-token"' in page
    assert (
        "no-store"
        in client.post("/account/api-tokens", data={"name": "x", "lifetime_days": "7"}).headers[
            "Cache-Control"
        ]
    )

    again = client.get("/account/api-tokens").get_data(as_text=True)
    assert clear not in again
    assert clear[:10] + "…" in again  # the hint tells tokens apart
    with app.app_context():
        token = db.session.scalar(select(ApiToken).where(ApiToken.name == "Ứng dụng điện thoại"))
        assert token.token_hash == tokens.hash_token(clear) != clear
        assert (token.expires_at - token.created_at).days == 90
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "api_token_created")
        )
        assert event.username == username
        assert event.detail["name"] == "Ứng dụng điện thoại"
        assert clear not in str(event.detail)


def test_a_token_authenticates_as_its_owner(app, client, auth, make_user):
    username = make_user(role=Role.CASEWORKER)
    auth.login(username)
    _page, clear = create_on_page(client)
    other = app.test_client()  # no cookie at all
    response = other.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200
    assert response.json["username"] == username
    assert response.json["authenticated_by"] == "token"
    assert "Set-Cookie" not in response.headers
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        assert token.last_used_at is not None


def test_the_token_form_checks_its_fields(client, auth, make_user):
    auth.login(make_user())
    response = client.post("/account/api-tokens", data={"name": "", "lifetime_days": "9999"})
    assert response.status_code == 422
    typed = client.post("/account/api-tokens", data={"name": "Máy đồng bộ", "lifetime_days": "9"})
    assert typed.status_code == 422
    assert 'value="Máy đồng bộ"' in typed.get_data(as_text=True)  # what was typed, kept
    assert not TOKEN.search(typed.get_data(as_text=True))
    assert not TOKEN.search(response.get_data(as_text=True))


def test_lifetime_is_bounded_and_only_one_s_own_tokens_are_created(app, make_user):
    first, second = make_user(), make_user()
    with app.app_context():
        owner, someone = user_named(first), user_named(second)
        for days in (0, tokens.MAX_LIFETIME_DAYS + 1):
            try:
                tokens.issue_token(owner, "x", days, actor=owner)
            except tokens.DomainError as error:
                assert error.field == "lifetime_days"
            else:
                raise AssertionError(days)
        try:
            tokens.issue_token(owner, "x", 30, actor=someone)
        except tokens.DomainError as error:
            assert error.code == "forbidden"
        else:
            raise AssertionError("created for someone else")


def test_expired_token_is_refused(client, make_user, token_for, expire):
    clear = token_for(make_user())
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"}).status_code == 200
    expire(clear)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 401
    assert response.json["errors"][0]["code"] == "invalid_token"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_revoked_token_is_refused(app, client, auth, make_user):
    username = make_user()
    auth.login(username)
    _page, clear = create_on_page(client)
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    bearer = {"Authorization": f"Bearer {clear}"}
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 200

    response = client.post(f"/account/api-tokens/{token_id}/revoke", follow_redirects=True)
    assert "Revoked" in response.get_data(as_text=True) or "Đã thu hồi" in response.get_data(
        as_text=True
    )
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "api_token_revoked")
        )
        assert event.username == username


def test_a_disabled_account_s_tokens_stop_working(app, client, make_user, token_for):
    admin = make_user(role=Role.ADMIN)
    username = make_user(role=Role.CASEWORKER)
    clear = token_for(username)
    bearer = {"Authorization": f"Bearer {clear}"}
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    with app.app_context():
        user = user_named(username)
        accounts.update_user(
            user,
            full_name=user.full_name,
            email=None,
            role=user.role,
            scope=accounts.Scope(
                province_code=user.province_code, commune_codes=tuple(user.commune_codes())
            ),
            active=False,
            actor=user_named(admin),
        )
        db.session.commit()
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_an_administrator_revokes_a_user_s_token(app, client, auth, make_user, token_for):
    admin = make_user(role=Role.ADMIN)
    username = make_user(role=Role.CASEWORKER)
    clear = token_for(username, name="máy chấm công")
    with app.app_context():
        user_id = user_named(username).id
        token_id = db.session.scalar(select(ApiToken.id))
    auth.login(admin)
    edit_page = client.get(f"/admin/users/{user_id}").get_data(as_text=True)
    assert f"/admin/users/{user_id}/api-tokens" in edit_page
    listing = client.get(f"/admin/users/{user_id}/api-tokens").get_data(as_text=True)
    assert "máy chấm công" in listing
    assert clear not in listing
    response = client.post(f"/admin/users/{user_id}/api-tokens/{token_id}/revoke")
    assert response.status_code == 302
    bearer = {"Authorization": f"Bearer {clear}"}
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    with app.app_context():
        token = db.session.get(ApiToken, token_id)
        assert token.revoked_by.username == admin


def test_nobody_revokes_another_user_s_token_from_their_own_page(
    app, client, auth, make_user, token_for
):
    token_for(make_user())
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    auth.login(make_user())
    assert client.post(f"/account/api-tokens/{token_id}/revoke").status_code == 404


def test_missing_or_malformed_credentials_are_refused(client, make_user, token_for):
    clear = token_for(make_user())
    for header in (None, "Basic dXNlcjpwYXNz", f"Token {clear}", "Bearer ", "Bearer rtk_x"):
        headers = {"Authorization": header} if header else {}
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401, header
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_does_not_fall_back_to_the_session(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/api/v1/me").json["authenticated_by"] == "session"
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer rtk_wrong"})
    assert response.status_code == 401


def test_only_administrators_see_another_account_s_tokens(app, client, auth, make_user):
    username = make_user(role=Role.PROVINCE_OFFICER)
    with app.app_context():
        user_id = user_named(username).id
    auth.login(make_user(role=Role.PROVINCE_OFFICER))
    assert client.get(f"/admin/users/{user_id}/api-tokens").status_code == 403
