"""A person's data-access report: province officers of the person's province produce it,
as JSON or a Vietnamese PDF, after giving a reason; every production is audited."""

import io
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from tests.factories import HUE
from tests.privacy.factories import CONTACT_TEXT, ID_NUMBER, NAME, person_with_file, user

REASON = "Chị Ngọc yêu cầu xem dữ liệu (đơn ngày 02/03/2026)"


@pytest.fixture
def file(app, hanoi):
    with app.app_context():
        made = person_with_file(hanoi.commune_x, user(hanoi.caseworker_x))
        db.session.commit()
        return made


def url(file) -> str:
    return f"/privacy/people/{file.person_id}/access-report"


def productions(app) -> list[AuditEvent]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "access_report_produced")
            )
        )


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_the_province_officer_gets_the_form(client, auth, hanoi, file):
    auth.login(hanoi.officer)
    response = client.get(url(file))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert NAME in page
    assert 'for="reason"' in page and 'for="format"' in page


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADMIN, Role.COMMITTEE_VIEWER,
                                  Role.UNION_REVIEWER])  # fmt: skip
def test_other_roles_are_refused(client, auth, make_user, file, role):
    auth.login(make_user(role=role))
    assert client.get(url(file)).status_code == 403
    assert client.post(url(file), data={"reason": REASON, "format": "json"}).status_code == 403
    assert productions(client.application) == []


def test_an_officer_of_another_province_cannot_tell_the_person_exists(
    client, auth, make_user, file
):
    auth.login(make_user(role=Role.PROVINCE_OFFICER, province_code=HUE))
    assert client.get(url(file)).status_code == 404
    assert client.post(url(file), data={"reason": REASON, "format": "json"}).status_code == 404
    assert client.get("/privacy/people/999999/access-report").status_code == 404


def test_a_short_reason_is_refused_next_to_the_field(app, client, auth, hanoi, file):
    auth.login(hanoi.officer)
    response = client.post(url(file), data={"reason": "xem", "format": "pdf"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="reason-errors"' in page
    assert re.search(r">\s*xem</textarea>", page)
    assert productions(app) == []


def test_json_holds_every_table_and_the_production_is_audited(app, client, auth, hanoi, file):
    auth.login(hanoi.officer)
    response = client.post(url(file), data={"reason": REASON, "format": "json"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert f"du-lieu-ca-nhan-{file.person_id}.json" in response.headers["Content-Disposition"]
    report = json.loads(response.data)
    sections = report["sections"]
    assert report["person_id"] == file.person_id
    assert sections["person"][0]["full_name"] == NAME
    assert sections["person"][0]["id_number"] == ID_NUMBER
    assert sections["person"][0]["birth_date"] == "1985-07-14"
    assert "search_text" not in sections["person"][0]
    assert sections["releases"][0]["detention_facility"] == "Trại giam Thanh Xuân"
    assert [c["id"] for c in sections["cases"]] == [file.case_id]
    assert sections["contacts"][0]["what_happened"] == CONTACT_TEXT
    assert sections["contact_corrections"][0]["note"] == "Số nhà 14"
    assert sections["classification_changes"][0]["new"] == "B"
    assert sections["need_scores"] == [
        {"assessment_id": sections["assessments"][0]["id"], "need": "skills", "score": 2}
    ]
    assert sections["goal_progress"][0]["note"] == "Đã nộp hồ sơ"
    assert sections["follow_ups"][0]["outcome"] == "Chị Ngọc ổn định"
    assert sections["transfers"][0]["reason"] == "Chị Ngọc chuyển về ở với chồng"
    assert sections["loan_applications"][0]["amount_requested"] == 50_000_000
    assert sections["loan_transitions"][0]["comment"] == "Hồ sơ của chị Ngọc"
    assert sections["loan_documents"][0]["original_name"] == "cccd-tran-thi-bich-ngoc.pdf"
    assert sections["training_placements"][0]["certificate_number"] == "CC-2019-77"
    assert sections["job_referrals"][0]["end_note"] == "Chị Ngọc nghỉ sinh con"
    assert sections["work_profile"][0]["notes"] == "Chị Ngọc muốn làm gần nhà"
    assert sections["release_list_rows"][0]["values"]["Số CCCD"] == ID_NUMBER
    assert sections["notifications"][0]["params"]["name"] == NAME
    assert {v["object_type"] for v in sections["saved_versions"]} == {"Person", "Case", "Release"}
    assert [(e["action"], e["username"]) for e in sections["audit_trail"]] == [
        ("case_viewed", hanoi.caseworker_x)
    ]
    assert sections["anonymisation"] == []

    [event] = productions(app)
    assert event.username == hanoi.officer
    assert event.object_type == "Person" and event.object_id == str(file.person_id)
    assert event.detail["format"] == "json"
    assert event.detail["reason"] == REASON
    assert event.detail["cases"] == [file.case_id]


def test_the_next_report_shows_the_previous_production(app, client, auth, hanoi, file):
    auth.login(hanoi.officer)
    client.post(url(file), data={"reason": REASON, "format": "json"})
    report = json.loads(client.post(url(file), data={"reason": REASON, "format": "json"}).data)
    assert [e["action"] for e in report["sections"]["audit_trail"]] == [
        "case_viewed",
        "access_report_produced",
    ]
    assert len(productions(app)) == 2


def test_the_pdf_is_in_vietnamese_and_audited(app, client, auth, hanoi, file):
    auth.login(hanoi.officer)
    response = client.post(url(file), data={"reason": REASON, "format": "pdf"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    for held in (NAME, ID_NUMBER, "14/07/1985", CONTACT_TEXT, "50.000.000 ₫", REASON):
        assert held in text
    for vietnamese in (
        "BÁO CÁO DỮ LIỆU CÁ NHÂN",
        "Quá trình phân loại",
        "Những người đã xem hoặc sửa hồ sơ",
    ):
        assert vietnamese in text
    [event] = productions(app)
    assert event.detail["format"] == "pdf"
