"""Jobs through the API: the province's openings, a case's referrals (audited as the case
file), a referral and its steps through the services, retention checks on a hire."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.casework.models import FollowUp, FollowUpKind
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Classification
from tests.api.factories import make_opening
from tests.factories import HUE, CaseFactory, PersonFactory, ReleaseFactory, communes_of


def make_case(commune_code, *, against_children=False, **kwargs) -> int:
    """Inside an app context."""
    person = PersonFactory()
    release = ReleaseFactory(person=person, offence_against_children=against_children)
    return CaseFactory(person=person, release=release, commune_code=commune_code, **kwargs).id


def setup(app, hanoi, **opening) -> tuple[int, int]:
    with app.app_context():
        case_id = make_case(hanoi.commune_x)
        opening_id = make_opening(hanoi.officer, hanoi.commune_x, **opening)
        db.session.commit()
        return case_id, opening_id


def test_openings_of_the_province_and_one_opening_from_anywhere(app, hanoi, make_user, api_as):
    _case_id, opening_id = setup(app, hanoi, no_work_with_children=True)
    listed = api_as(hanoi.caseworker_y).get("/api/v1/job-openings?status=open")
    assert listed.status_code == 200
    assert listed.json["total"] == 1
    opening = listed.json["items"][0]
    assert opening["id"] == opening_id
    assert opening["restrictions"] == ["no_work_with_children"]
    assert opening["hired"] == 0
    assert opening["employer"]["name"] == "Công ty TNHH Cơ khí Đông Anh"
    assert api_as(hanoi.caseworker_y).get("/api/v1/job-openings?status=closed").json["total"] == 0
    hue = api_as(make_user(role=Role.CASEWORKER, province_code=HUE, communes=communes_of_hue(app)))
    assert hue.get("/api/v1/job-openings").json["total"] == 0
    # People move for work: another province's caseworker may read it to refer someone.
    assert hue.get(f"/api/v1/job-openings/{opening_id}").status_code == 200
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER))
    assert viewer.get(f"/api/v1/job-openings/{opening_id}").status_code == 403


def communes_of_hue(app) -> list[int]:
    with app.app_context():
        return [communes_of(HUE, 1)[0].code]


def test_refer_interview_hire_and_lose_the_job(app, hanoi, api_as):
    case_id, opening_id = setup(app, hanoi)
    api = api_as(hanoi.caseworker_x)
    path = f"/api/v1/cases/{case_id}/job-referrals"
    referred = api.post(path, json={"opening_id": opening_id})
    assert referred.status_code == 201, referred.json
    referral = referred.json
    assert referral["status"] == "referred"
    assert referral["available_actions"] == ["interview", "hire", "not_hired"]
    base = f"{path}/{referral['id']}"
    assert api.post(base + "/interview", json={"on": "2030-03-20"}).status_code == 200
    hired = api.post(base + "/hire", json={"on": "2030-04-01"})
    assert hired.status_code == 200, hired.json
    assert hired.json["hired_on"] == "2030-04-01"
    checks = hired.json["retention_checks"]
    assert [(c["months"], c["due_on"], c["status"]) for c in checks] == [
        (1, "2030-05-01", "due"),
        (3, "2030-07-01", "due"),
        (6, "2030-10-01", "due"),
    ]
    lost = api.post(base + "/job-lost", json={"on": "2030-06-15", "reason": "resigned"})
    assert lost.status_code == 200
    assert lost.json["end_reason"] == "resigned"
    assert [c["status"] for c in lost.json["retention_checks"]] == ["cancelled"] * 3
    listed = api.get(path)
    assert listed.json["total"] == 1
    assert listed.json["items"][0]["status"] == "job_lost"
    with app.app_context():
        kinds = db.session.scalars(select(FollowUp.kind).where(FollowUp.case_id == case_id)).all()
        assert kinds.count(FollowUpKind.RETENTION_CHECK) == 3
        actions = db.session.scalars(select(AuditEvent.action)).all()
        for action in ("job_referred", "job_interview", "job_hire", "job_job_lost"):
            assert action in actions
        sections = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "case_viewed")
        ).all()
        assert [s["section"] for s in sections] == ["api:jobs"]


def test_a_step_already_taken_is_refused(app, hanoi, api_as):
    case_id, opening_id = setup(app, hanoi)
    api = api_as(hanoi.caseworker_x)
    path = f"/api/v1/cases/{case_id}/job-referrals"
    referral_id = api.post(path, json={"opening_id": opening_id}).json["id"]
    not_hired = api.post(
        f"{path}/{referral_id}/not-hired", json={"on": "2030-03-20", "reason": "Thiếu kinh nghiệm"}
    )
    assert not_hired.status_code == 200
    stale = api.post(f"{path}/{referral_id}/hire", json={"on": "2030-04-01"})
    assert stale.status_code == 409
    assert stale.json["errors"][0]["code"] == "wrong_state"


def test_scope_restrictions_and_full_openings(app, hanoi, api_as):
    case_id, opening_id = setup(app, hanoi, seats=1, no_work_with_children=True)
    with app.app_context():
        restricted_case = make_case(hanoi.commune_x, against_children=True)
        detained_case = make_case(hanoi.commune_x, classification=Classification.D)
        second_case = make_case(hanoi.commune_x)
        db.session.commit()
    api = api_as(hanoi.caseworker_x)
    outsider = api_as(hanoi.caseworker_y)
    path = f"/api/v1/cases/{case_id}/job-referrals"
    assert outsider.post(path, json={"opening_id": opening_id}).status_code == 404
    assert outsider.get(path).status_code == 404
    restricted = api.post(
        f"/api/v1/cases/{restricted_case}/job-referrals", json={"opening_id": opening_id}
    )
    assert restricted.status_code == 422
    assert restricted.json["errors"][0]["code"] == "restricted"
    assert "trẻ em" not in restricted.json["errors"][0]["message"].lower()
    detained = api.post(
        f"/api/v1/cases/{detained_case}/job-referrals", json={"opening_id": opening_id}
    )
    assert detained.status_code == 409
    unknown = api.post(path, json={"opening_id": 999_999})
    assert unknown.status_code == 422
    assert unknown.json["errors"][0]["field"] == "opening_id"
    first = api.post(path, json={"opening_id": opening_id}).json["id"]
    second = api.post(
        f"/api/v1/cases/{second_case}/job-referrals", json={"opening_id": opening_id}
    ).json["id"]
    assert api.post(f"{path}/{first}/hire", json={"on": "2030-04-01"}).status_code == 200
    full = api.post(
        f"/api/v1/cases/{second_case}/job-referrals/{second}/hire", json={"on": "2030-04-01"}
    )
    assert full.status_code == 409
    assert full.json["errors"][0]["code"] == "full"
    assert (
        outsider.post(
            f"{path}/{first}/job-lost", json={"on": "2030-05-01", "reason": "health"}
        ).status_code
        == 404
    )
    bad_reason = api.post(f"{path}/{first}/job-lost", json={"on": "2030-05-01", "reason": "bored"})
    assert bad_reason.status_code == 422
    assert bad_reason.json["errors"][0] == {
        "field": "reason",
        "code": "invalid_choice",
        "message": bad_reason.json["errors"][0]["message"],
    }
