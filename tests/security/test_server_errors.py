"""Hostile input that used to fail with a server error: each is now a clear 4xx, and a form
comes back with what was typed (issue 24's numbered list)."""

import re

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.forms import Form
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from reintegration.people.services import registration
from reintegration.training.models import TrainingProvider
from tests.factories import CaseFactory
from tests.people.conftest import registration_form

HUGE_PAGE = "99999999999999999999"


def version_in(page: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


# --- 1. one character over a field's limit ------------------------------------------------


def test_a_login_one_character_too_long_comes_back_with_the_form(client):
    response = client.post("/login", data={"username": "a" * 65, "password": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "dài quá 64 ký tự" in page  # the length rule, translated
    assert 'value="' + "a" * 65 + '"' in page


def test_a_registration_with_a_name_too_long_keeps_what_was_typed(client, auth, hanoi):
    auth.login(hanoi.caseworker_x)
    data = registration_form(hanoi.commune_x, full_name="Nguyễn " + "A" * 200)
    response = client.post("/people/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "dài quá 200 ký tự" in page
    assert "Nguyễn " + "A" * 200 in page
    with client.application.app_context():
        assert db.session.scalar(select(Person.id)) is None


def every_form_class() -> list[type[Form]]:
    found, todo = [], [Form]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            found.append(sub)
    return found


def test_every_length_limit_of_every_form_answers_with_a_message(app):
    """The 77 fields of 29 forms at once: one character over each limit is a field
    error in Vietnamese, never an exception."""
    from wtforms.validators import Length

    checked = 0
    for cls in every_form_class():
        unbound = [
            (name, field)
            for name in dir(cls)
            if hasattr((field := getattr(cls, name, None)), "field_class")
        ]
        for name, field in unbound:
            limits = [v for v in field.kwargs.get("validators") or () if isinstance(v, Length)]
            if not limits or limits[0].max < 0:
                continue
            with app.test_request_context(
                "/", method="POST", data={name: "x" * (limits[0].max + 1)}
            ):
                form = cls()
                for each in form:
                    if getattr(each, "choices", "") is None:
                        each.choices = []
                form.validate()
                assert form[name].errors, f"{cls.__name__}.{name}"
                assert "ký tự" in " ".join(map(str, form[name].errors)), f"{cls.__name__}.{name}"
                checked += 1
    assert checked >= 70


# --- 2. a version that is not a whole number, or none -------------------------------------


@pytest.fixture
def case_id(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x, person__id_number=None)
        db.session.commit()
        return case.id


@pytest.mark.parametrize("version", ["abc", "2.0", "", None])
def test_an_edit_without_a_whole_version_is_refused_with_the_form_kept(
    app, client, auth, hanoi, case_id, version
):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{case_id}/person"
    page = client.get(url).get_data(as_text=True)
    data = {
        "full_name": "Nguyễn Văn Sửa",
        "birth_year": "1985",
        "sex": "male",
        "nationality": "VN",
        "residence_commune_code": "",
    }
    if version is not None:
        data["version"] = version
    response = client.post(url, data=data)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "không cho biết phiên bản" in text  # nothing saved: reload and save again
    assert 'value="Nguyễn Văn Sửa"' in text
    assert version_in(page) == "1"
    with app.app_context():
        assert db.session.get(Case, case_id).person.full_name != "Nguyễn Văn Sửa"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/cases/{id}/edit", {"intake_notes": "ghi chú"}),
        (
            "/cases/{id}/release",
            {"release_type": "sentence_completed", "release_date": "01/09/2025"},
        ),
        ("/cases/{id}/classification", {"classification": "A", "reason": "ổn định"}),
        ("/cases/{id}/status", {"action": "activate", "on": "01/10/2025"}),
    ],
)
def test_case_release_status_and_classification_refuse_a_bad_version(
    app, client, auth, hanoi, case_id, url, data
):
    auth.login(hanoi.caseworker_x)
    for version in ("abc", "2.0", None):
        sent = dict(data) if version is None else {**data, "version": version}
        response = client.post(url.format(id=case_id), data=sent)
        assert response.status_code == 422, (url, version)
        assert "không cho biết phiên bản" in response.get_data(as_text=True)
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert (case.version, case.classification, case.intake_notes) == (1, None, None)


def test_a_provider_edit_refuses_a_bad_version(app, client, auth, job_partners):
    from tests.training.test_views_catalogue import PROVIDER

    auth.login(job_partners.hanoi.officer)
    for version in ("abc", "2.0", None):
        data = {**PROVIDER, "name": "Trung tâm mới"}
        if version is not None:
            data["version"] = version
        response = client.post(f"/training/providers/{job_partners.provider_id}/edit", data=data)
        assert response.status_code == 422, version
        assert "không cho biết phiên bản" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(TrainingProvider, job_partners.provider_id).name != "Trung tâm mới"


# --- 3. a page number too large for the database ------------------------------------------


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.CASEWORKER, "/people/"),
        (Role.CASEWORKER, "/loans/"),
        (Role.CASEWORKER, "/notifications/"),
        (Role.CASEWORKER, "/transfers/"),
        (Role.CASEWORKER, "/work/overdue"),
        (Role.CASEWORKER, "/jobs/employers/"),
        (Role.CASEWORKER, "/jobs/openings/"),
        (Role.UNION_REVIEWER, "/loans/review"),
        (Role.PROVINCE_OFFICER, "/training/providers"),
        (Role.PROVINCE_OFFICER, "/training/courses"),
        (Role.ADMIN, "/admin/users/"),
        (Role.ADMIN, "/admin/audit"),
    ],
)
def test_a_huge_page_number_is_an_empty_page(client, auth, make_user, role, path):
    auth.login(make_user(role=role))
    response = client.get(f"{path}?page={HUGE_PAGE}")
    assert response.status_code == 200, path


def test_a_huge_page_of_a_case_s_contacts(client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    response = client.get(f"/cases/{case_id}?tab=contacts&page={HUGE_PAGE}")
    assert response.status_code == 200


# --- 4. two registrations of one new ID number at the same moment -------------------------


def test_the_second_of_two_simultaneous_registrations_gets_the_form_back(
    app, client, auth, hanoi, monkeypatch
):
    """The other registration commits between this one's check and its insert: the check
    is made to miss it, as it would in the race."""
    with app.app_context():
        CaseFactory(commune_code=hanoi.commune_x, person__id_number="001085012345")
        db.session.commit()
    real_check = registration.check_id_not_registered
    calls = []

    def check_that_misses_the_first_time(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            return None
        return real_check(*args, **kwargs)

    monkeypatch.setattr(registration, "check_id_not_registered", check_that_misses_the_first_time)
    auth.login(hanoi.caseworker_x)
    response = client.post("/people/new", data=registration_form(hanoi.commune_x))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Số căn cước này vừa được đăng ký" in page
    assert 'value="Nguyễn Văn An"' in page
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == 1


def test_the_api_answers_the_same_race_with_a_duplicate(app, api_as, hanoi, monkeypatch):
    from tests.api.test_people import registration as registration_body

    with app.app_context():
        CaseFactory(commune_code=hanoi.commune_x, person__id_number="001085012345")
        db.session.commit()
    real_check = registration.check_id_not_registered
    calls = []

    def check_that_misses_the_first_time(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real_check(*args, **kwargs)

    monkeypatch.setattr(registration, "check_id_not_registered", check_that_misses_the_first_time)
    response = api_as(hanoi.caseworker_x).post(
        "/api/v1/people", registration_body(hanoi.commune_x, id_number="001085012345")
    )
    assert response.status_code == 409
    assert response.json["errors"][0]["field"] == "id_number"


# --- 5. NUL bytes, and a nationality that is no country --------------------------------


def test_a_nul_byte_in_a_text_field_is_refused_with_the_form_kept(app, client, auth, hanoi):
    auth.login(hanoi.caseworker_x)
    data = registration_form(hanoi.commune_x, residence_as_written="Thôn 3\x00, Sóc Sơn")
    response = client.post("/people/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "ký tự điều khiển" in page
    assert 'value="Nguyễn Văn An"' in page
    with app.app_context():
        assert db.session.scalar(select(Person.id)) is None


def test_a_nul_byte_in_a_search_is_refused(client, auth, hanoi):
    auth.login(hanoi.caseworker_x)
    response = client.get("/people/?q=nguy%00en")
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_a_nul_byte_in_an_api_query_is_refused_in_the_api_s_shape(api_as, hanoi):
    response = api_as(hanoi.caseworker_x).get("/api/v1/people?q=nguy%00en")
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "q"


def test_a_nationality_not_a_country_is_refused(app, client, auth, hanoi):
    """The nationality is chosen from the countries: 101 characters are no country."""
    auth.login(hanoi.caseworker_x)
    response = client.post(
        "/people/new", data=registration_form(hanoi.commune_x, nationality="N" * 101)
    )
    assert response.status_code == 422
    assert 'id="nationality-errors"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Person.id)) is None


# --- 6. JSON nested 5,000 deep ------------------------------------------------------------


def test_json_nested_5000_deep_is_refused_as_unreadable(api_as, hanoi):
    body = "[" * 5000 + "]" * 5000
    response = api_as(hanoi.caseworker_x).post(
        "/api/v1/people", headers={"Content-Type": "application/json"}, data=body
    )
    assert response.status_code == 400
    assert response.json["errors"][0]["code"] == "invalid_json"


def test_json_nested_5000_deep_inside_an_object_too(api_as, hanoi):
    body = '{"full_name": ' + "[" * 5000 + "]" * 5000 + "}"
    response = api_as(hanoi.caseworker_x).post(
        "/api/v1/people", headers={"Content-Type": "application/json"}, data=body
    )
    assert response.status_code == 400


# --- and what the user never sees: the 413 page and the CSV type ---------------------------


def test_a_request_too_large_gets_our_page_in_vietnamese(app, client, auth, hanoi, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    auth.login(hanoi.caseworker_x)
    response = client.post("/people/new", data={"full_name": "x" * (3 * 1024 * 1024)})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "2 MB" in page and "Request Entity Too Large" not in page
    assert 'class="navbar' in page  # the app's layout


def test_the_api_answers_413_in_its_own_shape(app, api_as, hanoi, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", {"full_name": "x" * 4096})
    assert response.status_code == 413
    assert response.json["errors"][0]["code"] == "request_entity_too_large"
    assert "1 MB" in response.json["errors"][0]["message"]
