"""Referral pages: refer from the matches or from the person's list, interview, hire (the
retention checks appear with their exact dates), not hired and a lost job with their
reasons; lists per opening and per case; scope."""

import pytest
from sqlalchemy import select

from reintegration.employment.models import JobLossReason, Referral, ReferralStatus
from reintegration.extensions import db
from tests.employment.conftest import make_opening, make_person


@pytest.fixture
def setup(app, job_partners):
    """An opening for welders and a person of commune X who wants to weld."""
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(
            job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn", interests=["welding"]
        )
        db.session.commit()
        return opening.id, case.id


def only_referral(app) -> Referral:
    with app.app_context():
        return db.session.scalars(select(Referral)).one()


def refer(client, opening_id, case_id, back="opening"):
    return client.post(
        f"/jobs/openings/{opening_id}/refer/{case_id}", data={"score": 50, "back": back}
    )


@pytest.mark.parametrize("who", ["caseworker_x", "officer"])
def test_refer_interview_and_hire_through_the_pages(app, client, auth, job_partners, setup, who):
    opening_id, case_id = setup
    auth.login(getattr(job_partners.hanoi, who))
    page = client.get(f"/jobs/openings/{opening_id}/candidates").get_data(as_text=True)
    assert f'data-case="{case_id}"' in page
    response = refer(client, opening_id, case_id)
    assert response.status_code == 302
    referral = only_referral(app)
    assert (referral.status, referral.score) == (ReferralStatus.REFERRED, 50)
    url = f"/jobs/referrals/{referral.id}"
    assert response.headers["Location"] == url
    page = client.get(url).get_data(as_text=True)
    assert 'data-action="interview"' in page and 'data-action="hire"' in page
    assert client.post(f"{url}/interview", data={"interview-on": "20/01/2030"}).status_code == 302
    response = client.post(f"{url}/hire", data={"hire-on": "31/01/2030"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="referral-status" data-status="hired"' in page
    assert 'data-testid="hired-on">31/01/2030' in page
    dues = [("1", "2030-02-28", "28/02/2030"), ("3", "2030-04-30", "30/04/2030"),
            ("6", "2030-07-31", "31/07/2030")]  # fmt: skip
    for months, iso, shown in dues:
        row = f'data-testid="retention-check" data-months="{months}" data-due="{iso}"'
        assert row in page
        assert shown in page.split(row)[1].split("</tr>")[0]
    # The person's section (the case file's tab) shows the same checks...
    section = client.get(f"/jobs/cases/{case_id}").get_data(as_text=True)
    assert section.count('data-testid="retention-check"') == 3
    assert "31/07/2030" in section
    # ... and so does the follow-up schedule of the case.
    schedule = client.get(f"/cases/{case_id}?tab=follow_ups").get_data(as_text=True)
    for _months, iso, _shown in dues:
        assert f'data-due="{iso}"' in schedule
    # The opening lists the referral of the user's person.
    opening_page = client.get(f"/jobs/openings/{opening_id}").get_data(as_text=True)
    assert f'data-testid="referral-row" data-id="{referral.id}"' in opening_page


def test_refer_from_the_persons_list_of_openings(app, client, auth, job_partners, setup):
    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/cases/{case_id}/openings").get_data(as_text=True)
    assert f'data-opening="{opening_id}"' in page
    assert refer(client, opening_id, case_id, back="case").status_code == 302
    # Referred once: a second try is refused and goes back to the person's list.
    response = refer(client, opening_id, case_id, back="case")
    assert response.headers["Location"] == f"/jobs/cases/{case_id}/openings"
    with app.app_context():
        assert len(db.session.scalars(select(Referral)).all()) == 1


def test_not_hired_needs_a_reason_and_keeps_what_was_typed(app, client, auth, job_partners, setup):
    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    refer(client, opening_id, case_id)
    url = f"/jobs/referrals/{only_referral(app).id}"
    response = client.post(
        f"{url}/not_hired", data={"not_hired-on": "05/02/2030", "not_hired-reason": ""}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="not_hired-reason-errors"' in page
    assert 'value="05/02/2030"' in page
    response = client.post(
        f"{url}/not_hired",
        data={"not_hired-on": "05/02/2030", "not_hired-reason": "Chưa có chứng chỉ hàn"},
    )
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "05/02/2030: Chưa có chứng chỉ hàn" in page
    section = client.get(f"/jobs/cases/{case_id}").get_data(as_text=True)
    assert 'data-status="not_hired"' in section and "Chưa có chứng chỉ hàn" in section


def test_a_lost_job_is_recorded_with_its_reason(app, client, auth, job_partners, setup):
    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    refer(client, opening_id, case_id)
    referral_id = only_referral(app).id
    url = f"/jobs/referrals/{referral_id}"
    client.post(f"{url}/hire", data={"hire-on": "02/02/2030"})
    response = client.post(f"{url}/job_lost", data={"job_lost-on": "10/03/2030"})
    assert response.status_code == 422
    assert 'id="job_lost-reason-errors"' in response.get_data(as_text=True)
    response = client.post(
        f"{url}/job_lost",
        data={"job_lost-on": "10/03/2030", "job_lost-reason": "moved_away",
              "job_lost-note": "Về quê"},
    )  # fmt: skip
    assert response.status_code == 302
    referral = only_referral(app)
    assert referral.status == ReferralStatus.JOB_LOST
    assert (referral.end_reason, referral.end_note) == (JobLossReason.MOVED_AWAY, "Về quê")
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="job-lost">10/03/2030' in page
    # The 1-month check (02/03/2030) was not done: the three are now cancelled.
    assert page.count('data-testid="retention-check"') == 3
    # No step is left for a lost job.
    assert "data-action=" not in page


def test_a_step_out_of_order_is_refused(app, client, auth, job_partners, setup):
    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    refer(client, opening_id, case_id)
    url = f"/jobs/referrals/{only_referral(app).id}"
    response = client.post(f"{url}/job_lost", data={"job_lost-on": "10/03/2030",
                                                   "job_lost-reason": "other"})  # fmt: skip
    assert response.status_code == 422
    assert only_referral(app).status == ReferralStatus.REFERRED


def test_referrals_outside_ones_communes_are_not_found(app, client, auth, job_partners, setup):
    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    refer(client, opening_id, case_id)
    referral_id = only_referral(app).id
    auth.logout()
    for other in (job_partners.hanoi.caseworker_y, job_partners.hue_officer):
        auth.login(other)
        assert client.get(f"/jobs/referrals/{referral_id}").status_code == 404
        response = client.post(f"/jobs/referrals/{referral_id}/hire", data={"hire-on": "1/2/2030"})
        assert response.status_code == 404
        assert client.get(f"/jobs/cases/{case_id}").status_code == 404
        assert client.get(f"/jobs/cases/{case_id}/openings").status_code == 404
        page = client.get(f"/jobs/openings/{opening_id}").get_data(as_text=True)
        assert 'data-testid="referral-row"' not in page
        auth.logout()
    assert only_referral(app).status == ReferralStatus.REFERRED


def test_pages_that_show_a_person_are_audited(app, client, auth, job_partners, setup):
    from reintegration.core.audit import AuditEvent

    opening_id, case_id = setup
    auth.login(job_partners.hanoi.caseworker_x)
    client.get(f"/jobs/openings/{opening_id}/candidates")
    client.get(f"/jobs/cases/{case_id}/openings")
    client.get(f"/jobs/cases/{case_id}")
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"opening_candidates_viewed", "job_matches_viewed", "case_viewed"} <= actions
