"""Plausible-looking data that cannot be true is refused with a clear message, the form
kept: on registration, on the edit forms, and through the API."""

import pytest
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.people.models import Case, Person
from tests.factories import CaseFactory
from tests.people.conftest import registration_form

ZERO_WIDTH_ONLY = "\u200b\u200c\u200d"
RIGHT_TO_LEFT = "Nguyễn \u202eVăn An"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"birth_year": "2090", "birth_date": "", "id_number": ""},
            "birth_year",
            "Năm sinh không thể ở tương lai",
        ),
        ({"release_date": "01/09/1980"}, "release_date", "trước khi người đó sinh ra"),
        ({"release_date": "01/09/2099"}, "release_date", "hơn một năm tới"),
        (
            {"status": "received", "notified_on": "10/09/2025", "received_on": "05/09/2025"},
            "received_on",
            "trước khi có thông báo",
        ),
        (
            {"status": "received", "notified_on": "", "received_on": "20/08/2025"},
            "received_on",
            "trước khi được tha",
        ),
        ({"phone": "call me maybe"}, "phone", "Nhập số điện thoại bằng chữ số"),
        ({"phone": "123"}, "phone", "Nhập số điện thoại bằng chữ số"),
        ({"full_name": ZERO_WIDTH_ONLY}, "full_name", "ký tự vô hình"),
        ({"full_name": "12345"}, "full_name", "bằng chữ cái"),
        ({"full_name": RIGHT_TO_LEFT}, "full_name", "đảo chiều văn bản"),
        ({"family_contact": "Mẹ: 0912345678\x00"}, "family_contact", "ký tự điều khiển"),
        ({"family_contact": "x" * 1_000_000}, "family_contact", "10.000 ký tự"),
    ],
)
def test_a_registration_that_cannot_be_true_is_refused_with_the_form_kept(
    app, client, auth, hanoi, changes, field, message
):
    auth.login(hanoi.caseworker_x)
    response = client.post("/people/new", data=registration_form(hanoi.commune_x, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-errors"' in page
    assert message in page
    assert "Thôn 3, xã Tân Minh" in page  # the rest of what was typed is kept
    with app.app_context():
        assert db.session.scalar(select(Person.id)) is None


def test_plausible_data_still_registers(app, client, auth, hanoi):
    auth.login(hanoi.caseworker_x)
    data = registration_form(
        hanoi.commune_x,
        phone="+84 (912) 345-678",
        other_names="Tèo",
        status="received",
        notified_on="05/09/2025",
        received_on="08/09/2025",
    )
    assert client.post("/people/new", data=data).status_code == 302


@pytest.fixture
def case_id(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x, person__id_number=None)
        db.session.commit()
        return case.id


def test_an_edit_cannot_move_the_birth_into_the_future(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_id}/person",
        data={
            "full_name": "Nguyễn Văn Thử",
            "birth_year": "2090",
            "sex": "male",
            "nationality": "VN",
            "residence_commune_code": "",
            "version": "1",
        },
    )
    assert response.status_code == 422
    assert "Năm sinh không thể ở tương lai" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Case, case_id).person.birth_year == 1985


def test_a_release_corrected_to_2099_is_refused(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_id}/release",
        data={"release_type": "sentence_completed", "release_date": "01/09/2099", "version": "1"},
    )
    assert response.status_code == 422
    assert "hơn một năm tới" in response.get_data(as_text=True)


def test_a_case_received_before_its_notice_is_refused(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_id}/edit",
        data={"notified_on": "10/09/2025", "received_on": "05/09/2025", "version": "1"},
    )
    assert response.status_code == 422
    assert "trước khi có thông báo" in response.get_data(as_text=True)


def test_the_api_refuses_the_same(api_as, hanoi):
    from tests.api.test_people import registration

    api = api_as(hanoi.caseworker_x)
    for body, field in (
        (
            registration(hanoi.commune_x, birth_year=2090, birth_date=None, id_number=None),
            "birth_year",
        ),
        (registration(hanoi.commune_x, phone="call me maybe"), "phone"),
        (registration(hanoi.commune_x, release_date="2099-09-01"), "release_date"),
        (registration(hanoi.commune_x, full_name=ZERO_WIDTH_ONLY), "full_name"),
        (registration(hanoi.commune_x, full_name=RIGHT_TO_LEFT), "full_name"),
    ):
        response = api.post("/api/v1/people", body)
        assert response.status_code in (409, 422), field
        assert response.json["errors"][0]["field"] == field
