"""Administrators manage accounts and their scopes through the admin pages."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role, User
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from tests.factories import DEFAULT_PASSWORD, HA_NOI, HUE, communes_of


@pytest.fixture
def admin_client(client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN, username="root"))
    return client


@pytest.fixture
def ha_noi_communes(app):
    with app.app_context():
        return [c.code for c in communes_of(HA_NOI, 3)]


def new_user_form(**overrides):
    data = {
        "username": "canbo.moi",
        "full_name": "Đỗ Thị Lan",
        "email": "",
        "role": "caseworker",
        "province_code": str(HA_NOI),
        "organisation": "",
        "password": "a-long-first-password",
    }
    data.update(overrides)
    return data


def test_admin_creates_caseworker_with_communes(app, admin_client, ha_noi_communes):
    response = admin_client.post(
        "/admin/users/new", data=new_user_form(commune_codes=ha_noi_communes[:2])
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalars(select(User).where(User.username == "canbo.moi")).one()
        assert user.role == Role.CASEWORKER
        assert sorted(c.code for c in user.communes) == sorted(ha_noi_communes[:2])
        assert user.password_hash != "a-long-first-password"
        assert user.password_hash.startswith("scrypt:")
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "user_created")
        ).one()
        assert event.username == "root"
        assert event.object_id == str(user.id)


def test_rejected_form_keeps_what_was_typed(admin_client):
    response = admin_client.post("/admin/users/new", data=new_user_form(commune_codes=[]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Cán bộ phụ trách cần ít nhất một xã." in page
    assert 'value="canbo.moi"' in page
    assert 'value="Đỗ Thị Lan"' in page


def test_commune_outside_the_province_is_refused(app, admin_client):
    with app.app_context():
        hue_commune = communes_of(HUE, 1)[0].code
    response = admin_client.post(
        "/admin/users/new", data=new_user_form(commune_codes=[hue_commune])
    )
    assert response.status_code == 422
    assert "Mỗi xã phải thuộc Thành phố Hà Nội." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "canbo.moi")) is None


def test_duplicate_username_is_refused(admin_client, make_user, ha_noi_communes):
    make_user(username="canbo.moi")
    response = admin_client.post(
        "/admin/users/new", data=new_user_form(commune_codes=ha_noi_communes[:1])
    )
    assert "Tên đăng nhập này đã có người dùng." in response.get_data(as_text=True)


def test_union_reviewer_needs_an_organisation(admin_client):
    response = admin_client.post("/admin/users/new", data=new_user_form(role="union_reviewer"))
    assert "Chọn tổ chức của người thẩm định." in response.get_data(as_text=True)


def test_admin_changes_role_and_scope_drops_the_old_parts(app, admin_client, make_user):
    username = make_user(role=Role.CASEWORKER)
    with app.app_context():
        user_id = db.session.scalars(select(User.id).where(User.username == username)).one()
    response = admin_client.post(
        f"/admin/users/{user_id}",
        data={
            "full_name": "Hồ Văn Nam",
            "role": "union_reviewer",
            "province_code": str(HUE),
            "organisation": "farmers_union",
            "active": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.role == Role.UNION_REVIEWER
        assert user.organisation == Organisation.FARMERS_UNION
        assert user.province_code == HUE
        assert user.communes == []


def test_disabling_an_account_ends_its_sessions(app, admin_client, make_user):
    username = make_user(role=Role.PROVINCE_OFFICER)
    other = app.test_client()
    other.post("/login", data={"username": username, "password": DEFAULT_PASSWORD})
    assert other.get("/").status_code == 200
    with app.app_context():
        user_id = db.session.scalars(select(User.id).where(User.username == username)).one()
    admin_client.post(
        f"/admin/users/{user_id}",
        data={"full_name": "X", "role": "province_officer", "province_code": str(HA_NOI)},
    )
    assert other.get("/").status_code == 302


def test_admin_cannot_remove_own_access(app, admin_client):
    with app.app_context():
        root_id = db.session.scalars(select(User.id).where(User.username == "root")).one()
    response = admin_client.post(
        f"/admin/users/{root_id}", data={"full_name": "Root", "role": "caseworker"}
    )
    assert "Bạn không thể tự bỏ quyền quản trị của mình." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, root_id).role == Role.ADMIN


def test_user_list_filters_by_role(admin_client, make_user):
    make_user(role=Role.COMMITTEE_VIEWER, username="viewer1")
    make_user(role=Role.CASEWORKER, username="worker1")
    page = admin_client.get("/admin/users/?role=committee_viewer").get_data(as_text=True)
    assert "viewer1" in page
    assert "worker1" not in page
