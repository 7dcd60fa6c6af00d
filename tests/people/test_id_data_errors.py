"""A citizen ID number that disagrees with the birth year or sex is a data error to show,
not to hide: registration asks for confirmation, then saves the person with a visible flag
a person resolves (the import: tests/imports/test_id_data_errors.py)."""

from sqlalchemy import func, select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, Person

WOMANS_NUMBER = "001185012345"  # 4th digit 1: a woman born in the 1900s; the record: a man


def test_registration_asks_first_then_saves_with_a_flag_a_person_resolves(
    app, client, auth, register, hanoi
):
    auth.login(hanoi.caseworker_x)
    asked = register(hanoi.commune_x, id_number=WOMANS_NUMBER)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert 'data-testid="confirm-id-mismatch"' in page and "Chữ số thứ 4 là 1" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0

    saved = register(hanoi.commune_x, id_number=WOMANS_NUMBER, confirm_id_mismatch="y")
    assert saved.status_code == 302
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert person.id_number == WOMANS_NUMBER and "Chữ số thứ 4 là 1" in person.id_data_error
        case_id = db.session.scalars(select(Case.id)).one()
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'data-testid="id-data-error"' in page

    assert client.post(f"/cases/{case_id}/id-data-error/resolve").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Person.id_data_error)).one() is None
        assert db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "id_data_error_resolved")
        ).all()
    assert 'data-testid="id-data-error"' not in client.get(f"/cases/{case_id}").get_data(
        as_text=True
    )


def test_a_number_that_cannot_be_one_is_still_refused(auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    refused = register(hanoi.commune_x, id_number="003085012345", confirm_id_mismatch="y")
    assert refused.status_code == 422
