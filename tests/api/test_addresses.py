"""Reading an address through the API: what "Read the address" does on the pages, as JSON,
for the caseworkers and province officers; nothing saved, nothing of a person read."""

from sqlalchemy import func, select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db

URL = "/api/v1/addresses/read"
TRUC_BACH = "Số 5 ngõ 12 Trúc Bạch, P. Trúc Bạch, Q. Ba Đình, TP. Hà Nội"


def events(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent))


def test_an_old_address_is_read_into_todays_commune_of_the_callers_area(app, hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    before = events(app)
    response = api.post(URL, json={"text": TRUC_BACH})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["status"] == "converted"
    assert body["commune"] == {
        "code": hanoi.commune_x, "name": "Phường Ba Đình, Thành phố Hà Nội",
        "in_your_area": True,
    }  # fmt: skip
    assert (body["street"], body["legacy"], body["written"]) == ("Số 5 ngõ 12 Trúc Bạch",
                                                                 True, TRUC_BACH)  # fmt: skip
    assert body["province"]["code"] == 1 and body["problem"] is None
    assert events(app) == before  # no person read: nothing to audit


def test_choices_and_other_areas_and_what_is_not_found(hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    split = api.post(URL, json={"text": "Phường Cống Vị, Quận Ba Đình, Hà Nội"}).json
    assert split["status"] == "split" and split["commune"] is None
    assert sorted(c["name"] for c in split["candidates"]) == [
        "Phường Giảng Võ, Thành phố Hà Nội", "Phường Ngọc Hà, Thành phố Hà Nội",
    ]  # fmt: skip
    folded = api.post(URL, json={"text": "x truc hung h truc ninh t nam dinh"}).json
    assert folded["status"] == "ambiguous"
    assert {(c["code"], c["in_your_area"]) for c in folded["candidates"]} == {
        (14053, False), (14077, False),
    }  # fmt: skip
    nowhere = api.post(URL, json={"text": "Thôn 3"}).json
    assert nowhere["status"] == "not_found" and "Thôn 3" in nowhere["problem"]
    # A text that names no province is looked for in the one given first.
    hinted = api.post(URL, json={"text": "Xã Yên Thái", "province": 37}).json
    assert (hinted["commune"]["code"], hinted["province"]["code"]) == (14746, 37)


def test_hostile_text_is_refused_with_a_reason(hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    for body, field, code in (
        ({"text": "x" * 600}, "text", "too_long"),
        ({"text": "Xã Cồn Thoi\x00"}, "text", "invalid"),
        ({"text": "Xã Cồn Thoi \u202eHuyện Kim Sơn"}, "text", "invalid"),
        ({"text": "   "}, "text", "required"),
        ({"text": "Xã Yên Thái", "province": 98}, "province", "invalid_choice"),
        ({"text": "'; DROP TABLE communes; --", "sql": 1}, "sql", "unknown"),
    ):
        response = api.post(URL, json=body)
        assert response.status_code == 422, body
        (error,) = response.json["errors"]
        assert error["field"] == field and error["code"].startswith(code), error
    sql = api.post(URL, json={"text": "'; DROP TABLE communes; --"})
    assert sql.status_code == 200 and sql.json["status"] == "not_found"


def test_only_casework_roles_read_addresses(app, api_as, make_user):
    from reintegration.accounts.models import Role

    viewer = make_user(role=Role.COMMITTEE_VIEWER, username="xem", province_code=1)
    assert api_as(viewer).post(URL, json={"text": TRUC_BACH}).status_code == 403
