"""People fixtures: a helper posting the registration form (the ``hanoi`` users are in
tests/conftest.py)."""

from datetime import date

import pytest
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, CloseReason
from reintegration.privacy.tasks import anonymise_expired_cases


def registration_form(commune_code: int, **overrides) -> dict:
    """What a caseworker types for Nguyễn Văn An, a man born 15/03/1985 in Hà Nội."""
    data = {
        "full_name": "Nguyễn Văn An",
        "birth_date": "15/03/1985",
        "birth_year": "1985",
        "sex": "male",
        "id_number": "001085012345",
        "nationality": "VN",
        "ethnicity": "Kinh",
        "residence_commune_code": str(commune_code),
        "residence_as_written": "Thôn 3, xã Tân Minh, huyện Sóc Sơn, TP Hà Nội",
        "release_type": "sentence_completed",
        "release_date": "01/09/2025",
        "detention_facility": "Trại giam Thanh Xuân",
        "offence_group": "property",
        "sentence_months": "36",
        "served_months": "36",
        "commune_code": str(commune_code),
        "status": "notified",
        "notified_on": "05/09/2025",
        "needs": ["documents", "skills"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def register(client):
    def post(commune_code: int, **overrides):
        return client.post("/people/new", data=registration_form(commune_code, **overrides))

    return post


@pytest.fixture
def registered_case(app, auth, register, hanoi) -> int:
    """The id of Nguyễn Văn An's case, registered in commune X by its caseworker."""
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x)
    auth.logout()
    with app.app_context():
        return db.session.scalars(select(Case.id)).one()


def audit_events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(stmt))


def anonymise_closed(app, case_id: int) -> None:
    """Close the case in 2025 and run retention far enough ahead that it anonymises it."""
    with app.app_context():
        case = db.session.get(Case, case_id)
        case.status, case.close_reason = CaseStatus.CLOSED, CloseReason.MOVED_AWAY
        case.closed_on = date(2025, 10, 1)
        db.session.commit()
        assert anonymise_expired_cases(today=date(2030, 10, 1)) == 1
