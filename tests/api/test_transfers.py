"""Transfers through the API: the casework services, seen from both communes, requested
by the sending one and decided once by the receiving one."""

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.casework.models import Transfer, TransferStatus
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case
from tests.factories import HUE, CaseFactory, PersonFactory

REASON = "Anh Dũng chuyển về ở với vợ tại xã mới."


def make_case(app, commune_code) -> int:
    with app.app_context():
        case = CaseFactory(
            person=PersonFactory(full_name="Phạm Văn Dũng"), commune_code=commune_code
        )
        db.session.commit()
        return case.id


def request(api, case_id, to_commune, reason=REASON):
    return api.post(
        f"/api/v1/cases/{case_id}/transfers", json={"to_commune_code": to_commune, "reason": reason}
    )


def test_request_then_accept_moves_the_case(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    sender, receiver = api_as(hanoi.caseworker_x), api_as(hanoi.caseworker_y)
    asked = request(sender, case_id, hanoi.commune_y)
    assert asked.status_code == 201, asked.json
    transfer = asked.json
    assert transfer["status"] == "pending"
    assert transfer["direction"] == "outgoing"
    assert transfer["available_actions"] == ["cancel"]
    assert asked.headers["Location"].endswith(f"/api/v1/transfers/{transfer['id']}")

    waiting = receiver.get("/api/v1/transfers")
    assert waiting.status_code == 200
    assert waiting.json["total"] == 1
    incoming = waiting.json["items"][0]
    assert incoming["person"]["full_name"] == "Phạm Văn Dũng"
    assert incoming["direction"] == "incoming"
    assert incoming["available_actions"] == ["accept", "refuse"]
    # Before deciding, the receiving commune has what the decision needs (who, born when,
    # why), not the case file.
    assert incoming["person"]["birth_year"] and incoming["reason"]
    assert receiver.get(f"/api/v1/cases/{case_id}").status_code == 404

    accepted = receiver.post(f"/api/v1/transfers/{transfer['id']}/accept", json={})
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["status"] == "accepted"
    assert accepted.json["decided_by"]["id"]
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.commune_code == hanoi.commune_y
        assert case.caseworker.username == hanoi.caseworker_y
    assert receiver.get("/api/v1/transfers").json["total"] == 0
    decided = receiver.get("/api/v1/transfers?state=decided").json
    assert [t["id"] for t in decided["items"]] == [transfer["id"]]
    # The sending commune no longer reaches the case.
    assert sender.get(f"/api/v1/cases/{case_id}").status_code == 404


def test_a_transfer_is_decided_once(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    transfer_id = request(api_as(hanoi.caseworker_x), case_id, hanoi.commune_y).json["id"]
    receiver = api_as(hanoi.caseworker_y)
    first = receiver.post(f"/api/v1/transfers/{transfer_id}/refuse", json={"note": "Sai địa chỉ"})
    assert first.status_code == 200
    assert first.json["decision_note"] == "Sai địa chỉ"
    again = receiver.post(f"/api/v1/transfers/{transfer_id}/accept")
    assert again.status_code == 409
    assert again.json["errors"][0]["code"] == "wrong_state"
    with app.app_context():
        assert db.session.get(Case, case_id).commune_code == hanoi.commune_x
        assert db.session.get(Transfer, transfer_id).status == TransferStatus.REFUSED


def test_only_the_receiving_commune_decides_and_only_the_sending_one_asks(
    app, hanoi, make_user, api_as
):
    case_id = make_case(app, hanoi.commune_x)
    sender = api_as(hanoi.caseworker_x)
    # Another commune cannot even see the case it would move.
    assert request(api_as(hanoi.caseworker_y), case_id, hanoi.commune_y).status_code == 404
    transfer_id = request(sender, case_id, hanoi.commune_y).json["id"]
    refused = sender.post(f"/api/v1/transfers/{transfer_id}/accept")
    assert refused.status_code == 403
    assert refused.json["errors"][0]["code"] == "forbidden"
    hue = api_as(make_user(role=Role.PROVINCE_OFFICER, province_code=HUE))
    assert hue.get(f"/api/v1/transfers/{transfer_id}").status_code == 404
    assert hue.post(f"/api/v1/transfers/{transfer_id}/accept").status_code == 404
    assert hue.get("/api/v1/transfers").json["total"] == 0
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER))
    assert viewer.get("/api/v1/transfers").status_code == 403


def test_refusals_of_the_service_name_their_field(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    same = request(api, case_id, hanoi.commune_x)
    assert same.status_code == 422
    assert same.json["errors"][0]["field"] == "to_commune_code"
    blank = request(api, case_id, hanoi.commune_y, reason="   ")
    assert blank.status_code == 422
    assert blank.json["errors"][0]["field"] == "reason"
    missing = api.post(f"/api/v1/cases/{case_id}/transfers", json={"reason": REASON})
    assert missing.status_code == 422
    assert missing.json["errors"] == [
        {"field": "to_commune_code", "code": "required", "message": "Trường này là bắt buộc."}
    ]
    assert request(api, case_id, hanoi.commune_y).status_code == 201
    twice = request(api, case_id, hanoi.commune_y)
    assert twice.status_code == 409
    transfer_id = api.get(f"/api/v1/cases/{case_id}/transfers").json["items"][0]["id"]
    note = api_as(hanoi.caseworker_y).post(f"/api/v1/transfers/{transfer_id}/refuse", json={})
    assert note.status_code == 422
    assert note.json["errors"][0]["field"] == "note"


def test_the_case_history_of_transfers_is_audited_and_a_request_withdrawn(app, hanoi, api_as):
    case_id = make_case(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)
    transfer_id = request(api, case_id, hanoi.commune_y).json["id"]
    cancelled = api.post(f"/api/v1/transfers/{transfer_id}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json["status"] == "cancelled"
    history = api.get(f"/api/v1/cases/{case_id}/transfers")
    assert history.status_code == 200
    assert [(t["id"], t["status"]) for t in history.json["items"]] == [(transfer_id, "cancelled")]
    assert history.json["total"] == 1
    assert api_as(hanoi.caseworker_y).get(f"/api/v1/cases/{case_id}/transfers").status_code == 404
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert "transfer_requested" in actions and "transfer_cancelled" in actions
        section = db.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "case_viewed")
        )
        assert section["section"] == "api:transfers"
