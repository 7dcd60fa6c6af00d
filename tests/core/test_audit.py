"""The audit trail: append-only, written by services, searchable by administrators."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core import audit
from reintegration.core.audit import AuditEvent, AuditLogIsAppendOnly
from reintegration.extensions import db


def test_audit_event_cannot_be_changed_or_deleted(app_ctx):
    event = audit.record("test_action", object_type="Thing", object_id=7)
    db.session.commit()
    event.action = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "test_action"


def test_login_writes_who_role_and_address(app, auth, make_user):
    username = make_user(role=Role.PROVINCE_OFFICER)
    auth.login(username)
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).one()
        assert (event.username, event.role, event.ip_address) == (
            username,
            "province_officer",
            "127.0.0.1",
        )
        assert event.occurred_at.tzinfo is not None


def test_admin_searches_the_log(client, auth, make_user):
    make_user(username="alice")
    make_user(username="bob")
    auth.login("alice", "wrong-password-1")
    auth.login("bob", "wrong-password-2")
    auth.login(make_user(role=Role.ADMIN, username="root"))

    page = client.get("/admin/audit?action=login_failed").get_data(as_text=True)
    assert page.count('data-action="login_failed"') == 2
    assert page.count("<td>Đăng nhập không thành công</td>") == 2

    page = client.get("/admin/audit?username=root").get_data(as_text=True)
    assert 'data-action="login"' in page
    assert 'data-action="login_failed"' not in page


def test_audit_search_rejects_a_bad_date_without_failing(client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN))
    response = client.get("/admin/audit?date_from=31-02-2025")
    assert response.status_code == 200
    assert "is-invalid" in response.get_data(as_text=True)
