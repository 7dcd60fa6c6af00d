"""Transfers between communes: requested with a reason, seen by both communes until the
receiving one decides; on acceptance the case and its whole history move."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.casework.models import Contact, ContactKind, Transfer, TransferStatus
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.notifications.models import Notification
from reintegration.people.models import Case, CaseStatus
from reintegration.people.services.revisions import record_revision, revisions_of
from tests.casework.helpers import audit_actions, marked, user
from tests.factories import HA_NOI, HUE, CaseFactory, PersonFactory, communes_of

REASON = "Anh Dũng chuyển về ở với vợ tại phường mới."


@pytest.fixture
def case_x(app, hanoi) -> int:
    """A case of commune X with a contact already in its log."""
    with app.app_context():
        worker = user(hanoi.caseworker_x)
        case = CaseFactory(
            person=PersonFactory(full_name="Phạm Văn Dũng"),
            commune_code=hanoi.commune_x,
            caseworker=worker,
        )
        db.session.flush()
        record_revision(case, worker)  # as registration does
        db.session.add(
            Contact(
                case_id=case.id,
                kind=ContactKind.HOME_VISIT,
                contact_on=today_local() - timedelta(days=3),
                participants="Anh Dũng",
                what_happened="Thăm nhà lần đầu, gia đình hợp tác.",
                author_id=worker.id,
            )
        )
        db.session.commit()
        return case.id


@pytest.fixture
def caseworker_z(app, make_user) -> str:
    """A caseworker of a third commune of Hà Nội."""
    with app.app_context():
        third = communes_of(HA_NOI, 3)[2].code
    return make_user(role=Role.CASEWORKER, username="canbo.z", communes=[third])


def login(auth, username):
    auth.logout()
    auth.login(username)


def request_transfer_to_y(app, client, auth, hanoi, case_id: int) -> int:
    """Commune X's caseworker asks to move the case to commune Y; the transfer's id."""
    auth.login(hanoi.caseworker_x)
    client.post(
        f"/cases/{case_id}/transfer?province={HA_NOI}",
        data={"to_commune_code": str(hanoi.commune_y), "reason": REASON},
    )
    with app.app_context():
        return db.session.scalars(select(Transfer.id)).one()


def sees(client, case_id: int) -> bool:
    """The case page opens and the people list shows it."""
    status = client.get(f"/cases/{case_id}").status_code
    listed = f'href="/cases/{case_id}"' in client.get("/people/").get_data(as_text=True)
    assert (status == 200) == listed, (status, listed)
    return status == 200


def test_a_transfer_end_to_end(app, client, auth, hanoi, case_x, caseworker_z):
    # Caseworker X asks for the transfer to commune Y, with a reason.
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    assert 'data-testid="transfer-request"' in page
    assert client.get(f"/cases/{case_x}/transfer").status_code == 200
    response = client.post(
        f"/cases/{case_x}/transfer?province={HA_NOI}",
        data={"to_commune_code": str(hanoi.commune_y), "reason": REASON},
    )
    assert response.status_code == 302
    with app.app_context():
        transfer = db.session.scalars(select(Transfer)).one()
        transfer_id = transfer.id
        assert (transfer.status, transfer.reason) == (TransferStatus.PENDING, REASON)
        assert (transfer.from_commune_code, transfer.to_commune_code) == (
            hanoi.commune_x,
            hanoi.commune_y,
        )
        [notice] = db.session.scalars(select(Notification)).all()
        assert notice.user.username == hanoi.caseworker_y
        assert notice.kind == "transfer_requested"
        assert notice.link == "/transfers/"

    # Both communes see it, in the list and on the case page.
    assert sees(client, case_x)
    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    assert marked(page, "transfer-pending", "data-transfer-id") == [str(transfer_id)]
    assert 'data-testid="transfer-cancel"' in page
    assert 'data-testid="transfer-accept"' not in page
    transfers = client.get("/transfers/").get_data(as_text=True)
    assert marked(transfers, "transfer", "data-direction") == ["outgoing"]

    login(auth, hanoi.caseworker_y)
    assert sees(client, case_x)
    page = client.get(f"/cases/{case_x}").get_data(as_text=True)
    assert REASON in page
    assert 'data-testid="transfer-accept"' in page
    assert "Phạm Văn Dũng" in client.get("/").get_data(as_text=True)  # my work today
    transfers = client.get("/transfers/").get_data(as_text=True)
    assert marked(transfers, "transfer", "data-direction") == ["incoming"]
    # Before accepting, Y sees what the decision needs (who, why), not the file: no
    # contacts, and nothing changes.
    assert 'data-testid="transfer-preview"' in page
    contacts = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert "Thăm nhà lần đầu, gia đình hợp tác." not in contacts
    assert client.get(f"/cases/{case_x}/contacts/new").status_code == 404
    assert client.get(f"/cases/{case_x}/edit").status_code == 404
    assert client.post(f"/transfers/{transfer_id}/cancel").status_code == 403

    # A caseworker of a third commune never sees it.
    login(auth, caseworker_z)
    assert not sees(client, case_x)
    assert client.post(f"/transfers/{transfer_id}/accept").status_code == 404
    assert 'data-testid="transfer"' not in client.get("/transfers/").get_data(as_text=True)

    # The sending side cannot accept its own request.
    login(auth, hanoi.caseworker_x)
    assert client.post(f"/transfers/{transfer_id}/accept").status_code == 403

    # Caseworker Y accepts.
    login(auth, hanoi.caseworker_y)
    response = client.post(f"/transfers/{transfer_id}/accept")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case_x}"
    with app.app_context():
        case = db.session.get(Case, case_x)
        assert case.commune_code == hanoi.commune_y
        assert case.caseworker.username == hanoi.caseworker_y
        transfer = db.session.get(Transfer, transfer_id)
        assert transfer.status == TransferStatus.ACCEPTED
        assert transfer.decided_by.username == hanoi.caseworker_y
        # The history travels: the same case id, its contact, and a revision of the move.
        assert db.session.scalars(select(Contact.case_id)).all() == [case_x]
        latest = revisions_of(case)[0]
        assert latest.data["commune_code"] == hanoi.commune_y
        assert latest.changed_by.username == hanoi.caseworker_y
        accepted = db.session.scalars(
            select(Notification).where(Notification.kind == "transfer_accepted")
        ).one()
        assert accepted.user.username == hanoi.caseworker_x

    assert sees(client, case_x)
    page = client.get(f"/cases/{case_x}?tab=contacts").get_data(as_text=True)
    assert "Thăm nhà lần đầu, gia đình hợp tác." in page
    assert 'data-testid="transfer-pending"' not in client.get(f"/cases/{case_x}").get_data(
        as_text=True
    )
    history = client.get(f"/cases/{case_x}?tab=history").get_data(as_text=True)
    x, y = hanoi.commune_x, hanoi.commune_y
    with app.app_context():
        moved = " → ".join(db.session.get(Commune, code).name for code in (x, y))
    assert moved in history  # the communes by name, as the reader knows them
    assert client.get(f"/cases/{case_x}/contacts/new").status_code == 200

    # X no longer sees it; Z still does not.
    login(auth, hanoi.caseworker_x)
    assert not sees(client, case_x)
    assert client.get(f"/cases/{case_x}?tab=contacts").status_code == 404
    decided = client.get("/transfers/").get_data(as_text=True)
    assert marked(decided, "transfer-decided", "data-status") == ["accepted"]
    login(auth, caseworker_z)
    assert not sees(client, case_x)
    assert [e.action for e in audit_actions(app, "transfer_")] == [
        "transfer_requested",
        "transfer_accepted",
    ]
    [moved] = audit_actions(app, "case_transferred")
    assert (moved.detail["from"], moved.detail["to"]) == (hanoi.commune_x, hanoi.commune_y)


def test_a_transfer_needs_a_reason_and_another_commune(app, client, auth, hanoi, case_x):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{case_x}/transfer?province={HA_NOI}"
    no_reason = {"to_commune_code": str(hanoi.commune_y), "reason": ""}
    assert client.post(url, data=no_reason).status_code == 422
    same = {"to_commune_code": str(hanoi.commune_x), "reason": REASON}
    refused = client.post(url, data=same)  # not even offered
    assert refused.status_code == 422
    assert REASON in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Transfer)).all() == []


def test_refused_when_the_person_has_an_open_case_there(app, client, auth, hanoi, case_x):
    with app.app_context():
        person = db.session.get(Case, case_x).person
        CaseFactory(person=person, commune_code=hanoi.commune_y, status=CaseStatus.NOTIFIED)
        db.session.commit()
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_x}/transfer?province={HA_NOI}",
        data={"to_commune_code": str(hanoi.commune_y), "reason": REASON},
    )
    assert response.status_code == 422
    assert 'id="to_commune_code-errors"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Transfer)).all() == []


def test_the_receiving_commune_refuses_with_a_reason(app, client, auth, hanoi, case_x):
    transfer_id = request_transfer_to_y(app, client, auth, hanoi, case_x)
    login(auth, hanoi.caseworker_y)
    client.post(f"/transfers/{transfer_id}/refuse", data={"refuse-note": ""})
    with app.app_context():
        assert db.session.get(Transfer, transfer_id).status == TransferStatus.PENDING
    note = "Địa chỉ không thuộc phường này."
    assert (
        client.post(f"/transfers/{transfer_id}/refuse", data={"refuse-note": note}).status_code
        == 302
    )
    assert client.get(f"/cases/{case_x}").status_code == 404  # it stays in X
    with app.app_context():
        transfer = db.session.get(Transfer, transfer_id)
        assert (transfer.status, transfer.decision_note) == (TransferStatus.REFUSED, note)
        assert db.session.get(Case, case_x).commune_code == hanoi.commune_x
        refused = db.session.scalars(
            select(Notification).where(Notification.kind == "transfer_refused")
        ).one()
        assert (refused.user.username, refused.params["note"]) == (hanoi.caseworker_x, note)
    login(auth, hanoi.caseworker_x)
    assert 'data-testid="transfer-request"' in client.get(f"/cases/{case_x}").get_data(as_text=True)


def test_the_sending_commune_cancels(app, client, auth, hanoi, case_x):
    transfer_id = request_transfer_to_y(app, client, auth, hanoi, case_x)
    assert client.post(f"/transfers/{transfer_id}/cancel").status_code == 302
    with app.app_context():
        assert db.session.get(Transfer, transfer_id).status == TransferStatus.CANCELLED
    login(auth, hanoi.caseworker_y)
    assert client.get(f"/cases/{case_x}").status_code == 404


def test_a_transfer_to_another_province(app, client, auth, make_user, hanoi, case_x):
    """Huế has no caseworker in the commune: its province officer is told, and accepts."""
    with app.app_context():
        hue_commune = communes_of(HUE, 1)[0].code
    hue_officer = make_user(role=Role.PROVINCE_OFFICER, username="tinh.hue", province_code=HUE)
    auth.login(hanoi.caseworker_x)
    response = client.post(
        f"/cases/{case_x}/transfer?province={HUE}",
        data={"to_commune_code": str(hue_commune), "reason": REASON},
    )
    assert response.status_code == 302
    with app.app_context():
        [notice] = db.session.scalars(select(Notification)).all()
        assert notice.user.username == hue_officer
        transfer_id = db.session.scalars(select(Transfer.id)).one()

    login(auth, hanoi.officer)  # the sending province's officer sees it too
    assert sees(client, case_x)
    login(auth, hue_officer)
    assert sees(client, case_x)
    assert client.post(f"/transfers/{transfer_id}/accept").status_code == 302
    with app.app_context():
        case = db.session.get(Case, case_x)
        assert (case.commune_code, case.caseworker) == (hue_commune, None)
    assert sees(client, case_x)
    login(auth, hanoi.officer)
    assert not sees(client, case_x)


def test_closing_a_case_cancels_its_waiting_transfer(app, client, auth, hanoi, case_x):
    transfer_id = request_transfer_to_y(app, client, auth, hanoi, case_x)
    with app.app_context():
        version = db.session.get(Case, case_x).version
    login(auth, hanoi.caseworker_y)
    waiting = client.get("/transfers/").get_data(as_text=True)
    assert marked(waiting, "transfer", "data-direction") == ["incoming"]
    login(auth, hanoi.caseworker_x)
    closed = client.post(
        f"/cases/{case_x}/status",
        data={"action": "close", "on": today_local().strftime("%d/%m/%Y"),
              "close_reason": "deceased", "version": str(version)},
    )  # fmt: skip
    assert closed.status_code == 302
    with app.app_context():
        transfer = db.session.get(Transfer, transfer_id)
        assert transfer.status == TransferStatus.CANCELLED
        assert transfer.decided_by.username == hanoi.caseworker_x
    (cancelled,) = audit_actions(app, "transfer_cancelled")
    assert (cancelled.object_id, cancelled.detail) == (
        str(transfer_id), {"case_id": case_x, "because": "case_closed"},
    )  # fmt: skip
    login(auth, hanoi.caseworker_y)
    assert (
        marked(client.get("/transfers/").get_data(as_text=True), "transfer", "data-direction") == []
    )
    client.post(f"/transfers/{transfer_id}/accept")
    with app.app_context():
        assert db.session.get(Transfer, transfer_id).status == TransferStatus.CANCELLED
        assert db.session.get(Case, case_x).commune_code == hanoi.commune_x
