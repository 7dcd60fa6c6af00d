"""Curious insiders: every read of a person's data is in the audit log, which nobody can
change; a commune offered a transfer sees what the decision needs, not the offence; a
double-clicked form makes one record."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from reintegration.casework.models import Contact
from reintegration.core import audit
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, OffenceGroup, Person
from tests.casework.test_transfers import REASON, case_x, request_transfer_to_y  # noqa: F401
from tests.factories import CaseFactory, PersonFactory
from tests.people.conftest import registration_form
from tests.people.test_merging import two_files


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(stmt))


@pytest.fixture
def case_id(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(
            commune_code=hanoi.commune_x,
            person=PersonFactory(full_name="Lê Thị Bích", id_number="001185012345"),
        )
        db.session.commit()
        return case.id


# --- reads in the audit log ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "section"),
    [("person", "edit_person"), ("edit", "edit_case"), ("release", "edit_release")],
)
def test_opening_an_edit_form_is_an_audited_read(app, client, auth, hanoi, case_id, path, section):
    auth.login(hanoi.caseworker_x)
    assert client.get(f"/cases/{case_id}/{path}").status_code == 200
    [read] = events(app, "case_viewed")
    assert (read.username, read.object_id) == (hanoi.caseworker_x, str(case_id))
    assert read.detail["section"] == section


def test_the_merge_page_is_a_read_of_both_files(app, client, auth, hanoi):
    kept, absorbed = two_files(app, hanoi)
    auth.login(hanoi.officer)
    assert client.get(f"/cases/{kept}/merge?other={absorbed}").status_code == 200
    reads = events(app, "case_viewed")
    assert {(e.object_id, e.detail["section"]) for e in reads} == {
        (str(kept), "merge"),
        (str(absorbed), "merge"),
    }


@pytest.mark.parametrize("query", ["le thi bich", "001185012345", "0118501"])
def test_a_search_is_audited_with_what_was_looked_for(app, client, auth, hanoi, case_id, query):
    auth.login(hanoi.caseworker_x)
    assert client.get("/people/", query_string={"q": query}).status_code == 200
    [search] = events(app, "people_searched")
    assert search.username == hanoi.caseworker_x
    assert search.detail == {"query": query, "found": 1, "channel": "page"}


def test_an_api_lookup_by_id_number_is_audited(app, api_as, hanoi, case_id):
    response = api_as(hanoi.caseworker_x).get("/api/v1/people?q=001185012345")
    assert response.status_code == 200
    [search] = events(app, "people_searched")
    assert search.detail["channel"] == "api" and search.detail["found"] == 1


def test_browsing_the_list_without_words_is_not_a_search(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    client.get("/people/")
    assert events(app, "people_searched") == []


# --- the audit log cannot be changed --------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET username = 'someone_else'",
        "UPDATE audit_events SET detail = NULL WHERE action = 'login'",
        "DELETE FROM audit_events",
    ],
)
def test_the_audit_log_refuses_updates_and_deletes_from_the_database_itself(app, statement):
    """Raw SQL, as an insider with the app's database role would send it: the trigger
    refuses it on SQLite and on PostgreSQL alike."""
    with app.app_context():
        audit.record("login", object_type="User", object_id=1)
        db.session.commit()
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
        [kept] = db.session.scalars(select(AuditEvent)).all()
        assert kept.action == "login" and kept.username is None


def test_the_audit_log_still_takes_new_events(app):
    with app.app_context():
        audit.record("login", object_type="User", object_id=1)
        audit.record("logout", object_type="User", object_id=1)
        db.session.commit()
        assert db.session.scalar(select(db.func.count()).select_from(AuditEvent)) == 2


# --- the receiving commune of a transfer ------------------------------------------------------


def test_before_accepting_the_receiving_commune_sees_only_what_the_decision_needs(
    app,
    client,
    auth,
    hanoi,
    case_x,  # noqa: F811
):
    with app.app_context():
        case = db.session.get(Case, case_x)
        case.release.offence_group = OffenceGroup.DRUGS
        case.release.detention_facility = "Trại giam Nam Hà"
        case.person.phone = "0987654321"
        case.person.birth_year = 1979
        db.session.commit()
    transfer_id = request_transfer_to_y(app, client, auth, hanoi, case_x)
    auth.logout()
    auth.login(hanoi.caseworker_y)

    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    assert 'data-testid="transfer-preview"' in page
    assert "Phạm Văn Dũng" in page and "1979" in page and REASON in page
    assert 'data-testid="transfer-accept"' in page
    for hidden in ("Ma túy", "Trại giam Nam Hà", "0987654321", "Thăm nhà lần đầu"):
        assert hidden not in page
    for tab in ("release", "contacts", "history"):
        shown = client.get(f"/cases/{case_x}?tab={tab}").get_data(as_text=True)
        assert "Trại giam Nam Hà" not in shown and "Thăm nhà lần đầu" not in shown
    assert client.post(f"/cases/{case_x}/reveal", data={"reason": "x" * 20}).status_code == 404
    assert client.get(f"/training/cases/{case_x}").status_code == 404
    reads = [e for e in events(app, "case_viewed") if e.username == hanoi.caseworker_y]
    assert reads and {e.detail["section"] for e in reads} == {"transfer_preview"}

    # Once accepted, the file is theirs.
    client.post(f"/transfers/{transfer_id}/accept")
    contacts = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert "Thăm nhà lần đầu" in contacts


# --- a double-clicked form makes one record ---------------------------------------------------


def token_of(page: str) -> str:
    import re

    return re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_registration_sent_twice_registers_once_and_answers_with_the_first(
    app, client, auth, hanoi
):
    auth.login(hanoi.caseworker_x)
    token = token_of(client.get("/people/new").get_data(as_text=True))
    data = registration_form(hanoi.commune_x, form_token=token)
    first = client.post("/people/new", data=data)
    second = client.post("/people/new", data=data)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == 1
        assert len(events(app, "person_registered")) == 1
    # A new form (a new token) registers the next person as usual.
    token = token_of(client.get("/people/new").get_data(as_text=True))
    other = registration_form(
        hanoi.commune_x, form_token=token, full_name="Trần Văn Bình", id_number="001085054321"
    )
    assert client.post("/people/new", data=other).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == 2


def test_a_refused_registration_can_be_corrected_and_sent_with_the_same_form(
    app, client, auth, hanoi
):
    auth.login(hanoi.caseworker_x)
    token = token_of(client.get("/people/new").get_data(as_text=True))
    refused = client.post(
        "/people/new", data=registration_form(hanoi.commune_x, form_token=token, full_name="")
    )
    assert refused.status_code == 422
    assert token_of(refused.get_data(as_text=True)) == token
    sent = client.post("/people/new", data=registration_form(hanoi.commune_x, form_token=token))
    assert sent.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == 1


def test_a_contact_sent_twice_is_recorded_once(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_id}/contacts/new").get_data(as_text=True)
    data = {
        "kind": "home_visit",
        "contact_on": "01/10/2025",
        "participants": "Chị Bích",
        "what_happened": "Thăm nhà.",
        "follow_up_id": "",
        "form_token": token_of(page),
    }
    first = client.post(f"/cases/{case_id}/contacts/new", data=data)
    second = client.post(f"/cases/{case_id}/contacts/new", data=data)
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Contact)) == 1


def test_a_token_of_another_user_answers_without_saying_where(app, client, auth, hanoi, case_id):
    auth.login(hanoi.caseworker_x)
    token = token_of(client.get("/people/new").get_data(as_text=True))
    client.post("/people/new", data=registration_form(hanoi.commune_x, form_token=token))
    auth.logout()
    auth.login(hanoi.caseworker_y)
    other = client.post(
        "/people/new",
        data=registration_form(hanoi.commune_y, form_token=token, id_number="001085054321"),
    )
    assert other.status_code == 302
    assert other.location == "/people/"
