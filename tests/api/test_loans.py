"""Loan applications through the API: the same scope, the same fields for every loan role
as on the application page, the same steps and roles, with the version read."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanStatus
from tests.loans.conftest import SECRET_NOTE, advance, new_application


def make_application(app, loan_people, to: str | None = None, **overrides) -> int:
    with app.app_context():
        application = new_application(loan_people, **overrides)
        if to is not None:
            advance(application, loan_people, to)
        db.session.commit()
        return application.id


def test_list_in_scope_for_each_loan_role(app, loan_people, api_as, make_user):
    draft = make_application(app, loan_people)
    submitted = make_application(app, loan_people, "submit")
    farmers = make_application(app, loan_people, "submit", organisation="farmers_union")

    caseworker = api_as(loan_people.hanoi.caseworker_x).get("/api/v1/loan-applications").json
    assert {item["id"] for item in caseworker["items"]} == {draft, submitted, farmers}
    assert caseworker["total"] == 3

    womens = api_as(loan_people.womens_reviewer).get("/api/v1/loan-applications").json
    assert [item["id"] for item in womens["items"]] == [submitted]  # no draft, no other union
    assert womens["items"][0]["applicant_name"] == loan_people.person_name

    assert api_as(loan_people.hue_reviewer).get("/api/v1/loan-applications").json["total"] == 0
    assert (
        api_as(loan_people.hanoi.caseworker_y).get("/api/v1/loan-applications").json["total"] == 0
    )

    filtered = api_as(loan_people.hanoi.caseworker_x).get(
        "/api/v1/loan-applications?status=draft&per_page=1"
    )
    assert [item["id"] for item in filtered.json["items"]] == [draft]
    by_case = api_as(loan_people.hanoi.caseworker_x).get(
        f"/api/v1/loan-applications?case={loan_people.case_id}"
    )
    assert by_case.json["total"] == 3
    assert (
        api_as(loan_people.womens_reviewer)
        .get(f"/api/v1/loan-applications?case={loan_people.case_id}")
        .status_code
        == 404
    )
    for role in (Role.ADMIN, Role.COMMITTEE_VIEWER):
        assert api_as(make_user(role=role)).get("/api/v1/loan-applications").status_code == 403


def test_read_shows_what_the_page_shows_and_is_audited(app, loan_people, api_as):
    application_id = make_application(app, loan_people, "take")
    caseworker = api_as(loan_people.hanoi.caseworker_x).get(
        f"/api/v1/loan-applications/{application_id}"
    )
    assert caseworker.status_code == 200
    assert caseworker.json["case_id"] == loan_people.case_id
    assert caseworker.headers["ETag"] == f'W/"{caseworker.json["version"]}"'
    assert caseworker.json["available_actions"] == []

    reviewer = api_as(loan_people.womens_reviewer).get(
        f"/api/v1/loan-applications/{application_id}"
    )
    body = reviewer.json
    assert body["status"] == "under_review"
    assert body["case_id"] is None  # the case file is not theirs to open
    assert body["applicant_name"] == loan_people.person_name
    assert body["eligibility"]["overall"] in ("met", "needs_decision")
    assert [t["action"] for t in body["transitions"]] == ["create", "submit", "take"]
    assert set(body["available_actions"]) == {"return", "reject", "endorse"}
    text = reviewer.get_data(as_text=True)
    for hidden in (SECRET_NOTE, "classification", "Trại giam", "offence", "intake_notes"):
        assert hidden not in text
    with app.app_context():
        viewers = db.session.scalars(
            select(AuditEvent.username).where(AuditEvent.action == "loan_viewed")
        ).all()
        assert viewers == [loan_people.hanoi.caseworker_x, loan_people.womens_reviewer]


def test_an_application_out_of_scope_is_not_found(app, loan_people, api_as, make_user):
    draft = make_application(app, loan_people)
    assert (
        api_as(loan_people.womens_reviewer).get(f"/api/v1/loan-applications/{draft}").status_code
        == 404
    )
    submitted = make_application(app, loan_people, "submit")
    for username in (
        loan_people.farmers_reviewer,
        loan_people.hue_reviewer,
        loan_people.hanoi.caseworker_y,
    ):
        response = api_as(username).get(f"/api/v1/loan-applications/{submitted}")
        assert response.status_code == 404, username
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER))
    assert viewer.get(f"/api/v1/loan-applications/{submitted}").status_code == 403


def test_steps_with_the_version_read(app, loan_people, api_as):
    application_id = make_application(app, loan_people)
    caseworker, reviewer = (
        api_as(loan_people.hanoi.caseworker_x),
        api_as(loan_people.womens_reviewer),
    )
    path = f"/api/v1/loan-applications/{application_id}"
    version = caseworker.get(path).json["version"]

    assert caseworker.post(path + "/submit").status_code == 428
    submitted = caseworker.post(path + "/submit", version=version)
    assert submitted.status_code == 200, submitted.json
    assert submitted.json["status"] == "submitted"
    assert submitted.json["review_due_on"]

    stale = reviewer.post(path + "/take", version=version)
    assert stale.status_code == 412
    assert stale.json["errors"][0]["code"] == "stale_version"
    assert stale.json["current_version"] == submitted.json["version"]

    taken = reviewer.post(path + "/take", version=submitted.json["version"])
    assert taken.status_code == 200
    returned = reviewer.post(
        path + "/return",
        json={"comment": "Bổ sung giấy xác nhận cư trú"},
        version=taken.json["version"],
    )
    assert returned.json["status"] == "returned"
    assert returned.json["transitions"][-1]["comment"] == "Bổ sung giấy xác nhận cư trú"
    with app.app_context():
        application = db.session.get(LoanApplication, application_id)
        assert application.status == LoanStatus.RETURNED
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.action.in_(["loan_submit", "loan_return"]))
        ).all()
        assert sorted(actions) == ["loan_return", "loan_submit"]


def test_steps_are_refused_to_the_wrong_role_and_from_the_wrong_state(app, loan_people, api_as):
    application_id = make_application(app, loan_people, "submit")
    path = f"/api/v1/loan-applications/{application_id}"
    caseworker, reviewer = (
        api_as(loan_people.hanoi.caseworker_x),
        api_as(loan_people.womens_reviewer),
    )
    version = caseworker.get(path).json["version"]

    assert caseworker.post(path + "/take", version=version).status_code == 403
    assert (
        reviewer.post(path + "/certify", json={"on": "2026-03-02"}, version=version).status_code
        == 403
    )
    other_union = api_as(loan_people.farmers_reviewer).post(path + "/take", version=version)
    assert other_union.status_code == 404

    wrong = reviewer.post(path + "/endorse", json={}, version=version)
    assert wrong.status_code == 409
    assert wrong.json["errors"][0]["code"] == "wrong_state"

    taken = reviewer.post(path + "/take", version=version).json
    no_comment = reviewer.post(path + "/reject", json={"comment": "  "}, version=taken["version"])
    assert no_comment.status_code == 422
    assert no_comment.json["errors"][0]["field"] == "comment"
    missing = reviewer.post(path + "/reject", json={}, version=taken["version"])
    assert missing.status_code == 422
    assert missing.json["errors"] == [
        {"field": "comment", "code": "required", "message": missing.json["errors"][0]["message"]}
    ]


def test_the_bank_s_approval(app, loan_people, api_as):
    application_id = make_application(app, loan_people, "send")
    path = f"/api/v1/loan-applications/{application_id}"
    caseworker = api_as(loan_people.hanoi.caseworker_x)
    version = caseworker.get(path).json["version"]
    too_much = caseworker.post(
        path + "/approve",
        json={"on": "2026-03-02", "amount": 10**11, "term_months": 12, "rate": 6.6},
        version=version,
    )
    assert too_much.status_code == 422
    assert too_much.json["errors"][0]["field"] == "amount"
    approved = caseworker.post(
        path + "/approve",
        json={"on": "2026-03-02", "amount": 50_000_000, "term_months": 12, "rate": "6.6"},
        version=version,
    )
    assert approved.status_code == 200, approved.json
    assert approved.json["approved_annual_rate"] == 6.6
    assert approved.json["approved_amount"] == 50_000_000


def test_every_other_step_through_the_api(app, loan_people, api_as):
    """resubmit, endorse, certify, send, decline; and on a second application disburse."""
    caseworker, reviewer = (
        api_as(loan_people.hanoi.caseworker_x),
        api_as(loan_people.womens_reviewer),
    )

    def step(api, application_id, action, body=None):
        path = f"/api/v1/loan-applications/{application_id}"
        version = api.get(path).json["version"]
        response = api.post(f"{path}/{action}", json=body, version=version)
        assert response.status_code == 200, (action, response.json)
        return response.json["status"]

    first = make_application(app, loan_people, "take")
    today = "2026-03-02"
    assert step(reviewer, first, "return", {"comment": "Bổ sung hồ sơ"}) == "returned"
    assert step(caseworker, first, "resubmit") == "submitted"
    assert step(reviewer, first, "take") == "under_review"
    assert step(reviewer, first, "endorse", {"comment": "Đủ điều kiện"}) == "endorsed"
    assert step(caseworker, first, "certify", {"on": today, "reference": "12/UBND"}) == "certified"
    assert step(caseworker, first, "send", {"on": today}) == "sent_to_bank"
    assert step(caseworker, first, "decline", {"on": today, "comment": "Hết nguồn vốn"}) == (
        "declined"
    )

    second = make_application(app, loan_people, "approve")
    assert step(caseworker, second, "disburse", {"on": today}) == "disbursed"
    schedule = caseworker.get(f"/api/v1/loan-applications/{second}").json["instalments"]
    assert len(schedule) == 12
