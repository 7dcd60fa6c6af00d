"""Contacts and follow-ups through the API: the casework services, the case file's scope,
each read audited as a view of the case file."""

from datetime import timedelta

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.casework.models import Contact, FollowUp, FollowUpKind, FollowUpStatus
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.extensions import db
from tests.factories import CaseFactory


def case_with_follow_up(app, commune_code) -> tuple[int, int]:
    with app.app_context():
        case = CaseFactory(commune_code=commune_code)
        db.session.flush()
        follow_up = FollowUp(
            case_id=case.id,
            due_on=today_local() - timedelta(days=2),
            kind=FollowUpKind.HOME_VISIT,
            generated=False,
        )
        db.session.add(follow_up)
        db.session.commit()
        return case.id, follow_up.id


def contact(**overrides) -> dict:
    body = {
        "kind": "home_visit",
        "contact_on": today_local().isoformat(),
        "participants": "Anh Bình, mẹ anh Bình",
        "what_happened": "Anh Bình đã đi làm phụ hồ được hai tuần.",
    }
    body.update(overrides)
    return body


def test_record_and_list_contacts(app, hanoi, api_as):
    case_id, follow_up_id = case_with_follow_up(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    response = api.post(
        f"/api/v1/cases/{case_id}/contacts", json=contact(follow_up_id=follow_up_id)
    )
    assert response.status_code == 201, response.json
    assert response.json["author"]["full_name"]
    listed = api.get(f"/api/v1/cases/{case_id}/contacts")
    assert listed.status_code == 200
    assert [c["what_happened"] for c in listed.json["items"]] == [
        "Anh Bình đã đi làm phụ hồ được hai tuần."
    ]
    schedule = api.get(f"/api/v1/cases/{case_id}/follow-ups").json
    assert schedule["open"] == []
    assert schedule["past"][0]["status"] == "done"
    assert schedule["past"][0]["contact_id"] == response.json["id"]
    with app.app_context():
        sections = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "case_viewed")
        ).all()
        assert [s["section"] for s in sections] == ["api:contacts", "api:follow_ups"]
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "contact_recorded"))


def test_contacts_are_checked_by_the_service(app, hanoi, api_as):
    case_id, _ = case_with_follow_up(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    future = api.post(f"/api/v1/cases/{case_id}/contacts", json=contact(contact_on=tomorrow))
    assert future.status_code == 422
    assert future.json["errors"][0]["field"] == "contact_on"
    unknown = api.post(f"/api/v1/cases/{case_id}/contacts", json=contact(follow_up_id=999))
    assert unknown.status_code == 422
    assert unknown.json["errors"][0]["field"] == "follow_up_id"
    with app.app_context():
        assert db.session.scalar(select(Contact)) is None


def test_mark_a_follow_up_done(app, hanoi, api_as):
    case_id, follow_up_id = case_with_follow_up(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    path = f"/api/v1/cases/{case_id}/follow-ups/{follow_up_id}/done"
    done = api.post(path, json={"done_on": today_local().isoformat(), "outcome": "Ổn định"})
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["outcome"]) == ("done", "Ổn định")
    again = api.post(path, json={"done_on": today_local().isoformat(), "outcome": "Lần nữa"})
    assert again.status_code == 409
    with app.app_context():
        assert db.session.get(FollowUp, follow_up_id).status == FollowUpStatus.DONE


def test_scope_and_roles(app, hanoi, api_as, make_user):
    case_id, follow_up_id = case_with_follow_up(app, hanoi.commune_y)
    api = api_as(hanoi.caseworker_x)
    assert api.get(f"/api/v1/cases/{case_id}/contacts").status_code == 404
    assert api.get(f"/api/v1/cases/{case_id}/follow-ups").status_code == 404
    assert api.post(f"/api/v1/cases/{case_id}/contacts", json=contact()).status_code == 404
    path = f"/api/v1/cases/{case_id}/follow-ups/{follow_up_id}/done"
    body = {"done_on": today_local().isoformat(), "outcome": "Ổn định"}
    assert api.post(path, json=body).status_code == 404
    for role in (Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER, Role.ADMIN):
        other = api_as(make_user(role=role))
        assert other.get(f"/api/v1/cases/{case_id}/contacts").status_code == 403
        assert other.post(path, json=body).status_code == 403
    assert api_as(hanoi.officer).get(f"/api/v1/cases/{case_id}/follow-ups").status_code == 200
