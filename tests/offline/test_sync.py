"""Entries made offline, sent back: once each, checked as the online forms check them,
refused with what changed meanwhile, never written on a case that is no longer one's."""

from datetime import timedelta

from sqlalchemy import func, select

from reintegration.casework.models import FollowUp, FollowUpStatus, Goal
from reintegration.casework.services import plans, schedule
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.offline.models import EntryStatus, OfflineEntry
from reintegration.people.models import Case, CaseStatus
from tests.offline.conftest import contact_entry, contacts_of, done_entry, user_named

ENTRIES = "/api/v1/offline/entries"
HANDOVERS = "/api/v1/offline/handovers"


def offline_entries(app) -> list[OfflineEntry]:
    with app.app_context():
        return list(db.session.scalars(select(OfflineEntry).order_by(OfflineEntry.id)))


def test_an_entry_is_recorded_once_however_often_it_is_sent(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    before = len(contacts_of(app, field.case))
    body = contact_entry(app, field.case, follow_up_id=field.follow_up)
    first = client.post(ENTRIES, json=body)
    assert first.status_code == 201, first.json
    assert first.json["replayed"] is False
    # The answer was lost: the phone sends it again, and again.
    for _ in range(2):
        again = client.post(ENTRIES, json=body)
        assert again.status_code == 200
        assert again.json["replayed"] is True
        assert again.json["contact_id"] == first.json["contact_id"]
    assert len(contacts_of(app, field.case)) == before + 1
    [kept] = offline_entries(app)
    assert kept.visited_at.isoformat() == f"{today_local().isoformat()}T09:30:00"
    assert kept.received_at is not None
    assert kept.based_on["case"] >= 1
    with app.app_context():
        done = db.session.get(FollowUp, field.follow_up)
        assert done.status == FollowUpStatus.DONE
        assert done.contact_id == first.json["contact_id"]


def test_a_follow_up_marked_done_offline(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    response = client.post(ENTRIES, json=done_entry(app, field.case, field.follow_up))
    assert response.status_code == 201, response.json
    with app.app_context():
        done = db.session.get(FollowUp, field.follow_up)
        assert done.status == FollowUpStatus.DONE
        assert done.outcome == "Đã gặp tại nhà."


def test_the_contact_forms_checks_apply(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    future = client.post(ENTRIES, json=contact_entry(app, field.case, contact_on=tomorrow))
    assert future.status_code == 422
    assert future.json["errors"][0]["field"] == "contact_on"
    long = client.post(ENTRIES, json=contact_entry(app, field.case, participants="x" * 5001))
    assert long.status_code == 422
    blank = client.post(ENTRIES, json=contact_entry(app, field.case, what_happened="   "))
    assert blank.status_code == 422
    bad_key = client.post(ENTRIES, json=contact_entry(app, field.case, key="short"))
    assert bad_key.status_code == 422
    assert bad_key.json["errors"][0]["field"] == "key"
    no_body = contact_entry(app, field.case)
    del no_body["contact"]
    assert client.post(ENTRIES, json=no_body).status_code == 422
    assert offline_entries(app) == []


def test_a_follow_up_done_meanwhile_by_a_colleague_is_shown_then_kept(
    app, client, auth, hanoi, field
):
    body = contact_entry(app, field.case, follow_up_id=field.follow_up)
    before = len(contacts_of(app, field.case))
    with app.app_context():
        schedule.complete_follow_up(
            db.session.get(FollowUp, field.follow_up),
            done_on=today_local(),
            outcome="Chị Hà đã gặp.",
            actor=user_named(hanoi.officer),
        )
        db.session.commit()
    auth.login(hanoi.caseworker_x)
    refused = client.post(ENTRIES, json=body)
    assert refused.status_code == 409
    assert refused.json["errors"][0]["code"] == "changed_meanwhile"
    [change] = refused.json["changes"]
    assert change["what"] == "follow_up_closed"
    assert change["now"]["outcome"] == "Chị Hà đã gặp."
    assert change["now"]["done_by"]
    assert len(contacts_of(app, field.case)) == before
    # Kept: the contact alone, based on the case as it is now.
    body["based_on"] = refused.json["current"]
    body["contact"]["follow_up_id"] = None
    kept = client.post(ENTRIES, json=body)
    assert kept.status_code == 201, kept.json
    assert len(contacts_of(app, field.case)) == before + 1


def test_an_edited_goal_and_a_closed_case_are_shown(app, client, auth, hanoi, field):
    body = contact_entry(app, field.case)
    with app.app_context():
        goal = db.session.get(Goal, field.goal)
        plans.update_goal(
            goal,
            plans.GoalData("Làm lại căn cước và hộ khẩu", goal.target_on, owner_id=goal.owner_id),
            user_named(hanoi.officer),
        )
        db.session.commit()
    auth.login(hanoi.caseworker_x)
    refused = client.post(ENTRIES, json=body)
    assert refused.status_code == 409
    [change] = refused.json["changes"]
    assert change["what"] == "goals_changed"
    assert change["now"]["goals"][0]["title"] == "Làm lại căn cước và hộ khẩu"
    with app.app_context():
        case = db.session.get(Case, field.case)
        case.status = CaseStatus.CLOSED
        case.closed_on = today_local()
        db.session.commit()
    closed = client.post(ENTRIES, json=body)
    assert closed.status_code == 409
    assert "case_closed" in [c["what"] for c in closed.json["changes"]]
    # Kept anyway: the case is closed, the service refuses; nothing is written.
    body["based_on"] = closed.json["current"]
    assert client.post(ENTRIES, json=body).status_code == 409
    assert offline_entries(app) == []


def test_a_case_no_longer_ones_own_is_handed_to_the_officer(app, client, auth, hanoi, field):
    body = contact_entry(app, field.case)
    before = len(contacts_of(app, field.case))
    auth.login(hanoi.caseworker_x)
    client.post("/api/v1/offline/pack", json={})  # the phone kept the case
    with app.app_context():
        db.session.get(Case, field.case).commune_code = hanoi.commune_y  # transferred
        db.session.commit()
    refused = client.post(ENTRIES, json=body)
    assert refused.status_code == 404
    assert refused.json["errors"][0]["code"] == "out_of_scope"
    handed = client.post(HANDOVERS, json=body)
    assert handed.status_code == 201, handed.json
    assert client.post(HANDOVERS, json=body).status_code == 200  # a replay
    assert len(contacts_of(app, field.case)) == before
    [kept] = offline_entries(app)
    assert kept.status == EntryStatus.HANDED_OVER
    assert kept.payload["what_happened"] == "Anh Tám đã đi làm thợ hồ."
    with app.app_context():
        officer = user_named(hanoi.officer)
        told = db.session.scalar(
            select(func.count()).where(
                Notification.user_id == officer.id,
                Notification.kind == "offline_entry_handed_over",
            )
        )
        assert told == 1
    auth.logout()
    auth.login(hanoi.officer)
    page = client.get("/offline/handed-over").get_data(as_text=True)
    assert "Anh Tám đã đi làm thợ hồ." in page


def test_ones_own_case_is_not_handed_over(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    client.post("/api/v1/offline/pack", json={})
    response = client.post(HANDOVERS, json=contact_entry(app, field.case))
    assert response.status_code == 409
    assert offline_entries(app) == []


def test_only_a_case_the_phone_kept_is_handed_over(app, client, auth, hanoi, field):
    """A case never kept on the phone (another commune's, a colleague's) cannot have an
    entry waiting: handing one over is refused and nobody is told."""
    auth.login(hanoi.caseworker_x)
    client.post("/api/v1/offline/pack", json={})
    for case_id in (field.others["other_commune"], field.others["colleague"]):
        response = client.post(HANDOVERS, json=contact_entry(app, case_id))
        assert response.status_code == 404
        assert response.json["errors"][0]["code"] == "out_of_scope"
    assert offline_entries(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_another_accounts_key_is_refused(app, client, auth, hanoi, field):
    body = contact_entry(app, field.case)
    auth.login(hanoi.caseworker_x)
    assert client.post(ENTRIES, json=body).status_code == 201
    auth.logout()
    auth.login(hanoi.caseworker_y)
    taken = client.post(ENTRIES, json={**body, "case_id": field.others["other_commune"]})
    assert taken.status_code == 409
    assert taken.json["errors"][0]["code"] == "key_used"


def test_sync_needs_the_session_and_its_csrf_token(app, client, auth, hanoi, field, monkeypatch):
    body = contact_entry(app, field.case)
    assert client.post(ENTRIES, json=body).status_code == 401
    assert client.get("/api/v1/offline/session").status_code == 401
    auth.login(hanoi.caseworker_x)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    without = client.post(ENTRIES, json=body)
    assert without.status_code == 400
    assert without.json["errors"][0]["code"] == "csrf"
    session = client.get("/api/v1/offline/session")
    assert session.status_code == 200
    token = session.json["csrf_token"]
    sent = client.post(ENTRIES, json=body, headers={"X-CSRFToken": token})
    assert sent.status_code == 201, sent.json
    assert offline_entries(app)[0].key == body["key"]


def test_officers_do_not_sync_entries(app, client, auth, hanoi, field):
    auth.login(hanoi.officer)
    assert client.post(ENTRIES, json=contact_entry(app, field.case)).status_code == 403
