"""What a phone keeps: only the visits of the coming week, only what a visit needs, only
the caseworker's own cases; the preparation audited with its cases."""

from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db

PACK = "/api/v1/offline/pack"


def test_the_pack_holds_the_weeks_visits_of_ones_own_cases(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    response = client.post(PACK, json={})
    assert response.status_code == 200, response.json
    pack = response.json
    assert [case["case_id"] for case in pack["cases"]] == [field.case]
    case = pack["cases"][0]
    assert case["name"] == "Lê Văn Tám"
    assert case["address"] == "Xóm 3, thôn Đông"
    assert case["phone"] == "0912345678"
    assert case["relative"] == "Mẹ: bà Lê Thị Hoa, 0987654321"
    assert [f["id"] for f in case["follow_ups"]] == [field.follow_up]
    assert [c["summary"] for c in case["contacts"]] == [
        "Lần thăm cách đây 10 ngày.",
        "Lần thăm cách đây 20 ngày.",
        "Lần thăm cách đây 30 ngày.",
    ]
    assert [g["title"] for g in case["goals"]] == ["Làm lại căn cước"]
    assert set(case["based_on"]) == {"case", "goals", "commune"}
    assert pack["kept_days"] == 7


def test_the_pack_never_holds_the_offence_or_the_release(client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    text = client.post(PACK, json={}).get_data(as_text=True)
    for word in ("offence", "release", "sentence", "Trại giam", "property", "id_number"):
        assert word not in text


def test_the_preparation_is_audited_with_its_cases(app, client, auth, hanoi, field):
    auth.login(hanoi.caseworker_x)
    client.post(PACK, json={})
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "offline_visits_prepared")
        )
        assert event.detail["case_ids"] == [field.case]
        assert event.detail["until"]


def test_only_caseworkers_keep_visits_on_a_phone(client, auth, hanoi, field):
    auth.login(hanoi.officer)
    assert client.post(PACK, json={}).status_code == 403
