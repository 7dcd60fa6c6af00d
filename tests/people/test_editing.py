"""Two people editing one record: the second save is refused, shows what changed, and
nothing the first saved is lost."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case, Person, Release, Sex
from reintegration.people.services import editing
from reintegration.people.services.data import CaseData, PersonData, ReleaseData
from tests.conftest import AuthActions
from tests.factories import DEFAULT_PASSWORD, CaseFactory
from tests.people.conftest import anonymise_closed, registration_form


def person_edit_form(page: str, **changes) -> dict:
    """The edit form as the browser would send it back, with some fields changed."""
    fields = registration_form(0)
    data = {name: fields[name] for name in fields if name in PERSON_FORM_FIELDS}
    data["residence_commune_code"] = re.search(r'<option selected value="(\d+)"', page).group(1)
    data["version"] = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    data.update(changes)
    return data


PERSON_FORM_FIELDS = {
    "full_name", "birth_date", "birth_year", "sex", "id_number", "nationality", "ethnicity",
    "residence_as_written",
}  # fmt: skip


def test_second_conflicting_save_is_refused_and_loses_nothing(app, registered_case, hanoi):
    first, second = AuthActions(app.test_client()), AuthActions(app.test_client())
    first.login(hanoi.caseworker_x, DEFAULT_PASSWORD)
    second.login(hanoi.officer, DEFAULT_PASSWORD)
    url = f"/cases/{registered_case}/person"
    form_first = person_edit_form(first.client.get(url).get_data(as_text=True))
    form_second = person_edit_form(second.client.get(url).get_data(as_text=True))

    saved = first.client.post(url, data={**form_first, "phone": "0912345678"})
    assert saved.status_code == 302

    refused = second.client.post(url, data={**form_second, "ethnicity": "Tày"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Người khác đã lưu hồ sơ này sau khi bạn mở" in page
    assert 'data-testid="edit-conflict"' in page
    assert "Số điện thoại" in page and "0912345678" in page  # what the other person changed
    assert 'value="Tày"' in page  # what this user typed is still in the form

    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert (person.phone, person.ethnicity, person.version) == ("0912345678", "Kinh", 2)

    again = person_edit_form(page, ethnicity="Tày", phone="0912345678")
    assert second.client.post(url, data=again).status_code == 302
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert (person.phone, person.ethnicity, person.version) == ("0912345678", "Tày", 3)


def test_case_edit_conflict_on_needs(app, registered_case, hanoi):
    first, second = AuthActions(app.test_client()), AuthActions(app.test_client())
    first.login(hanoi.caseworker_x)
    second.login(hanoi.officer)
    url = f"/cases/{registered_case}/edit"
    first.client.get(url)
    second.client.get(url)
    base = {"caseworker_id": "None", "version": "1", "notified_on": "05/09/2025"}
    assert first.client.post(url, data={**base, "needs": ["housing"]}).status_code == 302
    refused = second.client.post(url, data={**base, "needs": ["money"]})
    page = refused.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in page
    assert "Nhu cầu" in page
    with app.app_context():
        case = db.session.get(Case, registered_case)
        assert [n.need.value for n in case.needs] == ["housing"]


def test_history_tab_lists_each_change(app, client, auth, registered_case, hanoi):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/person"
    form = person_edit_form(client.get(url).get_data(as_text=True), phone="0988000111")
    client.post(url, data=form)
    page = client.get(f"/cases/{registered_case}?tab=history").get_data(as_text=True)
    assert "0988000111" in page
    assert "Số điện thoại" in page


def test_the_history_reads_in_words_not_codes(app, client, auth, registered_case, hanoi):
    """Registered with its caseworker and two needs; the caseworker is then taken off,
    the needs and the notice day changed, the circumstances marked, by the officer."""
    auth.login(hanoi.officer)
    with app.app_context():
        caseworker = db.session.scalar(select(User).where(User.username == hanoi.caseworker_x))
        caseworker_id, caseworker_name = caseworker.id, caseworker.full_name
    url = f"/cases/{registered_case}/edit"
    client.get(url)
    changed = {
        "caseworker_id": "None", "version": "1", "notified_on": "06/09/2025",
        "needs": ["housing", "money"], "extremely_difficult": "y",
    }  # fmt: skip
    assert client.post(url, data=changed).status_code == 302

    page = client.get(f"/cases/{registered_case}?tab=history").get_data(as_text=True)
    changes = page[page.index("Nội dung thay đổi") : page.index("Tạo mới")]
    assert f"{caseworker_name} → —" in changes
    assert "Giấy tờ tùy thân, Nghề nghiệp, việc làm → Nhà ở, Tài chính" in changes
    assert "Không → Có" in changes
    assert "05/09/2025 → 06/09/2025" in changes
    for code in ("housing", "documents", "2025-09", "True", f"{caseworker_id} →"):
        assert code not in changes


def test_an_anonymised_file_can_no_longer_be_changed(app, client, auth, registered_case, hanoi):
    """Past its retention period the file keeps only what the figures need: neither a
    fresh form nor one opened before the job ran may put the person back."""
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/person"
    opened_before = person_edit_form(client.get(url).get_data(as_text=True))
    anonymise_closed(app, registered_case)

    case_page = client.get(f"/cases/{registered_case}").get_data(as_text=True)
    assert 'data-testid="anonymised"' in case_page
    assert url not in case_page
    assert f"/cases/{registered_case}/edit" not in case_page
    assert client.get(url).headers["Location"] == f"/cases/{registered_case}"

    refused = client.post(url, data=opened_before, follow_redirects=True)
    assert refused.request.path == f"/cases/{registered_case}"
    assert "Hồ sơ này đã được ẩn danh" in refused.get_data(as_text=True)
    case_form = {"caseworker_id": "None", "notified_on": "05/09/2025", "intake_notes": "Ghi chú"}
    with app.app_context():
        case_form["version"] = str(db.session.get(Case, registered_case).version)
    refused = client.post(f"/cases/{registered_case}/edit", data=case_form)
    assert refused.headers["Location"] == f"/cases/{registered_case}"

    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert person.full_name == f"Đã ẩn danh {person.id}"
        assert (person.id_number, person.phone) == (None, None)
        assert db.session.get(Case, registered_case).intake_notes is None
        assert db.session.scalars(select(Release.certificate_number)).one() is None


def test_the_editing_services_refuse_an_anonymised_file_whoever_calls(app, registered_case, hanoi):
    anonymise_closed(app, registered_case)
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.username == hanoi.officer))
        case = db.session.get(Case, registered_case)
        person, release = case.person, case.release
        changes = [
            lambda: editing.update_person(
                person, PersonData(full_name="Nguyễn Văn An", birth_year=1985, sex=Sex.MALE),
                expected_version=person.version, actor=actor,
            ),
            lambda: editing.update_case(
                case,
                CaseData(caseworker_id=None, extremely_difficult=False, needs=set(),
                         intake_notes="Ghi chú"),
                expected_version=case.version, actor=actor,
            ),
            lambda: editing.correct_release(
                release,
                ReleaseData(release_type=release.release_type, release_date=date(2025, 9, 2)),
                expected_version=release.version, actor=actor, with_offence=False,
            ),
        ]  # fmt: skip
        for change in changes:
            with pytest.raises(DomainError) as refused:
                change()
            assert refused.value.code == "anonymised"


def test_an_anonymised_file_is_not_merged(app, client, auth, registered_case, hanoi):
    """Merged into a live file, its closed case would be editable again."""
    anonymise_closed(app, registered_case)
    with app.app_context():
        live = CaseFactory(commune_code=hanoi.commune_y)
        db.session.commit()
        live_id = live.id
    auth.login(hanoi.officer)
    case_page = client.get(f"/cases/{registered_case}").get_data(as_text=True)
    assert f"/cases/{registered_case}/merge" not in case_page
    assert "/privacy/people/" in case_page  # the data report stays at hand, read-only
    for keep, other in ((live_id, registered_case), (registered_case, live_id)):
        page = client.post(
            f"/cases/{keep}/merge?other={other}", data={"other": str(other)}
        ).get_data(as_text=True)
        assert "Không thể gộp hồ sơ đã ẩn danh" in page
    with app.app_context():
        assert db.session.scalars(select(Person.merged_into_id)).all() == [None, None]
