"""Each answer is its schema dumping the record: exactly the fields the OpenAPI document
declares, nested ones too, none missing and none more (a model attribute never leaks
into an answer). And what each role sees of a record stays what its work needs."""

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.people.models import Case
from tests.api.factories import make_course, make_opening
from tests.factories import HUE, CaseFactory, PersonFactory, communes_of
from tests.loans.conftest import advance, new_application


def declared(document: dict, schema: dict) -> dict:
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def assert_shape(document: dict, schema: dict, value, where: str = "") -> None:
    """``value`` holds exactly the properties ``schema`` declares (recursively)."""
    schema = declared(document, schema)
    if value is None:
        return
    if schema.get("type") == "array" or "items" in schema:
        for n, item in enumerate(value):
            assert_shape(document, schema["items"], item, f"{where}[{n}]")
        return
    properties = schema.get("properties")
    if properties is None:
        return
    assert set(value) == set(properties), (where, set(value) ^ set(properties))
    for name, inner in properties.items():
        assert_shape(document, inner, value[name], f"{where}.{name}")


def check(document: dict, response, schema_name: str) -> dict:
    assert response.status_code in (200, 201), response.json
    assert_shape(document, {"$ref": f"#/components/schemas/{schema_name}"}, response.json)
    return response.json


def test_every_answer_holds_exactly_its_documented_fields(app, client, hanoi, api_as, loan_people):
    document = client.get("/api/v1/openapi.json").json
    with app.app_context():
        case = db.session.get(Case, loan_people.case_id)
        case_id, person_id = case.id, case.person_id
        course_id = make_course(hanoi.officer, hanoi.commune_x)
        opening_id = make_opening(hanoi.officer, hanoi.commune_x)
        application = new_application(loan_people)
        advance(application, loan_people, "submit")
        application_id = application.id
        db.session.commit()
    api = api_as(hanoi.caseworker_x)
    check(document, api.get(f"/api/v1/cases/{case_id}"), "Case")
    check(document, api.get(f"/api/v1/people/{person_id}"), "Person")
    check(document, api.get("/api/v1/people?q="), "CasePage")
    check(document, api.get(f"/api/v1/courses/{course_id}"), "CourseDetail")
    check(document, api.get(f"/api/v1/job-openings/{opening_id}"), "Opening")
    placements = f"/api/v1/cases/{case_id}/training-placements"
    check(document, api.post(placements, json={"course_id": course_id}), "Placement")
    check(document, api.get(placements), "PlacementPage")
    referrals = f"/api/v1/cases/{case_id}/job-referrals"
    referral = check(document, api.post(referrals, json={"opening_id": opening_id}), "Referral")
    hired = api.post(f"{referrals}/{referral['id']}/hire", json={"on": "2030-04-01"})
    assert check(document, hired, "Referral")["retention_checks"]
    check(document, api.get(referrals), "ReferralPage")
    check(document, api.get(f"/api/v1/cases/{case_id}/follow-ups"), "Schedule")
    loan = check(
        document, api.get(f"/api/v1/loan-applications/{application_id}"), "LoanApplication"
    )
    assert loan["eligibility"] is not None
    check(document, api.get("/api/v1/loan-applications"), "LoanPage")
    transfer = api.post(
        f"/api/v1/cases/{case_id}/transfers",
        json={"to_commune_code": hanoi.commune_y, "reason": "Về ở với gia đình tại xã mới."},
    )
    check(document, transfer, "Transfer")
    check(document, api.get(f"/api/v1/cases/{case_id}/transfers"), "TransferPage")


def test_what_each_role_sees_of_one_record(app, hanoi, api_as, make_user, loan_people):
    """The decisions the answers make per reader: the case number of a loan application
    for those who prepare it only; a person's cases only in the reader's area; a transfer
    seen from its side; the offence never in a case read."""
    with app.app_context():
        application = new_application(loan_people)
        advance(application, loan_people, "submit")
        application_id = application.id
        person = PersonFactory()
        mine = CaseFactory(person=person, commune_code=hanoi.commune_x)
        CaseFactory(person=person, commune_code=communes_of(HUE, 1)[0].code)
        person_id, mine_id = person.id, mine.id
        db.session.commit()
    url = f"/api/v1/loan-applications/{application_id}"
    assert api_as(hanoi.caseworker_x).get(url).json["case_id"] == loan_people.case_id
    assert api_as(loan_people.womens_reviewer).get(url).json["case_id"] is None
    seen = api_as(hanoi.caseworker_x).get(f"/api/v1/people/{person_id}").json
    assert [c["id"] for c in seen["cases"]] == [mine_id]  # not the one in Huế
    hue = api_as(make_user(role=Role.PROVINCE_OFFICER, province_code=HUE))
    assert hue.get(f"/api/v1/people/{person_id}").json["cases"] != seen["cases"]
    case = api_as(hanoi.caseworker_x).get(f"/api/v1/cases/{mine_id}").json
    assert set(case["release"]) == {
        "id",
        "release_type",
        "release_date",
        "amnesty_decision",
        "certificate_number",
    }
    asked = api_as(hanoi.caseworker_x).post(
        f"/api/v1/cases/{mine_id}/transfers",
        json={"to_commune_code": hanoi.commune_y, "reason": "Về ở với gia đình tại xã mới."},
    )
    transfer_url = f"/api/v1/transfers/{asked.json['id']}"
    sender = api_as(hanoi.caseworker_x).get(transfer_url).json
    receiver = api_as(hanoi.caseworker_y).get(transfer_url).json
    assert (sender["direction"], sender["available_actions"]) == ("outgoing", ["cancel"])
    assert (receiver["direction"], receiver["available_actions"]) == (
        "incoming",
        ["accept", "refuse"],
    )
