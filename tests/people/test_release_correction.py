"""Correcting a release as registered: the plain facts by anyone who edits the case, the
offence details only while they are shown; versions kept, conflicts refused, nothing of
the offence leaking to a reader who was not shown it."""

import re

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import AmnestyDecision, Release, Revision
from reintegration.people.services import editing
from reintegration.people.services.data import ReleaseData
from reintegration.people.views.case_file import REVEALED_KEY
from tests.conftest import AuthActions
from tests.factories import UserFactory
from tests.people.conftest import anonymise_closed, audit_events

REASON = "Sửa sai sót khi nhập hồ sơ"


def release_form(page: str, **changes) -> dict:
    """The correction form as the browser sends it back: what the page shows, changed."""
    data = {
        "version": re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1),
        "release_type": re.search(
            r'<select[^>]*name="release_type".*?<option selected value="(\w+)"', page, re.S
        ).group(1),
        "release_date": re.search(r'name="release_date"[^>]*value="([^"]*)"', page).group(1),
        "amnesty_decision_id": "",
        "certificate_number": "",
        "offence_shown": re.search(r'name="offence_shown" type="hidden" value="(1?)"', page).group(
            1
        ),
    }
    for name in ("detention_facility", "sentence_months", "served_months"):
        shown = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
        if shown:
            data[name] = shown.group(1)
    group = re.search(r'name="offence_group".*?<option selected value="(\w+)"', page, re.S)
    if group:
        data["offence_group"] = group.group(1)
    data.update(changes)
    return data


def the_release(app) -> Release:
    with app.app_context():
        release = db.session.scalars(select(Release)).one()
        db.session.expunge(release)
        return release


def test_a_mistyped_release_date_is_corrected_and_both_versions_kept(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/release"
    page = client.get(url).get_data(as_text=True)
    assert "Sửa thông tin ra tù" in page
    form = release_form(page, release_date="02/09/2025", certificate_number="GCN-2025-88")

    saved = client.post(url, data=form)

    assert saved.status_code == 302
    assert saved.headers["Location"].endswith(f"/cases/{registered_case}?tab=release")
    release = the_release(app)
    assert (str(release.release_date), release.certificate_number) == ("2025-09-02", "GCN-2025-88")
    assert release.version == 2
    assert release.detention_facility == "Trại giam Thanh Xuân"  # left as it was
    [event] = audit_events(app, "release_corrected")
    assert event.username == hanoi.caseworker_x
    assert event.detail["fields"] == ["release_date", "certificate_number"]
    history = client.get(f"/cases/{registered_case}?tab=history").get_data(as_text=True)
    assert "Ngày ra tù" in history
    assert "01/09/2025 → 02/09/2025" in history
    with app.app_context():
        versions = db.session.scalars(
            select(Revision.version).where(Revision.object_type == "Release")
        ).all()
        assert sorted(versions) == [1, 2]


def test_the_offence_details_are_not_in_the_form_until_shown_and_stay_as_they_are(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/release"
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="offence-hidden"' in page
    assert "Trại giam Thanh Xuân" not in page
    assert 'name="served_months"' not in page

    # Sent anyway (a hand-made request): ignored, the rest is saved.
    form = release_form(page, certificate_number="GCN-1", served_months="12",
                        detention_facility="Trại khác", offence_group="drugs")  # fmt: skip
    assert client.post(url, data=form).status_code == 302

    release = the_release(app)
    assert release.certificate_number == "GCN-1"
    assert (release.detention_facility, release.served_months) == ("Trại giam Thanh Xuân", 36)
    assert release.offence_group.value == "property"


def test_after_the_reason_is_given_the_offence_details_can_be_corrected(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    client.post(f"/cases/{registered_case}/reveal", data={"reason": REASON})
    url = f"/cases/{registered_case}/release"
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="offence-fields"' in page
    assert 'value="Trại giam Thanh Xuân"' in page

    assert client.post(url, data=release_form(page, served_months="30")).status_code == 302

    release = the_release(app)
    assert (release.sentence_months, release.served_months) == (36, 30)
    history = client.get(f"/cases/{registered_case}?tab=history").get_data(as_text=True)
    assert "36 → 30" in history


def test_a_reader_not_shown_the_offence_sees_that_it_changed_but_not_to_what(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    client.post(f"/cases/{registered_case}/reveal", data={"reason": REASON})
    url = f"/cases/{registered_case}/release"
    form = release_form(client.get(url).get_data(as_text=True), served_months="30")
    assert client.post(url, data=form).status_code == 302

    officer = AuthActions(app.test_client())
    officer.login(hanoi.officer)
    history = officer.client.get(f"/cases/{registered_case}?tab=history").get_data(as_text=True)
    assert "Thời gian đã chấp hành (tháng)" in history
    assert "(đã ẩn) → (đã ẩn)" in history
    assert "36 → 30" not in history


def test_a_correction_based_on_an_older_version_is_refused_and_loses_nothing(
    app, registered_case, hanoi
):
    first, second = AuthActions(app.test_client()), AuthActions(app.test_client())
    first.login(hanoi.caseworker_x)
    second.login(hanoi.officer)
    url = f"/cases/{registered_case}/release"
    form_first = release_form(first.client.get(url).get_data(as_text=True))
    form_second = release_form(second.client.get(url).get_data(as_text=True))

    assert (
        first.client.post(url, data={**form_first, "release_date": "02/09/2025"}).status_code == 302
    )
    refused = second.client.post(url, data={**form_second, "certificate_number": "GCN-77"})

    page = refused.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in page
    assert "01/09/2025 → 02/09/2025" in page  # what the first one changed
    assert 'value="GCN-77"' in page  # what this one typed is still there
    release = the_release(app)
    assert (str(release.release_date), release.certificate_number) == ("2025-09-02", None)
    # Saving again applies the form over the other change: it is taken in first.
    again = release_form(page, certificate_number="GCN-77", release_date="02/09/2025")
    assert second.client.post(url, data=again).status_code == 302
    release = the_release(app)
    assert (str(release.release_date), release.certificate_number, release.version) == (
        "2025-09-02", "GCN-77", 3,
    )  # fmt: skip


def test_an_amnesty_without_its_decision_is_refused_with_what_was_typed_kept(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/release"
    form = release_form(client.get(url).get_data(as_text=True), release_type="amnesty",
                        certificate_number="GCN-ĐX-5")  # fmt: skip

    refused = client.post(url, data=form)

    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Chọn quyết định đặc xá đối với người được đặc xá." in page
    assert 'value="GCN-ĐX-5"' in page
    assert the_release(app).release_type.value == "sentence_completed"
    assert audit_events(app, "release_corrected") == []

    with app.app_context():
        decision = db.session.scalars(select(AmnestyDecision.id)).first()
    assert client.post(url, data={**form, "amnesty_decision_id": str(decision)}).status_code == 302
    release = the_release(app)
    assert (release.release_type.value, release.amnesty_decision_id) == ("amnesty", decision)


def test_saving_without_a_change_writes_no_version(app, client, auth, registered_case, hanoi):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/release"
    assert (
        client.post(url, data=release_form(client.get(url).get_data(as_text=True))).status_code
        == 302
    )
    assert the_release(app).version == 1
    assert audit_events(app, "release_corrected") == []
    with app.app_context():
        assert (
            db.session.scalars(select(Revision).where(Revision.object_type == "Release")).all()
            == []
        )


def test_a_conflict_does_not_tell_a_reader_not_shown_the_offence_what_it_became(
    app, registered_case, hanoi
):
    shown, not_shown = AuthActions(app.test_client()), AuthActions(app.test_client())
    shown.login(hanoi.caseworker_x)
    not_shown.login(hanoi.officer)
    shown.client.post(f"/cases/{registered_case}/reveal", data={"reason": REASON})
    url = f"/cases/{registered_case}/release"
    form_shown = release_form(shown.client.get(url).get_data(as_text=True))
    form_not_shown = release_form(not_shown.client.get(url).get_data(as_text=True))
    assert shown.client.post(url, data={**form_shown, "served_months": "30"}).status_code == 302

    refused = not_shown.client.post(url, data={**form_not_shown, "certificate_number": "GCN-9"})

    page = refused.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in page
    assert "Thời gian đã chấp hành (tháng)" in page and "(đã ẩn)" in page
    assert "→ 30" not in page


def test_shown_in_another_tab_after_the_form_opened_the_offence_stays_as_it_is(
    app, client, auth, register, hanoi
):
    """The form was drawn without the offence details; they are revealed meanwhile. The
    form sent has none of them: the flag for an offence against a child is not blanked."""
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x, offence_against_children="y")
    case_id = client.get("/people/").get_data(as_text=True)
    case_id = re.search(r'href="/cases/(\d+)"', case_id).group(1)
    url = f"/cases/{case_id}/release"
    form = release_form(client.get(url).get_data(as_text=True), certificate_number="GCN-3")
    client.post(f"/cases/{case_id}/reveal", data={"reason": REASON})

    assert client.post(url, data=form).status_code == 302

    release = the_release(app)
    assert (release.certificate_number, release.offence_against_children) == ("GCN-3", True)


def test_offence_details_typed_after_the_reveal_ran_out_are_not_saved(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    client.post(f"/cases/{registered_case}/reveal", data={"reason": REASON})
    url = f"/cases/{registered_case}/release"
    form = release_form(client.get(url).get_data(as_text=True), served_months="30")
    with client.session_transaction() as session:
        session[REVEALED_KEY] = {str(registered_case): 0}

    refused = client.post(url, data=form)

    assert refused.status_code == 200
    assert "không còn được hiển thị" in refused.get_data(as_text=True)
    release = the_release(app)
    assert (release.served_months, release.version) == (36, 1)


def test_a_role_never_shown_the_offence_cannot_change_it(app, registered_case):
    with app.app_context():
        reviewer = UserFactory(role=Role.UNION_REVIEWER)
        release = db.session.scalars(select(Release)).one()
        data = ReleaseData(release_type=release.release_type, release_date=release.release_date,
                           served_months=1)  # fmt: skip
        with pytest.raises(DomainError):
            editing.correct_release(
                release, data, expected_version=1, actor=reviewer, with_offence=True
            )


def test_an_anonymised_release_is_not_put_back(app, client, auth, registered_case, hanoi):
    """A correction form opened before retention ran would restore the certificate
    number the job cleared: refused, as any change to an anonymised file."""
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/release"
    form = release_form(client.get(url).get_data(as_text=True), certificate_number="GCN-7")
    anonymise_closed(app, registered_case)
    with app.app_context():
        form["version"] = str(db.session.scalars(select(Release.version)).one())

    refused = client.post(url, data=form, follow_redirects=True)

    assert refused.request.path == f"/cases/{registered_case}"
    assert "Hồ sơ này đã được ẩn danh" in refused.get_data(as_text=True)
    assert the_release(app).certificate_number is None
    assert "Sửa thông tin ra tù" not in client.get(
        f"/cases/{registered_case}?tab=release"
    ).get_data(as_text=True)
