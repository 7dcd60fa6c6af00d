"""Administrators keep the expungement periods at /admin/expungement-periods: they
see each band's rows with the one in force, and add a new law's period from its day; the open
cases served since are computed again."""

from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import CaseStatus, ExpungementBand, ExpungementPeriod
from reintegration.people.services import expungement
from tests.factories import CaseFactory

URL = "/admin/expungement-periods"


@pytest.fixture
def admin_client(client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN, username="root"))
    return client


def new_law(**overrides) -> dict:
    return {
        "band": ExpungementBand.PRISON_UP_TO_5.value,
        "months": "18",
        "effective_from": "01/01/2027",
        "legal_basis": "Luật sửa đổi Bộ luật Hình sự 2026, Điều 70",
    } | overrides


def cases_served(app) -> tuple[int, int, int]:
    """Three amnesties of 24 months: served 01/09/2025, 01/03/2027 (open) and 01/03/2027
    (closed)."""
    with app.app_context():
        ids = []
        for released, status in (
            (date(2025, 9, 1), CaseStatus.ACTIVE),
            (date(2027, 3, 1), CaseStatus.ACTIVE),
            (date(2027, 3, 1), CaseStatus.CLOSED),
        ):
            case = CaseFactory(
                status=status,
                release__release_type="amnesty",
                release__release_date=released,
                release__sentence_months=24,
            )
            db.session.flush()
            expungement.refresh(case)
            ids.append(case.id)
        db.session.commit()
        return tuple(ids)


def expected_day(app, case_id: int) -> date:
    from reintegration.people.models import Case

    with app.app_context():
        return db.session.get(Case, case_id).expungement_on


def test_the_admin_sees_every_band_with_the_period_in_force(admin_client):
    page = admin_client.get(URL).get_data(as_text=True)
    assert "Thời hạn xóa án tích" in page
    assert page.count('data-testid="period-row"') == 8  # 4 bands, automatic and by a court
    assert page.count("table-success") == 8
    assert "24 tháng" in page and "chỉ do Tòa án" in page


def test_a_new_law_applies_to_sentences_served_from_its_day(app, admin_client):
    before, after, closed = cases_served(app)
    assert expected_day(app, after) == date(2029, 3, 1)
    response = admin_client.post(URL, data=new_law())
    assert response.status_code == 302
    page = admin_client.get(URL).get_data(as_text=True)
    assert "1 hồ sơ đang mở" in page
    assert "01/01/2027" in page and "18 tháng" in page
    assert expected_day(app, before) == date(2027, 9, 1)  # served before: the old period
    assert expected_day(app, after) == date(2028, 9, 1)  # 18 months from 01/03/2027
    assert expected_day(app, closed) == date(2029, 3, 1)  # closed cases are left alone
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "expungement_period_added")
        ).one()
        assert event.username == "root"
        assert event.detail["months"] == 18


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"effective_from": "10/10/2017"}, "đã có thời hạn từ ngày 10/10/2017"),
        ({"months": "0"}, "months"),
        ({"months": "9999"}, "months"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"legal_basis": "x" * 201}, "legal_basis"),
        ({"effective_from": "31/02/2027"}, "effective_from"),
    ],
)
def test_a_refused_period_keeps_what_was_typed(app, admin_client, overrides, message):
    with app.app_context():
        rows = db.session.query(ExpungementPeriod).count()
    data = new_law(**overrides)
    if overrides.get("effective_from") == "10/10/2017":
        with app.app_context():
            seeded = db.session.scalars(select(ExpungementPeriod.effective_from)).first()
        data["effective_from"] = seeded.strftime("%d/%m/%Y")
        message = f"đã có thời hạn từ ngày {data['effective_from']}"
    response = admin_client.post(URL, data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    if message in ("months", "legal_basis", "effective_from"):
        assert f'id="{message}"' in page and "is-invalid" in page
    else:
        assert message in page
    assert data["legal_basis"][:50] in page
    with app.app_context():
        assert db.session.query(ExpungementPeriod).count() == rows


@pytest.mark.parametrize("role", [Role.PROVINCE_OFFICER, Role.CASEWORKER, Role.COMMITTEE_VIEWER])
def test_only_administrators(client, auth, make_user, role):
    auth.login(make_user(role=role, username="someone"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data=new_law()).status_code == 403
