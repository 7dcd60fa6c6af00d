"""Administrators keep the public holidays on /admin/holidays/; no one else may."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.calendar import services
from reintegration.calendar.models import PublicHoliday
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db


@pytest.fixture
def loaded(app):
    """The admin's swap of Friday 2/5/2025, as a change to undo."""
    with app.app_context():
        db.session.add(PublicHoliday(day=date(2026, 5, 4), name="Nghỉ hoán đổi"))
        db.session.commit()


@pytest.fixture
def admin_client(client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN, username="root"))
    return client


def holiday_on(day: date) -> PublicHoliday | None:
    return db.session.scalar(select(PublicHoliday).where(PublicHoliday.day == day))


def test_admin_sees_a_year_with_dates_as_day_month_year(admin_client, loaded):
    response = admin_client.get("/admin/holidays/?year=2025")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "02/09/2025" in page
    assert "Quốc khánh" in page
    assert "Tết Nguyên Đán" in page
    assert "16/02/2026" not in page
    assert 'for="day"' in page
    assert 'for="name"' in page


def test_unknown_year_shows_the_current_one(admin_client, loaded):
    assert admin_client.get("/admin/holidays/?year=abc").status_code == 200
    assert admin_client.get("/admin/holidays/?year=99999").status_code == 200


def test_admin_adds_a_holiday(app, admin_client, loaded):
    response = admin_client.post(
        "/admin/holidays/", data={"day": "2025-09-08", "name": "Nghỉ đột xuất"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/holidays/?year=2025"
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "08/09/2025" in page
    with app.app_context():
        assert holiday_on(date(2025, 9, 8)).name == "Nghỉ đột xuất"
        event_row = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "holiday_added")
        ).one()
        assert event_row.username == "root"
        assert event_row.detail == {"day": "2025-09-08", "name": "Nghỉ đột xuất"}


def test_duplicate_day_is_refused_and_keeps_what_was_typed(app, admin_client, loaded):
    response = admin_client.post(
        "/admin/holidays/?year=2025", data={"day": "2025-09-02", "name": "Tên mới gõ vào"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = re.search(
        r'<div class="invalid-feedback d-block" id="day-errors">(.*?)</div>\s*</div>', page, re.S
    ).group(1)
    assert "02/09/2025" in errors
    assert "Quốc khánh" in errors
    assert 'value="2025-09-02"' in page
    assert 'value="Tên mới gõ vào"' in page
    with app.app_context():
        assert holiday_on(date(2025, 9, 2)) is None


def test_form_errors_are_shown(admin_client):
    response = admin_client.post("/admin/holidays/", data={"day": "", "name": "Nghỉ lễ"})
    assert response.status_code == 422
    assert 'id="day-errors"' in response.get_data(as_text=True)


def test_admin_deletes_a_holiday(app, admin_client, loaded):
    with app.app_context():
        holiday_id = holiday_on(date(2026, 5, 4)).id
    response = admin_client.post(f"/admin/holidays/{holiday_id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/holidays/?year=2026"
    with app.app_context():
        assert holiday_on(date(2026, 5, 4)) is None
        assert db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "holiday_deleted")
        ).one().object_id == str(holiday_id)
    assert admin_client.post(f"/admin/holidays/{holiday_id}/delete").status_code == 404


def test_delete_button_carries_a_csrf_token(app, admin_client, loaded, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    with app.app_context():
        holiday_id = holiday_on(date(2026, 5, 4)).id
    assert admin_client.post(f"/admin/holidays/{holiday_id}/delete").status_code == 400

    page = admin_client.get("/admin/holidays/?year=2025").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = admin_client.post(f"/admin/holidays/{holiday_id}/delete", data={"csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN], ids=lambda r: r.value)
def test_other_roles_are_refused(app, client, auth, make_user, loaded, role):
    auth.login(make_user(role=role))
    with app.app_context():
        holiday_id = holiday_on(date(2026, 5, 4)).id
    assert client.get("/admin/holidays/").status_code == 403
    refused = client.post("/admin/holidays/", data={"day": "2025-09-08", "name": "Nghỉ"})
    assert refused.status_code == 403
    assert client.post(f"/admin/holidays/{holiday_id}/delete").status_code == 403
    with app.app_context():
        assert holiday_on(date(2025, 9, 8)) is None
        assert holiday_on(date(2026, 5, 4)) is not None


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/holidays/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_flask_calendar_show(runner):
    result = runner.invoke(args=["calendar", "show", "2027"])
    assert result.exit_code == 0, result.output
    assert "05/02/2027  Giao thừa Tết Nguyên Đán  [law]" in result.output
    assert "2027: swaps NOT confirmed" in result.output


@pytest.fixture
def october_2026(monkeypatch):
    monkeypatch.setattr(services, "today_local", lambda: date(2026, 10, 1))


def test_the_admin_confirms_a_year_and_the_start_pages_stop_warning(
    app, admin_client, october_2026
):
    page = admin_client.get("/").get_data(as_text=True)
    assert 'data-testid="holiday-year-warning"' in page
    year = 2027
    assert "/admin/holidays/?year=2027" in page
    assert admin_client.post(f"/admin/holidays/{year}/confirm").status_code == 302
    assert 'data-testid="holiday-year-warning"' not in admin_client.get("/").get_data(as_text=True)
    page = admin_client.get(f"/admin/holidays/?year={year}").get_data(as_text=True)
    assert 'data-testid="year-confirmed"' in page
    with app.app_context():
        assert db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "holiday_year_confirmed")
        ).one().detail == {"year": year}
    # A second confirmation (another administrator's, from a page drawn before): a warning
    # through the common path, nothing recorded twice.
    again = admin_client.post(f"/admin/holidays/{year}/confirm", follow_redirects=True)
    assert '<div class="alert alert-warning" role="alert">Năm 2027 đã được xác nhận.</div>' in (
        again.get_data(as_text=True)
    )
    with app.app_context():
        assert (
            len(
                db.session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "holiday_year_confirmed")
                ).all()
            )
            == 1
        )


def test_the_officer_start_page_warns_too(client, auth, hanoi, october_2026):
    auth.login(hanoi.officer)
    assert 'data-testid="holiday-year-warning"' in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login(hanoi.caseworker_x)
    assert 'data-testid="holiday-year-warning"' not in client.get("/").get_data(as_text=True)


def test_admin_makes_a_holiday_by_law_a_working_day(app, admin_client):
    response = admin_client.post(
        "/admin/holidays/remove",
        data={"removal-day": "2027-09-03", "removal-reason": "Thông báo 2027"},
    )
    assert response.status_code == 302
    page = admin_client.get("/admin/holidays/?year=2027").get_data(as_text=True)
    assert "Thông báo 2027" in page
    refused = admin_client.post(
        "/admin/holidays/remove",
        data={"removal-day": "2027-09-06", "removal-reason": "Không phải ngày lễ"},
    )
    assert refused.status_code == 422
    assert 'value="Không phải ngày lễ"' in refused.get_data(as_text=True)
