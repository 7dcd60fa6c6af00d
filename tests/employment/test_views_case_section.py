"""The section the case file's "Training and jobs" tab includes: drawn from the template
helper alone (as the case file will include it), or from ``case_section_context``."""

from datetime import date

from flask import render_template_string
from flask_login import login_user

from reintegration.employment.services import referrals
from reintegration.employment.views.case_section import case_section_context
from reintegration.extensions import db
from tests.employment.conftest import make_opening, make_person, user
from tests.factories import CaseFactory

INCLUDE = '{% include "employment/_case_section.html" %}'


def test_the_section_draws_the_profile_referrals_and_retention_checks(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(
            job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn", interests=["welding"]
        )
        caseworker = user(job_partners.hanoi.caseworker_x)
        referral = referrals.refer(case, opening, caseworker, today=date(2026, 3, 2))
        referrals.record_hire(referral, caseworker, start_on=date(2026, 3, 31))
        db.session.commit()
        case_id, referral_id = case.id, referral.id
    with app.test_request_context():
        from reintegration.people.models import Case

        caseworker = user(job_partners.hanoi.caseworker_x)
        login_user(caseworker)
        case = db.session.get(Case, case_id)
        for html in (
            render_template_string(INCLUDE, case=case),
            render_template_string(INCLUDE, case=case, jobs=case_section_context(case, caseworker)),
        ):
            assert 'data-testid="work-profile"' in html
            assert f'data-testid="case-referral" data-id="{referral_id}"' in html
            assert [
                f'data-due="{d}"' in html for d in ("2026-04-30", "2026-06-30", "2026-09-30")
            ] == [
                True,
                True,
                True,
            ]
            assert f"/jobs/cases/{case_id}/profile" in html
            assert f"/jobs/cases/{case_id}/openings" in html


def test_a_referral_under_another_case_of_the_person_stays_with_that_case(
    app, client, auth, job_partners
):
    """The same person released twice: the referral made for the earlier case, in another
    commune, is neither listed nor reachable through the later case."""
    with app.app_context():
        opening = make_opening(job_partners)
        earlier = make_person(
            job_partners.hanoi.commune_y, name="Lý Văn Tài", interests=["welding"]
        )
        referral = referrals.refer(earlier, opening, user(job_partners.hanoi.caseworker_y))
        later = CaseFactory(person=earlier.person, commune_code=job_partners.hanoi.commune_x)
        db.session.commit()
        later_id, referral_id = later.id, referral.id
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/cases/{later_id}").get_data(as_text=True)
    assert "Lý Văn Tài" in page
    assert f"/jobs/referrals/{referral_id}" not in page
    assert client.get(f"/jobs/referrals/{referral_id}").status_code == 404
