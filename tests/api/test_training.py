"""Training through the API: the province's courses (read only), a case's placements
(audited as the case file), a referral and the placement's steps through the services."""

from datetime import date

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.training.models import Placement, PlacementStatus
from tests.api.factories import make_course
from tests.factories import HUE, CaseFactory, communes_of


def setup(app, hanoi, **course) -> tuple[int, int]:
    """A case of commune X and a course of Hà Nội: (case id, course id)."""
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x)
        course_id = make_course(hanoi.officer, hanoi.commune_x, **course)
        db.session.commit()
        return case.id, course_id


def test_courses_of_the_province(app, hanoi, make_user, api_as):
    _case_id, course_id = setup(app, hanoi)
    listed = api_as(hanoi.caseworker_y).get("/api/v1/courses?trade=welding")
    assert listed.status_code == 200
    assert listed.json["total"] == 1
    course = listed.json["items"][0]
    assert course["id"] == course_id
    assert course["seats_left"] == 10
    assert course["trade"] == {"code": "welding", "name": course["trade"]["name"]}
    assert api_as(hanoi.caseworker_y).get("/api/v1/courses?trade=sewing").json["total"] == 0
    read = api_as(hanoi.officer).get(f"/api/v1/courses/{course_id}")
    assert read.status_code == 200
    assert read.json["support"]["total"] == 0  # no fee, meals or travel support on it
    hue = api_as(make_user(role=Role.PROVINCE_OFFICER, province_code=HUE))
    assert hue.get("/api/v1/courses").json["total"] == 0
    assert hue.get(f"/api/v1/courses/{course_id}").status_code == 404
    reviewer = api_as(make_user(role=Role.UNION_REVIEWER))
    assert reviewer.get("/api/v1/courses").status_code == 403


def test_refer_enrol_complete(app, hanoi, api_as):
    case_id, course_id = setup(app, hanoi)
    api = api_as(hanoi.caseworker_x)
    referred = api.post(
        f"/api/v1/cases/{case_id}/training-placements", json={"course_id": course_id}
    )
    assert referred.status_code == 201, referred.json
    placement = referred.json
    assert placement["status"] == "referred"
    assert placement["course"]["id"] == course_id
    assert placement["available_actions"] == ["enroll", "drop"]
    base = f"/api/v1/cases/{case_id}/training-placements/{placement['id']}"
    enrolled = api.post(base + "/enroll", json={"on": "2030-04-01"})
    assert enrolled.status_code == 200, enrolled.json
    assert enrolled.json["enrolled_on"] == "2030-04-01"
    completed = api.post(
        base + "/complete", json={"on": "2030-06-30", "certificate_number": "HN-2030-17"}
    )
    assert completed.status_code == 200
    assert completed.json["status"] == "completed"
    assert completed.json["available_actions"] == []
    listed = api.get(f"/api/v1/cases/{case_id}/training-placements")
    assert listed.status_code == 200
    assert listed.json["total"] == 1
    assert listed.json["items"][0]["certificate_number"] == "HN-2030-17"
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        for action in ("training_referred", "training_enroll", "training_complete"):
            assert action in actions
        sections = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "case_viewed")
        ).all()
        assert [s["section"] for s in sections] == ["api:training"]


def test_a_step_already_taken_is_refused(app, hanoi, api_as):
    case_id, course_id = setup(app, hanoi)
    api = api_as(hanoi.caseworker_x)
    placement_id = api.post(
        f"/api/v1/cases/{case_id}/training-placements", json={"course_id": course_id}
    ).json["id"]
    base = f"/api/v1/cases/{case_id}/training-placements/{placement_id}"
    dropped = api.post(base + "/drop", json={"on": "2030-04-02", "reason": "Đi làm xa"})
    assert dropped.status_code == 200
    stale = api.post(base + "/enroll", json={"on": "2030-04-01"})
    assert stale.status_code == 409
    assert stale.json["errors"][0]["code"] == "wrong_state"
    with app.app_context():
        placement = db.session.get(Placement, placement_id)
        assert placement.status == PlacementStatus.DROPPED
        assert placement.enrolled_on is None


def test_scope_and_the_services_refusals(app, hanoi, make_user, api_as):
    case_id, course_id = setup(app, hanoi, seats=1)
    with app.app_context():
        hue_course = make_course(
            make_user(role=Role.PROVINCE_OFFICER, province_code=HUE), communes_of(HUE, 1)[0].code
        )
        other_case = CaseFactory(commune_code=hanoi.commune_x).id
        db.session.commit()
    outsider = api_as(hanoi.caseworker_y)
    path = f"/api/v1/cases/{case_id}/training-placements"
    assert outsider.post(path, json={"course_id": course_id}).status_code == 404
    assert outsider.get(path).status_code == 404
    api = api_as(hanoi.caseworker_x)
    elsewhere = api.post(path, json={"course_id": hue_course})
    assert elsewhere.status_code == 422
    assert elsewhere.json["errors"][0]["field"] == "course_id"
    placement_id = api.post(path, json={"course_id": course_id}).json["id"]
    full = api.post(
        f"/api/v1/cases/{other_case}/training-placements", json={"course_id": course_id}
    )
    assert full.status_code == 409
    assert full.json["errors"][0] == {
        "field": "course_id",
        "code": "full",
        "message": full.json["errors"][0]["message"],
    }
    step = f"{path}/{placement_id}/enroll"
    assert outsider.post(step, json={"on": "2030-04-01"}).status_code == 404
    # A placement is reached through its own case only.
    wrong_case = f"/api/v1/cases/{other_case}/training-placements/{placement_id}/enroll"
    assert api.post(wrong_case, json={"on": "2030-04-01"}).status_code == 404
    early = api.post(step, json={"on": str(date(2000, 1, 1))})
    assert early.status_code == 422
    assert early.json["errors"][0]["field"] == "on"
    no_certificate = api.post(f"{path}/{placement_id}/complete", json={"on": "2030-06-30"})
    assert no_certificate.status_code == 422
    assert no_certificate.json["errors"][0]["code"] == "required"
