"""The arrival papers (Circular 10/2024 Art. 9): HCD-02 and HCD-05 printed from the case file,
pre-filled, headed as the commune People's Committee's papers; the text read back."""

import io

from pypdf import PdfReader
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_information_sheet_is_filled_from_the_file(app, client, auth, registered_case, hanoi):
    auth.login(hanoi.caseworker_x)
    page = client.get(f"/cases/{registered_case}").get_data(as_text=True)
    assert f"/cases/{registered_case}/papers/hcd02.pdf" in page
    response = client.get(f"/cases/{registered_case}/papers/hcd02.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "ỦY BAN NHÂN DÂN", "HCĐ-02", "NGUYỄN VĂN AN", "15/03/1985",
                     "001085012345", "01/09/2025", "05/09/2025"):  # fmt: skip
        assert expected in text, expected
    assert "Trại giam Thanh Xuân" not in text  # the offence is not printed
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case_paper_printed")
        ).one()
        assert event.detail == {"form": "HCD02"}


def test_the_commitment_names_the_person_and_the_commune(app, client, auth, registered_case, hanoi):
    auth.login(hanoi.caseworker_x)
    response = client.get(f"/cases/{registered_case}/papers/hcd05.pdf")
    text = pdf_text(response.data)
    assert "HCĐ-05" in text and "NGUYỄN VĂN AN" in text
    assert "tái phạm" in text
    assert client.get(f"/cases/{registered_case}/papers/hcd09.pdf").status_code == 404
    auth.logout()
    auth.login(hanoi.caseworker_y)  # another commune's caseworker: not theirs
    assert client.get(f"/cases/{registered_case}/papers/hcd05.pdf").status_code == 404
