"""The contact log: recording, the author's 24-hour edit window, correction notes, and a
contact completing the follow-up it answers."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.casework.models import (
    Contact,
    ContactKind,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
)
from reintegration.casework.models.contact import ContactIsFixed
from reintegration.casework.services import contacts as service
from reintegration.core.clock import now_utc, today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from tests.casework.helpers import audit_actions, marked, user
from tests.factories import CaseFactory, PersonFactory


@pytest.fixture
def case_x(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(
            person=PersonFactory(full_name="Trần Văn Bình"),
            commune_code=hanoi.commune_x,
            caseworker=user(hanoi.caseworker_x),
        )
        db.session.commit()
        return case.id


def contact_form(**overrides) -> dict:
    data = {
        "kind": "home_visit",
        "contact_on": today_local().strftime("%d/%m/%Y"),
        "participants": "Anh Bình, mẹ anh Bình",
        "what_happened": "Anh Bình đã đi làm phụ hồ được hai tuần.",
        "next_steps": "Hỗ trợ làm lại căn cước.",
    }
    data.update(overrides)
    return data


def only_contact(app) -> Contact:
    with app.app_context():
        return db.session.scalars(select(Contact)).one()


def test_recording_a_contact_shows_it_in_the_tab(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    assert client.get(f"/cases/{case_x}/contacts/new").status_code == 200
    response = client.post(f"/cases/{case_x}/contacts/new", data=contact_form())
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case_x}?tab=contacts"

    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert page.count('data-testid="contact"') == 1
    assert "Anh Bình đã đi làm phụ hồ được hai tuần." in page
    assert "Hỗ trợ làm lại căn cước." in page
    assert 'data-testid="contact-edit"' in page  # the author, within 24 hours
    [event] = audit_actions(app, "contact_recorded")
    assert event.detail["case_id"] == case_x
    assert event.username == hanoi.caseworker_x


def test_a_contact_needs_who_and_what_and_no_future_date(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    tomorrow = (today_local() + timedelta(days=1)).strftime("%d/%m/%Y")
    refused = client.post(f"/cases/{case_x}/contacts/new", data=contact_form(contact_on=tomorrow))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f'value="{tomorrow}"' in page
    assert "Anh Bình đã đi làm phụ hồ được hai tuần." in page  # what was typed, kept
    assert (
        client.post(f"/cases/{case_x}/contacts/new", data=contact_form(what_happened=""))
    ).status_code == 422
    with app.app_context():
        assert db.session.scalars(select(Contact)).all() == []


def test_other_communes_never_reach_the_contacts(client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_y)
    assert client.get(f"/cases/{case_x}?tab=contacts").status_code == 404
    assert client.get(f"/cases/{case_x}/contacts/new").status_code == 404
    assert client.post(f"/cases/{case_x}/contacts/new", data=contact_form()).status_code == 404


def test_the_24_hour_window_then_a_visible_correction(app, client, auth, make_user, hanoi, case_x):
    colleague = make_user(role=Role.CASEWORKER, username="canbo.x2", communes=[hanoi.commune_x])
    auth.login(hanoi.caseworker_x)
    client.post(f"/cases/{case_x}/contacts/new", data=contact_form())
    contact_id = only_contact(app).id
    edit_url = f"/cases/{case_x}/contacts/{contact_id}/edit"

    # Within 24 hours the author edits it; a refused edit keeps what was typed.
    assert client.get(edit_url).status_code == 200
    typed = contact_form(participants="Anh Bình, chị gái anh Bình", what_happened="")
    refused = client.post(edit_url, data=typed)
    assert refused.status_code == 422
    assert "Anh Bình, chị gái anh Bình" in refused.get_data(as_text=True)
    fixed = contact_form(what_happened="Anh Bình đã đi làm phụ hồ được ba tuần.")
    assert client.post(edit_url, data=fixed).status_code == 302
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert "được ba tuần" in page
    assert 'data-testid="contact-edited"' in page

    # Another caseworker of the same commune cannot edit it (but may add a correction).
    auth.logout()
    auth.login(colleague)
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, data=contact_form(what_happened="Khác")).status_code == 403
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert 'data-testid="contact-edit"' not in page
    assert 'data-testid="contact-correct"' in page
    auth.logout()

    # 25 hours later even the author cannot rewrite it.
    with app.app_context():
        contact = db.session.get(Contact, contact_id)
        contact.created_at = now_utc() - timedelta(hours=25)
        db.session.commit()
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert 'data-testid="contact-edit"' not in page
    refused = client.post(edit_url, data=contact_form(what_happened="Viết lại toàn bộ"))
    assert refused.status_code == 302
    correct_url = f"/cases/{case_x}/contacts/{contact_id}/correct"
    assert refused.headers["Location"] == correct_url
    assert only_contact(app).what_happened == "Anh Bình đã đi làm phụ hồ được ba tuần."

    # The correction is added, shown under the contact; the original text stays.
    assert client.post(correct_url, data={"note": ""}).status_code == 422
    too_long = "Nhầm ngày. " * 500  # over the 5,000 characters a note takes
    refused = client.post(correct_url, data={"note": too_long})
    assert refused.status_code == 422
    assert too_long.strip() in refused.get_data(as_text=True)
    note = "Nhầm ngày: buổi thăm là hôm trước, không phải hôm nay."
    assert client.post(correct_url, data={"note": note}).status_code == 302
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert "Anh Bình đã đi làm phụ hồ được ba tuần." in page
    assert page.count('data-testid="contact-correction"') == 1
    assert note in page
    assert page.index("được ba tuần") < page.index(note)
    assert [e.action for e in audit_actions(app, "contact_")] == [
        "contact_recorded",
        "contact_edited",
        "contact_corrected",
    ]


def test_the_window_is_a_rule_of_the_service_and_of_the_table(app, hanoi, case_x):
    with app.app_context():
        author = user(hanoi.caseworker_x)
        case = db.session.get(CaseFactory._meta.model, case_x)
        data = service.ContactData(
            ContactKind.PHONE_CALL, today_local(), "Anh Bình", "Gọi điện hỏi thăm."
        )
        contact = service.record_contact(case, data, author)
        created = contact.created_at
        changed = service.ContactData(
            ContactKind.PHONE_CALL, today_local(), "Anh Bình", "Gọi điện, anh Bình ốm."
        )
        assert service.edit_contact(
            contact, changed, author, now=created + timedelta(hours=23, minutes=59)
        ) == ["what_happened"]
        with pytest.raises(DomainError) as refused:
            service.edit_contact(contact, data, author, now=created + timedelta(hours=24))
        assert refused.value.code == "fixed"
        db.session.commit()

        # Code that skipped the service could not rewrite an old contact either.
        contact.created_at = now_utc() - timedelta(days=3)
        db.session.commit()
        contact.what_happened = "Viết lại"
        with pytest.raises(ContactIsFixed):
            db.session.flush()
        db.session.rollback()


def test_a_contact_completes_the_follow_up_it_answers(app, client, auth, hanoi, case_x):
    today = today_local()
    with app.app_context():
        due = FollowUp(
            case_id=case_x, due_on=today - timedelta(days=2), kind=FollowUpKind.HOME_VISIT
        )
        far = FollowUp(
            case_id=case_x, due_on=today + timedelta(days=40), kind=FollowUpKind.PHONE_CALL
        )
        db.session.add_all([due, far])
        db.session.commit()
        due_id, far_id = due.id, far.id

    auth.login(hanoi.caseworker_x)
    form_page = client.get(f"/cases/{case_x}/contacts/new").get_data(as_text=True)
    assert f'<option value="{due_id}"' in form_page
    assert f'<option value="{far_id}"' not in form_page  # beyond the two-week window
    response = client.post(
        f"/cases/{case_x}/contacts/new", data=contact_form(follow_up_id=str(due_id))
    )
    assert response.status_code == 302

    with app.app_context():
        contact = db.session.scalars(select(Contact)).one()
        follow_up = db.session.get(FollowUp, due_id)
        assert follow_up.status == FollowUpStatus.DONE
        assert follow_up.done_on == today
        assert follow_up.contact_id == contact.id
        assert follow_up.done_by.username == hanoi.caseworker_x
        assert db.session.get(FollowUp, far_id).status == FollowUpStatus.DUE
    # Answered once: it is no longer offered.
    form_page = client.get(f"/cases/{case_x}/contacts/new").get_data(as_text=True)
    assert f'<option value="{due_id}"' not in form_page


def test_a_follow_up_of_another_case_is_refused(app, hanoi, case_x):
    with app.app_context():
        other = CaseFactory(commune_code=hanoi.commune_x)
        follow_up = FollowUp(case=other, due_on=today_local(), kind=FollowUpKind.HOME_VISIT)
        db.session.add(follow_up)
        db.session.flush()
        case = db.session.get(CaseFactory._meta.model, case_x)
        data = service.ContactData(ContactKind.HOME_VISIT, today_local(), "Anh Bình", "Thăm.")
        with pytest.raises(DomainError) as refused:
            service.record_contact(case, data, user(hanoi.caseworker_x), follow_up=follow_up)
        assert refused.value.field == "follow_up_id"
        db.session.rollback()


def test_the_contacts_tab_lists_newest_first(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    today = today_local()
    for days, text in ((5, "Lần thứ nhất"), (1, "Lần thứ hai")):
        day = (today - timedelta(days=days)).strftime("%d/%m/%Y")
        client.post(
            f"/cases/{case_x}/contacts/new",
            data=contact_form(contact_on=day, what_happened=text),
        )
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert page.index("Lần thứ hai") < page.index("Lần thứ nhất")
    assert len(marked(page, "contact", "data-contact-id")) == 2
