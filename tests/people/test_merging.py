"""A province officer merges two files of one person; both histories stay readable."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from reintegration.people.services.revisions import record_revision
from tests.conftest import AuthActions
from tests.factories import CaseFactory, PersonFactory


def two_files(app, hanoi) -> tuple[int, int]:
    with app.app_context():
        kept = PersonFactory(full_name="Vũ Văn Hùng", id_number=None, phone="0911111111")
        absorbed = PersonFactory(
            full_name="Vũ Văn Hưng", id_number="001085054321", phone="0922222222"
        )
        case_kept = CaseFactory(person=kept, commune_code=hanoi.commune_x)
        case_absorbed = CaseFactory(person=absorbed, commune_code=hanoi.commune_y)
        db.session.flush()
        record_revision(kept, None)
        record_revision(absorbed, None)
        db.session.commit()
        return case_kept.id, case_absorbed.id


def test_officer_merges_field_by_field(app, client, auth, hanoi):
    kept_case, absorbed_case = two_files(app, hanoi)
    auth.login(hanoi.officer)
    compare = client.get(f"/cases/{kept_case}/merge?other={absorbed_case}").get_data(as_text=True)
    assert "0922222222" in compare and "0911111111" in compare

    response = client.post(
        f"/cases/{kept_case}/merge",
        data={"other": absorbed_case, "choice_id_number": "absorb", "choice_phone": "keep"},
    )
    assert response.status_code == 302
    with app.app_context():
        kept = db.session.get(Case, kept_case).person
        absorbed = db.session.scalars(select(Person).where(Person.merged_into_id == kept.id)).one()
        assert (kept.full_name, kept.id_number, kept.phone) == (
            "Vũ Văn Hùng",
            "001085054321",
            "0911111111",
        )
        assert absorbed.id_number is None
        assert db.session.get(Case, absorbed_case).person_id == kept.id
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "people_merged")
        ).one()
        assert event.detail["taken_from_absorbed"] == ["id_number"]
        absorbed_id = absorbed.id

    history = client.get(f"/cases/{kept_case}?tab=history").get_data(as_text=True)
    assert "001085054321" in history  # the kept record's history shows the change
    record_response = client.get(f"/people/{absorbed_id}/record")
    assert record_response.status_code == 200
    record = record_response.get_data(as_text=True)
    assert "Vũ Văn Hưng" in record and "0922222222" in record and "001085054321" in record


def test_caseworker_cannot_merge(client, auth, app, hanoi):
    kept_case, absorbed_case = two_files(app, hanoi)
    auth.login(hanoi.caseworker_x)
    response = client.post(f"/cases/{kept_case}/merge", data={"other": absorbed_case})
    assert response.status_code == 403


def test_officer_of_another_province_cannot_merge(client, auth, app, hanoi, make_user):
    kept_case, _absorbed_case = two_files(app, hanoi)
    auth.login(make_user(role=Role.PROVINCE_OFFICER, province_code=46))
    assert client.get(f"/cases/{kept_case}/merge").status_code == 404


def test_an_edit_opened_before_the_merge_is_refused_with_no_field_changed(app, hanoi):
    """The merge moved the case to the kept record, a version of its own: the caseworker's
    older form is refused, saying no field of it changed, not listing every field as new."""
    kept_case, absorbed_case = two_files(app, hanoi)
    caseworker, officer = AuthActions(app.test_client()), AuthActions(app.test_client())
    caseworker.login(hanoi.caseworker_y)
    officer.login(hanoi.officer)
    url = f"/cases/{absorbed_case}/edit"
    caseworker.client.get(url)
    with app.app_context():
        version = db.session.get(Case, absorbed_case).version
    # Every field kept as the kept record has it (this merge used to fail on its revision).
    merged = officer.client.post(f"/cases/{kept_case}/merge", data={"other": absorbed_case})
    assert merged.status_code == 302

    refused = caseworker.client.post(
        url, data={"caseworker_id": "None", "version": str(version), "intake_notes": "Ghi chú"}
    )

    page = refused.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in page
    assert "Không trường nào của biểu mẫu này" in page
    assert "Nhu cầu" not in page.split('data-testid="edit-conflict"')[1].split("</div>")[0]
    history = caseworker.client.get(f"/cases/{absorbed_case}?tab=history").get_data(as_text=True)
    assert "Gộp với hồ sơ khác; không trường nào thay đổi" in history
