"""Opening pages: creating one for an employer of the province, its page, the province's
list, closing, and the matches: ranked, explained in words, restrictions excluding."""

import re

from sqlalchemy import select

from reintegration.employment.models import Opening, OpeningStatus
from reintegration.extensions import db
from reintegration.people.models import Classification
from tests.employment.conftest import make_opening, make_person

FORM = {
    "title": "Thợ hàn ống",
    "trade_code": "welding",
    "skill_codes": ["mechanics"],
    "level_required": "elementary",
    "wage": "9.500.000",
    "seats": "4",
    "starts_on": "01/04/2026",
    "closes_on": "20/03/2026",
    "restrictions": ["no_work_with_children", "no_cash_handling"],
    "description": "Làm ca ngày",
}


def only_opening(app) -> Opening:
    with app.app_context():
        return db.session.scalars(select(Opening)).one()


def test_a_caseworker_records_an_opening_and_sees_it(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.caseworker_x)
    url = f"/jobs/employers/{job_partners.employer_id}/openings/new"
    assert client.get(url).status_code == 200
    response = client.post(url, data={**FORM, "commune_code": job_partners.hanoi.commune_y})
    assert response.status_code == 302
    opening = only_opening(app)
    assert (opening.wage, opening.seats, opening.commune_code) == (
        9_500_000,
        4,
        job_partners.hanoi.commune_y,
    )
    assert opening.no_work_with_children and opening.no_cash_handling
    with app.app_context():
        assert [s.code for s in db.session.get(Opening, opening.id).skills] == ["mechanics"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="wage">9.500.000\xa0₫' in page
    assert "01/04/2026" in page and "20/03/2026" in page
    listed = client.get("/jobs/openings/").get_data(as_text=True)
    assert f'data-testid="opening-row" data-id="{opening.id}"' in listed


def test_a_rejected_opening_keeps_what_was_typed(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post(
        f"/jobs/employers/{job_partners.employer_id}/openings/new",
        data={**FORM, "wage": "chín triệu", "commune_code": job_partners.hanoi.commune_x},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="chín triệu"' in page
    assert 'value="Thợ hàn ống"' in page
    assert 'id="wage-errors"' in page
    ticked = re.findall(r'<input checked class="form-check-input" id="(restrictions-\d)"', page)
    assert ticked == ["restrictions-0", "restrictions-1"]
    with app.app_context():
        assert db.session.scalar(select(Opening.id)) is None


def test_closing_an_opening(app, client, auth, job_partners):
    with app.app_context():
        opening_id = make_opening(job_partners).id
        db.session.commit()
    auth.login(job_partners.hanoi.officer)
    response = client.post(f"/jobs/openings/{opening_id}/close")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Opening, opening_id).status == OpeningStatus.CLOSED
    page = client.get(f"/jobs/openings/{opening_id}").get_data(as_text=True)
    assert 'data-testid="opening-status" data-status="closed"' in page
    listed = client.get("/jobs/openings/", query_string={"status": "open"}).get_data(as_text=True)
    assert 'data-testid="opening-row"' not in listed


def test_another_province_may_read_an_opening_but_not_keep_it(app, client, auth, job_partners):
    with app.app_context():
        opening_id = make_opening(job_partners).id
        db.session.commit()
    auth.login(job_partners.hue_officer)
    assert client.get(f"/jobs/openings/{opening_id}").status_code == 200
    assert client.post(f"/jobs/openings/{opening_id}/close").status_code == 403
    assert 'data-testid="opening-row"' not in client.get("/jobs/openings/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Opening, opening_id).status == OpeningStatus.OPEN


def test_the_matches_rank_a_trained_welder_of_the_commune_first_and_say_why(
    app, client, auth, job_partners
):
    with app.app_context():
        opening_id = make_opening(job_partners).id
        far = make_person(
            job_partners.hue_commune, name="Hồ Văn Xa", classification=Classification.A
        )
        welder = make_person(
            job_partners.hanoi.commune_x,
            name="Nguyễn Văn Hàn",
            trained_in="welding",
            job_partners=job_partners,
        )
        far_id, welder_id = far.id, welder.id
        db.session.commit()
    auth.login(job_partners.wide_caseworker)
    client.post("/language", data={"locale": "en"})
    response = client.get(f"/jobs/openings/{opening_id}/candidates")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.index(f'data-case="{welder_id}"') < page.index(f'data-case="{far_id}"')
    welder_part = page.split(f'data-case="{welder_id}"')[1].split('data-testid="match"')[0]
    assert "Completed training in Welding, with a certificate." in welder_part
    assert "Lives in the opening&#39;s commune." in welder_part
    far_part = page.split(f'data-case="{far_id}"')[1]
    assert "No interest, skill or training in Welding." in far_part
    assert "Lives in another province." in far_part


def test_a_restriction_excludes_through_the_page(app, client, auth, job_partners):
    with app.app_context():
        opening_id = make_opening(job_partners, no_work_with_children=True).id
        barred = make_person(
            job_partners.hanoi.commune_x, name="Lê Văn Cấm", interests=["welding"],
            trained_in="welding", against_children=True, job_partners=job_partners,
        )  # fmt: skip
        allowed = make_person(
            job_partners.hanoi.commune_x, name="Trần Văn Được", interests=["welding"]
        )
        barred_id, allowed_id = barred.id, allowed.id
        db.session.commit()
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/openings/{opening_id}/candidates").get_data(as_text=True)
    assert f'data-case="{allowed_id}"' in page
    assert f'data-case="{barred_id}"' not in page and "Lê Văn Cấm" not in page
    # Nor can the page refer them by hand; the refusal names no offence.
    client.post("/language", data={"locale": "en"})
    response = client.post(f"/jobs/openings/{opening_id}/refer/{barred_id}", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "the opening&#39;s restrictions exclude them." in page
    with app.app_context():
        from reintegration.employment.models import Referral

        assert db.session.scalar(select(Referral.id)) is None
    # The person's own list of openings does not show it either.
    page = client.get(f"/jobs/cases/{barred_id}/openings").get_data(as_text=True)
    assert f'data-opening="{opening_id}"' not in page


def test_matches_stay_within_the_users_communes(app, client, auth, job_partners):
    with app.app_context():
        opening_id = make_opening(job_partners).id
        mine = make_person(
            job_partners.hanoi.commune_x, name="Nguyễn Văn Gần", interests=["welding"]
        )
        theirs = make_person(job_partners.hanoi.commune_y, name="Vũ Văn Kia", interests=["welding"])
        mine_id, theirs_id = mine.id, theirs.id
        db.session.commit()
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/openings/{opening_id}/candidates").get_data(as_text=True)
    assert f'data-case="{mine_id}"' in page
    assert f'data-case="{theirs_id}"' not in page
    # A person of another commune cannot be referred by posting their case.
    response = client.post(f"/jobs/openings/{opening_id}/refer/{theirs_id}")
    assert response.status_code == 404
