"""The case file: scope, audit of every read, offence details behind a stated reason."""

import re

import pytest

from reintegration.accounts.models import Role
from reintegration.extensions import db
from tests.factories import CaseFactory, PersonFactory
from tests.people.conftest import audit_events


@pytest.fixture
def case_x(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(
            person=PersonFactory(full_name="Hoàng Văn Nam"), commune_code=hanoi.commune_x
        )
        db.session.commit()
        return case.id


def test_each_view_is_audited(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    assert client.get(f"/cases/{case_x}").status_code == 200
    assert client.get(f"/cases/{case_x}?tab=history").status_code == 200
    events = audit_events(app, "case_viewed")
    assert [(e.object_id, e.username, e.detail["section"]) for e in events] == [
        (str(case_x), hanoi.caseworker_x, "overview"),
        (str(case_x), hanoi.caseworker_x, "history"),
    ]


def test_other_communes_caseworker_gets_404(client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_y)
    assert client.get(f"/cases/{case_x}").status_code == 404
    assert client.get(f"/cases/{case_x}/person").status_code == 404
    assert client.post(f"/cases/{case_x}/reveal", data={"reason": "x" * 20}).status_code == 404
    assert "Hoàng Văn Nam" not in client.get("/people/?q=hoang").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.UNION_REVIEWER, Role.COMMITTEE_VIEWER, Role.ADMIN])
def test_roles_without_person_files_never_reach_it(client, auth, make_user, case_x, role):
    auth.login(make_user(role=role))
    assert client.get(f"/cases/{case_x}").status_code == 403
    assert client.get("/people/").status_code == 403
    assert client.post(f"/cases/{case_x}/reveal", data={"reason": "x" * 20}).status_code == 403


def test_offence_is_hidden_until_a_reason_is_given(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_x}?tab=release").get_data(as_text=True)
    assert 'data-testid="offence-hidden"' in page
    assert "Trại giam Ninh Khánh" not in page

    refused = client.post(f"/cases/{case_x}/reveal", data={"reason": "xem"})
    assert refused.status_code == 422
    assert "ít nhất 10 ký tự" in refused.get_data(as_text=True)
    assert re.search(r">\s*xem</textarea>", refused.get_data(as_text=True))  # kept
    assert audit_events(app, "offence_revealed") == []

    reason = "Chuẩn bị hồ sơ giới thiệu việc làm"
    shown = client.post(f"/cases/{case_x}/reveal", data={"reason": reason})
    assert shown.status_code == 302
    page = client.get(f"/cases/{case_x}?tab=release").get_data(as_text=True)
    assert "Trại giam Ninh Khánh" in page
    assert 'data-testid="offence-details"' in page
    [event] = audit_events(app, "offence_revealed")
    assert (event.username, event.detail["reason"]) == (hanoi.caseworker_x, reason)


def test_revealing_lasts_only_for_this_session(app, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    auth.client.post(f"/cases/{case_x}/reveal", data={"reason": "Chuẩn bị hồ sơ vay vốn"})
    other = app.test_client()
    other.post("/login", data={"username": hanoi.caseworker_x, "password": "correct-horse-battery"})
    page = other.get(f"/cases/{case_x}?tab=release").get_data(as_text=True)
    assert "Trại giam Ninh Khánh" not in page


def test_classification_change_keeps_its_history(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_x}?tab=classification").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    response = client.post(
        f"/cases/{case_x}/classification",
        data={"classification": "C", "reason": "Bỏ sinh hoạt tổ dân phố", "version": version},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case_x}?tab=classification").get_data(as_text=True)
    assert "Bỏ sinh hoạt tổ dân phố" in page
    assert "— → C" in page
    [event] = audit_events(app, "classification_changed")
    assert event.object_id == str(case_x)


def test_classification_change_needs_a_reason(client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_x}/classification",
        data={"classification": "B", "reason": "", "version": "1"},
    )
    assert response.status_code == 422
    refused = client.post(
        f"/cases/{case_x}/classification",
        data={"classification": "Z", "reason": "Đi làm xa nhà", "version": "1"},
    )
    assert refused.status_code == 422
    assert re.search(r">\s*Đi làm xa nhà</textarea>", refused.get_data(as_text=True))


def test_a_status_change_naming_no_action_is_a_malformed_request(client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    data = {"action": "reopen", "on": "10/09/2025", "version": "1"}  # the buttons name one
    assert client.post(f"/cases/{case_x}/status", data=data).status_code == 400


def test_status_transition_from_the_wrong_state_is_refused(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)  # the case is active
    response = client.post(
        f"/cases/{case_x}/status", data={"action": "receive", "on": "10/09/2025", "version": "1"}
    )
    assert response.status_code == 422
    assert "không thể chuyển sang" in response.get_data(as_text=True)


def test_closing_needs_a_reason(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    refused = client.post(
        f"/cases/{case_x}/status", data={"action": "close", "on": "11/09/2025", "version": "1"}
    )
    assert refused.status_code == 422
    assert 'value="11/09/2025"' in refused.get_data(as_text=True)  # the day typed, kept
    closed = client.post(
        f"/cases/{case_x}/status",
        data={
            "action": "close",
            "on": "10/09/2025",
            "close_reason": "moved_away",
            "version": "1",
        },
    )
    assert closed.status_code == 302
    assert "Chuyển đi nơi khác" in client.get(f"/cases/{case_x}").get_data(as_text=True)


def test_case_file_forms_carry_csrf_tokens(app, client, auth, hanoi, case_x, monkeypatch):
    auth.login(hanoi.caseworker_x)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    without = client.post(
        f"/cases/{case_x}/status",
        data={"action": "close", "on": "10/09/2025", "close_reason": "deceased", "version": "1"},
    )
    assert without.status_code == 400  # no token: a malformed request, refused before the form
    with_token = client.post(
        f"/cases/{case_x}/status",
        data={
            "action": "close",
            "on": "10/09/2025",
            "close_reason": "deceased",
            "version": "1",
            "csrf_token": token,
        },
    )
    assert with_token.status_code == 302


def test_training_and_jobs_tab_shows_both_sections_and_is_audited(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_x}?tab=training_jobs").get_data(as_text=True)
    assert "Học nghề và việc làm" in page
    for heading in (
        'id="training-heading"',
        'id="work-profile-heading"',
        'id="job-referrals-heading"',
    ):
        assert heading in page
    sections = [e.detail["section"] for e in audit_events(app, "case_viewed")]
    assert sections == ["training_jobs"]


def test_province_officer_is_offered_the_personal_data_report(client, auth, hanoi, case_x):
    auth.login(hanoi.officer)
    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    assert "/access-report" in page
    auth.logout()
    auth.login(hanoi.caseworker_x)
    assert "/access-report" not in client.get(f"/cases/{case_x}").get_data(as_text=True)
