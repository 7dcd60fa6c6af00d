"""Registering a person: the case, its arrival deadline, ID checks and duplicates."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, Need, Person
from tests.conftest import AuthActions
from tests.factories import CaseFactory, PersonFactory
from tests.people.conftest import registration_form


def test_caseworker_registers_a_person(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    response = register(hanoi.commune_x)
    assert response.status_code == 302
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        assert response.headers["Location"] == f"/cases/{case.id}"
        assert case.person.full_name == "Nguyễn Văn An"
        assert case.person.birth_date == date(1985, 3, 15)
        assert case.person.sort_key == "an nguye|n!3 va{n"  # in Vietnamese order
        assert case.person.match_key == "an nguyen van"
        assert case.commune_code == hanoi.commune_x
        assert case.caseworker.username == hanoi.caseworker_x
        assert case.status == CaseStatus.NOTIFIED
        assert case.need_values == {Need.DOCUMENTS, Need.SKILLS}
        assert case.release.detention_facility == "Trại giam Thanh Xuân"
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "person_registered")
        ).one()
        assert event.object_id == str(case.person_id)


def test_arrival_deadline_skips_the_weekend(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x, notified_on="05/09/2025")  # a Friday
    with app.app_context():
        assert db.session.scalars(select(Case.arrival_deadline)).one() == date(2025, 9, 10)


def test_arrival_deadline_skips_national_day(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    # Friday 29/8/2025; Mon 1/9 and Tue 2/9 are public holidays: Wed, Thu, Fri.
    register(hanoi.commune_x, notified_on="29/08/2025")
    with app.app_context():
        assert db.session.scalars(select(Case.arrival_deadline)).one() == date(2025, 9, 5)


def test_caseworker_sees_the_deadline_on_the_case_file(client, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    page = client.get(register(hanoi.commune_x).headers["Location"]).get_data(as_text=True)
    assert "Xác minh nơi cư trú trước ngày 10/09/2025" in page


def test_id_number_contradicting_the_birth_is_refused(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    response = register(hanoi.commune_x, id_number="001185012345")  # 4th digit 1: a woman
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Chữ số thứ 4 là 1" in page
    assert 'value="Nguyễn Văn An"' in page  # what was typed is kept
    assert 'value="001185012345"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0


def test_unknown_province_code_is_refused(auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    page = register(hanoi.commune_x, id_number="003085012345").get_data(as_text=True)
    assert "Ba chữ số đầu, 003, không phải là mã của tỉnh" in page


def test_same_id_number_is_blocked_with_a_link(app, client, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    first = register(hanoi.commune_x)
    response = register(hanoi.commune_x, full_name="Trần Văn Bình")
    page = response.get_data(as_text=True)
    assert "Số định danh này đã được đăng ký cho Nguyễn Văn An." in page
    assert f'href="{first.headers["Location"]}"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 1


def test_same_id_number_in_another_commune_gives_no_link(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    first = register(hanoi.commune_x)
    other = AuthActions(app.test_client())
    other.login(hanoi.caseworker_y)
    response = other.client.post(
        "/people/new", data=registration_form(hanoi.commune_y, full_name="Trần Văn Bình")
    )
    page = response.get_data(as_text=True)
    assert "đã được đăng ký ở một xã khác" in page
    assert first.headers["Location"] not in page
    assert "đăng ký cho Nguyễn Văn An" not in page


def test_similar_name_and_birth_warns_then_confirmed(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x)
    warned = register(hanoi.commune_x, full_name="NGUYEN VAN AN", id_number="")
    page = warned.get_data(as_text=True)
    assert warned.status_code == 422
    assert "Đã có người tên gần giống, cùng ngày sinh" in page
    assert 'data-testid="similar-people"' in page
    confirmed = register(
        hanoi.commune_x, full_name="NGUYEN VAN AN", id_number="", confirm_not_duplicate="y"
    )
    assert confirmed.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 2


def test_name_without_middle_name_is_similar(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x)
    page = register(hanoi.commune_x, full_name="Nguyễn An", id_number="").get_data(as_text=True)
    assert 'data-testid="similar-people"' in page


def test_a_name_written_without_its_marks_is_similar(auth, register, hanoi):
    """The check compares the folded names: "Đức" and "Duc" are one given name, though
    they sort apart."""
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x, full_name="Lê Văn Đức")
    page = register(hanoi.commune_x, full_name="LE VAN DUC", id_number="").get_data(as_text=True)
    assert 'data-testid="similar-people"' in page


def test_same_name_other_birth_is_not_a_duplicate(auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x)
    response = register(hanoi.commune_x, birth_date="16/03/1985", id_number="001085099999")
    assert response.status_code == 302


def test_caseworker_cannot_register_in_another_commune(app, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    response = register(hanoi.commune_y)
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_amnesty_needs_its_decision(auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    page = register(hanoi.commune_x, release_type="amnesty").get_data(as_text=True)
    assert "Chọn quyết định đặc xá" in page


def test_the_2025_amnesty_decisions_are_offered(client, auth, hanoi):
    auth.login(hanoi.caseworker_x)
    page = client.get("/people/new").get_data(as_text=True)
    assert "767/QĐ-CTN (29/04/2025)" in page
    assert "1693/QĐ-CTN (29/08/2025)" in page


def test_one_open_case_per_person_per_commune(app, hanoi):
    with app.app_context():
        person = PersonFactory()
        CaseFactory(person=person, commune_code=hanoi.commune_x)
        db.session.commit()
        with pytest.raises(IntegrityError):
            CaseFactory(person=person, commune_code=hanoi.commune_x, release=None)
        db.session.rollback()
        CaseFactory(
            person=db.session.get(Person, person.id),
            commune_code=hanoi.commune_x,
            release=None,
            status=CaseStatus.CLOSED,
        )
        db.session.commit()  # a closed case beside the open one is fine
