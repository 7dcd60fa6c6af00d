"""Assessments (needs scored 0–3 at intake, then at reviews) and the case plan's goals."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.casework.models import Assessment, AssessmentKind, Goal, GoalStatus
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.models import CaseNeed, Need
from tests.casework.helpers import audit_actions, marked, user
from tests.factories import CaseFactory


@pytest.fixture
def case_x(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x, caseworker=user(hanoi.caseworker_x))
        case.needs = [CaseNeed(need=Need.DOCUMENTS), CaseNeed(need=Need.SKILLS)]
        db.session.commit()
        return case.id


def day(offset: int = 0) -> str:
    return (today_local() + timedelta(days=offset)).strftime("%d/%m/%Y")


def scores(**given) -> dict:
    data = {f"score_{need.value}": "0" for need in Need}
    data.update({f"score_{name}": str(value) for name, value in given.items()})
    return data


def test_intake_then_review(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    form = client.get(f"/cases/{case_x}/assessments/new").get_data(as_text=True)
    # The intake starts from the needs ticked at registration.
    assert 'name="score_documents"' in form
    assert '<option selected value="2">' in form

    response = client.post(
        f"/cases/{case_x}/assessments/new",
        data={"assessed_on": day(-10), **scores(documents=3, skills=2, housing=1)},
    )
    assert response.status_code == 302
    response = client.post(
        f"/cases/{case_x}/assessments/new",
        data={"assessed_on": day(), "note": "Đã có căn cước.", **scores(skills=2)},
    )
    assert response.status_code == 302

    with app.app_context():
        rows = db.session.scalars(select(Assessment).order_by(Assessment.assessed_on)).all()
        assert [a.kind for a in rows] == [AssessmentKind.INTAKE, AssessmentKind.REVIEW]
        assert rows[0].score_of(Need.DOCUMENTS) == 3
        assert rows[1].score_of(Need.DOCUMENTS) == 0
        assert len(rows[1].scores) == len(Need)

    page = client.get(f"/cases/{case_x}?tab=plan").get_data(as_text=True)
    assert marked(page, "need-row", "data-need") == [n.value for n in Need]
    assert "Đã có căn cước." in page
    assert [e.detail["kind"] for e in audit_actions(app, "assessment_recorded")] == [
        "intake",
        "review",
    ]


def test_every_need_must_be_scored(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    data = {"assessed_on": day(), **scores()}
    data["score_money"] = ""
    data["note"] = "Chưa có việc làm ổn định."
    refused = client.post(f"/cases/{case_x}/assessments/new", data=data)
    assert refused.status_code == 422
    assert "Chưa có việc làm ổn định." in refused.get_data(as_text=True)
    data["score_money"] = "4"
    assert client.post(f"/cases/{case_x}/assessments/new", data=data).status_code == 422
    with app.app_context():
        assert db.session.scalars(select(Assessment)).all() == []


def test_goals_owners_progress_and_lateness(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    goal_form = {
        "title": "Làm lại căn cước",
        "need": "documents",
        "owner_text": "Người được theo dõi",
        "target_on": day(14),
    }
    assert client.post(f"/cases/{case_x}/goals/new", data=goal_form).status_code == 302
    # No owner at all, or a target already past: refused.
    no_owner = dict(goal_form, owner_text="", title="Làm lại giấy khai sinh")
    refused = client.post(f"/cases/{case_x}/goals/new", data=no_owner)
    assert refused.status_code == 422
    assert 'value="Làm lại giấy khai sinh"' in refused.get_data(as_text=True)
    past = dict(goal_form, target_on=day(-1))
    assert client.post(f"/cases/{case_x}/goals/new", data=past).status_code == 422

    worker_id = None
    with app.app_context():
        worker_id = user(hanoi.caseworker_x).id
        goal = db.session.scalars(select(Goal)).one()
        goal_id = goal.id
    welding = {"title": "Học nghề hàn", "owner_id": str(worker_id), "target_on": day(30)}
    assert client.post(f"/cases/{case_x}/goals/new", data=welding).status_code == 302

    # Progress without a status the goal can take: refused, the note kept.
    refused = client.post(
        f"/cases/{case_x}/goals/{goal_id}", data={"note": "Đã nộp hồ sơ.", "status": "bogus"}
    )
    assert refused.status_code == 422
    assert "Đã nộp hồ sơ." in refused.get_data(as_text=True)

    # Progress that achieves the first goal.
    response = client.post(
        f"/cases/{case_x}/goals/{goal_id}",
        data={"note": "Đã nhận căn cước mới.", "status": "achieved"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case_x}/goals/{goal_id}").get_data(as_text=True)
    assert "Đã nhận căn cước mới." in page
    assert marked(page, "goal-status", "data-status") == ["achieved"]

    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.status, goal.closed_on) == (GoalStatus.ACHIEVED, today_local())
        # The welding course's target date passes.
        welding_goal = db.session.scalars(select(Goal).where(Goal.id != goal_id)).one()
        welding_goal.target_on = today_local() - timedelta(days=1)
        db.session.commit()
        assert welding_goal.owner_label == user(hanoi.caseworker_x).full_name
    page = client.get(f"/cases/{case_x}?tab=plan").get_data(as_text=True)
    assert marked(page, "goal", "data-status") == ["late", "achieved"]


def test_a_goal_owner_must_cover_the_commune(app, client, auth, hanoi, case_x):
    with app.app_context():
        outsider = user(hanoi.caseworker_y).id
    auth.login(hanoi.caseworker_x)
    data = {"title": "Vay vốn", "owner_id": str(outsider), "target_on": day(10)}
    # caseworker_y is not offered; posting the id anyway is refused.
    assert client.post(f"/cases/{case_x}/goals/new", data=data).status_code == 422
    with app.app_context():
        assert db.session.scalars(select(Goal)).all() == []


def test_other_communes_never_reach_the_plan(client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_y)
    assert client.get(f"/cases/{case_x}?tab=plan").status_code == 404
    assert client.get(f"/cases/{case_x}/goals/new").status_code == 404
    assert client.get(f"/cases/{case_x}/assessments/new").status_code == 404


def test_changing_a_goal(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    data = {"title": "Nộp hồ sơ vay vốn", "owner_text": "Hội Phụ nữ", "target_on": day(20)}
    client.post(f"/cases/{case_x}/goals/new", data=data)
    with app.app_context():
        goal_id = db.session.scalars(select(Goal.id)).one()
    url = f"/cases/{case_x}/goals/{goal_id}/edit"
    assert "Nộp hồ sơ vay vốn" in client.get(url).get_data(as_text=True)
    refused = client.post(url, data=dict(data, title="Nộp hồ sơ vay vốn lần hai", target_on=""))
    assert refused.status_code == 422
    assert 'value="Nộp hồ sơ vay vốn lần hai"' in refused.get_data(as_text=True)
    changed = dict(data, target_on=day(40), need="money")
    assert client.post(url, data=changed).status_code == 302
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.target_on, goal.need) == (today_local() + timedelta(days=40), Need.MONEY)
    [event] = audit_actions(app, "goal_updated")
    assert sorted(event.detail["fields"]) == ["need", "target_on"]
