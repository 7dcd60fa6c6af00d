"""The printable forms render Vietnamese: the PDF's text, extracted, holds the Vietnamese
words (compared in NFC, with spaces made plain)."""

import io
import re
import unicodedata

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext
from pypdf import PdfReader
from sqlalchemy import select

from reintegration import PACKAGE_DIR
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.extensions import db
from tests.loans.conftest import advance, new_application

TRANSLATIONS = PACKAGE_DIR / "translations"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.fixture
def endorsed_id(app, loan_people) -> int:
    with app.app_context():
        application = advance(
            new_application(loan_people), loan_people, "endorse", today=today_local()
        )
        db.session.commit()
        return application.id


def test_application_summary_is_a_vietnamese_pdf(app, client, auth, loan_people, endorsed_id):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.get(f"/loans/{endorsed_id}/summary.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    for vietnamese in (
        "Nguyễn Thị Ánh Tuyết",  # the applicant
        "PHƯỜNG BA ĐÌNH",  # the issuing body, in capitals
        "Thành phố Hà Nội",
        "Nguyễn Văn Bảy",  # the household
        "Hội Liên hiệp Phụ nữ",  # the organisation
        "Tổ TK&VV thôn Đông",
        "Mua hai con bò giống",
        "50.000.000 ₫",
        "Họ và tên",
    ):
        assert unicodedata.normalize("NFC", vietnamese) in text, vietnamese
    # Nothing of the offence or the case notes.
    assert "Ninh Khánh" not in text
    assert "uống rượu" not in text
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "loan_summary_printed")
        )
        assert event.object_id == str(endorsed_id)


def test_reviewer_prints_the_summary_of_a_file_routed_to_them(
    client, auth, loan_people, endorsed_id
):
    auth.login(loan_people.womens_reviewer)
    assert client.get(f"/loans/{endorsed_id}/summary.pdf").status_code == 200


def test_commune_form_01_lists_the_endorsed_applications(
    app, client, auth, loan_people, endorsed_id
):
    auth.login(loan_people.hanoi.caseworker_x)
    response = client.get(f"/loans/form01.pdf?commune={loan_people.hanoi.commune_x}")
    assert response.status_code == 200
    text = pdf_text(response.data)
    for vietnamese in (
        "Nguyễn Thị Ánh Tuyết",
        "1990",
        "125/GCN-TG",
        "Chấp hành xong án phạt tù",  # the release type
        "01/09/2025",
        "PHƯỜNG BA ĐÌNH",
    ):
        assert vietnamese in text, vietnamese
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "loan_form01_printed")
        )
        assert event.detail["applications"] == [endorsed_id]


def test_form_01_only_for_ones_own_communes(client, auth, loan_people, endorsed_id):
    auth.login(loan_people.hanoi.caseworker_y)
    assert client.get(f"/loans/form01.pdf?commune={loan_people.hanoi.commune_x}").status_code == 404
    auth.logout()
    auth.login(loan_people.womens_reviewer)
    assert client.get(f"/loans/form01.pdf?commune={loan_people.hanoi.commune_x}").status_code == 403


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """The PDFs are read in Vietnamese: compile the catalogues a .po edit left stale (as
    `make translations` does) rather than test against yesterday's words."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue, use_fuzzy=True)


def test_letterhead_in_vietnamese(app, client, auth, loan_people, endorsed_id):
    with app.test_request_context(), force_locale("vi"):
        assert gettext("SOCIALIST REPUBLIC OF VIETNAM") != "SOCIALIST REPUBLIC OF VIETNAM"
    auth.login(loan_people.hanoi.caseworker_x)
    text = pdf_text(client.get(f"/loans/{endorsed_id}/summary.pdf").data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN" in text


def test_form_02_is_the_business_plan_in_vietnamese(app, client, auth, loan_people):
    from tests.loans.test_routes import new_business

    auth.login(loan_people.hanoi.caseworker_x)
    application_id = new_business(client, loan_people, business_address="Thôn Phú Vinh, Ba Đình")
    response = client.get(f"/loans/{application_id}/form02.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for vietnamese in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # the national motto
        "Độc lập - Tự do - Hạnh phúc",
        "HTX MÂY TRE ĐAN PHÚ VINH",  # the business heads its own paper
        "Mẫu số 02",
        "PHƯƠNG ÁN VAY VỐN",
        "Ngân hàng Chính sách xã hội",
        "Hợp tác xã",  # the kind of business
        "Thôn Phú Vinh, Ba Đình",
        "300.000.000 ₫",
        "10%",  # 3 of 30 workers
        "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN",
        "Phường Ba Đình",
    ):
        assert unicodedata.normalize("NFC", vietnamese) in text, vietnamese
    assert "ỦY BAN NHÂN DÂN PHƯỜNG" not in text.split("CỘNG HÒA")[0]  # not the commune's paper
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "loan_form02_printed")
        )
        assert event.object_id == str(application_id)


def test_form_02_only_for_a_business_and_its_preparers(client, auth, loan_people, endorsed_id):
    auth.login(loan_people.hanoi.caseworker_x)
    assert client.get(f"/loans/{endorsed_id}/form02.pdf").status_code == 404  # a person's
    from tests.loans.test_routes import new_business

    business_id = new_business(client, loan_people)
    auth.logout()
    auth.login(loan_people.hanoi.caseworker_y)
    assert client.get(f"/loans/{business_id}/form02.pdf").status_code == 404
    auth.logout()
    auth.login(loan_people.womens_reviewer)
    assert client.get(f"/loans/{business_id}/form02.pdf").status_code == 403
