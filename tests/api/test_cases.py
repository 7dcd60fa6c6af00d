"""Case files through the API: read (audited), reclassify and move through the statuses
with the version read (If-Match), and the offence only behind a stated reason."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, Classification
from tests.factories import CaseFactory

REASON = "Tái phạm nguy cơ cao theo báo cáo của Công an xã"


def make_case(app, commune_code, **kwargs) -> int:
    with app.app_context():
        case = CaseFactory(commune_code=commune_code, **kwargs)
        db.session.commit()
        return case.id


def test_read_a_case_like_the_case_file(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x, intake_notes="Cần giấy tờ tùy thân")
    response = api_as(hanoi.caseworker_x).get(f"/api/v1/cases/{case_id}")
    assert response.status_code == 200
    body = response.json
    assert response.headers["ETag"] == f'W/"{body["version"]}"'
    assert body["status"] == "active"
    assert body["commune"]["code"] == hanoi.commune_x
    assert body["intake_notes"] == "Cần giấy tờ tùy thân"
    assert body["release"]["release_date"] == "2025-09-01"
    text = response.get_data(as_text=True)
    for hidden in ("Trại giam", "detention_facility", "sentence_months", "offence_group"):
        assert hidden not in text
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_viewed"))
        assert event.username == hanoi.caseworker_x
        assert event.object_id == str(case_id)
        assert event.detail["section"] == "api"


def test_a_case_out_of_scope_is_not_found_and_other_roles_are_refused(
    app, hanoi, make_user, api_as
):
    case_id = make_case(app, hanoi.commune_y)
    assert api_as(hanoi.caseworker_x).get(f"/api/v1/cases/{case_id}").status_code == 404
    assert api_as(hanoi.officer).get(f"/api/v1/cases/{case_id}").status_code == 200
    for role in (Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER, Role.ADMIN):
        assert api_as(make_user(role=role)).get(f"/api/v1/cases/{case_id}").status_code == 403
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent.username).where(AuditEvent.action == "case_viewed")
        ).all()
        assert events == [hanoi.officer]


def test_change_the_classification_with_the_version_read(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    version = api.get(f"/api/v1/cases/{case_id}").json["version"]
    response = api.post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "C", "reason": REASON},
        version=version,
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert body["classification"] == "C"
    assert body["version"] == version + 1
    assert response.headers["ETag"] == f'W/"{version + 1}"'
    assert body["classification_changes"][0]["reason"] == REASON
    with app.app_context():
        assert db.session.get(Case, case_id).classification == Classification.C
        assert db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "classification_changed")
        )


def test_a_write_without_the_version_is_refused_with_428(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    response = api_as(hanoi.caseworker_x).post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "C", "reason": REASON},
    )
    assert response.status_code == 428
    assert response.json["errors"][0]["code"] == "version_required"


def test_a_stale_version_is_refused_with_412_and_what_changed(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    mine, theirs = api_as(hanoi.caseworker_x), api_as(hanoi.officer)
    seen = mine.get(f"/api/v1/cases/{case_id}").json["version"]
    assert (
        theirs.post(
            f"/api/v1/cases/{case_id}/classification",
            json={"classification": "B", "reason": "Đã có việc làm ổn định"},
            version=seen,
        ).status_code
        == 200
    )
    response = mine.post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "C", "reason": REASON},
        version=seen,
    )
    assert response.status_code == 412
    body = response.json
    assert body["errors"][0]["code"] == "conflict"
    assert body["current_version"] == seen + 1
    assert {"field": "classification", "old": None, "new": "B"}.items() <= next(
        c for c in body["changes"] if c["field"] == "classification"
    ).items()
    with app.app_context():
        assert db.session.get(Case, case_id).classification == Classification.B
    for garbage in ('W/"abc"', "*", '"1", "2"'):
        response = mine.post(
            f"/api/v1/cases/{case_id}/classification",
            json={"classification": "C", "reason": REASON},
            headers={"If-Match": garbage},
        )
        assert response.status_code == 412, garbage


def test_status_transitions(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x, status=CaseStatus.NOTIFIED, received_on=None)
    api = api_as(hanoi.caseworker_x)
    version = api.get(f"/api/v1/cases/{case_id}").json["version"]

    wrong = api.post(f"/api/v1/cases/{case_id}/activate", version=version)
    assert wrong.status_code == 409
    assert wrong.json["errors"][0]["code"] == "wrong_state"

    received = api.post(
        f"/api/v1/cases/{case_id}/receive", json={"received_on": "2025-09-08"}, version=version
    )
    assert received.status_code == 200, received.json
    assert received.json["status"] == "received"
    assert received.json["received_on"] == "2025-09-08"

    active = api.post(f"/api/v1/cases/{case_id}/activate", version=received.json["version"])
    assert active.json["status"] == "active"

    closed = api.post(
        f"/api/v1/cases/{case_id}/close",
        json={"close_reason": "moved_away", "closed_on": "2025-10-01"},
        version=active.json["version"],
    )
    assert closed.status_code == 200
    assert (closed.json["status"], closed.json["close_reason"]) == ("closed", "moved_away")
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.action.like("case_%"))
        ).all()
        assert {"case_received", "case_active", "case_closed"} <= set(actions)


WRITES = {
    "classification": {"classification": "C", "reason": REASON},
    "receive": {"received_on": "2025-09-08"},
    "activate": None,
    "close": {"close_reason": "moved_away", "closed_on": "2025-10-01"},
}


def test_writes_out_of_scope_are_not_found_and_other_roles_refused(app, hanoi, api_as, make_user):
    case_id = make_case(app, hanoi.commune_y)
    caseworker_x = api_as(hanoi.caseworker_x)
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER))
    for action, body in WRITES.items():
        path = f"/api/v1/cases/{case_id}/{action}"
        assert caseworker_x.post(path, json=body, version=1).status_code == 404, action
        assert viewer.post(path, json=body, version=1).status_code == 403, action
    with app.app_context():
        assert db.session.get(Case, case_id).version == 1


def test_offence_details_only_behind_a_reason(app, hanoi, api_as, make_user):
    case_id = make_case(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    short = api.post(f"/api/v1/cases/{case_id}/reveal-offence", json={"reason": "xem"})
    assert short.status_code == 422
    assert short.json["errors"][0]["field"] == "reason"

    response = api.post(
        f"/api/v1/cases/{case_id}/reveal-offence",
        json={"reason": "Xét điều kiện giới thiệu việc làm"},
    )
    assert response.status_code == 200
    assert response.json["detention_facility"] == "Trại giam Ninh Khánh"
    assert response.json["offence_group"] == "property"
    assert response.json["sentence_months"] == 36
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "offence_revealed"))
        assert event.username == hanoi.caseworker_x
        assert event.detail["reason"] == "Xét điều kiện giới thiệu việc làm"

    other = api_as(hanoi.caseworker_y).post(
        f"/api/v1/cases/{case_id}/reveal-offence",
        json={"reason": "Xét điều kiện giới thiệu việc làm"},
    )
    assert other.status_code == 404
    reviewer = api_as(make_user(role=Role.UNION_REVIEWER)).post(
        f"/api/v1/cases/{case_id}/reveal-offence",
        json={"reason": "Xét điều kiện giới thiệu việc làm"},
    )
    assert reviewer.status_code == 403
    with app.app_context():
        assert (
            len(
                db.session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "offence_revealed")
                ).all()
            )
            == 1
        )
