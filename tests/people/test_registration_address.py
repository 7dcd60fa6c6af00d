"""Registering a person: the address pasted from the release papers fills the commune and
the street, without JavaScript, keeping everything typed."""

import re

from sqlalchemy import func, select

from reintegration.extensions import db
from reintegration.people.models import Case, Person
from tests.people.conftest import registration_form

# Phường Trúc Bạch (Quận Ba Đình) is now Phường Ba Đình, the ``hanoi`` fixture's commune X.
TRUC_BACH = "Số 5 ngõ 12 Trúc Bạch, P. Trúc Bạch, Q. Ba Đình, TP. Hà Nội"


def selected(page: str, select_id: str) -> str | None:
    block = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group()
    found = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', block)
    return next((value for value in found.groups() if value is not None), None) if found else None


def read(client, commune_code="", **typed):
    data = registration_form(commune_code, residence_commune_code="", **typed)
    data["read_address"] = "1"
    return client.post("/people/new", data=data)


def people(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Person))


def test_pasted_old_address_fills_commune_and_street_and_keeps_what_was_typed(
    app, client, auth, hanoi
):
    auth.login(hanoi.officer)
    response = read(client, residence_as_written=TRUC_BACH, phone="0912 345 678")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert selected(page, "residence_commune_code") == str(hanoi.commune_x)
    assert selected(page, "commune_code") == str(hanoi.commune_x)
    assert 'value="Số 5 ngõ 12 Trúc Bạch"' in page
    assert "Phường Ba Đình, Thành phố Hà Nội" in page  # what it was read as
    assert 'value="Nguyễn Văn An"' in page and 'value="0912 345 678"' in page
    assert TRUC_BACH in page  # the pasted text stays
    assert people(app) == 0  # reading registers nobody

    # Registering then keeps the commune read, the street and the text as written.
    data = registration_form(hanoi.commune_x, residence_as_written=TRUC_BACH,
                             residence_address="Số 5 ngõ 12 Trúc Bạch")  # fmt: skip
    assert client.post("/people/new", data=data).status_code == 302
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        person = case.person
        assert (case.commune_code, person.residence_commune_code) == (hanoi.commune_x,) * 2
        assert person.residence_address == "Số 5 ngõ 12 Trúc Bạch"
        assert person.residence_as_written == TRUC_BACH


def test_a_street_already_typed_is_not_overwritten(client, auth, hanoi):
    auth.login(hanoi.officer)
    page = read(client, residence_as_written=TRUC_BACH, residence_address="Nhà 7").get_data(
        as_text=True
    )
    assert 'value="Nhà 7"' in page
    assert selected(page, "residence_commune_code") == str(hanoi.commune_x)


def test_a_split_commune_is_left_for_the_user_to_choose(app, client, auth, hanoi):
    # Phường Cống Vị went partly into Phường Ngọc Hà and Phường Giảng Võ.
    auth.login(hanoi.officer)
    page = read(client, residence_as_written="Phường Cống Vị, Quận Ba Đình, Hà Nội").get_data(
        as_text=True
    )
    assert "Phường Ngọc Hà, Thành phố Hà Nội" in page
    assert "Phường Giảng Võ, Thành phố Hà Nội" in page
    assert selected(page, "residence_commune_code") in (None, "")
    assert people(app) == 0


def test_diacritics_tell_communes_apart_and_other_areas_are_named(client, auth, hanoi):
    # A caseworker of Hà Nội pasting an address of Nam Định (now Ninh Bình).
    auth.login(hanoi.caseworker_x)
    page = read(client, residence_as_written="Xã Trực Hùng, Huyện Trực Ninh, Tỉnh Nam Định",
                commune_code=str(hanoi.commune_x))  # fmt: skip
    text = page.get_data(as_text=True)
    assert "Xã Ninh Cường, Tỉnh Ninh Bình" in text
    assert "Xã Trực Ninh" not in text  # Trực Hưng's commune is not offered
    assert selected(text, "commune_code") == str(hanoi.commune_x)  # unchanged


def test_an_address_that_names_no_commune_says_why(client, auth, hanoi):
    auth.login(hanoi.officer)
    page = read(client, residence_as_written="Thôn 3").get_data(as_text=True)
    assert "Không đọc được xã, phường hay đặc khu nào trong “Thôn 3”" in page
    page = read(client, residence_as_written="").get_data(as_text=True)
    assert "Hãy dán địa chỉ" in page


def test_refusals_answer_422_and_keep_what_was_typed(app, client, auth, hanoi):
    auth.login(hanoi.officer)
    for text, says in (
        ("Thôn 3", "Không đọc được xã, phường hay đặc khu nào"),
        ("Phường Cống Vị, Quận Ba Đình, Hà Nội", "Phường Ngọc Hà"),  # a split: choose
        ("Xã Cồn Thoi\x00, Kim Sơn, Ninh Bình", "ký tự điều khiển"),
        ("Xã Cồn Thoi, \u202eHuyện Kim Sơn", "đảo chiều"),
        ("Thôn 3, " * 80, "tối đa"),
        ("'; DROP TABLE people; --", "Không"),
    ):
        response = read(client, residence_as_written=text, phone="0912 345 678")
        page = response.get_data(as_text=True)
        assert response.status_code == 422, text
        assert says in page, text
        assert 'value="0912 345 678"' in page and 'value="Nguyễn Văn An"' in page
    assert people(app) == 0


# A person's edit form reads the pasted address the same way, without JavaScript.
def edit(client, case_id: int, **typed):
    page = client.get(f"/cases/{case_id}/person").get_data(as_text=True)
    data = {
        "full_name": "Nguyễn Văn An", "birth_date": "15/03/1985", "birth_year": "1985",
        "sex": "male", "id_number": "001085012345", "nationality": "VN", "ethnicity": "Kinh",
        "residence_commune_code": selected(page, "residence_commune_code") or "",
        "version": re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1),
        "read_address": "1", **typed,
    }  # fmt: skip
    return client.post(f"/cases/{case_id}/person", data=data)


def test_the_edit_form_reads_the_address_and_saves_nothing(app, client, auth, hanoi):
    from reintegration.people.models import Person

    auth.login(hanoi.caseworker_x)
    assert client.post("/people/new", data=registration_form(hanoi.commune_x)).status_code == 302
    with app.app_context():
        case_id = db.session.scalars(select(Case.id)).one()
    response = edit(client, case_id, residence_as_written=TRUC_BACH, residence_address="",
                    phone="0987 654 321", residence_commune_code="")  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert selected(page, "residence_commune_code") == str(hanoi.commune_x)
    assert 'value="Số 5 ngõ 12 Trúc Bạch"' in page
    assert 'value="0987 654 321"' in page and TRUC_BACH in page
    with app.app_context():  # reading saved nothing
        person = db.session.scalars(select(Person)).one()
        assert (person.phone, person.version) == (None, 1)

    # A street typed is kept; an address of another area says so, and is a refusal.
    kept = edit(client, case_id, residence_as_written=TRUC_BACH, residence_address="Nhà 7")
    assert 'value="Nhà 7"' in kept.get_data(as_text=True)
    elsewhere = edit(
        client,
        case_id,
        ethnicity="Tày",
        residence_as_written="xa con thoi huyen kim son tinh ninh binh",
    )
    text = elsewhere.get_data(as_text=True)
    assert elsewhere.status_code == 422
    assert "Xã Bình Minh, Tỉnh Ninh Bình" in text and 'value="Tày"' in text
    control = edit(client, case_id, residence_as_written="Xã\x00 Cồn Thoi")
    assert control.status_code == 422 and "ký tự điều khiển" in control.get_data(as_text=True)


def test_the_edit_form_of_another_area_is_not_read(client, auth, hanoi, app):
    auth.login(hanoi.caseworker_x)
    assert client.post("/people/new", data=registration_form(hanoi.commune_x)).status_code == 302
    with app.app_context():
        case_id = db.session.scalars(select(Case.id)).one()
    auth.logout()
    auth.login(hanoi.caseworker_y)
    response = client.post(
        f"/cases/{case_id}/person", data={"read_address": "1", "residence_as_written": TRUC_BACH}
    )
    assert response.status_code == 404
