"""People through the API: the same search, scope, checks and audit as the pages."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from tests.factories import HUE, CaseFactory, PersonFactory, communes_of

SENSITIVE = ("Trại giam", "detention_facility", "offence_group", "sentence_months", "property")


def registration(commune_code: int, **overrides) -> dict:
    """Nguyễn Văn An, a man born 15/03/1985 in Hà Nội, as a program sends him."""
    body = {
        "full_name": "Nguyễn Văn An",
        "birth_date": "1985-03-15",
        "birth_year": 1985,
        "sex": "male",
        "id_number": "001085012345",
        "ethnicity": "Kinh",
        "residence_commune_code": commune_code,
        "residence_as_written": "Thôn 3, xã Tân Minh, huyện Sóc Sơn, TP Hà Nội",
        "release_type": "sentence_completed",
        "release_date": "2025-09-01",
        "detention_facility": "Trại giam Thanh Xuân",
        "offence_group": "property",
        "sentence_months": 36,
        "served_months": 36,
        "commune_code": commune_code,
        "notified_on": "2025-09-05",
        "needs": ["documents", "skills"],
    }
    body.update(overrides)
    return body


def test_search_lists_the_cases_in_scope_in_given_name_order(app, hanoi, api_as):
    with app.app_context():
        for name, commune in (
            ("Trần Văn Bình", hanoi.commune_x),
            ("Lê Thị An", hanoi.commune_x),
            ("Phạm Văn An", hanoi.commune_y),
        ):
            CaseFactory(person=PersonFactory(full_name=name), commune_code=commune)
        db.session.commit()
    response = api_as(hanoi.caseworker_x).get("/api/v1/people?per_page=1")
    assert response.status_code == 200
    body = response.json
    assert [item["person"]["full_name"] for item in body["items"]] == ["Lê Thị An"]
    assert (body["total"], body["pages"], body["total_capped"]) == (2, 2, False)
    assert body["next"].endswith("page=2") and body["prev"] is None
    assert 'rel="next"' in response.headers["Link"]
    assert "id_number" not in body["items"][0]["person"]

    second = api_as(hanoi.caseworker_x).get(body["next"]).json
    assert [item["person"]["full_name"] for item in second["items"]] == ["Trần Văn Bình"]

    found = api_as(hanoi.officer).get("/api/v1/people?q=NGUYEN VAN|an").json
    assert found["total"] == 0
    found = api_as(hanoi.officer).get("/api/v1/people?q=van an").json
    assert [i["person"]["full_name"] for i in found["items"]] == ["Phạm Văn An"]


def test_search_is_refused_to_roles_without_person_files(hanoi, make_user, api_as):
    for role in (Role.ADMIN, Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER):
        response = api_as(make_user(role=role)).get("/api/v1/people")
        assert response.status_code == 403, role
        assert response.json["errors"][0]["code"] == "forbidden"


def test_read_a_person_in_scope_is_audited(app, hanoi, api_as):
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x)
        CaseFactory(person=case.person, commune_code=communes_of(HUE, 1)[0].code)
        db.session.commit()
        person_id, case_id = case.person_id, case.id
    response = api_as(hanoi.caseworker_x).get(f"/api/v1/people/{person_id}")
    assert response.status_code == 200
    assert response.headers["ETag"] == 'W/"1"'
    assert response.json["version"] == 1
    assert [c["id"] for c in response.json["cases"]] == [case_id]  # not the one in Huế
    text = response.get_data(as_text=True)
    assert not any(word in text for word in SENSITIVE)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_viewed"))
        assert event.username == hanoi.caseworker_x
        assert event.object_id == str(person_id)


def test_a_person_out_of_scope_is_not_found(app, hanoi, api_as):
    with app.app_context():
        person_id = CaseFactory(commune_code=hanoi.commune_y).person_id
        db.session.commit()
    response = api_as(hanoi.caseworker_x).get(f"/api/v1/people/{person_id}")
    assert response.status_code == 404
    assert response.json["errors"][0]["code"] == "not_found"
    assert api_as(hanoi.caseworker_x).get("/api/v1/people/999999").status_code == 404


def test_register_a_person(app, hanoi, api_as):
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", json=registration(hanoi.commune_x))
    assert response.status_code == 201, response.json
    body = response.json
    assert response.headers["Location"] == f"/api/v1/cases/{body['id']}"
    assert response.headers["ETag"] == f'W/"{body["version"]}"'
    assert body["person"]["full_name"] == "Nguyễn Văn An"
    assert body["status"] == "notified"
    assert body["arrival_deadline"] == "2025-09-10"  # 3 working days after the notice
    assert body["caseworker"]["full_name"]  # the caseworker registering by default
    assert body["needs"] == ["documents", "skills"]
    assert body["release"]["release_type"] == "sentence_completed"
    assert not any(word in response.get_data(as_text=True) for word in SENSITIVE)
    with app.app_context():
        person = db.session.scalar(select(Person))
        assert person.id_number == "001085012345"
        assert person.releases[0].detention_facility == "Trại giam Thanh Xuân"
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "person_registered")
        )
        assert event.username == hanoi.caseworker_x


def test_register_refuses_a_commune_out_of_scope(app, hanoi, api_as):
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", json=registration(hanoi.commune_y))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json["errors"]}
    assert fields == {"residence_commune_code"}
    response = api_as(hanoi.caseworker_x).post(
        "/api/v1/people",
        json=registration(hanoi.commune_y, residence_commune_code=hanoi.commune_x),
    )
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "commune_code"
    with app.app_context():
        assert db.session.scalar(select(Person)) is None


def test_an_address_sent_as_written_is_read_into_the_residence(app, hanoi, api_as):
    truc_bach = "Số 5 ngõ 12 Trúc Bạch, P. Trúc Bạch, Q. Ba Đình, TP. Hà Nội"
    body = registration(hanoi.commune_x, residence_commune_code=None,
                        residence_as_written=truc_bach)  # fmt: skip
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", json=body)
    assert response.status_code == 201, response.json
    split = registration(hanoi.commune_x, residence_commune_code=None, id_number="001085012346",
                         residence_as_written="Phường Cống Vị, Quận Ba Đình, Hà Nội",
                         full_name="Trần Thị Bình", sex="female")  # fmt: skip
    split["birth_date"], split["id_number"] = "1986-04-02", "001186012346"
    split["birth_year"] = 1986
    assert api_as(hanoi.caseworker_x).post("/api/v1/people", json=split).status_code == 201
    other = registration(hanoi.commune_y, residence_commune_code=None, id_number="001087012347",
                         residence_as_written=truc_bach, full_name="Lê Văn Cường")  # fmt: skip
    other["birth_date"], other["birth_year"], other["id_number"] = (
        "1987-05-03",
        1987,
        "001087012347",
    )
    assert api_as(hanoi.caseworker_y).post("/api/v1/people", json=other).status_code == 201
    with app.app_context():
        people = {p.full_name: p for p in db.session.scalars(select(Person))}
        read = people["Nguyễn Văn An"]
        assert (read.residence_commune_code, read.residence_address) == (
            hanoi.commune_x,
            "Số 5 ngõ 12 Trúc Bạch",
        )
        assert read.residence_as_written == truc_bach
        # Two new wards for the old one, and a commune outside the caller's area: as sent.
        assert people["Trần Thị Bình"].residence_commune_code is None
        assert people["Lê Văn Cường"].residence_commune_code is None
        assert people["Lê Văn Cường"].residence_as_written == truc_bach


def test_register_refuses_other_roles(hanoi, make_user, api_as):
    reviewer = make_user(role=Role.UNION_REVIEWER)
    response = api_as(reviewer).post("/api/v1/people", json=registration(hanoi.commune_x))
    assert response.status_code == 403


def test_register_validates_each_field(hanoi, api_as):
    body = registration(
        hanoi.commune_x,
        birth_year="năm 85",
        sex="unknown",
        release_date="01/09/2025",
        full_name="x" * 201,
        nickname="Tí",
    )
    del body["commune_code"]
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", json=body)
    assert response.status_code == 422
    codes = {e["field"]: e["code"] for e in response.json["errors"]}
    assert codes == {
        "birth_year": "invalid",
        "sex": "invalid_choice",
        "release_date": "invalid",
        "full_name": "too_long",
        "nickname": "unknown_field",
        "commune_code": "required",
    }


def test_the_id_number_is_checked_against_the_birth(hanoi, api_as):
    response = api_as(hanoi.caseworker_x).post(
        "/api/v1/people", json=registration(hanoi.commune_x, id_number="001185012345")
    )
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "id_number"


def test_duplicates_are_refused_with_the_file_to_open(app, hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    first = api.post("/api/v1/people", json=registration(hanoi.commune_x)).json
    again = api.post("/api/v1/people", json=registration(hanoi.commune_x))
    assert again.status_code == 409
    assert again.json["errors"][0]["code"] == "duplicate"
    assert again.json["case_id"] == first["id"]

    other = api_as(hanoi.caseworker_y).post("/api/v1/people", json=registration(hanoi.commune_y))
    assert other.status_code == 409
    assert other.json["case_id"] is None  # another commune's file stays unseen


def test_similar_people_must_be_confirmed(app, hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    api.post("/api/v1/people", json=registration(hanoi.commune_x))
    similar = registration(hanoi.commune_x, id_number=None, full_name="Nguyen Van An")
    response = api.post("/api/v1/people", json=similar)
    assert response.status_code == 409
    assert response.json["errors"][0]["code"] == "similar"
    assert response.json["similar"][0]["full_name"] == "Nguyễn Văn An"
    assert response.json["similar"][0]["birth"] == "15/03/1985"
    confirmed = api.post("/api/v1/people", json={**similar, "confirm_not_duplicate": True})
    assert confirmed.status_code == 201
    with app.app_context():
        assert len(db.session.scalars(select(Case)).all()) == 2
