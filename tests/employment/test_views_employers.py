"""Employer pages: the province's list with a search that ignores diacritics, creating and
editing within the province, and what other roles and provinces get."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.employment.models import Employer
from reintegration.extensions import db

FORM = {
    "name": "Công ty Cổ phần May Đức Giang",
    "tax_code": "0100100079",
    "address": "59 Đức Giang",
    "contact_name": "Trần Thị Hoa",
    "contact_phone": "0243 827 1234",
    "accepts_records": "y",
    "agreement_number": "05/TT-UBND",
    "agreement_signed_on": "15/03/2025",
}


def employer_named(app, name) -> Employer | None:
    with app.app_context():
        return db.session.scalar(select(Employer).where(Employer.name == name))


@pytest.mark.parametrize("who", ["officer", "caseworker_x"])
def test_province_users_record_an_employer(app, client, auth, job_partners, who):
    auth.login(getattr(job_partners.hanoi, who))
    assert client.get("/jobs/employers/new").status_code == 200
    response = client.post(
        "/jobs/employers/new", data={**FORM, "commune_code": job_partners.hanoi.commune_y}
    )
    assert response.status_code == 302
    employer = employer_named(app, FORM["name"])
    assert employer.commune_code == job_partners.hanoi.commune_y
    assert employer.accepts_records and employer.agreement_number == "05/TT-UBND"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="agreement">05/TT-UBND (' in page
    assert "15/03/2025" in page


def test_a_rejected_form_keeps_what_was_typed(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post(
        "/jobs/employers/new",
        data={**FORM, "tax_code": "01001-ABC", "commune_code": job_partners.hanoi.commune_x},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="01001-ABC"' in page
    assert 'value="Công ty Cổ phần May Đức Giang"' in page
    assert 'id="tax_code-errors"' in page
    assert employer_named(app, FORM["name"]) is None


def test_a_tax_code_is_recorded_once(client, auth, job_partners):
    auth.login(job_partners.hanoi.officer)
    response = client.post(
        "/jobs/employers/new",
        data={**FORM, "tax_code": "0101234567", "commune_code": job_partners.hanoi.commune_x},
    )
    assert response.status_code == 422
    assert 'id="tax_code-errors"' in response.get_data(as_text=True)


def test_the_search_ignores_diacritics_and_case(client, auth, job_partners):
    auth.login(job_partners.hanoi.caseworker_x)
    for query in ("co khi dong anh", "CƠ KHÍ ĐÔNG ANH", "0101234"):
        page = client.get("/jobs/employers/", query_string={"q": query}).get_data(as_text=True)
        assert page.count('data-testid="employer-row"') == 1, query
    page = client.get("/jobs/employers/", query_string={"q": "may duc giang"})
    assert 'data-testid="employer-row"' not in page.get_data(as_text=True)


def test_editing_an_employer(app, client, auth, job_partners):
    auth.login(job_partners.hanoi.caseworker_x)
    url = f"/jobs/employers/{job_partners.employer_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="0101234567"' in page
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    data = {
        "name": "Công ty TNHH Cơ khí Đông Anh",
        "tax_code": "0101234567",
        "commune_code": job_partners.hanoi.commune_x,
        "contact_name": "Lê Văn Nam",
        "version": version,
    }  # "accepts_records" left unticked
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        employer = db.session.get(Employer, job_partners.employer_id)
        assert employer.contact_name == "Lê Văn Nam"
        assert employer.accepts_records is False
    # A second save from the same old form is refused, and keeps what was typed.
    response = client.post(url, data={**data, "contact_name": "Phạm Thị Lan"})
    assert response.status_code == 422
    refused = response.get_data(as_text=True)
    assert 'value="Phạm Thị Lan"' in refused
    with app.app_context():
        assert db.session.get(Employer, job_partners.employer_id).contact_name == "Lê Văn Nam"
    # The refused page carries the newer version: saving it again applies what was typed.
    newer = refused.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert newer != version
    again = client.post(url, data={**data, "contact_name": "Phạm Thị Lan", "version": newer})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.get(Employer, job_partners.employer_id).contact_name == "Phạm Thị Lan"


def test_another_provinces_employer_is_not_found(client, auth, job_partners):
    auth.login(job_partners.hue_officer)
    assert client.get(f"/jobs/employers/{job_partners.employer_id}").status_code == 404
    assert client.get(f"/jobs/employers/{job_partners.employer_id}/edit").status_code == 404
    assert client.get(f"/jobs/employers/{job_partners.employer_id}/openings/new").status_code == 404
    page = client.get("/jobs/employers/").get_data(as_text=True)
    assert 'data-testid="employer-row"' not in page


@pytest.mark.parametrize("role", [Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER, Role.ADMIN])
def test_other_roles_never_reach_the_employment_pages(client, auth, make_user, job_partners, role):
    auth.login(make_user(role=role))
    for path in (
        "/jobs/employers/",
        "/jobs/employers/new",
        f"/jobs/employers/{job_partners.employer_id}",
        "/jobs/openings/",
        "/jobs/cases/1",
        "/jobs/referrals/1",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post("/jobs/openings/1/refer/1").status_code == 403


def test_a_hue_commune_is_not_offered_for_a_hanoi_employer(client, auth, job_partners, app):
    auth.login(job_partners.hanoi.officer)
    response = client.post(
        "/jobs/employers/new", data={**FORM, "commune_code": job_partners.hue_commune}
    )
    assert response.status_code == 422
    assert employer_named(app, FORM["name"]) is None
