"""The person's work profile, edited from the case: trades wanted and known, communes,
availability; a rejected form keeps what was typed; two editors do not overwrite each
other unseen; outside one's communes the case is not found."""

from sqlalchemy import select

from reintegration.employment.models import Availability, TradeLink, WorkProfile
from reintegration.employment.services import profiles
from reintegration.extensions import db
from tests.factories import CaseFactory, PersonFactory


def new_case(app, job_partners) -> int:
    with app.app_context():
        case = CaseFactory(person=PersonFactory(full_name="Đặng Văn Mới"),
                           commune_code=job_partners.hanoi.commune_x)  # fmt: skip
        db.session.commit()
        return case.id


def form_data(job_partners, **overrides) -> dict:
    data = {
        "interests": ["welding", "construction"],
        "skills": ["driving"],
        "preferred_communes": [job_partners.hanoi.commune_x, job_partners.hanoi.commune_y],
        "availability": "part_time",
        "available_from": "15/04/2026",
        "willing_to_relocate": "y",
        "notes": "Có xe máy",
        "version": "0",
    }
    data.update(overrides)
    return data


def test_a_caseworker_records_the_work_profile(app, client, auth, job_partners):
    case_id = new_case(app, job_partners)
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/cases/{case_id}").get_data(as_text=True)
    assert "Đặng Văn Mới" in page
    assert client.get(f"/jobs/cases/{case_id}/profile").status_code == 200
    response = client.post(f"/jobs/cases/{case_id}/profile", data=form_data(job_partners))
    assert response.status_code == 302
    with app.app_context():
        profile = db.session.scalar(select(WorkProfile))
        assert sorted(profile.codes(TradeLink.INTEREST)) == ["construction", "welding"]
        assert profile.codes(TradeLink.SKILL) == ["driving"]
        assert {c.code for c in profile.preferred_communes} == {
            job_partners.hanoi.commune_x,
            job_partners.hanoi.commune_y,
        }
        assert profile.availability == Availability.PART_TIME
        assert profile.willing_to_relocate and profile.notes == "Có xe máy"
    section = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "15/04/2026" in section and "Có xe máy" in section
    # The form opens again with what was saved.
    page = client.get(f"/jobs/cases/{case_id}/profile").get_data(as_text=True)
    assert 'checked class="form-check-input" id="interests-' in page
    assert 'value="15/04/2026"' in page


def test_a_rejected_profile_keeps_what_was_typed(app, client, auth, job_partners):
    case_id = new_case(app, job_partners)
    auth.login(job_partners.hanoi.officer)
    response = client.post(
        f"/jobs/cases/{case_id}/profile",
        data=form_data(job_partners, available_from="tháng tư", notes="Giữ lại ghi chú này"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="tháng tư"' in page
    assert "Giữ lại ghi chú này" in page
    assert 'id="available_from-errors"' in page
    with app.app_context():
        assert db.session.scalar(select(WorkProfile.person_id)) is None


def test_a_save_from_an_old_form_is_refused(app, client, auth, job_partners):
    case_id = new_case(app, job_partners)
    auth.login(job_partners.hanoi.caseworker_x)
    client.post(f"/jobs/cases/{case_id}/profile", data=form_data(job_partners))
    page = client.get(f"/jobs/cases/{case_id}/profile").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert version == "1"
    with app.app_context():
        from reintegration.people.models import Case
        from tests.employment.conftest import user

        case = db.session.get(Case, case_id)
        profiles.save_profile(
            case, profiles.ProfileData(interests=["sewing"]), user(job_partners.hanoi.officer)
        )
        db.session.commit()
    response = client.post(
        f"/jobs/cases/{case_id}/profile",
        data=form_data(job_partners, version=version, notes="Bản của tôi"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Bản của tôi" in page
    with app.app_context():
        assert db.session.scalar(select(WorkProfile)).codes(TradeLink.INTEREST) == ["sewing"]
    # The form now carries the newer version: saving again applies what was typed.
    newer = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert newer == "2"
    response = client.post(
        f"/jobs/cases/{case_id}/profile",
        data=form_data(job_partners, version=newer, notes="Bản của tôi"),
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(WorkProfile)).notes == "Bản của tôi"


def test_a_first_profile_saved_meanwhile_is_not_overwritten(app, client, auth, job_partners):
    case_id = new_case(app, job_partners)
    auth.login(job_partners.hanoi.caseworker_x)
    page = client.get(f"/jobs/cases/{case_id}/profile").get_data(as_text=True)
    assert 'name="version" type="hidden" value="0"' in page
    with app.app_context():
        from reintegration.people.models import Case
        from tests.employment.conftest import user

        profiles.save_profile(
            db.session.get(Case, case_id),
            profiles.ProfileData(interests=["sewing"]),
            user(job_partners.hanoi.officer),
        )
        db.session.commit()
    response = client.post(f"/jobs/cases/{case_id}/profile", data=form_data(job_partners))
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(WorkProfile)).codes(TradeLink.INTEREST) == ["sewing"]


def test_a_case_outside_ones_communes_is_not_found(app, client, auth, job_partners):
    case_id = new_case(app, job_partners)
    auth.login(job_partners.hanoi.caseworker_y)
    assert client.get(f"/jobs/cases/{case_id}/profile").status_code == 404
    response = client.post(f"/jobs/cases/{case_id}/profile", data=form_data(job_partners))
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(WorkProfile.person_id)) is None
